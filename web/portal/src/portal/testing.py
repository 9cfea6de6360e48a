"""Test helpers: what a crawler or a link preview reads from a served page."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Head:
    title: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    jsonld: list[Any] = field(default_factory=list)
    html_lang: str = ""
    images: list[dict[str, str]] = field(default_factory=list)

    def first(self, name: str) -> str | None:
        values = self.meta.get(name)
        return values[0] if values else None

    def link(self, rel: str, **attrs: str) -> list[dict[str, str]]:
        return [
            link
            for link in self.links
            if rel in link.get("rel", "").split()
            and all(link.get(k) == v for k, v in attrs.items())
        ]

    def typed(self, kind: str) -> list[dict[str, Any]]:
        return [d for d in self.jsonld if isinstance(d, dict) and d.get("@type") == kind]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in_title = False
        self._in_jsonld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.head.html_lang = values.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.head.meta.setdefault(key, []).append(values.get("content", ""))
        elif tag == "link":
            self.head.links.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld = True
            self._buffer = []
        elif tag == "img":
            self.head.images.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_jsonld:
            self._in_jsonld = False
            self.head.jsonld.append(json.loads("".join(self._buffer)))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head.title += data
        elif self._in_jsonld:
            self._buffer.append(data)


def parse_head(html: str) -> Head:
    parser = _Parser()
    parser.feed(html)
    return parser.head


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_iso_datetime(value: str) -> bool:
    """ISO 8601 with a time and a zone (what NewsArticle dates need)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return False
    return "T" in value and moment.tzinfo is not None


NEWS_ARTICLE_REQUIRED = ("headline", "datePublished", "dateModified", "author", "publisher")
VIDEO_OBJECT_REQUIRED = ("name", "description", "thumbnailUrl", "uploadDate")


def news_article_problems(data: dict[str, Any]) -> list[str]:
    """What a NewsArticle lacks (schema.org + Google's article guidelines)."""
    problems = [f"missing {p}" for p in NEWS_ARTICLE_REQUIRED if not data.get(p)]
    for key in ("datePublished", "dateModified"):
        if data.get(key) and not is_iso_datetime(str(data[key])):
            problems.append(f"{key} not ISO 8601: {data[key]}")
    for key in ("url",):
        if data.get(key) and not is_absolute(str(data[key])):
            problems.append(f"{key} not absolute")
    entity = data.get("mainEntityOfPage", {})
    if not isinstance(entity, dict) or not is_absolute(str(entity.get("@id", ""))):
        problems.append("mainEntityOfPage.@id not absolute")
    for image in data.get("image", []):
        if not is_absolute(str(image)):
            problems.append(f"image not absolute: {image}")
    publisher = data.get("publisher") or {}
    if not publisher.get("name") or not is_absolute(str(publisher.get("url", ""))):
        problems.append("publisher needs a name and an absolute url")
    if len(str(data.get("headline", ""))) > 110:
        problems.append("headline longer than 110 characters")
    return problems


def video_object_problems(data: dict[str, Any]) -> list[str]:
    problems = [f"missing {p}" for p in VIDEO_OBJECT_REQUIRED if not data.get(p)]
    if data.get("uploadDate") and not is_iso_datetime(str(data["uploadDate"])):
        problems.append("uploadDate not ISO 8601")
    for url in data.get("thumbnailUrl", []):
        if not is_absolute(str(url)):
            problems.append("thumbnailUrl not absolute")
    for key in ("contentUrl", "embedUrl"):
        if data.get(key) and not is_absolute(str(data[key])):
            problems.append(f"{key} not absolute")
    return problems
