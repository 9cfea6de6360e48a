from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from content_service.publishing.feeds import (
    ATOM_NS,
    DC_NS,
    SITEMAP_NS,
    FeedChannel,
    FeedItem,
    SitemapUrl,
    build_atom,
    build_rss,
    build_sitemap,
    normalize_base_url,
    rfc822,
    rfc3339,
    story_url,
)

ICT = timezone(timedelta(hours=7))
PUBLISHED = datetime(2024, 9, 10, 15, 30, 5, tzinfo=ICT)  # 08:30:05 UTC
CHANNEL = FeedChannel(
    title="Than Hạ Long – Tin tức",
    link="https://news.tkv.vn/halong",
    description="Tin tức & sự kiện <Hạ Long>",
    language="vi",
    updated=PUBLISHED + timedelta(hours=1),
)
ITEM = FeedItem(
    story_id="0b0e5e1c-7c0c-4a53-9b3a-2f4c9d0f6a11",
    title="Ứng phó bão Yagi: Than Hạ Long <khẩn trương> & an toàn",
    link=story_url("https://news.tkv.vn/halong", "ung-pho-bao-yagi"),
    summary="Công nhân khắc phục hậu quả",
    byline="Nguyễn Văn A",
    category_slug="tin-tuc",
    category_name="Tin tức",
    published_at=PUBLISHED,
    updated_at=PUBLISHED + timedelta(minutes=30),
)


def test_dates_are_rfc822_and_rfc3339_in_utc() -> None:
    assert rfc822(PUBLISHED) == "Tue, 10 Sep 2024 08:30:05 GMT"
    assert rfc3339(PUBLISHED) == "2024-09-10T08:30:05Z"


def test_rss_is_well_formed_rss_2() -> None:
    body = build_rss(CHANNEL, [ITEM])
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("title") == CHANNEL.title
    assert channel.findtext("description") == "Tin tức & sự kiện <Hạ Long>"
    assert channel.findtext("language") == "vi"
    (item,) = channel.findall("item")
    assert item.findtext("title") == ITEM.title, "markup characters survive escaping"
    assert item.findtext("link") == "https://news.tkv.vn/halong/bai-viet/ung-pho-bao-yagi"
    guid = item.find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"
    assert guid.text == f"urn:uuid:{ITEM.story_id}"
    assert item.findtext(f"{{{DC_NS}}}creator") == "Nguyễn Văn A"
    pub_date = item.findtext("pubDate")
    assert pub_date is not None and parsedate_to_datetime(pub_date) == PUBLISHED
    assert channel.findtext("lastBuildDate") == rfc822(CHANNEL.updated)


def test_atom_is_well_formed_atom_1() -> None:
    root = ET.fromstring(build_atom(CHANNEL, [ITEM]))
    a = f"{{{ATOM_NS}}}"
    assert root.tag == f"{a}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{a}{required}")
    (entry,) = root.findall(f"{a}entry")
    assert entry.findtext(f"{a}id") == f"urn:uuid:{ITEM.story_id}"
    assert entry.findtext(f"{a}published") == "2024-09-10T08:30:05Z"
    assert entry.findtext(f"{a}updated") == "2024-09-10T09:00:05Z"
    link = entry.find(f"{a}link")
    assert link is not None and link.get("href") == ITEM.link and link.get("rel") == "alternate"
    category = entry.find(f"{a}category")
    assert category is not None and category.get("term") == "tin-tuc"
    updated = root.findtext(f"{a}updated")
    assert updated is not None
    assert datetime.fromisoformat(updated.replace("Z", "+00:00")) == CHANNEL.updated.astimezone(UTC)


def test_empty_feed_is_still_valid() -> None:
    root = ET.fromstring(build_rss(CHANNEL, []))
    channel = root.find("channel")
    assert channel is not None and channel.findall("item") == []


def test_sitemap_uses_the_0_9_namespace() -> None:
    body = build_sitemap(
        [SitemapUrl("https://news.tkv.vn/halong/"), SitemapUrl(ITEM.link, ITEM.updated_at)]
    )
    root = ET.fromstring(body)
    s = f"{{{SITEMAP_NS}}}"
    assert root.tag == f"{s}urlset"
    assert b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' in body
    urls = root.findall(f"{s}url")
    assert [u.findtext(f"{s}loc") for u in urls] == ["https://news.tkv.vn/halong/", ITEM.link]
    assert urls[0].find(f"{s}lastmod") is None
    assert urls[1].findtext(f"{s}lastmod") == "2024-09-10T09:00:05Z"


def test_base_url_validation() -> None:
    assert normalize_base_url("https://news.tkv.vn/halong/") == "https://news.tkv.vn/halong"
    assert normalize_base_url("http://localhost:3000") == "http://localhost:3000"
    for bad in ("", "news.tkv.vn", "ftp://x.vn", "javascript:alert(1)", "https://x.vn/?a=1"):
        assert normalize_base_url(bad) is None
