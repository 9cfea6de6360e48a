"""Media copies: what the media service's events make content do (consumer group
``content.media``), in the idempotent consumer's transaction.

- AssetVersionReady: keep the version (and the asset's metadata); a published snapshot
  that pins it but was built before it was ready gets its media items now
  (StoryMediaUpdated, so caches drop the story); and when it is a replacement (version 2
  and later), every story whose current revision pins an older version gets a new
  revision pinning the new one. That revision is unapproved: the portal keeps showing
  the approved revision, with the old version, until the board approves again.
- AssetMetadataUpdated, AssetDeleted: keep the copy current. Published snapshots keep
  the metadata they were published with (an approval covers what it saw).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from content_service.media import items
from content_service.media import repository as repo
from content_service.media.models import MediaAssetCopy, MediaVersionCopy
from content_service.publishing import events as publishing_events
from content_service.publishing import repository as publishing_repo
from content_service.stories import events as story_events
from content_service.stories import repository as story_repo
from content_service.stories.service import revision_of
from newsroom.media_asset.v1 import asset_pb2
from newsroom_core.actors import SYSTEM_ACTOR, Actor
from newsroom_core.db import add
from newsroom_core.enums import AssetKind, StoryStatus, from_proto
from newsroom_core.events.outbox import EventSink

log = logging.getLogger(__name__)

# A story in these states is not revised automatically (scheduled stories are locked).
NOT_REVISED = frozenset({StoryStatus.RETRACTED, StoryStatus.SCHEDULED})


@dataclass(frozen=True, slots=True)
class MetadataOrder:
    asset_id: str
    tenant: str
    kind: str
    meta: dict[str, Any]
    at: datetime


def media_items(
    session: Session, media: Sequence[dict[str, Any]], language: str
) -> list[dict[str, Any]]:
    """The revision's media as the portal's items, from the copies content has."""
    keys = [(str(m.get("asset_id", "")), int(m.get("asset_version") or 0)) for m in media]
    assets, versions = repo.assets_and_versions(session=session, keys=keys)
    # gallery items pin their own versions: fetch those too
    extra = [
        (str(i.get("asset_id", "")), int(i.get("asset_version") or 0))
        for v in versions.values()
        for i in v.data.get("items") or []
    ]
    if extra:
        more_assets, more_versions = repo.assets_and_versions(session=session, keys=extra)
        assets = {**assets, **more_assets}
        versions = {**versions, **more_versions}

    def lookup(asset_id: str, number: int) -> tuple[MediaAssetCopy | None, MediaVersionCopy | None]:
        return assets.get(asset_id), versions.get((asset_id, number))

    return [items.media_item(m, language, lookup) for m in media]


def snapshot_media(
    session: Session, placements: Sequence[dict[str, Any]], language: str
) -> list[dict[str, Any]]:
    """What a published snapshot stores: the items, each with the revision's own caption
    and credit kept beside it (to rebuild the item when a version arrives late)."""
    return [
        {
            **item,
            "placement_caption": str(p.get("caption") or ""),
            "placement_credit": str(p.get("credit") or ""),
        }
        for item, p in zip(media_items(session, placements, language), placements, strict=True)
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaCopies:
    events: EventSink

    def apply_version_ready(self, session: Session, asset: asset_pb2.Asset, at: datetime) -> None:
        kind = from_proto(AssetKind, asset.kind)
        if kind is None or not asset.id:
            return
        self._upsert_asset(session, asset.id, asset.tenant, kind, items.meta_of(asset.metadata), at)
        number = asset.version.number
        session.execute(
            insert(MediaVersionCopy)
            .values(
                asset_id=asset.id,
                version=number,
                tenant=asset.tenant,
                data=items.version_data(asset.version),
                ready_at=at,
            )
            .on_conflict_do_update(
                index_elements=["asset_id", "version"],
                set_={"data": items.version_data(asset.version), "ready_at": at},
            )
        )
        session.flush()
        self._refresh_snapshots(session, asset.id, number, at)
        if number > 1:
            by = Actor(
                asset.version.created_by.user_id or SYSTEM_ACTOR.user_id,
                asset.version.created_by.username or SYSTEM_ACTOR.username,
                asset.version.created_by.display_name or SYSTEM_ACTOR.display_name,
            )
            self._revise_stories(session, asset.tenant, asset.id, number, by, at)

    def apply_metadata(self, session: Session, order: MetadataOrder) -> None:
        self._upsert_asset(session, order.asset_id, order.tenant, order.kind, order.meta, order.at)

    def apply_deleted(self, session: Session, *, asset_id: str, at: datetime) -> None:
        copy = repo.get_asset(session=session, asset_id=asset_id)
        if copy is not None:
            copy.deleted = True
            copy.updated_at = at
            session.add(copy)

    def _upsert_asset(
        self,
        session: Session,
        asset_id: str,
        tenant: str,
        kind: str,
        meta: dict[str, Any],
        at: datetime,
    ) -> None:
        session.execute(
            insert(MediaAssetCopy)
            .values(asset_id=asset_id, tenant=tenant, kind=kind, meta=meta, updated_at=at)
            .on_conflict_do_update(
                index_elements=["asset_id"], set_={"meta": meta, "kind": kind, "updated_at": at}
            )
        )
        session.flush()
        session.expire_all()

    def _refresh_snapshots(
        self, session: Session, asset_id: str, number: int, at: datetime
    ) -> None:
        for story_id in repo.snapshots_showing(session=session, asset_id=asset_id, version=number):
            snapshot = publishing_repo.get_published_by_story(session=session, story_id=story_id)
            if snapshot is None:
                continue
            placements = [
                {
                    "asset_id": m.get("asset_id", ""),
                    "asset_version": m.get("version", 0),
                    "caption": m.get("placement_caption", ""),
                    "credit": m.get("placement_credit", ""),
                }
                for m in snapshot.media
            ]
            fresh = snapshot_media(session, placements, snapshot.language)
            if fresh == snapshot.media:
                continue
            snapshot.media = fresh
            raw = snapshot.etag + json.dumps(fresh, sort_keys=True, ensure_ascii=False)
            snapshot.etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
            session.add(snapshot)
            self.events.emit(
                session,
                publishing_events.story_media_updated(snapshot, at=at),
                ce_type=publishing_events.STORY_MEDIA_UPDATED,
                subject=str(story_id),
                tenant=snapshot.tenant,
            )
            log.info("published media items completed", extra={"story_id": str(story_id)})

    def _revise_stories(
        self, session: Session, tenant: str, asset_id: str, number: int, by: Actor, at: datetime
    ) -> None:
        for story_id in repo.stories_pinning_older(
            session=session, tenant=tenant, asset_id=asset_id, version=number
        ):
            story = story_repo.get_story(session=session, story_id=story_id, for_update=True)
            if story is None or story.status in NOT_REVISED:
                continue
            story.media = [
                {**m, "asset_version": number} if m.get("asset_id") == asset_id else dict(m)
                for m in story.media
            ]
            story.current_revision += 1
            story.updated_at = at
            session.add(story)
            note = f"thay tệp đa phương tiện {asset_id} bằng phiên bản {number} (media replaced)"
            add(session=session, obj=revision_of(story, story.current_revision, by, note, at))
            self.events.emit(
                session,
                story_events.story_revised(story, by=by),
                ce_type=story_events.STORY_REVISED,
                subject=str(story.id),
                tenant=tenant,
            )
            log.info(
                "story revised for a replaced asset",
                extra={"story_id": str(story.id), "asset_id": asset_id, "version": number},
            )
