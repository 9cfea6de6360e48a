"""Media items of the public API (docs: brief MEDIA-CONTRACT, gateway OpenAPI) as what the
templates need: ``srcset`` strings, intrinsic sizes, the card image, player sources.

Until the media service has made renditions an item carries only ``asset_id``,
``caption`` and ``credit``: ``ready`` is False and the templates render the caption and
credit alone (no broken image, no empty player).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

WEBP = "image/webp"
JPEG = "image/jpeg"
# Where an image sits decides the sizes attribute (the layout's column widths in CSS).
SIZES = {
    "lead": "(min-width: 64rem) 46rem, 100vw",
    "body": "(min-width: 64rem) 46rem, 100vw",
    "card": "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw",
    "gallery": "(min-width: 64rem) 46rem, 100vw",
}
EMBED = re.compile(r'<figure\s+data-media-asset="([0-9A-Za-z-]{1,64})"\s*>\s*</figure>')


@dataclass(frozen=True, slots=True)
class Rendition:
    url: str
    width: int
    height: int
    content_type: str

    @classmethod
    def of(cls, data: Any) -> Rendition | None:
        if not isinstance(data, dict) or not data.get("url"):
            return None
        return cls(
            str(data["url"]),
            int(data.get("width") or 0),
            int(data.get("height") or 0),
            str(data.get("content_type") or ""),
        )


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in sorted(renditions, key=lambda r: r.width))


@dataclass(frozen=True, slots=True)
class Media:
    asset_id: str
    kind: str
    caption: str
    credit: str
    alt: str
    title: str
    width: int
    height: int
    renditions: list[Rendition] = field(default_factory=list)
    card: Rendition | None = None
    poster: Rendition | None = None
    hls_url: str = ""
    download_url: str = ""
    duration_ms: int = 0
    subtitles: list[dict[str, str]] = field(default_factory=list)
    items: list[Media] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        if self.kind == "image":
            return bool(self.renditions)
        if self.kind == "gallery":
            return any(item.ready for item in self.items)
        if self.kind == "video":
            return bool(self.hls_url)
        if self.kind == "audio":
            return bool(self.hls_url or self.download_url)
        return False

    @property
    def webp_srcset(self) -> str:
        return _srcset([r for r in self.renditions if r.content_type == WEBP])

    @property
    def jpeg_srcset(self) -> str:
        return _srcset([r for r in self.renditions if r.content_type == JPEG])

    @property
    def fallback(self) -> Rendition | None:
        """The ``src`` for browsers without srcset: a mid-width JPEG (else any)."""
        pool = [r for r in self.renditions if r.content_type == JPEG] or self.renditions
        if not pool:
            return None
        fitting = [r for r in pool if r.width <= 1280]
        return max(fitting, key=lambda r: r.width) if fitting else min(pool, key=lambda r: r.width)

    @property
    def box(self) -> tuple[int, int]:
        """width/height attributes: intrinsic size, else the widest rendition's."""
        if self.width and self.height:
            return self.width, self.height
        widest = max(self.renditions, key=lambda r: r.width, default=None)
        if widest is not None and widest.width and widest.height:
            return widest.width, widest.height
        if self.poster is not None and self.poster.width:
            return self.poster.width, self.poster.height
        return 16, 9

    @property
    def share_image(self) -> Rendition | None:
        """For og:image / JSON-LD: the card crop, else the widest image >= 1200 px."""
        if self.card is not None:
            return self.card
        if self.kind == "video" and self.poster is not None:
            return self.poster
        if self.kind == "gallery":
            return next((i.share_image for i in self.items if i.share_image), None)
        wide = [r for r in self.renditions if r.width >= 1200]
        return min(wide, key=lambda r: r.width) if wide else None

    @property
    def duration_iso(self) -> str:
        seconds = max(self.duration_ms // 1000, 0)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"PT{hours}H{minutes}M{seconds}S"

    @property
    def duration_text(self) -> str:
        seconds = max(self.duration_ms // 1000, 0)
        return f"{seconds // 60}:{seconds % 60:02d}"


def media_of(data: Any, default_alt: str = "") -> Media | None:
    if not isinstance(data, dict) or not data.get("asset_id"):
        return None
    renditions = [r for r in (Rendition.of(x) for x in data.get("renditions") or []) if r]
    items = [m for m in (media_of(x, default_alt) for x in data.get("items") or []) if m]
    kind = str(data.get("kind") or "image")
    caption = str(data.get("caption") or "")
    return Media(
        asset_id=str(data["asset_id"]),
        kind=kind,
        caption=caption,
        credit=str(data.get("credit") or ""),
        alt=str(data.get("alt") or caption or default_alt),
        title=str(data.get("title") or ""),
        width=int(data.get("width") or 0),
        height=int(data.get("height") or 0),
        renditions=renditions,
        card=Rendition.of(data.get("card")),
        poster=Rendition.of(data.get("poster")),
        hls_url=str(data.get("hls_url") or ""),
        download_url=str(data.get("download_url") or ""),
        duration_ms=int(data.get("duration_ms") or 0),
        subtitles=[
            {
                "language": str(s.get("language", "")),
                "label": str(s.get("label", "")),
                "url": str(s.get("url", "")),
            }
            for s in data.get("subtitles") or []
            if isinstance(s, dict) and s.get("url")
        ],
        items=items,
    )


def media_list(items: Any, default_alt: str = "") -> list[Media]:
    return [m for m in (media_of(x, default_alt) for x in items or []) if m is not None]


def split_embeds(body_html: str) -> list[tuple[str, str]]:
    """The body as ("html", text) and ("media", asset_id) parts, in order."""
    parts: list[tuple[str, str]] = []
    last = 0
    for match in EMBED.finditer(body_html):
        if match.start() > last:
            parts.append(("html", body_html[last : match.start()]))
        parts.append(("media", match.group(1)))
        last = match.end()
    if last < len(body_html):
        parts.append(("html", body_html[last:]))
    return parts
