"""The media worker's object jobs: public copies (public delivery mode) and the purge of
a deleted asset's objects. Both are idempotent: a job redone after a crash converges."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import select

from media_asset_service import keys, metrics
from media_asset_service.assets import repository as asset_repo
from media_asset_service.delivery import Delivery
from media_asset_service.jobs.models import JobKind
from media_asset_service.jobs.service import JobUseCases, Lease, LeaseLost
from media_asset_service.objects import ObjectStore
from media_asset_service.uploads.models import UploadSession, UploadState
from media_asset_service.usage import repository as usage_repo
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.enums import AssetStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class HousekeepingUseCases:
    sessions: SessionFactory
    store: ObjectStore
    delivery: Delivery
    jobs: JobUseCases

    def deliver(self, lease: Lease) -> None:
        """Public copies of the version exist exactly while a published story shows it."""
        with session_scope(self.sessions) as session:
            self.jobs.held(session, lease)
            asset = asset_repo.get_asset(session=session, asset_id=lease.asset_id)
            version = asset_repo.get_version(
                session=session, asset_id=lease.asset_id, number=lease.version
            )
            shown = (
                asset is not None
                and asset.deleted_at is None
                and version is not None
                and version.status == AssetStatus.READY
                and usage_repo.version_in_use(
                    session=session, asset_id=lease.asset_id, version=lease.version
                )
            )
        if version is None:
            self._finish(lease)
            return
        public_prefix = self.delivery.public_prefix_of(version)
        if shown:
            present = set(self.store.keys(public_prefix))
            for file in version.served_files:
                target = self.delivery.public_key(version, file.path)
                if target not in present:
                    self.store.copy(self.delivery.object_key(version, file.path), target)
        else:
            self.store.delete_prefix(public_prefix)
        self._finish(lease)
        metrics.JOBS.labels(JobKind.DELIVER.value, "done").inc()

    def purge(self, lease: Lease) -> None:
        """Every object of a deleted asset (originals, renditions, public copies, an
        upload in progress)."""
        with session_scope(self.sessions) as session:
            self.jobs.held(session, lease)
            asset = asset_repo.get_asset(session=session, asset_id=lease.asset_id)
            if asset is None or asset.deleted_at is None:
                self.jobs.finish(session, lease)
                return
            uploads = [
                (u.object_key, u.upload_id)
                for u in session.exec(
                    select(UploadSession).where(
                        UploadSession.asset_id == asset.id,
                        UploadSession.state == UploadState.OPEN,
                    )
                ).all()
            ]
            tenant = asset.tenant
        for key, upload_id in uploads:
            self.store.abort_multipart(key, upload_id)
        removed = self.store.delete_prefix(keys.asset_root(tenant, lease.asset_id))
        removed += self.store.delete_prefix(
            f"{self.delivery.settings.public_prefix}{keys.asset_root(tenant, lease.asset_id)}"
        )
        self._finish(lease)
        metrics.JOBS.labels(JobKind.PURGE.value, "done").inc()
        log.info("deleted asset purged", extra={"asset_id": lease.asset_id, "objects": removed})

    def _finish(self, lease: Lease) -> None:
        try:
            with session_scope(self.sessions) as session:
                self.jobs.finish(session, lease)
        except LeaseLost:
            log.warning("lease lost at the end of a job", extra={"job_id": lease.job_id})
