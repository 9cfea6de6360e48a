"""Assets, versions and metadata <-> protobuf (``newsroom.media_asset.v1``)."""

from __future__ import annotations

from collections.abc import Callable

from media_asset_service.assets.models import (
    Asset,
    AssetVersion,
    GalleryEntry,
    Metadata,
    ServedFile,
    SubtitleEntry,
    Text,
)
from media_asset_service.delivery import ENTRY_ROLES
from newsroom.media_asset.v1 import asset_pb2
from newsroom_core.actors import stored_actor_to_pb
from newsroom_core.enums import AssetKind, AssetStatus, RenditionRole, from_proto, to_proto
from newsroom_core.timestamps import from_timestamp, to_timestamp

# A file's URL for whoever gets the message (staff presigned GET, reader's URL, none).
UrlOf = Callable[[AssetVersion, ServedFile], str]


def text_to_pb(text: Text) -> asset_pb2.LocalizedText:
    return asset_pb2.LocalizedText(vi=text.vi, en=text.en)


def text_from_pb(message: asset_pb2.LocalizedText) -> Text:
    return Text(vi=message.vi.strip(), en=message.en.strip())


def metadata_to_pb(meta: Metadata) -> asset_pb2.AssetMetadata:
    return asset_pb2.AssetMetadata(
        title=text_to_pb(meta.title),
        caption=text_to_pb(meta.caption),
        credit=meta.credit,
        alt_text=text_to_pb(meta.alt_text),
        licence=meta.licence,
        captured_at=to_timestamp(meta.captured_at),
    )


def metadata_from_pb(message: asset_pb2.AssetMetadata) -> Metadata:
    return Metadata(
        title=text_from_pb(message.title),
        caption=text_from_pb(message.caption),
        credit=message.credit.strip(),
        alt_text=text_from_pb(message.alt_text),
        licence=message.licence.strip(),
        captured_at=from_timestamp(message.captured_at),
    )


def gallery_items_from_pb(items: list[asset_pb2.GalleryItem]) -> list[GalleryEntry]:
    return [
        GalleryEntry(
            asset_id=i.asset_id.strip(),
            asset_version=i.asset_version,
            caption=text_from_pb(i.caption),
        )
        for i in items
    ]


def subtitles_from_pb(tracks: list[asset_pb2.SubtitleTrack]) -> list[SubtitleEntry]:
    return [
        SubtitleEntry(asset_id=t.asset_id.strip(), language=t.language.strip(), label=t.label)
        for t in tracks
    ]


def rendition_to_pb(file: ServedFile, url: str) -> asset_pb2.Rendition:
    return asset_pb2.Rendition(
        role=to_proto(asset_pb2.RenditionRole, file.role),
        path=file.path,
        content_type=file.content_type,
        width=file.width,
        height=file.height,
        bitrate_bps=file.bitrate,
        size_bytes=file.size,
        language=file.language,
        label=file.label,
        url=url,
    )


def entry_files(version: AssetVersion) -> list[ServedFile]:
    """The files a client asks for (not segments, init files, variant playlists)."""
    return [f for f in version.served_files if f.role in ENTRY_ROLES]


def version_to_pb(version: AssetVersion, url_of: UrlOf | None) -> asset_pb2.AssetVersion:
    ready = version.status == AssetStatus.READY
    return asset_pb2.AssetVersion(
        number=version.number,
        status=to_proto(asset_pb2.AssetStatus, version.status),
        filename=version.filename,
        content_type=version.content_type,
        size_bytes=version.size_bytes,
        sha256=version.sha256,
        width=version.width,
        height=version.height,
        duration_ms=version.duration_ms,
        renditions=[
            rendition_to_pb(f, url_of(version, f) if url_of else "")
            for f in (entry_files(version) if ready else [])
        ],
        progress_percent=version.progress_percent,
        failure_reason=version.failure_reason,
        failure_detail=version.failure_detail,
        attempts=version.attempts,
        items=[
            asset_pb2.GalleryItem(
                asset_id=i.asset_id, asset_version=i.asset_version, caption=text_to_pb(i.caption)
            )
            for i in version.gallery_items
        ],
        created_by=stored_actor_to_pb(
            version.created_by_id, version.created_by_username, version.created_by_name
        ),
        created_at=to_timestamp(version.created_at),
        ready_at=to_timestamp(version.ready_at),
        focal_point=(
            asset_pb2.FocalPoint(x=version.focal_x, y=version.focal_y)
            if version.focal_x is not None and version.focal_y is not None
            else None
        ),
        subtitles=[
            asset_pb2.SubtitleTrack(asset_id=s.asset_id, language=s.language, label=s.label)
            for s in version.subtitle_tracks
        ],
    )


def asset_to_pb(
    asset: Asset, version: AssetVersion, *, published: bool, url_of: UrlOf | None
) -> asset_pb2.Asset:
    return asset_pb2.Asset(
        id=asset.id,
        tenant=asset.tenant,
        kind=to_proto(asset_pb2.AssetKind, asset.kind),
        metadata=metadata_to_pb(asset.metadata_),
        current_version=asset.current_version,
        version=version_to_pb(version, url_of),
        published=published,
        created_by=stored_actor_to_pb(
            asset.created_by_id, asset.created_by_username, asset.created_by_name
        ),
        created_at=to_timestamp(asset.created_at),
        updated_at=to_timestamp(asset.updated_at),
    )


def kind_from_pb(value: int) -> AssetKind | None:
    return from_proto(AssetKind, value)


def status_from_pb(value: int) -> AssetStatus | None:
    return from_proto(AssetStatus, value)


def role_of(value: str) -> RenditionRole | None:
    return RenditionRole._value2member_map_.get(value)  # type: ignore[return-value]
