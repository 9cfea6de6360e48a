"""End to end through the gateway, with real Keycloak tokens, the real content and
editorial-approval services, PostgreSQL and Kafka: draft -> submit -> editor -> board ->
published (portal, search, RSS, one StoryPublished event) -> audit -> retraction -> gone.
Plus: an official statement is never published without the spokesperson's sign-off."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from newsroom_core.events.envelope import CloudEvent
from newsroom_core.settings import KafkaSettings
from newsroom_core.testing.kafka import read_all
from newsroom_testkit.gateway import Tokens, bearer, eventually, problem

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak, pytest.mark.kafka, pytest.mark.postgres]

TENANT = "halong"
API = f"/v1/tenants/{TENANT}"
PUBLIC = f"/public/v1/tenants/{TENANT}"
PUBLISHED = "newsroom.content.story.published.v1"
RETRACTED = "newsroom.content.story.retracted.v1"


async def events_of(
    kafka: KafkaSettings, topic: str, story_id: str, ce_type: str
) -> list[CloudEvent]:
    events = await asyncio.to_thread(read_all, kafka, topic, 0, 30)
    return [e for e in events if e.subject == story_id and e.type == ce_type]


async def act(
    client: httpx.AsyncClient, token: str, story_id: str, action: str, body: dict[str, Any]
) -> httpx.Response:
    return await client.post(f"{API}/stories/{story_id}/{action}", json=body, headers=bearer(token))


async def on_portal(client: httpx.AsyncClient, slug: str) -> bool:
    return (await client.get(f"{PUBLIC}/stories/{slug}")).status_code == 200


async def found_by_search(client: httpx.AsyncClient, query: str, story_id: str) -> bool:
    response = await client.get(f"{PUBLIC}/search", params={"q": query})
    return story_id in {h["story"]["story_id"] for h in response.json()["items"]}


async def in_rss(client: httpx.AsyncClient, headline: str) -> bool:
    return headline in (await client.get(f"{PUBLIC}/rss.xml")).text


async def test_story_lifecycle(
    client: httpx.AsyncClient, tokens: Tokens, kafka_settings: KafkaSettings, stack: Any
) -> None:
    contributor = tokens("halong.contributor")
    editor = tokens("halong.editor")
    board = tokens("halong.board")
    word = uuid.uuid4().hex[:8]
    headline = f"Ngày hội truyền thông {word}"

    # The contributor drafts and submits.
    created = await client.post(
        f"{API}/stories",
        json={
            "type": "news",
            "headline": headline,
            "summary": "Ngày hội truyền thông của công ty",
            "body_html": "<p>Công ty tổ chức ngày hội truyền thông nội bộ.</p>",
        },
        headers=bearer(contributor),
    )
    assert created.status_code == 201, created.text
    story = created.json()
    story_id, slug = story["id"], story["slug"]
    submitted = await act(client, contributor, story_id, "submit", {"revision": 1})
    assert submitted.status_code == 200, submitted.text

    # The contributor cannot approve it.
    refused = await act(client, contributor, story_id, "approve", {"revision": 1})
    assert refused.status_code == 403
    assert problem(refused)["reason"] == "ROLE_REQUIRED"

    # The editor approves the desk stage, the board the final one.
    desk = await act(client, editor, story_id, "approve", {"revision": 1, "comment": "Đạt"})
    assert desk.status_code == 200, desk.text
    assert desk.json()["workflow"]["state"] == "in_review"
    final = await act(client, board, story_id, "approve", {"revision": 1})
    assert final.status_code == 200, final.text
    assert final.json()["workflow"]["state"] == "published"

    # On the portal, in search (without accents) and in the RSS feed.
    assert await eventually(lambda: on_portal(client, slug), timeout_s=30)
    page = (await client.get(f"{PUBLIC}/stories/{slug}")).json()
    assert page["headline"] == headline and page["revision"] == 1
    assert await eventually(
        lambda: found_by_search(client, f"truyen thong {word}", story_id), timeout_s=10
    )
    assert await eventually(lambda: in_rss(client, headline), timeout_s=10)

    # Exactly one StoryPublished for the story on Kafka.
    async def published_event() -> bool:
        return bool(await events_of(kafka_settings, stack.topics.content, story_id, PUBLISHED))

    assert await eventually(published_event, timeout_s=30, interval_s=0.5)
    [event] = await events_of(kafka_settings, stack.topics.content, story_id, PUBLISHED)
    assert event.tenant == TENANT and event.source == "/newsroom/content"

    # The audit log (through the API) shows every step.
    audit = await client.get(f"{API}/audit", params={"story_id": story_id}, headers=bearer(editor))
    assert audit.status_code == 200, audit.text
    steps = [(r["action"], r["actor"]["username"]) for r in reversed(audit.json()["items"])]
    assert steps == [
        ("submit", "halong.contributor"),
        ("approve", "halong.editor"),
        ("approve", "halong.board"),
        ("publish", "halong.board"),
    ]
    first = audit.json()["items"][-1]
    assert first["from_state"] == "draft" and first["to_state"] == "submitted"
    assert first["revision"] == 1 and first["at"]

    # The board retracts with a reason: gone from portal, search and RSS.
    reason = "Thông tin chưa được kiểm chứng"
    retracted = await act(client, board, story_id, "retract", {"reason": reason})
    assert retracted.status_code == 200, retracted.text
    assert retracted.json()["workflow"]["state"] == "retracted"
    assert retracted.json()["takedown"]["reason"] == reason

    async def off_portal() -> bool:
        return (await client.get(f"{PUBLIC}/stories/{slug}")).status_code in (404, 410)

    assert await eventually(off_portal, timeout_s=30)
    gone = await client.get(f"{PUBLIC}/stories/{slug}")
    assert problem(gone)["reason"] in ("STORY_RETRACTED", "STORY_NOT_FOUND")
    assert not await found_by_search(client, f"truyen thong {word}", story_id)
    assert not await in_rss(client, headline)

    async def retracted_event() -> bool:
        return bool(await events_of(kafka_settings, stack.topics.content, story_id, RETRACTED))

    assert await eventually(retracted_event, timeout_s=30, interval_s=0.5)
    assert len(await events_of(kafka_settings, stack.topics.content, story_id, RETRACTED)) == 1
    assert len(await events_of(kafka_settings, stack.topics.content, story_id, PUBLISHED)) == 1

    audit = await client.get(f"{API}/audit", params={"story_id": story_id}, headers=bearer(board))
    latest = audit.json()["items"][0]
    assert (latest["action"], latest["actor"]["username"]) == ("retract", "halong.board")
    assert latest["reason"] == reason and latest["to_state"] == "retracted"


async def test_official_statement_needs_the_spokesperson(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    contributor = tokens("halong.contributor")
    editor = tokens("halong.editor")
    board = tokens("halong.board")
    spokesperson = tokens("halong.spokesperson")
    created = await client.post(
        f"{API}/stories",
        json={
            "type": "official_statement",
            "headline": f"Thông cáo báo chí {uuid.uuid4().hex[:6]}",
            "body_html": "<p>Công ty chính thức thông báo.</p>",
        },
        headers=bearer(contributor),
    )
    assert created.status_code == 201, created.text
    story = created.json()
    story_id, slug = story["id"], story["slug"]
    assert (await act(client, contributor, story_id, "submit", {"revision": 1})).is_success
    assert (await act(client, editor, story_id, "approve", {"revision": 1})).is_success
    after_board = await act(client, board, story_id, "approve", {"revision": 1})
    assert after_board.status_code == 200, after_board.text
    workflow = after_board.json()["workflow"]
    assert workflow["state"] == "in_review"
    assert [s["role"] for s in workflow["stages"]] == ["editor", "board", "spokesperson"]

    # Board and editor cannot push it out without the spokesperson.
    publish = await act(client, board, story_id, "publish", {"revision": 1})
    assert publish.status_code == 409
    assert problem(publish)["reason"] == "INVALID_TRANSITION"
    not_theirs = await act(client, board, story_id, "approve", {"revision": 1})
    assert not_theirs.status_code in (403, 409)
    assert not await on_portal(client, slug)

    signed = await act(client, spokesperson, story_id, "approve", {"revision": 1})
    assert signed.status_code == 200, signed.text
    assert signed.json()["workflow"]["state"] == "published"
    assert await eventually(lambda: on_portal(client, slug), timeout_s=30)
