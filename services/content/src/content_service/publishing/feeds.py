"""RSS 2.0, Atom 1.0 and sitemap 0.9 documents built with ElementTree."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import quote, urlsplit

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_NS = "http://www.w3.org/XML/1998/namespace"
RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8"
ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"
SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8"
FEED_SIZE = 50
SITEMAP_MAX_URLS = 50_000
GENERATOR = "Newsroom"

ET.register_namespace("atom", ATOM_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("news", NEWS_NS)


def normalize_base_url(base_url: str) -> str | None:
    """The portal base URL without a trailing slash; None when not absolute http(s)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return base_url.strip().rstrip("/")


def story_url(base_url: str, slug: str) -> str:
    return f"{base_url}/bai-viet/{quote(slug)}"


def section_url(base_url: str, section_slug: str) -> str:
    return f"{base_url}/chuyen-muc/{quote(section_slug)}"


def rfc822(moment: datetime) -> str:
    """RSS dates: ``Tue, 10 Sep 2024 08:30:00 GMT``."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def rfc3339(moment: datetime) -> str:
    """Atom and sitemap dates: ``2024-09-10T08:30:00Z``."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


@dataclass(frozen=True, slots=True)
class FeedChannel:
    title: str
    link: str
    description: str
    language: str
    updated: datetime


@dataclass(frozen=True, slots=True)
class FeedItem:
    story_id: str
    title: str
    link: str
    summary: str
    byline: str
    category_slug: str
    category_name: str
    published_at: datetime
    updated_at: datetime


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _serialize(root: ET.Element, default_namespace: str | None = None) -> bytes:
    ET.indent(root)
    body: bytes = ET.tostring(
        root, encoding="utf-8", xml_declaration=True, default_namespace=default_namespace
    )
    return body


def build_rss(channel: FeedChannel, items: Sequence[FeedItem]) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    ch = _sub(rss, "channel")
    _sub(ch, "title", channel.title)
    _sub(ch, "link", channel.link)
    _sub(ch, "description", channel.description or channel.title)
    _sub(ch, "language", channel.language)
    _sub(ch, "lastBuildDate", rfc822(channel.updated))
    _sub(ch, "generator", GENERATOR)
    for item in items:
        it = _sub(ch, "item")
        _sub(it, "title", item.title)
        _sub(it, "link", item.link)
        _sub(it, "guid", f"urn:uuid:{item.story_id}", isPermaLink="false")
        if item.summary:
            _sub(it, "description", item.summary)
        if item.byline:
            _sub(it, f"{{{DC_NS}}}creator", item.byline)
        if item.category_name:
            _sub(it, "category", item.category_name)
        _sub(it, "pubDate", rfc822(item.published_at))
    return _serialize(rss)


def build_atom(channel: FeedChannel, items: Sequence[FeedItem]) -> bytes:
    a = f"{{{ATOM_NS}}}"
    feed = ET.Element(f"{a}feed", {f"{{{XML_NS}}}lang": channel.language})
    _sub(feed, f"{a}id", channel.link)
    _sub(feed, f"{a}title", channel.title)
    if channel.description:
        _sub(feed, f"{a}subtitle", channel.description)
    _sub(feed, f"{a}updated", rfc3339(channel.updated))
    _sub(feed, f"{a}link", rel="alternate", type="text/html", href=channel.link)
    author = _sub(feed, f"{a}author")
    _sub(author, f"{a}name", channel.title)
    _sub(feed, f"{a}generator", GENERATOR)
    for item in items:
        entry = _sub(feed, f"{a}entry")
        _sub(entry, f"{a}id", f"urn:uuid:{item.story_id}")
        _sub(entry, f"{a}title", item.title)
        _sub(entry, f"{a}link", rel="alternate", type="text/html", href=item.link)
        _sub(entry, f"{a}published", rfc3339(item.published_at))
        _sub(entry, f"{a}updated", rfc3339(item.updated_at))
        if item.summary:
            _sub(entry, f"{a}summary", item.summary)
        if item.byline:
            entry_author = _sub(entry, f"{a}author")
            _sub(entry_author, f"{a}name", item.byline)
        if item.category_slug:
            _sub(entry, f"{a}category", term=item.category_slug, label=item.category_name)
    return _serialize(feed)


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    loc: str
    lastmod: datetime | None = None


def build_sitemap(urls: Sequence[SitemapUrl]) -> bytes:
    s = f"{{{SITEMAP_NS}}}"
    urlset = ET.Element(f"{s}urlset")
    for url in urls[:SITEMAP_MAX_URLS]:
        node = _sub(urlset, f"{s}url")
        _sub(node, f"{s}loc", url.loc)
        if url.lastmod is not None:
            _sub(node, f"{s}lastmod", rfc3339(url.lastmod))
    return _serialize(urlset, default_namespace=SITEMAP_NS)


@dataclass(frozen=True, slots=True)
class NewsUrl:
    loc: str
    title: str
    language: str
    published_at: datetime


def build_news_sitemap(publication: str, urls: Sequence[NewsUrl]) -> bytes:
    """A Google News sitemap: one ``<news:news>`` per story (at most 1,000)."""
    s, n = f"{{{SITEMAP_NS}}}", f"{{{NEWS_NS}}}"
    urlset = ET.Element(f"{s}urlset")
    for url in urls[:1000]:
        node = _sub(urlset, f"{s}url")
        _sub(node, f"{s}loc", url.loc)
        news = _sub(node, f"{n}news")
        pub = _sub(news, f"{n}publication")
        _sub(pub, f"{n}name", publication)
        _sub(pub, f"{n}language", url.language)
        _sub(news, f"{n}publication_date", rfc3339(url.published_at))
        _sub(news, f"{n}title", url.title)
    return _serialize(urlset, default_namespace=SITEMAP_NS)
