"""Outbound media events (payloads of media_asset.events.v1), shared by the aggregates
and the worker, and the inbound content ce_types."""

from __future__ import annotations

from datetime import datetime

from media_asset_service.assets.models import Asset, AssetVersion
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_events_pb2 as pb
from newsroom_core.actors import Actor, actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp

ASSET_UPLOADED = "newsroom.media_asset.asset.uploaded.v1"
ASSET_VERIFIED = "newsroom.media_asset.asset.verified.v1"
ASSET_REJECTED = "newsroom.media_asset.asset.rejected.v1"
ASSET_PROGRESS = "newsroom.media_asset.asset.progress.v1"
ASSET_VERSION_READY = "newsroom.media_asset.asset.version_ready.v1"
PROCESSING_FAILED = "newsroom.media_asset.asset.processing_failed.v1"
ASSET_METADATA_UPDATED = "newsroom.media_asset.asset.metadata_updated.v1"
ASSET_DELETED = "newsroom.media_asset.asset.deleted.v1"

# Inbound: content.events.v1
STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"


def _kind(asset: Asset) -> asset_pb2.AssetKind:
    return to_proto(asset_pb2.AssetKind, asset.kind)


def asset_uploaded(
    asset: Asset, version: AssetVersion, *, by: Actor, at: datetime
) -> pb.AssetUploaded:
    return pb.AssetUploaded(
        asset_id=asset.id,
        tenant=asset.tenant,
        kind=_kind(asset),
        version=version.number,
        filename=version.filename,
        content_type=version.declared_type,
        size_bytes=version.size_bytes,
        sha256=version.sha256,
        uploaded_by=actor_to_pb(by),
        at=to_timestamp(at),
    )


def asset_verified(asset: Asset, version: AssetVersion, *, at: datetime) -> pb.AssetVerified:
    return pb.AssetVerified(
        asset_id=asset.id,
        tenant=asset.tenant,
        kind=_kind(asset),
        version=version.number,
        content_type=version.content_type,
        size_bytes=version.size_bytes,
        width=version.width,
        height=version.height,
        duration_ms=version.duration_ms,
        at=to_timestamp(at),
    )


def asset_rejected(
    version: AssetVersion, *, reason: str, detail: str, at: datetime
) -> pb.AssetRejected:
    return pb.AssetRejected(
        asset_id=version.asset_id,
        tenant=version.tenant,
        version=version.number,
        reason=reason,
        detail=detail,
        at=to_timestamp(at),
    )


def asset_progress(version: AssetVersion, *, percent: int, at: datetime) -> pb.AssetProgress:
    return pb.AssetProgress(
        asset_id=version.asset_id,
        tenant=version.tenant,
        version=version.number,
        percent=percent,
        at=to_timestamp(at),
    )


def asset_version_ready(asset: asset_pb2.Asset, *, at: datetime) -> pb.AssetVersionReady:
    return pb.AssetVersionReady(asset=asset, at=to_timestamp(at))


def processing_failed(
    version: AssetVersion,
    *,
    reason: str,
    detail: str,
    attempts: int,
    final: bool,
    retry_at: datetime | None,
    at: datetime,
) -> pb.ProcessingFailed:
    return pb.ProcessingFailed(
        asset_id=version.asset_id,
        tenant=version.tenant,
        version=version.number,
        reason=reason,
        detail=detail[-2000:],
        attempts=attempts,
        final=final,
        retry_at=to_timestamp(retry_at),
        at=to_timestamp(at),
    )


def metadata_updated(asset: asset_pb2.Asset, *, by: Actor, at: datetime) -> pb.AssetMetadataUpdated:
    return pb.AssetMetadataUpdated(
        asset_id=asset.id,
        tenant=asset.tenant,
        kind=asset.kind,
        metadata=asset.metadata,
        updated_by=actor_to_pb(by),
        at=to_timestamp(at),
    )


def asset_deleted(asset: Asset, *, by: Actor, at: datetime) -> pb.AssetDeleted:
    return pb.AssetDeleted(
        asset_id=asset.id, tenant=asset.tenant, deleted_by=actor_to_pb(by), at=to_timestamp(at)
    )
