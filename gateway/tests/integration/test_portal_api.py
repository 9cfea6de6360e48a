"""What the public portal reads besides stories: sites, tags, related stories, filtered
lists, the home's per-section blocks, the news sitemap and the staff read."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from newsroom.content.v1 import story_pb2
from newsroom_testkit.gateway import Tokens, eventually, problem

pytestmark = pytest.mark.anyio

TENANT = "uongbi"


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


async def publish(client: httpx.AsyncClient, newsroom: Any, story: Any) -> None:
    newsroom.publish(story)

    async def visible() -> bool:
        url = f"/public/v1/tenants/{story.tenant}/stories/{story.slug}"
        return (await client.get(url)).status_code == 200 and bool(
            newsroom.published(story.tenant, story.slug)
        )

    assert await eventually(visible, timeout_s=30), "content never published the story"


async def test_sites_put_the_group_at_the_root_and_others_under_their_slug(
    client: httpx.AsyncClient,
) -> None:
    reply = await client.get("/public/v1/sites")
    assert reply.status_code == 200 and reply.headers["etag"].startswith('"')
    body = reply.json()
    assert body["portal_url"] == "http://127.0.0.1:8080"
    sites = {s["tenant"]: s for s in body["sites"]}
    assert sites["tkv"]["group_tenant"] is True
    assert sites["tkv"]["base_url"] == "http://127.0.0.1:8080"
    assert sites["halong"]["base_url"] == "http://127.0.0.1:8080/halong"
    assert sites["halong"]["hostname"] is None
    again = await client.get("/public/v1/sites", headers={"If-None-Match": reply.headers["etag"]})
    assert again.status_code == 304


async def test_tags_related_and_type_filters(client: httpx.AsyncClient, newsroom: Any) -> None:
    tag = unique("thẻ")
    first = newsroom.draft(TENANT, unique("Bài gốc"), tags=(tag, "vận hành"))
    second = newsroom.draft(TENANT, unique("Bài cùng thẻ"), tags=(tag,))
    video = newsroom.draft(
        TENANT, unique("Phóng sự video"), section="video", story_type=story_pb2.STORY_TYPE_VIDEO
    )
    for story in (first, second, video):
        await publish(client, newsroom, story)
    tag_slug = next(
        t["slug"]
        for t in (await client.get(f"/public/v1/tenants/{TENANT}/stories/{first.slug}")).json()[
            "tags"
        ]
        if t["name"] == tag
    )

    async def tagged() -> bool:
        reply = await client.get(f"/public/v1/tenants/{TENANT}/tags/{tag_slug}")
        return reply.status_code == 200 and len(reply.json()["items"]) == 2

    assert await eventually(tagged, timeout_s=5)
    page = (await client.get(f"/public/v1/tenants/{TENANT}/tags/{tag_slug}")).json()
    assert page["tag"] == {"slug": tag_slug, "name": tag}
    assert [s["story_id"] for s in page["items"]] == [second.id, first.id]
    assert any(t["name"] == tag for t in page["items"][0]["tags"]), "summaries carry tags"
    missing = await client.get(f"/public/v1/tenants/{TENANT}/tags/khong-co-the-nay")
    assert missing.status_code == 404 and problem(missing)["reason"] == "TAG_NOT_FOUND"

    related = (
        await client.get(f"/public/v1/tenants/{TENANT}/stories/{second.slug}/related")
    ).json()
    assert related["items"][0]["story_id"] == first.id
    assert all(s["story_id"] != second.id for s in related["items"])

    videos = (await client.get(f"/public/v1/tenants/{TENANT}/stories?type=video")).json()
    assert videos["items"] and all(s["type"] == "video" for s in videos["items"])
    assert video.id in [s["story_id"] for s in videos["items"]]

    async def home_has_video_block() -> bool:
        home = (await client.get(f"/public/v1/tenants/{TENANT}/")).json()
        blocks = {b["section"]["slug"]: b["items"] for b in home["section_stories"]}
        return any(s["story_id"] == video.id for s in blocks.get("video", []))

    assert await eventually(home_has_video_block, timeout_s=5)
    home = (await client.get(f"/public/v1/tenants/{TENANT}/")).json()
    assert home["site"]["base_url"] == f"http://127.0.0.1:8080/{TENANT}"
    assert all(len(b["items"]) <= 4 for b in home["section_stories"])


async def test_news_sitemap_and_feed_links_point_to_the_portal(
    client: httpx.AsyncClient, newsroom: Any
) -> None:
    story = newsroom.draft("tkv", unique("Tin tập đoàn"))
    await publish(client, newsroom, story)

    async def listed() -> bool:
        reply = await client.get("/public/v1/tenants/tkv/news-sitemap.xml")
        return story.slug in reply.text

    assert await eventually(listed, timeout_s=5)
    news = await client.get("/public/v1/tenants/tkv/news-sitemap.xml")
    assert news.headers["content-type"].startswith("application/xml")
    assert f"<loc>http://127.0.0.1:8080/bai-viet/{story.slug}</loc>" in news.text
    assert "sitemap-news/0.9" in news.text
    rss = await client.get("/public/v1/tenants/halong/rss.xml")
    assert "<link>http://127.0.0.1:8080/halong</link>" in rss.text


async def test_staff_read_internal_stories_that_the_public_api_hides(
    client: httpx.AsyncClient, newsroom: Any, tokens: Tokens
) -> None:
    story = newsroom.draft("tkv", unique("Lịch giao ban nội bộ"), internal=True)
    newsroom.publish(story)
    url = f"/v1/portal/tenants/tkv/stories/{story.slug}"
    # staff of another tenant (halong) read the group's internal bulletin too
    staff = {"Authorization": f"Bearer {tokens('halong.editor')}"}

    async def visible() -> bool:
        return (await client.get(url, headers=staff)).status_code == 200

    assert await eventually(visible, timeout_s=30), "content never published the story"
    reply = await client.get(url, headers=staff)
    assert reply.json()["headline"] == story.headline
    assert reply.json()["visibility"] == "internal"
    assert reply.headers["cache-control"] == "private, no-store"
    assert (await client.get(f"/public/v1/tenants/tkv/stories/{story.slug}")).status_code == 404
    assert (await client.get(url)).status_code == 401
    nobody = await client.get(url, headers={"Authorization": f"Bearer {tokens('ops.viewer')}"})
    assert nobody.status_code == 403 and problem(nobody)["reason"] == "STAFF_ROLE_REQUIRED"
