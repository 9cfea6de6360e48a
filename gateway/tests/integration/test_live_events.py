"""Live updates: a real submission through the gateway reaches the reviewers of that
tenant over Server-Sent Events, and nobody else's stream."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest

from gateway.live import LiveHub
from gateway.routes.live import HUB_KEY
from gateway.settings import GatewaySettings, LiveSettings
from newsroom_testkit.gateway import Tokens, bearer, gateway_client

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak, pytest.mark.kafka, pytest.mark.postgres]

STREAM_S = 4.0


def parse(stream: str) -> list[dict[str, Any]]:
    """The `story` events of an SSE body."""
    found = []
    for block in stream.split("\n\n"):
        lines = block.split("\n")
        if "event: story" in lines:
            data = next(line[len("data: ") :] for line in lines if line.startswith("data: "))
            found.append(json.loads(data))
    return found


async def test_a_submission_reaches_the_tenants_reviewers_and_its_author_only(
    gateway_settings: GatewaySettings, tokens: Tokens
) -> None:
    settings = gateway_settings.model_copy(
        update={
            "live": LiveSettings(
                events_topic=gateway_settings.live.events_topic,
                client_prefix="gateway-tests.live-stream",
                max_stream_s=STREAM_S,
                heartbeat_s=1.0,
            )
        }
    )
    async with gateway_client(settings) as (app, client):
        hub = app.state.gateway.extra[HUB_KEY]
        assert isinstance(hub, LiveHub)
        assert await asyncio.to_thread(hub.ready.wait, 30)

        async def listen(username: str) -> str:
            response = await client.get("/v1/events", headers=bearer(tokens(username)))
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith("text/event-stream")
            return response.text

        listeners = [
            asyncio.create_task(listen(name))
            for name in (
                "halong.editor",
                "uongbi.editor",
                "halong.contributor2",
                "halong.contributor",
            )
        ]
        for _ in range(100):  # every stream subscribed before anything happens
            if hub.subscribers == 4:
                break
            await asyncio.sleep(0.05)
        assert hub.subscribers == 4

        contributor = bearer(tokens("halong.contributor"))
        created = await client.post(
            "/v1/tenants/halong/stories",
            json={"type": "news", "headline": f"Tin trực tiếp {uuid.uuid4().hex[:6]}"},
            headers=contributor,
        )
        assert created.status_code == 201, created.text
        story_id = created.json()["id"]
        submitted = await client.post(
            f"/v1/tenants/halong/stories/{story_id}/submit",
            json={"revision": 1},
            headers=contributor,
        )
        assert submitted.status_code == 200, submitted.text

        editor, other_tenant, other_contributor, author = await asyncio.gather(*listeners)

    mine = [e for e in parse(editor) if e["story_id"] == story_id]
    assert mine, editor
    assert mine[-1]["kind"] == "submitted"
    assert mine[-1]["tenant"] == "halong"
    assert mine[-1]["queue_role"] == "editor"
    assert mine[-1]["actor_name"]
    assert ": connected" in other_tenant
    assert not [e for e in parse(other_tenant) if e["tenant"] != "uongbi"]
    # A contributor who is not the author hears nothing about someone else's story.
    assert not [e for e in parse(other_contributor) if e["story_id"] == story_id]
    # The author hears about their own story (events name the author).
    theirs = [e for e in parse(author) if e["story_id"] == story_id]
    assert theirs and theirs[-1]["author_id"] == mine[-1]["author_id"] != ""


async def test_the_stream_needs_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/events")
    assert response.status_code == 401
