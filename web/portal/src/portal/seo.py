"""Structured data for search engines and link previews: JSON-LD (NewsArticle,
VideoObject, BreadcrumbList) and the Open Graph / Twitter card tags.

Every URL here is absolute; dates are ISO 8601 with a time zone, as the gateway sends them.
"""

from __future__ import annotations

from typing import Any

import orjson

from portal.media import Media
from portal.sites import Site

ARTICLE_TYPES = {"news": "NewsArticle", "official_statement": "NewsArticle"}


def json_ld(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """JSON for a <script type="application/ld+json">, safe inside HTML."""
    raw = orjson.dumps(data).decode()
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def breadcrumbs(items: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(items, start=1)
        ],
    }


def organization(site: Site) -> dict[str, Any]:
    return {"@type": "Organization", "name": site.name, "url": site.url("/")}


def news_article(story: dict[str, Any], site: Site, url: str, images: list[str]) -> dict[str, Any]:
    byline = story.get("byline") or site.name
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story["headline"][:110],
        "description": story.get("summary") or story["headline"],
        "datePublished": story.get("published_at"),
        "dateModified": story.get("updated_at") or story.get("published_at"),
        "author": [{"@type": "Person" if story.get("byline") else "Organization", "name": byline}],
        "publisher": organization(site),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": story.get("language") or site.default_language,
        "isAccessibleForFree": True,
    }
    if images:
        data["image"] = images
    if story.get("section_name"):
        data["articleSection"] = story["section_name"]
    tags = [t["name"] for t in story.get("tags") or []]
    if tags:
        data["keywords"] = tags
    return data


def video_object(story: dict[str, Any], video: Media, url: str) -> dict[str, Any] | None:
    """Only for a video the media service has processed (a poster and a stream)."""
    if not video.ready or video.poster is None:
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": video.title or story["headline"],
        "description": story.get("summary") or video.caption or story["headline"],
        "thumbnailUrl": [video.poster.url],
        "uploadDate": story.get("published_at"),
        "contentUrl": video.hls_url,
        "embedUrl": url,
        "inLanguage": story.get("language") or "vi",
    }
    if video.duration_ms:
        data["duration"] = video.duration_iso
    return data
