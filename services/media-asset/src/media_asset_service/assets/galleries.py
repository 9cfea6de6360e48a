"""Gallery use cases: a gallery is an asset of kind GALLERY whose versions are ordered
lists of image versions with their captions. Changing the items makes the next version,
so a story revision that pinned a gallery version keeps showing what was approved."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from media_asset_service import events
from media_asset_service.assets import repository as repo
from media_asset_service.assets.models import Asset, AssetVersion, GalleryEntry, Metadata
from media_asset_service.assets.service import (
    WRITER_ROLES,
    AssetUseCases,
    AssetView,
    validate_metadata,
)
from media_asset_service.errors import invalid
from newsroom_core.actors import Actor
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import AssetKind, AssetStatus
from newsroom_core.events.outbox import EventSink
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock, utcnow


@dataclass(frozen=True, slots=True, kw_only=True)
class GalleryUseCases:
    sessions: SessionFactory
    events: EventSink
    assets: AssetUseCases
    max_items: int
    clock: Clock = utcnow

    def create(
        self, identity: Identity, *, tenant: str, metadata: Metadata, items: list[GalleryEntry]
    ) -> AssetView:
        identity.require_role(tenant, *WRITER_ROLES)
        meta = validate_metadata(metadata)
        actor = Actor.of(identity)
        with session_scope(self.sessions) as session:
            pinned = self._pin(session, tenant, items)
            now = self.clock()
            asset = add(
                session=session,
                obj=Asset(
                    tenant=tenant,
                    kind=AssetKind.GALLERY,
                    meta=meta.model_dump(mode="json"),
                    current_version=1,
                    created_by_id=actor.user_id,
                    created_by_username=actor.username,
                    created_by_name=actor.display_name,
                    created_at=now,
                    updated_at=now,
                ),
            )
            version = self._add_version(session, asset, 1, pinned, actor)
            return AssetView(asset, version, published=False)

    def update(
        self, identity: Identity, *, tenant: str, asset_id: str, items: list[GalleryEntry]
    ) -> AssetView:
        identity.require_role(tenant, *WRITER_ROLES)
        actor = Actor.of(identity)
        with session_scope(self.sessions) as session:
            asset = repo.get_asset_or_raise(
                session=session, tenant=tenant, asset_id=asset_id, for_update=True
            )
            if asset.kind != AssetKind.GALLERY:
                raise invalid(f"không phải bộ ảnh (not a gallery): {asset_id}", "NOT_A_GALLERY")
            pinned = self._pin(session, tenant, items)
            asset.current_version += 1
            asset.updated_at = self.clock()
            session.add(asset)
            version = self._add_version(session, asset, asset.current_version, pinned, actor)
            return AssetView(asset, version, published=False)

    def _pin(self, session: Session, tenant: str, items: list[GalleryEntry]) -> list[GalleryEntry]:
        """Each item an image of the tenant, its version pinned (0: the latest READY one,
        else the latest)."""
        if not items:
            raise invalid("bộ ảnh cần ít nhất một ảnh (a gallery needs images)", "GALLERY_EMPTY")
        if len(items) > self.max_items:
            raise invalid(
                f"tối đa {self.max_items} ảnh (at most {self.max_items} images)",
                "GALLERY_TOO_LARGE",
                limit=str(self.max_items),
            )
        pinned: list[GalleryEntry] = []
        for item in items:
            image = repo.get_asset_or_raise(session=session, tenant=tenant, asset_id=item.asset_id)
            if image.kind != AssetKind.IMAGE:
                raise invalid(
                    f"bộ ảnh chỉ gồm ảnh (a gallery holds images only): {item.asset_id}",
                    "NOT_AN_IMAGE",
                    asset_id=item.asset_id,
                )
            if item.asset_version:
                number = repo.get_version_or_raise(
                    session=session, asset=image, number=item.asset_version
                ).number
            else:
                ready = repo.latest_ready_version(session=session, asset_id=image.id)
                number = ready.number if ready else image.current_version
            pinned.append(item.model_copy(update={"asset_version": number}))
        return pinned

    def _add_version(
        self,
        session: Session,
        asset: Asset,
        number: int,
        items: list[GalleryEntry],
        actor: Actor,
    ) -> AssetVersion:
        now = self.clock()
        version = add(
            session=session,
            obj=AssetVersion(
                asset_id=asset.id,
                number=number,
                tenant=asset.tenant,
                status=AssetStatus.READY,
                items=[i.model_dump(mode="json") for i in items],
                progress_percent=100,
                created_by_id=actor.user_id,
                created_by_username=actor.username,
                created_by_name=actor.display_name,
                created_at=now,
                updated_at=now,
                ready_at=now,
            ),
        )
        self.events.emit(
            session,
            events.asset_version_ready(self.assets.reader_message(asset, version), at=now),
            ce_type=events.ASSET_VERSION_READY,
            subject=asset.id,
            tenant=asset.tenant,
        )
        return version
