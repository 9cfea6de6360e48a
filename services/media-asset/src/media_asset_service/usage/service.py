"""Publication use cases: which versions published stories show (from content's events,
in the idempotent consumer's transaction), and the files readers may fetch.

A published or corrected revision replaces the story's set of shown versions (a
correction that pins a new version stops serving the old one); a retraction empties it.
Versions shown through a gallery count as shown. In public delivery mode every change
queues a DELIVER job per affected version, which makes the public copies match.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from media_asset_service import delivery as delivery_rules
from media_asset_service.assets import repository as asset_repo
from media_asset_service.assets.models import AssetVersion, ServedFile
from media_asset_service.content import PublishedMedia
from media_asset_service.delivery import Delivery
from media_asset_service.errors import asset_not_found, not_published, rendition_not_found
from media_asset_service.jobs.models import JobKind
from media_asset_service.jobs.service import JobUseCases
from media_asset_service.settings import DeliveryMode
from media_asset_service.usage import repository as repo
from media_asset_service.usage.models import PublishedStory, StoryMediaUse
from newsroom_core.db import SessionFactory, add, read_scope
from newsroom_core.enums import AssetKind, AssetStatus
from newsroom_core.identity import Identity

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoryMediaOrder:
    """A story's published revision and the (asset id, version) pairs it shows."""

    story_id: str
    tenant: str
    revision: int
    media: tuple[tuple[str, int], ...]
    at: datetime


@dataclass(frozen=True, slots=True)
class ServedAnswer:
    content_type: str
    body: bytes = b""
    redirect_url: str = ""
    max_age_s: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicationUseCases:
    jobs: JobUseCases
    mode: DeliveryMode

    def apply_published(self, session: Session, order: StoryMediaOrder) -> None:
        """StoryPublished / StoryCorrected: the story now shows exactly ``order.media``."""
        story = repo.get_story(session=session, story_id=order.story_id, for_update=True)
        if story is not None and (story.retracted or order.revision < story.revision):
            log.info(
                "stale publication ignored",
                extra={"story_id": order.story_id, "revision": order.revision},
            )
            return
        before = self._replace_uses(session, order)
        if story is None:
            add(
                session=session,
                obj=PublishedStory(
                    story_id=order.story_id,
                    tenant=order.tenant,
                    revision=order.revision,
                    updated_at=order.at,
                ),
            )
        else:
            story.revision = order.revision
            story.updated_at = order.at
            session.add(story)
        after = {
            (u.asset_id, u.version)
            for u in repo.uses_of_story(session=session, story_id=order.story_id)
        }
        self._deliver(session, order.tenant, before ^ after)

    def apply_retracted(
        self, session: Session, *, story_id: str, tenant: str, at: datetime
    ) -> None:
        """StoryRetracted: nothing of the story is served any more."""
        story = repo.get_story(session=session, story_id=story_id, for_update=True)
        before = {
            (u.asset_id, u.version) for u in repo.uses_of_story(session=session, story_id=story_id)
        }
        repo.delete_uses_of_story(session=session, story_id=story_id)
        if story is None:
            add(
                session=session,
                obj=PublishedStory(
                    story_id=story_id, tenant=tenant, revision=0, retracted=True, updated_at=at
                ),
            )
        else:
            story.retracted = True
            story.updated_at = at
            session.add(story)
        self._deliver(session, tenant, before)

    def _replace_uses(self, session: Session, order: StoryMediaOrder) -> set[tuple[str, int]]:
        before = {
            (u.asset_id, u.version)
            for u in repo.uses_of_story(session=session, story_id=order.story_id)
        }
        repo.delete_uses_of_story(session=session, story_id=order.story_id)
        shown: dict[tuple[str, int], str] = {}
        for asset_id, number in order.media:
            asset = asset_repo.get_asset(session=session, asset_id=asset_id)
            if asset is None or asset.tenant != order.tenant or number <= 0:
                log.warning(
                    "published story shows an unknown asset; ignored",
                    extra={"story_id": order.story_id, "asset_id": asset_id},
                )
                continue
            shown.setdefault((asset_id, number), "")
            if asset.kind == AssetKind.GALLERY:
                gallery = asset_repo.get_version(session=session, asset_id=asset_id, number=number)
                for item in gallery.gallery_items if gallery else []:
                    shown.setdefault((item.asset_id, item.asset_version), asset_id)
        session.flush()
        for (asset_id, number), via in shown.items():
            session.add(
                StoryMediaUse(
                    story_id=order.story_id,
                    asset_id=asset_id,
                    version=number,
                    tenant=order.tenant,
                    via=via,
                    created_at=order.at,
                )
            )
        session.flush()
        return before

    def _deliver(self, session: Session, tenant: str, changed: set[tuple[str, int]]) -> None:
        if self.mode is not DeliveryMode.PUBLIC:
            return
        for asset_id, number in sorted(changed):
            self.jobs.enqueue(
                session, kind=JobKind.DELIVER, tenant=tenant, asset_id=asset_id, version=number
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryUseCases:
    reads: SessionFactory
    delivery: Delivery
    # content, for a READY version a published story may show before its event arrives
    published: PublishedMedia | None = None

    def resolve_file(
        self,
        identity: Identity | None,
        *,
        tenant: str,
        asset_id: str,
        version: int,
        path: str,
    ) -> ServedAnswer:
        """One served file of a READY version: inline for playlists and WebVTT, else a
        presigned GET. Anonymous callers only get versions a published story shows."""
        if identity is not None:
            identity.require_member(tenant)
        anonymous = identity is None
        with read_scope(self.reads) as session:
            asset = asset_repo.get_asset(session=session, asset_id=asset_id)
            if asset is None or asset.tenant != tenant or asset.deleted_at is not None:
                raise not_published() if anonymous else asset_not_found(asset_id)
            missing = not_published() if anonymous else rendition_not_found(path)
            found = asset_repo.get_version(session=session, asset_id=asset_id, number=version)
            if found is None or found.status != AssetStatus.READY:
                raise missing
            in_use = identity is not None or repo.version_in_use(
                session=session, asset_id=asset_id, version=version
            )
        file = next((f for f in found.served_files if f.path == path), None)
        if file is None:
            raise missing
        if not in_use and not self._shown_by_content(tenant, asset_id, version):
            raise missing
        return self._answer(found, file)

    def _shown_by_content(self, tenant: str, asset_id: str, version: int) -> bool:
        """Content's answer for a version whose publication event has not arrived yet
        (presigned delivery: in public mode the public copies are what readers get)."""
        if self.published is None or self.delivery.settings.mode is not DeliveryMode.PRESIGNED:
            return False
        shown = self.published.is_shown(tenant, asset_id, version)
        if shown:
            log.info(
                "served ahead of the publication event (content says it is shown)",
                extra={"asset_id": asset_id, "version": version},
            )
        return shown

    def _answer(self, version: AssetVersion, file: ServedFile) -> ServedAnswer:
        expiry = self.delivery.settings.presign_expiry_s
        # a cached answer must not outlive the URL it names, nor a retraction by much
        max_age = max(min(expiry // 2, 60), 1)
        if delivery_rules.is_inline(file):
            body = self.delivery.store.read_all(self.delivery.object_key(version, file.path))
            return ServedAnswer(file.content_type, body=body, max_age_s=max_age)
        return ServedAnswer(
            file.content_type,
            redirect_url=self.delivery.store.presign_get(
                self.delivery.object_key(version, file.path), expiry, content_type=file.content_type
            ),
            max_age_s=max_age,
        )
