"""Asset use cases: read and list, metadata, soft delete, download URLs for staff, and
the attachment check the content service makes when a story is saved or submitted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from media_asset_service import events
from media_asset_service.assets import mappers
from media_asset_service.assets import repository as repo
from media_asset_service.assets.models import (
    TEXT_LIMITS,
    Asset,
    AssetVersion,
    Metadata,
    ServedFile,
)
from media_asset_service.delivery import Delivery
from media_asset_service.errors import asset_in_use, invalid, not_ready, rendition_not_found
from media_asset_service.jobs.models import JobKind
from media_asset_service.jobs.service import JobUseCases
from media_asset_service.usage import repository as usage_repo
from newsroom.media_asset.v1 import asset_pb2
from newsroom_core import paging
from newsroom_core.actors import Actor
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.enums import AssetKind, AssetStatus
from newsroom_core.errors import PermissionDenied
from newsroom_core.events.outbox import EventSink
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest
from newsroom_core.timestamps import Clock, utcnow

WRITER_ROLES = ("contributor", "editor", "board", "tenant-admin")
EDITOR_ROLES = ("editor", "board", "tenant-admin")
# Kinds a story may show (subtitles come with their video, documents are not media).
ATTACHABLE = frozenset({AssetKind.IMAGE, AssetKind.VIDEO, AssetKind.AUDIO, AssetKind.GALLERY})
MAX_ATTACHMENTS = 100


@dataclass(frozen=True, slots=True)
class AssetView:
    """An asset with the version asked for, and whether a published story shows it."""

    asset: Asset
    version: AssetVersion
    published: bool


@dataclass(frozen=True, slots=True)
class Problem:
    reason: str
    asset_id: str


@dataclass(frozen=True, slots=True)
class Resolved:
    asset_id: str
    version: int
    kind: AssetKind
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class DownloadUrl:
    url: str
    expires_at: datetime
    content_type: str


def validate_metadata(meta: Metadata) -> Metadata:
    """TEXT_TOO_LONG for a field over its limit."""
    fields: dict[str, list[str]] = {
        "title": [meta.title.vi, meta.title.en],
        "caption": [meta.caption.vi, meta.caption.en],
        "credit": [meta.credit],
        "alt_text": [meta.alt_text.vi, meta.alt_text.en],
        "licence": [meta.licence],
    }
    for name, values in fields.items():
        limit = TEXT_LIMITS[name]
        if any(len(v) > limit for v in values):
            raise invalid(
                f"{name} dài quá {limit} ký tự ({name} longer than {limit} characters)",
                "TEXT_TOO_LONG",
                field=name,
                limit=str(limit),
            )
    return meta


MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10


def search_words(query: str) -> list[str]:
    """A library search's words (every one must match); INVALID_ARGUMENT QUERY_TOO_LONG
    past 200 characters or 10 words, so a pasted paragraph gets an answer, not a scan."""
    if len(query) > MAX_QUERY_CHARS:
        raise invalid(
            f"từ khóa dài quá {MAX_QUERY_CHARS} ký tự (query longer than {MAX_QUERY_CHARS} "
            "characters)",
            "QUERY_TOO_LONG",
        )
    words = query.split()
    if len(words) > MAX_QUERY_WORDS:
        raise invalid(
            f"tối đa {MAX_QUERY_WORDS} từ (at most {MAX_QUERY_WORDS} words)", "QUERY_TOO_LONG"
        )
    return words


def version_problems(asset: Asset, version: AssetVersion) -> list[str]:
    """Why this version of this asset cannot be published yet (galleries: see
    ``gallery_problems``)."""
    problems: list[str] = []
    status = version.status
    if status in (AssetStatus.REJECTED, AssetStatus.ABANDONED):
        problems.append("REJECTED")
    elif status == AssetStatus.FAILED:
        problems.append("FAILED")
    elif status != AssetStatus.READY:
        problems.append("NOT_READY")
    if asset.kind == AssetKind.IMAGE and not asset.metadata_.alt_text:
        problems.append("ALT_TEXT_MISSING")
    return problems


@dataclass(frozen=True, slots=True, kw_only=True)
class AssetUseCases:
    sessions: SessionFactory
    events: EventSink
    delivery: Delivery
    jobs: JobUseCases
    clock: Clock = utcnow

    # --- reads ---------------------------------------------------------------------------

    def get(self, identity: Identity, *, tenant: str, asset_id: str, version: int = 0) -> AssetView:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            asset = repo.get_asset_or_raise(session=session, tenant=tenant, asset_id=asset_id)
            found = repo.get_version_or_raise(session=session, asset=asset, number=version)
            published = usage_repo.asset_in_use(session=session, asset_id=asset.id)
            return AssetView(asset, found, published)

    def list_assets(
        self,
        identity: Identity,
        *,
        tenant: str,
        kind: AssetKind | None,
        status: AssetStatus | None,
        size: int,
        token: str,
        query: str = "",
    ) -> Page[AssetView]:
        identity.require_member(tenant)
        words = search_words(query)
        scope = f"{tenant}|{kind or ''}|{status or ''}|{' '.join(words)}"
        request = PageRequest.of("assets", scope, size, token)
        with session_scope(self.sessions) as session:
            rows = repo.list_assets(
                session=session,
                tenant=tenant,
                kind=kind or "",
                status=status or "",
                words=words,
                after=paging.time_cursor(request.cursor),
                limit=request.limit,
            )
            used = usage_repo.assets_in_use(session=session, asset_ids=[a.id for a, _ in rows])
        views = [AssetView(a, v, a.id in used) for a, v in rows]
        return request.page(views, lambda v: [v.asset.created_at, v.asset.id])

    def staff_url(self, version: AssetVersion, file: ServedFile) -> str:
        """``mappers.UrlOf`` for staff: a short-lived presigned GET of the store."""
        return self.delivery.staff_url(version, file)

    def reader_url(self, version: AssetVersion, file: ServedFile) -> str:
        """``mappers.UrlOf`` for events: where readers fetch it once it is published."""
        return self.delivery.reader_url(version, file.path)

    def reader_message(self, asset: Asset, version: AssetVersion) -> asset_pb2.Asset:
        """The asset as AssetVersionReady carries it to the content service."""
        return mappers.asset_to_pb(asset, version, published=False, url_of=self.reader_url)

    def download_url(
        self, identity: Identity, *, tenant: str, asset_id: str, version: int, path: str
    ) -> DownloadUrl:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            asset = repo.get_asset_or_raise(session=session, tenant=tenant, asset_id=asset_id)
            found = repo.get_version_or_raise(session=session, asset=asset, number=version)
        expires_at = self.clock() + timedelta(seconds=self.delivery.settings.staff_expiry_s)
        if not path:
            if found.status not in (
                AssetStatus.VERIFYING,
                AssetStatus.PROCESSING,
                AssetStatus.READY,
                AssetStatus.FAILED,
            ):
                raise not_ready(asset_id, found.status)
            return DownloadUrl(self.delivery.original_url(found), expires_at, found.content_type)
        if found.status != AssetStatus.READY:
            raise not_ready(asset_id, found.status)
        file = next((f for f in found.served_files if f.path == path), None)
        if file is None:
            raise rendition_not_found(path)
        return DownloadUrl(self.delivery.staff_url(found, file), expires_at, file.content_type)

    # --- writes --------------------------------------------------------------------------

    def update_metadata(
        self, identity: Identity, *, tenant: str, asset_id: str, metadata: Metadata
    ) -> AssetView:
        identity.require_role(tenant, *WRITER_ROLES)
        meta = validate_metadata(metadata)
        with session_scope(self.sessions) as session:
            asset = repo.get_asset_or_raise(
                session=session, tenant=tenant, asset_id=asset_id, for_update=True
            )
            now = self.clock()
            asset.meta = meta.model_dump(mode="json")
            asset.updated_at = now
            session.add(asset)
            version = repo.get_version_or_raise(session=session, asset=asset, number=0)
            message = mappers.asset_to_pb(asset, version, published=False, url_of=None)
            self.events.emit(
                session,
                events.metadata_updated(message, by=Actor.of(identity), at=now),
                ce_type=events.ASSET_METADATA_UPDATED,
                subject=asset.id,
                tenant=tenant,
            )
            published = usage_repo.asset_in_use(session=session, asset_id=asset.id)
            return AssetView(asset, version, published)

    def delete(self, identity: Identity, *, tenant: str, asset_id: str) -> None:
        """Soft delete; the worker removes the objects. ASSET_IN_USE while a published
        story shows any version of it."""
        identity.require_role(tenant, *WRITER_ROLES)
        with session_scope(self.sessions) as session:
            asset = repo.get_asset_or_raise(
                session=session, tenant=tenant, asset_id=asset_id, for_update=True
            )
            if not (
                asset.created_by_id == identity.user_id
                or identity.has_role(tenant, *EDITOR_ROLES)
                or identity.is_platform_admin
            ):
                raise PermissionDenied(
                    "chỉ người tải lên hoặc biên tập viên được xoá (uploader or editor only)",
                    reason="NOT_ASSET_OWNER",
                )
            if usage_repo.asset_in_use(session=session, asset_id=asset.id):
                raise asset_in_use(asset_id)
            now = self.clock()
            self.mark_deleted(session, asset, by=Actor.of(identity), at=now)

    def mark_deleted(self, session: Session, asset: Asset, *, by: Actor, at: datetime) -> None:
        """Soft-delete ``asset`` in the caller's transaction and queue the purge of its
        objects (also used when an abandoned new asset is cleaned)."""
        asset.deleted_at = at
        asset.deleted_by_id = by.user_id
        asset.updated_at = at
        session.add(asset)
        self.events.emit(
            session,
            events.asset_deleted(asset, by=by, at=at),
            ce_type=events.ASSET_DELETED,
            subject=asset.id,
            tenant=asset.tenant,
        )
        self.jobs.enqueue(
            session, kind=JobKind.PURGE, tenant=asset.tenant, asset_id=asset.id, version=0
        )

    # --- the content service's check ------------------------------------------------------

    def resolve_attachments(
        self, identity: Identity, *, tenant: str, attachments: list[tuple[str, int]]
    ) -> list[Resolved]:
        """Each (asset id, version) of a story revision, checked as the editor: an asset of
        ``tenant`` (ASSET_NOT_FOUND otherwise, another tenant's included), the version
        pinned (0: the latest READY one, else the latest) and what stops it being
        published."""
        identity.require_member(tenant)
        if len(attachments) > MAX_ATTACHMENTS:
            raise invalid(
                f"tối đa {MAX_ATTACHMENTS} tệp mỗi bài (at most {MAX_ATTACHMENTS} media)",
                "TOO_MANY_MEDIA",
            )
        resolved: list[Resolved] = []
        with session_scope(self.sessions) as session:
            for asset_id, number in attachments:
                asset = repo.get_asset_or_raise(session=session, tenant=tenant, asset_id=asset_id)
                kind = AssetKind(asset.kind)
                if kind not in ATTACHABLE:
                    raise invalid(
                        f"không thể gắn tệp loại {kind} vào bài (a {kind} cannot be shown in a "
                        f"story): {asset_id}",
                        "NOT_ATTACHABLE",
                        asset_id=asset_id,
                    )
                version = self._pinned(session, asset, number)
                problems = [Problem(r, asset.id) for r in version_problems(asset, version)]
                if kind == AssetKind.GALLERY:
                    problems.extend(self._gallery_problems(session, version))
                resolved.append(Resolved(asset.id, version.number, kind, problems))
        return resolved

    def _pinned(self, session: Session, asset: Asset, number: int) -> AssetVersion:
        if number:
            return repo.get_version_or_raise(session=session, asset=asset, number=number)
        ready = repo.latest_ready_version(session=session, asset_id=asset.id)
        return ready or repo.get_version_or_raise(session=session, asset=asset, number=0)

    def _gallery_problems(self, session: Session, gallery: AssetVersion) -> list[Problem]:
        items = gallery.gallery_items
        assets = repo.assets_by_id(session=session, ids=[i.asset_id for i in items])
        versions = repo.versions_by_key(
            session=session, keys=[(i.asset_id, i.asset_version) for i in items]
        )
        problems: list[Problem] = []
        for item in items:
            asset = assets.get(item.asset_id)
            version = versions.get((item.asset_id, item.asset_version))
            if asset is None or version is None or asset.deleted_at is not None:
                problems.append(Problem("GALLERY_ITEM_NOT_READY", item.asset_id))
                continue
            for reason in version_problems(asset, version):
                code = "ALT_TEXT_MISSING" if reason == "ALT_TEXT_MISSING" else "NOT_READY"
                problems.append(Problem(f"GALLERY_ITEM_{code}", item.asset_id))
        return problems
