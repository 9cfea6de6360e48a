"""The public portal API against the real content service, Kafka and the read cache."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from gateway.metrics import CACHE_LOOKUPS, HTTP_REQUESTS
from newsroom_testkit.gateway import eventually, problem

pytestmark = pytest.mark.anyio

TENANT = "halong"


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


async def published(client: httpx.AsyncClient, newsroom: Any, story: Any) -> dict[str, Any]:
    """Publish ``story`` (editorial event -> content) and wait until content serves it."""
    newsroom.publish(story)

    async def visible() -> bool:
        return bool(newsroom.published(story.tenant, story.slug))

    assert await eventually(visible, timeout_s=30), "content never published the story"
    response = await client.get(f"/public/v1/tenants/{story.tenant}/stories/{story.slug}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_story_has_a_strong_etag_and_revalidates_to_304(
    client: httpx.AsyncClient, newsroom: Any, cache_ready: bool
) -> None:
    story = newsroom.draft(TENANT, unique("Khai trương cảng biển"))
    body = await published(client, newsroom, story)
    assert body["headline"] == story.headline and body["story_id"] == story.id
    url = f"/public/v1/tenants/{TENANT}/stories/{story.slug}"
    first = await client.get(url)
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=30, stale-while-revalidate=60"
    again = await client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert "public" in again.headers["cache-control"]
    other = await client.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.headers["etag"] == etag
    assert other.json() == first.json()


async def test_head_answers_like_get_without_a_body(
    client: httpx.AsyncClient, newsroom: Any, cache_ready: bool
) -> None:
    story = newsroom.draft(TENANT, unique("Kiểm tra liên kết"))
    await published(client, newsroom, story)
    url = f"/public/v1/tenants/{TENANT}/stories/{story.slug}"
    get = await client.get(url)
    head = await client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["cache-control"] == get.headers["cache-control"]
    revalidated = await client.head(url, headers={"If-None-Match": get.headers["etag"]})
    assert revalidated.status_code == 304
    missing = await client.head(f"/public/v1/tenants/{TENANT}/stories/khong-co-bai-nay")
    assert missing.status_code == 404 and missing.content == b""
    assert missing.headers["content-type"].startswith("application/problem+json")


async def test_internal_stories_are_never_public(client: httpx.AsyncClient, newsroom: Any) -> None:
    secret = unique("Họp nội bộ")
    story = newsroom.draft(TENANT, secret, internal=True)
    newsroom.publish(story)
    marker = newsroom.draft(TENANT, unique("Bài công khai sau"))
    await published(client, newsroom, marker)  # published after: the internal one is done too
    response = await client.get(f"/public/v1/tenants/{TENANT}/stories/{story.slug}")
    assert response.status_code == 404
    assert problem(response)["reason"] == "STORY_NOT_FOUND"
    home = (await client.get(f"/public/v1/tenants/{TENANT}/")).json()
    assert marker.id in {s["story_id"] for s in home["stories"]}
    assert story.id not in {s["story_id"] for s in home["stories"]}
    found = (await client.get(f"/public/v1/tenants/{TENANT}/search", params={"q": secret})).json()
    assert story.id not in {h["story"]["story_id"] for h in found["items"]}
    rss = await client.get(f"/public/v1/tenants/{TENANT}/rss.xml")
    assert secret not in rss.text


async def test_search_ignores_vietnamese_accents(client: httpx.AsyncClient, newsroom: Any) -> None:
    word = uuid.uuid4().hex[:8]
    story = newsroom.draft(TENANT, f"Ngày hội truyền thông {word}")
    await published(client, newsroom, story)
    response = await client.get(
        f"/public/v1/tenants/{TENANT}/search", params={"q": f"truyen thong {word}"}
    )
    assert response.status_code == 200
    hits = response.json()["items"]
    assert [h["story"]["story_id"] for h in hits] == [story.id]
    assert "<mark>" in hits[0]["snippet_html"]
    assert response.headers["etag"]


async def test_feeds_and_sitemap_carry_published_stories(
    client: httpx.AsyncClient, newsroom: Any
) -> None:
    story = newsroom.draft(TENANT, unique("Bản tin sản xuất than"), section="su-kien")
    await published(client, newsroom, story)
    rss = await client.get(f"/public/v1/tenants/{TENANT}/rss.xml")
    assert rss.status_code == 200
    assert rss.headers["content-type"].startswith("application/rss+xml")
    assert story.headline in rss.text and "<rss" in rss.text
    atom = await client.get(f"/public/v1/tenants/{TENANT}/atom.xml")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert story.headline in atom.text
    section = await client.get(f"/public/v1/tenants/{TENANT}/sections/su-kien/rss.xml")
    assert story.headline in section.text
    news = await client.get(f"/public/v1/tenants/{TENANT}/sections/tin-tuc/rss.xml")
    assert story.headline not in news.text
    sitemap = await client.get(f"/public/v1/tenants/{TENANT}/sitemap.xml")
    assert sitemap.headers["content-type"].startswith("application/xml")
    assert story.slug in sitemap.text
    revalidated = await client.get(
        f"/public/v1/tenants/{TENANT}/rss.xml", headers={"If-None-Match": rss.headers["etag"]}
    )
    assert revalidated.status_code in (200, 304)  # 200 only if another test published since
    unknown = await client.get(f"/public/v1/tenants/{TENANT}/sections/khong-co/rss.xml")
    assert unknown.status_code == 404
    assert problem(unknown)["reason"] == "SECTION_NOT_FOUND"


async def test_section_pages_paginate_with_cursors(
    client: httpx.AsyncClient, newsroom: Any
) -> None:
    stories = [newsroom.draft("uongbi", unique(f"Tin ảnh {i}"), section="anh") for i in range(5)]
    for story in stories[:-1]:
        newsroom.publish(story)
    await published(client, newsroom, stories[-1])

    async def all_visible() -> bool:
        return all(newsroom.published("uongbi", s.slug) for s in stories)

    assert await eventually(all_visible, timeout_s=30)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        response = await client.get("/public/v1/tenants/uongbi/sections/anh", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= 2
        seen.extend(item["story_id"] for item in page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert pages < 10
    assert pages >= 3
    assert len(seen) == len(set(seen))
    assert {s.id for s in stories} <= set(seen)
    bad = await client.get("/public/v1/tenants/uongbi/sections/anh", params={"cursor": "x!"})
    assert bad.status_code == 400
    assert problem(bad)["reason"] == "INVALID_PAGE_TOKEN"


async def test_tenant_home_lists_sections_and_newest_stories(
    client: httpx.AsyncClient, newsroom: Any
) -> None:
    story = newsroom.draft(TENANT, unique("Tin mới nhất"))
    await published(client, newsroom, story)

    async def on_home() -> bool:
        home = (await client.get(f"/public/v1/tenants/{TENANT}/")).json()
        return bool(home["stories"] and home["stories"][0]["story_id"] == story.id)

    assert await eventually(on_home, timeout_s=5)  # the publish event refreshed the cache
    home = (await client.get(f"/public/v1/tenants/{TENANT}/")).json()
    assert home["tenant"]["slug"] == TENANT
    slugs = [s["slug"] for s in home["sections"]]
    assert len(slugs) >= 5 and "tin-tuc" in slugs  # the tenant's default sections


async def test_retracted_story_leaves_the_cached_public_api_within_a_second(
    client: httpx.AsyncClient, app: FastAPI, newsroom: Any, cache_ready: bool
) -> None:
    cache = app.state.gateway.cache
    invalidator = app.state.gateway.invalidator
    story = newsroom.draft(TENANT, unique("Bài sẽ bị gỡ"))
    await published(client, newsroom, story)
    url = f"/public/v1/tenants/{TENANT}/stories/{story.slug}"
    first = await client.get(url)
    entries_before = len(cache)
    assert (await client.get(url)).json() == first.json()  # served from the cache
    assert entries_before >= 1

    invalidations = invalidator.invalidations
    newsroom.retract(story, "Sai thông tin")

    async def gone_from_content() -> bool:
        return not newsroom.published(TENANT, story.slug)

    assert await eventually(gone_from_content, timeout_s=30), "content never retracted it"

    async def gone_from_gateway() -> bool:
        return (await client.get(url)).status_code in (404, 410)

    assert await eventually(gone_from_gateway, timeout_s=1.0, interval_s=0.02)
    assert invalidator.invalidations > invalidations  # the event, not the 60 s TTL
    gone = await client.get(url)
    assert gone.status_code == 410
    assert problem(gone)["reason"] == "STORY_RETRACTED"
    found = await client.get(f"/public/v1/tenants/{TENANT}/search", params={"q": story.headline})
    assert story.id not in {h["story"]["story_id"] for h in found.json()["items"]}
    rss = await client.get(f"/public/v1/tenants/{TENANT}/rss.xml")
    assert story.headline not in rss.text


async def test_cache_hits_keep_request_ids_metrics_and_exact_keys(
    client: httpx.AsyncClient, newsroom: Any, cache_ready: bool
) -> None:
    tenant = "tkv"  # no other test publishes here: no invalidation between the requests
    story = newsroom.draft(tenant, unique("Bài đọc nhiều"))
    await published(client, newsroom, story)
    url = f"/public/v1/tenants/{tenant}/stories/{story.slug}"
    route = "/public/v1/tenants/{tenant}/stories/{slug}"
    await client.get(url)  # fills the cache (if the publish event has not just cleared it)
    await client.get(url)
    hits = CACHE_LOOKUPS.labels("hit")._value.get()
    served = HTTP_REQUESTS.labels(route, "GET", "200")._value.get()
    response = await client.get(url, headers={"X-Request-ID": "hit-1"})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "hit-1"
    assert response.headers["content-type"] == "application/json"
    assert CACHE_LOOKUPS.labels("hit")._value.get() == hits + 1
    assert HTTP_REQUESTS.labels(route, "GET", "200")._value.get() == served + 1
    revalidated = await client.get(
        url, headers={"If-None-Match": response.headers["etag"], "X-Request-ID": "hit-2"}
    )
    assert revalidated.status_code == 304 and revalidated.headers["x-request-id"] == "hit-2"
    assert HTTP_REQUESTS.labels(route, "GET", "304")._value.get() >= 1
    # A different query string is a different entry, validated by the route first.
    invalid = await client.get(url, params={"limit": "0"})
    assert invalid.status_code == 200  # unknown parameters are ignored, like FastAPI does
    bad_search = await client.get(f"/public/v1/tenants/{tenant}/search", params={"q": ""})
    assert bad_search.status_code == 400


async def test_story_path_parameters_are_validated(client: httpx.AsyncClient) -> None:
    for path, field in (
        ("/public/v1/tenants/Ha_Long/stories/abc", "path.tenant"),
        (f"/public/v1/tenants/{TENANT}/stories/{'a' * 201}", "path.slug"),
    ):
        response = await client.get(path)
        assert response.status_code == 400, response.text
        body = problem(response)
        assert body["reason"] == "VALIDATION_FAILED"
        assert [error["field"] for error in body["errors"]] == [field]
