"""The portal's read models: published story, lists, search, feeds and sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
from sqlalchemy import text

from content_service import grpc_api, wiring
from content_service.publishing.feeds import ATOM_NS, SITEMAP_NS
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1 import published_story_pb2, story_pb2
from newsroom.content.v1.content_service_pb2_grpc import (
    ContentServiceStub,
)
from newsroom_core.db import SessionFactory, driver_cursor, make_read_engine, session_scope
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import Identity
from newsroom_core.settings import DbSettings
from newsroom_testkit.editorial_events import publish_requested, retraction_requested
from newsroom_testkit.identities import IDENTITY_KEY, member
from newsroom_testkit.media import MediaService, new_asset
from newsroom_testkit.outbox import deliver
from newsroom_testkit.services import serve

pytestmark = [pytest.mark.postgres]

BASE_URL = "https://news.tkv.vn/halong"
Publisher = Callable[..., story_pb2.Story]


@pytest.fixture
def publish(stub: ContentServiceStub, router: EventRouter, sessions: SessionFactory) -> Publisher:
    """Creates a story through the API and publishes it through an editorial event."""

    def run(
        tenant: str,
        headline: str,
        *,
        at: datetime | None = None,
        internal: bool = False,
        section: str = "",
        **fields: Any,
    ) -> story_pb2.Story:
        with acting_as(member(tenant, "editor")):
            section_id = ""
            if section:
                sections = stub.ListSections(pb.ListSectionsRequest(tenant=tenant)).sections
                section_id = next(s.id for s in sections if s.slug == section)
            story: story_pb2.Story = stub.CreateStory(
                pb.CreateStoryRequest(
                    tenant=tenant,
                    type=story_pb2.STORY_TYPE_NEWS,
                    visibility=(
                        story_pb2.VISIBILITY_INTERNAL if internal else story_pb2.VISIBILITY_PUBLIC
                    ),
                    headline=headline,
                    section_id=section_id,
                    **fields,
                )
            ).story
        deliver(sessions, router, publish_requested(tenant, story.id, 1, at=at))
        return story

    return run


def search(
    stub: ContentServiceStub, tenant: str, query: str, *, internal: bool = False, **kw: Any
) -> list[published_story_pb2.SearchHit]:
    reply = stub.SearchPublishedStories(
        pb.SearchPublishedStoriesRequest(
            tenant=tenant, query=query, include_internal=internal, **kw
        )
    )
    return list(reply.hits)


def rpc_error(call: Callable[[], object]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value


def test_search_ignores_vietnamese_diacritics(
    stub: ContentServiceStub, publish: Publisher, tenant_factory: Callable[..., str]
) -> None:
    tenant, other = tenant_factory("search"), tenant_factory("search-b")
    match = publish(
        tenant,
        "Đẩy mạnh truyền thông về an toàn lao động",
        summary="Than Hạ Long & <các đơn vị> tăng cường tuyên truyền",
        body_html="<p>Công tác truyền thông được triển khai tới từng phân xưởng.</p>",
    )
    publish(tenant, "Sản lượng than tháng 9", body_html="<p>Đạt kế hoạch.</p>")
    publish(other, "Truyền thông nội bộ của đơn vị B")

    for query in ("truyen thong", "truyền thông", "TRUYỀN THÔNG", "truyen"):
        hits = search(stub, tenant, query)
        assert [h.story.story_id for h in hits] == [match.id], query
    hit = search(stub, tenant, "truyen thong")[0]
    assert hit.rank > 0
    assert "<mark>truyền</mark> <mark>thông</mark>" in hit.snippet_html
    assert "&lt;các đơn vị&gt;" in hit.snippet_html and "&amp;" in hit.snippet_html
    assert [h.story.story_id for h in search(stub, tenant, "truyen -phan xuong")] == []
    assert [h.story.story_id for h in search(stub, tenant, '"an toan lao dong"')] == [match.id]
    assert search(stub, tenant, "dien luc") == []
    other_hits = search(stub, other, "truyen thong")
    assert len(other_hits) == 1 and other_hits[0].story.tenant == other, "no cross-tenant hits"
    empty = rpc_error(lambda: search(stub, tenant, "   "))
    assert error_reason(empty) == "QUERY_REQUIRED"


def test_internal_stories_need_a_signed_in_group_member(
    stub: ContentServiceStub, publish: Publisher, tenant_factory: Callable[..., str]
) -> None:
    tenant, sister = tenant_factory("int"), tenant_factory("int-sister")
    secret = publish(tenant, "Thông báo nội bộ về lương tháng", internal=True)
    public = publish(tenant, "Thông báo công khai về an toàn")

    assert [h.story.story_id for h in search(stub, tenant, "thong bao")] == [public.id]
    listed = stub.ListPublishedStories(pb.ListPublishedStoriesRequest(tenant=tenant)).stories
    assert [s.story_id for s in listed] == [public.id]
    hidden = rpc_error(
        lambda: stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=secret.slug))
    )
    assert error_reason(hidden) == "STORY_NOT_FOUND"
    anonymous = rpc_error(lambda: search(stub, tenant, "thong bao", internal=True))
    assert anonymous.code() is grpc.StatusCode.UNAUTHENTICATED

    outsider = Identity("u-none", "khach", "Khách")
    with acting_as(outsider):
        denied = rpc_error(lambda: search(stub, tenant, "thong bao", internal=True))
    assert error_reason(denied) == "STAFF_ROLE_REQUIRED"

    for staff in (member(tenant, "contributor"), member(sister, "contributor")):
        with acting_as(staff):
            found = {h.story.story_id for h in search(stub, tenant, "thong bao", internal=True)}
            story = stub.GetPublishedStory(
                pb.GetPublishedStoryRequest(tenant=tenant, slug=secret.slug, include_internal=True)
            ).story
            without_flag = {h.story.story_id for h in search(stub, tenant, "thong bao")}
        assert found == {secret.id, public.id}
        assert story.visibility == story_pb2.VISIBILITY_INTERNAL
        assert without_flag == {public.id}, "internal needs include_internal even for staff"

    for fmt in (published_story_pb2.FEED_FORMAT_RSS, published_story_pb2.FEED_FORMAT_ATOM):
        feed = stub.GetFeed(pb.GetFeedRequest(tenant=tenant, format=fmt, base_url=BASE_URL))
        assert public.slug.encode() in feed.body and secret.slug.encode() not in feed.body
    sitemap = stub.GetSitemap(pb.GetSitemapRequest(tenant=tenant, base_url=BASE_URL)).body
    assert public.slug.encode() in sitemap and secret.slug.encode() not in sitemap


def test_list_published_newest_first_with_cursor_and_filters(
    stub: ContentServiceStub,
    publish: Publisher,
    tenant_factory: Callable[..., str],
    media: MediaService,
) -> None:
    tenant = tenant_factory("list")
    images = [new_asset(media, member(tenant, "editor"), tenant) for _ in range(5)]
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    stories = [
        publish(
            tenant,
            f"Tin số {i}",
            at=t0 + timedelta(hours=i),
            section="su-kien" if i % 2 else "tin-tuc",
            tags=["Bão Yagi"] if i == 3 else [],
            media=[story_pb2.StoryMedia(asset_id=images[i], caption="Ảnh")],
        )
        for i in range(5)
    ]
    pages: list[list[str]] = []
    token = ""
    while True:
        reply = stub.ListPublishedStories(
            pb.ListPublishedStoriesRequest(tenant=tenant, page_size=2, page_token=token)
        )
        pages.append([s.story_id for s in reply.stories])
        token = reply.next_page_token
        if not token:
            break
    assert pages == [
        [stories[4].id, stories[3].id],
        [stories[2].id, stories[1].id],
        [stories[0].id],
    ]
    events = stub.ListPublishedStories(
        pb.ListPublishedStoriesRequest(tenant=tenant, section_slug="su-kien")
    ).stories
    assert [s.story_id for s in events] == [stories[3].id, stories[1].id]
    assert events[0].section_name == "Sự kiện" and events[0].lead_media.asset_id == images[3]
    tagged = stub.ListPublishedStories(
        pb.ListPublishedStoriesRequest(tenant=tenant, tag_slug="bao-yagi")
    ).stories
    assert [s.story_id for s in tagged] == [stories[3].id]
    unknown = rpc_error(
        lambda: stub.ListPublishedStories(
            pb.ListPublishedStoriesRequest(tenant=tenant, section_slug="khong-co")
        )
    )
    assert error_reason(unknown) == "SECTION_NOT_FOUND"
    unfiltered_token = stub.ListPublishedStories(
        pb.ListPublishedStoriesRequest(tenant=tenant, page_size=1)
    ).next_page_token
    foreign = rpc_error(
        lambda: stub.ListPublishedStories(
            pb.ListPublishedStoriesRequest(
                tenant=tenant, section_slug="tin-tuc", page_token=unfiltered_token
            )
        )
    )
    assert error_reason(foreign) == "INVALID_PAGE_TOKEN", "a token of another list is refused"


def test_feeds_and_sitemap(
    stub: ContentServiceStub,
    publish: Publisher,
    router: EventRouter,
    sessions: SessionFactory,
    tenant_factory: Callable[..., str],
) -> None:
    tenant = tenant_factory("feed")
    t0 = datetime(2025, 2, 1, 1, 0, tzinfo=UTC)
    news = publish(
        tenant, "Hội nghị tổng kết", at=t0, section="tin-tuc", summary="Tổng kết năm 2024"
    )
    event = publish(
        tenant, "Lễ kỷ niệm ngày truyền thống", at=t0 + timedelta(days=1), section="su-kien"
    )
    doomed = publish(tenant, "Bài sẽ bị gỡ", at=t0 + timedelta(days=2), section="tin-tuc")
    deliver(sessions, router, retraction_requested(tenant, doomed.id, "Sai sự thật"))

    rss = stub.GetFeed(pb.GetFeedRequest(tenant=tenant, base_url=BASE_URL + "/"))
    assert rss.content_type == "application/rss+xml; charset=utf-8" and rss.etag
    assert rss.last_modified.ToDatetime(tzinfo=UTC) == t0 + timedelta(days=1)
    channel = ET.fromstring(rss.body).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [event.headline, news.headline]
    assert items[1].findtext("link") == f"{BASE_URL}/bai-viet/{news.slug}"
    assert items[1].findtext("pubDate") == "Sat, 01 Feb 2025 01:00:00 GMT"
    assert items[1].findtext("description") == "Tổng kết năm 2024"

    atom = stub.GetFeed(
        pb.GetFeedRequest(
            tenant=tenant,
            section_slug="tin-tuc",
            format=published_story_pb2.FEED_FORMAT_ATOM,
            base_url=BASE_URL,
        )
    )
    assert atom.content_type == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(atom.body)
    a = f"{{{ATOM_NS}}}"
    entries = root.findall(f"{a}entry")
    assert [e.findtext(f"{a}id") for e in entries] == [f"urn:uuid:{news.id}"]
    assert entries[0].findtext(f"{a}published") == "2025-02-01T01:00:00Z"
    assert "Tin tức" in (root.findtext(f"{a}title") or "")
    same = stub.GetFeed(
        pb.GetFeedRequest(
            tenant=tenant,
            section_slug="tin-tuc",
            format=published_story_pb2.FEED_FORMAT_ATOM,
            base_url=BASE_URL,
        )
    )
    assert same.etag == atom.etag, "unchanged content keeps its etag"

    sitemap = stub.GetSitemap(pb.GetSitemapRequest(tenant=tenant, base_url=BASE_URL))
    s = f"{{{SITEMAP_NS}}}"
    locs = [u.findtext(f"{s}loc") for u in ET.fromstring(sitemap.body).findall(f"{s}url")]
    assert f"{BASE_URL}/bai-viet/{news.slug}" in locs
    assert f"{BASE_URL}/bai-viet/{event.slug}" in locs
    assert f"{BASE_URL}/chuyen-muc/tin-tuc" in locs
    assert not any(doomed.slug in (loc or "") for loc in locs)

    bad = rpc_error(lambda: stub.GetFeed(pb.GetFeedRequest(tenant=tenant, base_url="halong")))
    assert error_reason(bad) == "BASE_URL_INVALID"
    missing = rpc_error(
        lambda: stub.GetFeed(
            pb.GetFeedRequest(tenant=tenant, section_slug="khong-co", base_url=BASE_URL)
        )
    )
    assert error_reason(missing) == "SECTION_NOT_FOUND"
    nobody = rpc_error(
        lambda: stub.GetSitemap(pb.GetSitemapRequest(tenant="khong-co", base_url=BASE_URL))
    )
    assert error_reason(nobody) == "TENANT_NOT_FOUND"


def test_a_dropped_read_connection_answers_unavailable_once_then_the_pool_recovers(
    content_db: str,
    sessions: SessionFactory,
    publish: Publisher,
    tenant_factory: Callable[..., str],
    media: MediaService,
) -> None:
    """The portal's story read runs on a raw driver cursor: a connection the database
    dropped (restart, failover, idle killer) is UNAVAILABLE with the database reason, so
    the gateway may retry, and it leaves the pool: the next call gets a new connection."""
    tenant = tenant_factory("drop")
    story = publish(tenant, "Kết nối cơ sở dữ liệu bị ngắt")
    read_engine = make_read_engine(DbSettings(url=content_db, read_pool_size=1, max_overflow=0))
    content = wiring.use_cases(
        sessions, read_engine=read_engine, events_topic="unused", media=media.directory
    )
    server = serve(grpc_api.binding(content.servicer()))
    try:
        own = ContentServiceStub(make_channel(server.address, identity_key=IDENTITY_KEY))  # type: ignore[no-untyped-call]
        request = pb.GetPublishedStoryRequest(tenant=tenant, slug=story.slug)
        assert own.GetPublishedStory(request).story.story_id == story.id
        with driver_cursor(read_engine) as cursor:  # the pool's only connection
            cursor.execute("SELECT pg_backend_pid()")
            row = cursor.fetchone()
            assert row is not None
            pid = row[0]
        with session_scope(sessions) as session:
            session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

        with pytest.raises(grpc.RpcError) as err:
            own.GetPublishedStory(request)
        assert err.value.code() is grpc.StatusCode.UNAVAILABLE
        assert error_reason(err.value) == "DATABASE_UNAVAILABLE"
        assert own.GetPublishedStory(request).story.story_id == story.id
        with driver_cursor(read_engine) as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone() != (pid,)
    finally:
        server.stop(0)
        read_engine.dispose()


def test_related_stories_share_tags_first_then_the_section(
    stub: ContentServiceStub, publish: Publisher, tenant_factory: Callable[..., str]
) -> None:
    tenant, other = tenant_factory("rel"), tenant_factory("rel-b")
    base = datetime(2026, 3, 1, tzinfo=UTC)
    story = publish(tenant, "Gốc", at=base, tags=["an toàn", "thợ lò", "mỏ"], section="tin-tuc")
    two = publish(tenant, "Hai thẻ", at=base + timedelta(minutes=1), tags=["an toàn", "mỏ"])
    one = publish(tenant, "Một thẻ", at=base + timedelta(minutes=2), tags=["thợ lò"])
    same_section = publish(tenant, "Cùng mục", at=base + timedelta(minutes=3), section="tin-tuc")
    publish(tenant, "Không liên quan", at=base + timedelta(minutes=4), section="su-kien")
    publish(tenant, "Nội bộ", at=base + timedelta(minutes=5), tags=["an toàn"], internal=True)
    publish(other, "Đơn vị khác", at=base, tags=["an toàn", "thợ lò", "mỏ"])

    reply = stub.ListRelatedStories(pb.ListRelatedStoriesRequest(tenant=tenant, slug=story.slug))
    assert [s.story_id for s in reply.stories] == [two.id, one.id, same_section.id]
    assert {t.name for t in reply.stories[0].tags} == {"an toàn", "mỏ"}, "summaries carry tags"

    capped = stub.ListRelatedStories(
        pb.ListRelatedStoriesRequest(tenant=tenant, slug=story.slug, page_size=1)
    )
    assert [s.story_id for s in capped.stories] == [two.id]
    missing = rpc_error(
        lambda: stub.ListRelatedStories(pb.ListRelatedStoriesRequest(tenant=tenant, slug="nope"))
    )
    assert missing.code() is grpc.StatusCode.NOT_FOUND


def test_news_sitemap_lists_the_last_two_days_of_public_stories(
    stub: ContentServiceStub, publish: Publisher, tenant_factory: Callable[..., str]
) -> None:
    tenant = tenant_factory("news")
    now = datetime.now(UTC)
    fresh = publish(tenant, "Tin mới", at=now - timedelta(hours=3))
    publish(tenant, "Tin cũ", at=now - timedelta(days=3))
    publish(tenant, "Tin nội bộ", at=now - timedelta(hours=1), internal=True)
    reply = stub.GetSitemap(pb.GetSitemapRequest(tenant=tenant, base_url=BASE_URL, news=True))
    root = ET.fromstring(reply.body)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    urls = root.findall(f"{{{SITEMAP_NS}}}url")
    assert [u.findtext(f"{{{SITEMAP_NS}}}loc") for u in urls] == [
        f"{BASE_URL}/bai-viet/{fresh.slug}"
    ]
    entry = urls[0].find(f"{news}news")
    assert entry is not None
    assert entry.findtext(f"{news}title") == "Tin mới"
    assert entry.findtext(f"{news}publication/{news}name") == "Đơn vị news"
    assert entry.findtext(f"{news}publication/{news}language") == "vi"
    published = entry.findtext(f"{news}publication_date") or ""
    assert published.endswith("Z") and datetime.fromisoformat(published) <= now
