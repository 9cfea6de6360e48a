"""The portal over HTTP, as crawlers, CDNs and feed readers see it: sites and canonical
URLs, languages, caching, SEO tags and structured data, feeds, sitemaps, robots.txt,
corrections, retractions and error pages."""

from __future__ import annotations

import gzip
import re
import time
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from portal.testing import news_article_problems, parse_head, video_object_problems

WebStack = Any  # tests/web/conftest.py: WebStack (conftest modules are not imported)
OWN_HOST = "uongbi.localhost"

pytestmark = [pytest.mark.postgres, pytest.mark.kafka, pytest.mark.keycloak, pytest.mark.slow]

ARTICLE = "/halong/bai-viet/than-ha-long-day-manh-truyen-thong-an-toan-lao-dong"


def titles(html: str) -> set[str]:
    """Headlines of the story cards on a page."""
    return {
        part.split("</a>")[0].rsplit(">", 1)[1] for part in html.split('class="card-title"')[1:]
    }


def get(stack: WebStack, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.get(stack.url(path), follow_redirects=False, timeout=30, **kwargs)


def test_sites_live_at_the_root_under_paths_and_on_their_own_hostname(web_stack: WebStack) -> None:
    root = get(web_stack, "/")
    assert root.status_code == 200
    head = parse_head(root.text)
    assert head.link("canonical")[0]["href"] == web_stack.url("/")
    assert "Tập đoàn tổng kết một năm sản xuất an toàn" in root.text
    # the group's home lists its member companies, each at its own address
    assert f'href="{web_stack.url("/halong")}"' in root.text
    assert f'href="{web_stack.url("/", host=OWN_HOST)}"' in root.text

    halong = get(web_stack, "/halong")
    assert parse_head(halong.text).link("canonical")[0]["href"] == web_stack.url("/halong")
    assert "Than Hạ Long đẩy mạnh truyền thông" in halong.text

    own = httpx.get(web_stack.url("/"), headers={"Host": f"{OWN_HOST}:{web_stack.portal_port}"})
    assert own.status_code == 200 and "Uông Bí hoàn thành đại tu" in own.text
    canonical = parse_head(own.text).link("canonical")[0]["href"]
    assert canonical == web_stack.url("/", host=OWN_HOST)
    moved = get(web_stack, "/uongbi/bai-viet/uong-bi-hoan-thanh-dai-tu?lang=en")
    assert moved.status_code == 301
    assert moved.headers["location"] == web_stack.url(
        "/bai-viet/uong-bi-hoan-thanh-dai-tu?lang=en", host=OWN_HOST
    )


def test_vietnamese_first_with_english_and_hreflang(web_stack: WebStack) -> None:
    vi = get(web_stack, ARTICLE)
    en = get(web_stack, ARTICLE + "?lang=en")
    assert parse_head(vi.text).html_lang == "vi" and parse_head(en.text).html_lang == "en"
    assert "Trang chủ" in vi.text and "Đăng lúc" in vi.text
    assert ">Home<" in en.text and "Published" in en.text and "Trang chủ" not in en.text
    for response, lang in ((vi, "vi"), (en, "en")):
        head = parse_head(response.text)
        alternates = {
            link["hreflang"]: link["href"] for link in head.link("alternate") if "hreflang" in link
        }
        assert alternates == {
            "vi": web_stack.url(ARTICLE),
            "en": web_stack.url(ARTICLE + "?lang=en"),
            "x-default": web_stack.url(ARTICLE),
        }
        assert head.link("canonical")[0]["href"] == alternates[lang]
        assert response.headers["content-language"] == lang
    english_story = get(web_stack, "/halong/bai-viet/ha-long-coal-safety-week")
    assert '<article class="story" lang="en">' in english_story.text, (
        "story language from the story"
    )


def test_strong_etags_304s_gzip_and_cdn_cache_control(web_stack: WebStack) -> None:
    plain = get(web_stack, ARTICLE, headers={"Accept-Encoding": "identity"})
    zipped = httpx.get(web_stack.url(ARTICLE), headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert plain.status_code == zipped.status_code == 200
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.text == plain.text, "httpx decodes the gzip body"
    etag, gzip_etag = plain.headers["etag"], zipped.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/") and etag != gzip_etag
    assert plain.headers["cache-control"] == "public, max-age=30, stale-while-revalidate=60"
    assert plain.headers["vary"] == "Accept-Encoding"
    again = get(web_stack, ARTICLE, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert get(web_stack, ARTICLE, headers={"If-None-Match": '"other"'}).status_code == 200
    head = httpx.head(web_stack.url(ARTICLE), headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == etag
    raw = httpx.get(web_stack.url(ARTICLE), headers={"Accept-Encoding": "gzip"}).headers
    assert int(raw["content-length"]) < len(plain.content)
    css = parse_head(plain.text).link("stylesheet")[0]["href"]
    asset = httpx.get(web_stack.url(css), headers={"Accept-Encoding": "gzip"})
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["content-encoding"] == "gzip"
    assert len(gzip.compress(asset.content)) > 0


def test_article_open_graph_and_json_ld_are_valid(web_stack: WebStack) -> None:
    for path in (
        ARTICLE,
        "/halong/bai-viet/san-luong-than-thang-muoi",
        "/halong/bai-viet/video-ca-dem-bang-tai",
        "/halong/bai-viet/anh-ngay-hoi-tho-mo",
        "/bai-viet/tap-doan-tong-ket-nam",
    ):
        response = get(web_stack, path)
        assert response.status_code == 200, path
        head = parse_head(response.text)
        url = head.link("canonical")[0]["href"]
        assert head.first("og:url") == url and head.first("og:type") == "article"
        assert head.first("og:title") and head.first("og:description")
        assert head.first("og:site_name") and head.first("og:locale") == "vi_VN"
        assert head.first("twitter:card") in ("summary", "summary_large_image")
        published = head.first("article:published_time") or ""
        assert published.endswith("Z")
        articles = head.typed("NewsArticle")
        assert len(articles) == 1, path
        assert news_article_problems(articles[0]) == [], path
        assert articles[0]["mainEntityOfPage"]["@id"] == url
        crumbs = head.typed("BreadcrumbList")[0]["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        assert crumbs[-1]["item"] == url and all(c["item"].startswith("http") for c in crumbs)
        for video in head.typed("VideoObject"):
            assert video_object_problems(video) == [], path
        for image in head.images:
            assert "alt" in image and image.get("width") and image.get("height")


def test_feeds_sitemaps_and_robots_point_to_the_portal_and_skip_internal_stories(
    web_stack: WebStack,
) -> None:
    rss = get(web_stack, "/halong/rss.xml")
    assert rss.status_code == 200 and rss.headers["content-type"].startswith("application/rss+xml")
    assert f"<link>{web_stack.url(ARTICLE)}</link>" in rss.text
    assert (
        get(
            web_stack, "/halong/rss.xml", headers={"If-None-Match": rss.headers["etag"]}
        ).status_code
        == 304
    )
    section_rss = get(web_stack, "/halong/chuyen-muc/tin-tuc/rss.xml")
    assert "truyền thông an toàn" in section_rss.text
    atom = get(web_stack, "/atom.xml")
    assert "Tập đoàn tổng kết" in atom.text and "Lịch giao ban nội bộ" not in atom.text
    sitemap = ET.fromstring(get(web_stack, "/sitemap.xml").content)
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert web_stack.url("/bai-viet/tap-doan-tong-ket-nam") in locs
    assert not any("lich-giao-ban-noi-bo" in (loc or "") for loc in locs)
    news = get(web_stack, "/halong/news-sitemap.xml")
    assert "sitemap-news/0.9" in news.text and web_stack.url(ARTICLE) in news.text
    own_sitemap = httpx.get(
        web_stack.url("/sitemap.xml"), headers={"Host": f"{OWN_HOST}:{web_stack.portal_port}"}
    )
    assert web_stack.url("/bai-viet/uong-bi-hoan-thanh-dai-tu", host=OWN_HOST) in own_sitemap.text
    robots = get(web_stack, "/robots.txt").text
    assert f"Sitemap: {web_stack.url('/sitemap.xml')}" in robots
    assert f"Sitemap: {web_stack.url('/halong/sitemap.xml')}" in robots
    assert "Disallow: /tim-kiem" in robots
    assert OWN_HOST not in robots, "a host lists only its own sitemaps"
    assert get(web_stack, "/halong/robots.txt").status_code == 404
    own_robots = httpx.get(
        web_stack.url("/robots.txt"), headers={"Host": f"{OWN_HOST}:{web_stack.portal_port}"}
    ).text
    assert f"Sitemap: {web_stack.url('/sitemap.xml', host=OWN_HOST)}" in own_robots
    assert "/halong/" not in own_robots


def test_internal_stories_are_hidden_from_anonymous_readers_and_crawlers(
    web_stack: WebStack,
) -> None:
    response = get(web_stack, "/bai-viet/lich-giao-ban-noi-bo-tuan-nay")
    assert response.status_code == 404
    assert "Lịch giao ban nội bộ" not in response.text
    assert "/dang-nhap?next=%2Fbai-viet%2Flich-giao-ban-noi-bo-tuan-nay" in response.text
    assert parse_head(response.text).first("robots") == "noindex"
    home = get(web_stack, "/").text
    assert "Lịch giao ban nội bộ" not in home


def test_previews_are_for_signed_in_staff_and_never_cached_or_crawled(web_stack: WebStack) -> None:
    story_id = web_stack.story_id("halong", ARTICLE.rsplit("/", 1)[1])
    path = f"/halong/xem-truoc/{story_id}?phien-ban=1"
    anonymous = get(web_stack, path)
    assert anonymous.status_code == 302
    assert anonymous.headers["location"] == "/halong/dang-nhap?" + urlencode({"next": path})
    assert anonymous.headers["cache-control"] == "private, no-store"
    again = get(web_stack, path)
    assert again.status_code == 302, "never served from the page cache"
    for bad in ("0", "x", str(2**31)):
        assert get(web_stack, f"/halong/xem-truoc/{story_id}?phien-ban={bad}").status_code == 404
    robots = get(web_stack, "/robots.txt").text
    assert "Disallow: /xem-truoc/" in robots and "Disallow: /*/xem-truoc/" in robots


def test_sections_page_with_cursors_and_search_ignores_diacritics(web_stack: WebStack) -> None:
    first = get(web_stack, "/halong/chuyen-muc/tin-tuc")
    assert first.status_code == 200
    head = parse_head(first.text)
    following = head.link("next")
    assert not following, "rel=next is a link in the body, not the head"
    assert 'rel="next"' in first.text
    next_url = first.text.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = get(web_stack, next_url.replace("&amp;", "&"))
    assert second.status_code == 200 and "Trang đầu" in second.text
    assert titles(first.text).isdisjoint(titles(second.text))
    bad = get(web_stack, "/halong/chuyen-muc/tin-tuc?cursor=garbage")
    assert bad.status_code == 404

    found = get(web_stack, "/halong/tim-kiem?q=truyen thong")
    assert found.status_code == 200
    assert "Than Hạ Long đẩy mạnh truyền thông an toàn lao động" in found.text
    assert "<mark>" in found.text
    assert parse_head(found.text).first("robots") == "noindex, follow"


def test_tag_tv_and_radio_pages(web_stack: WebStack) -> None:
    tag = get(web_stack, "/halong/the/an-toan-lao-dong")
    assert tag.status_code == 200
    assert "Đào tạo thợ lò mới" in tag.text and "truyền thông an toàn" in tag.text
    tv = get(web_stack, "/halong/truyen-hinh")
    assert tv.status_code == 200 and "Video: ca đêm trên tuyến băng tải" in tv.text
    radio = get(web_stack, "/phat-thanh")
    assert radio.status_code == 200 and "Bản tin phát thanh số 1" in radio.text
    article = get(web_stack, ARTICLE).text
    assert "Bài liên quan" in article and "Đào tạo thợ lò mới" in article, "related by tag"
    video = get(web_stack, "/halong/bai-viet/video-ca-dem-bang-tai").text
    assert "media-pending" not in video, "transcoded before the story was submitted"
    assert re.search(
        r'<video [^>]*poster="http[^"]+"[^>]*data-hls="http[^"]+/hls/master\.m3u8"', video
    )
    assert "Ca đêm ở tuyến băng tải chính" in video


def test_corrected_story_shows_its_notice(web_stack: WebStack) -> None:
    page = get(web_stack, "/halong/bai-viet/san-luong-than-thang-muoi").text
    assert 'class="correction"' in page
    assert "Đính chính: 450 nghìn tấn, không phải 540 nghìn tấn." in page
    assert "đạt 450 nghìn tấn" in page


def test_a_retracted_story_answers_410_within_two_seconds(web_stack: WebStack) -> None:
    path = "/halong/bai-viet/thong-bao-se-duoc-go"
    assert get(web_stack, path).status_code == 200  # cached by the portal and the gateway
    assert get(web_stack, path).status_code == 200
    story_id = web_stack.story_id("halong", "thong-bao-se-duoc-go")
    web_stack.editorial_call(
        "Retract", "halong.board", tenant="halong", story_id=story_id, reason="Sai thông tin"
    )
    deadline = time.monotonic() + 2.0
    status = 200
    while time.monotonic() < deadline:
        status = get(web_stack, path).status_code
        if status == 410:
            break
        time.sleep(0.05)
    assert status == 410, "still served 2 s after the retraction"
    gone = get(web_stack, path)
    assert "Ban biên tập đã gỡ bài viết này" in gone.text
    assert "Thông báo tạm dừng băng tải số 2" not in gone.text
    assert "thong-bao-se-duoc-go" not in get(web_stack, "/halong/rss.xml").text


def test_404_and_503_pages_are_styled(web_stack: WebStack) -> None:
    missing = get(web_stack, "/halong/khong-co-trang-nay")
    assert missing.status_code == 404
    assert "Không tìm thấy trang" in missing.text and "portal." in missing.text  # stylesheet
    assert parse_head(missing.text).first("robots") == "noindex"
    assert get(web_stack, "/halong/bai-viet/khong-co-bai-nay").status_code == 404
    assert httpx.post(web_stack.url("/")).status_code == 405
