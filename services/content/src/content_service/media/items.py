"""The media items of a published story, as docs/events.md ("media items") and the
portal expect them: the pinned asset version, its metadata in the story's language, the
readers' URLs of its renditions. Built when a revision is put on the portal (and again
when a pinned version's renditions arrive after that) and stored in the snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from content_service.media.models import MediaAssetCopy, MediaVersionCopy
from newsroom.content.v1 import published_story_pb2
from newsroom.media_asset.v1 import asset_pb2
from newsroom_core.enums import AssetKind, to_proto

WEBP = "image/webp"
JPEG = "image/jpeg"
AVIF = "image/avif"
# Order of the image sets in ``renditions``: WebP first, the JPEG fallback, then AVIF.
IMAGE_TYPES = (WEBP, JPEG, AVIF)

Lookup = Callable[[str, int], tuple[MediaAssetCopy | None, MediaVersionCopy | None]]


def pick(text: Any, language: str) -> str:
    """``{"vi", "en"}`` in ``language``, else Vietnamese, else English."""
    if not isinstance(text, Mapping):
        return str(text or "")
    vi, en = str(text.get("vi") or ""), str(text.get("en") or "")
    preferred = en if language.lower().startswith("en") else vi
    return preferred or vi or en


def _file(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "url": entry.get("url", ""),
        "width": int(entry.get("width") or 0),
        "height": int(entry.get("height") or 0),
        "content_type": entry.get("content_type", ""),
    }


def _first(files: list[Mapping[str, Any]], role: str) -> Mapping[str, Any] | None:
    return next((f for f in files if f.get("role") == role), None)


def media_item(
    placement: Mapping[str, Any], language: str, lookup: Lookup, *, depth: int = 0
) -> dict[str, Any]:
    """One item: ``placement`` is the revision's entry (asset_id, asset_version, caption,
    credit overriding the asset's). Without a copy of the version yet, only what the
    revision knows (the portal shows a "being processed" box)."""
    asset_id = str(placement.get("asset_id", ""))
    number = int(placement.get("asset_version") or 0)
    asset, version = lookup(asset_id, number)
    meta: Mapping[str, Any] = asset.meta if asset is not None else {}
    title = pick(meta.get("title"), language)
    caption = str(placement.get("caption") or "") or pick(meta.get("caption"), language)
    item: dict[str, Any] = {
        "asset_id": asset_id,
        "version": number,
        "kind": asset.kind if asset is not None else "",
        "title": title,
        "caption": caption,
        "credit": str(placement.get("credit") or "") or str(meta.get("credit") or ""),
        "alt": "",
        "width": 0,
        "height": 0,
        "renditions": [],
        "card": None,
        "poster": None,
        "hls_url": None,
        "duration_ms": 0,
        "subtitles": [],
        "thumbnails_vtt_url": None,
        "download_url": None,
        "items": [],
    }
    if asset is not None and asset.kind == AssetKind.IMAGE:
        # publishing requires alt text; a caption stands in for one removed since
        item["alt"] = pick(meta.get("alt_text"), language) or caption or title
    if asset is None or version is None or asset.deleted:
        return item
    data = version.data
    files: list[Mapping[str, Any]] = list(data.get("files") or [])
    item["width"] = int(data.get("width") or 0)
    item["height"] = int(data.get("height") or 0)
    item["duration_ms"] = int(data.get("duration_ms") or 0)
    images = [f for f in files if f.get("role") == "image"]
    item["renditions"] = [
        _file(f)
        for kind in IMAGE_TYPES
        for f in sorted(
            (f for f in images if f.get("content_type") == kind),
            key=lambda f: int(f.get("width") or 0),
        )
    ]
    card = _first(files, "card")
    poster = _first(files, "poster")
    master = _first(files, "hls_master")
    thumbs = _first(files, "thumbnails_vtt")
    download = _first(files, "download")
    item["card"] = _file(card) if card else None
    item["poster"] = _file(poster) if poster else None
    item["hls_url"] = master.get("url") if master else None
    item["thumbnails_vtt_url"] = thumbs.get("url") if thumbs else None
    item["download_url"] = download.get("url") if download else None
    item["subtitles"] = [
        {"language": f.get("language", ""), "label": f.get("label", ""), "url": f.get("url", "")}
        for f in files
        if f.get("role") == "subtitles"
    ]
    if asset.kind == AssetKind.GALLERY and depth == 0:
        item["items"] = [
            media_item(
                {
                    "asset_id": entry.get("asset_id", ""),
                    "asset_version": entry.get("asset_version", 0),
                    "caption": pick(entry.get("caption"), language),
                },
                language,
                lookup,
                depth=1,
            )
            for entry in data.get("items") or []
        ]
    return item


def complete(item: Mapping[str, Any]) -> bool:
    """Every version the item shows had its copy when the item was built."""
    if not item.get("kind"):
        return False
    if item.get("kind") == AssetKind.GALLERY:
        return all(complete(i) for i in item.get("items") or [])
    return bool(item.get("renditions") or item.get("hls_url") or item.get("download_url"))


# --- protobuf ---------------------------------------------------------------------------


def _file_pb(value: Any) -> published_story_pb2.MediaFile | None:
    if not isinstance(value, Mapping) or not value.get("url"):
        return None
    return published_story_pb2.MediaFile(
        url=str(value["url"]),
        width=int(value.get("width") or 0),
        height=int(value.get("height") or 0),
        content_type=str(value.get("content_type") or ""),
    )


def item_to_pb(item: Mapping[str, Any]) -> published_story_pb2.PublishedMedia:
    """A stored item (or a legacy ``{asset_id, caption, credit}`` entry) as protobuf."""
    return published_story_pb2.PublishedMedia(
        asset_id=str(item.get("asset_id") or ""),
        version=int(item.get("version") or item.get("asset_version") or 0),
        kind=to_proto(asset_pb2.AssetKind, str(item.get("kind") or "")),
        title=str(item.get("title") or ""),
        caption=str(item.get("caption") or ""),
        credit=str(item.get("credit") or ""),
        alt=str(item.get("alt") or ""),
        width=int(item.get("width") or 0),
        height=int(item.get("height") or 0),
        renditions=[f for f in (_file_pb(r) for r in item.get("renditions") or []) if f],
        card=_file_pb(item.get("card")),
        poster=_file_pb(item.get("poster")),
        hls_url=str(item.get("hls_url") or ""),
        duration_ms=int(item.get("duration_ms") or 0),
        subtitles=[
            published_story_pb2.MediaSubtitle(
                language=str(s.get("language") or ""),
                label=str(s.get("label") or ""),
                url=str(s.get("url") or ""),
            )
            for s in item.get("subtitles") or []
        ],
        thumbnails_vtt_url=str(item.get("thumbnails_vtt_url") or ""),
        download_url=str(item.get("download_url") or ""),
        items=[item_to_pb(i) for i in item.get("items") or []],
    )


# --- from the media service's events ----------------------------------------------------


def meta_of(message: asset_pb2.AssetMetadata) -> dict[str, Any]:
    def text(value: asset_pb2.LocalizedText) -> dict[str, str]:
        return {"vi": value.vi, "en": value.en}

    return {
        "title": text(message.title),
        "caption": text(message.caption),
        "credit": message.credit,
        "alt_text": text(message.alt_text),
        "licence": message.licence,
    }


def version_data(version: asset_pb2.AssetVersion) -> dict[str, Any]:
    roles = {v: k for k, v in asset_pb2.RenditionRole.items()}
    return {
        "width": version.width,
        "height": version.height,
        "duration_ms": version.duration_ms,
        "files": [
            {
                "role": roles.get(r.role, "").removeprefix("RENDITION_ROLE_").lower(),
                "path": r.path,
                "content_type": r.content_type,
                "width": r.width,
                "height": r.height,
                "language": r.language,
                "label": r.label,
                "url": r.url,
            }
            for r in version.renditions
        ],
        "items": [
            {
                "asset_id": i.asset_id,
                "asset_version": i.asset_version,
                "caption": {"vi": i.caption.vi, "en": i.caption.en},
            }
            for i in version.items
        ],
    }
