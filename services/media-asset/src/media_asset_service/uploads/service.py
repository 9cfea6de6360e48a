"""Upload use cases: the browser sends the file straight to the object store through
presigned multipart part URLs; this service only starts, resumes, completes and aborts.

- Start: the kind's size limit and the tenant's quota are checked, the multipart upload
  is created and every part gets a presigned PUT URL (no body passes through the gateway
  or this service).
- Resume: after a dropped connection or a closed laptop, the client asks which parts the
  store has (S3 ListParts) and gets fresh URLs for the others only.
- Complete: every part must be there with its size; the object's size and real type
  (magic bytes of its head, never the name or the declared type) are checked at once, a
  refusal says which check failed; the SHA-256 is verified by the worker while it reads
  the file for processing (a second full read here would double the I/O of every upload).
  The client gives the SHA-256 at completion, hashed while its parts were in flight (a
  digest wanted at the start would make it read the whole file before the first part);
  one given at the start is still taken, and then both must agree.
- Abandoned uploads are aborted and their parts removed after ``abandon_after_s``
  (``sweep``), as are multipart uploads the store has that no session knows.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from media_asset_service import events, keys
from media_asset_service.assets import repository as asset_repo
from media_asset_service.assets.models import (
    Asset,
    AssetVersion,
    Metadata,
    SubtitleEntry,
)
from media_asset_service.assets.service import (
    WRITER_ROLES,
    AssetUseCases,
    AssetView,
    validate_metadata,
)
from media_asset_service.errors import file_too_large, invalid, precondition
from media_asset_service.objects import ObjectStore, StoredPart
from media_asset_service.quotas.service import QuotaUseCases
from media_asset_service.settings import UploadSettings
from media_asset_service.uploads.models import UploadSession, UploadState
from media_asset_service.uploads.parts import (
    SHA256_HEX,
    PartPlan,
    kind_of_upload,
    normalise_type,
    plan_parts,
)
from newsroom_core.actors import SYSTEM_ACTOR, Actor
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import AssetKind, AssetStatus
from newsroom_core.errors import InvalidArgument
from newsroom_core.events.outbox import EventSink
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock, utcnow
from newsroom_media import is_executable, kind_of, sniff

log = logging.getLogger(__name__)

# Enough of the head for every signature newsroom_media knows (its sniff reads 4 KiB).
HEAD_BYTES = 64 * 1024
MAX_FILENAME = 255


@dataclass(frozen=True, slots=True)
class UploadStart:
    """What a client needs to upload a file."""

    tenant: str
    filename: str
    content_type: str
    size_bytes: int
    # Empty: given at completion.
    sha256: str = ""
    asset_id: str = ""
    metadata: Metadata | None = None
    focal_point: tuple[float, float] | None = None
    subtitles: tuple[SubtitleEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class PartUrl:
    number: int
    url: str
    size: int


@dataclass(frozen=True, slots=True)
class OpenUpload:
    upload_id: str
    part_size: int
    part_count: int
    parts: list[PartUrl]
    urls_expire_at: datetime
    abandon_at: datetime


@dataclass(frozen=True, slots=True)
class Started:
    view: AssetView
    upload: OpenUpload


@dataclass(frozen=True, slots=True)
class Resumable:
    stored: list[StoredPart]
    upload: OpenUpload


class Refused(InvalidArgument):
    """A completed upload whose bytes are refused; raised after the transaction that
    records the version as REJECTED commits."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadUseCases:
    sessions: SessionFactory
    events: EventSink
    store: ObjectStore
    settings: UploadSettings
    quotas: QuotaUseCases
    assets: AssetUseCases
    clock: Clock = utcnow

    # --- start ---------------------------------------------------------------------------

    def start(self, identity: Identity, request: UploadStart) -> Started:
        tenant = request.tenant
        identity.require_role(tenant, *WRITER_ROLES)
        filename = request.filename.strip().replace("/", "_").replace("\\", "_")
        if not filename:
            raise invalid("cần tên tệp (filename required)", "FILENAME_REQUIRED")
        if len(filename) > MAX_FILENAME:
            filename = filename[-MAX_FILENAME:]
        if request.size_bytes <= 0:
            raise invalid("kích thước tệp không hợp lệ (invalid size)", "INVALID_SIZE")
        sha256 = _digest(request.sha256)
        kind = kind_of_upload(request.content_type, filename)
        if kind is None:
            raise invalid(
                f"không hỗ trợ loại tệp {request.content_type!r} (unsupported content type)",
                "UNSUPPORTED_CONTENT_TYPE",
                content_type=request.content_type,
            )
        limit = self.settings.max_size.get(kind, 0)
        if request.size_bytes > limit:
            raise file_too_large(kind.value, request.size_bytes, limit)
        plan = plan_parts(
            request.size_bytes,
            min_part_size=self.settings.min_part_size,
            max_parts=self.settings.max_parts,
        )
        if plan is None:  # pragma: no cover - beyond S3 itself, far beyond any kind's limit
            raise file_too_large(kind.value, request.size_bytes, limit)
        focal = _focal(request.focal_point, kind)
        meta = validate_metadata(request.metadata) if request.metadata is not None else Metadata()
        actor = Actor.of(identity)
        with session_scope(self.sessions) as session:
            subtitles = self._subtitles(session, tenant, kind, request.subtitles)
            if request.asset_id:
                asset = self._replaceable(session, tenant, request.asset_id, kind)
                asset.current_version += 1
            else:
                asset = Asset(
                    tenant=tenant,
                    kind=kind,
                    meta=meta.model_dump(mode="json"),
                    current_version=1,
                    created_by_id=actor.user_id,
                    created_by_username=actor.username,
                    created_by_name=actor.display_name,
                    created_at=self.clock(),
                )
            self.quotas.reserve(session, tenant=tenant, size=request.size_bytes)
            now = self.clock()
            asset.updated_at = now
            session.add(asset)
            session.flush()
            key = keys.original_key(tenant, asset.id, asset.current_version)
            version = add(
                session=session,
                obj=AssetVersion(
                    asset_id=asset.id,
                    number=asset.current_version,
                    tenant=tenant,
                    status=AssetStatus.UPLOADING,
                    filename=filename,
                    declared_type=normalise_type(request.content_type),
                    content_type=normalise_type(request.content_type),
                    size_bytes=request.size_bytes,
                    sha256=sha256,
                    focal_x=focal[0] if focal else None,
                    focal_y=focal[1] if focal else None,
                    subtitles=[s.model_dump() for s in subtitles],
                    created_by_id=actor.user_id,
                    created_by_username=actor.username,
                    created_by_name=actor.display_name,
                    created_at=now,
                    updated_at=now,
                ),
            )
            upload_id = self.store.create_multipart(key, version.declared_type)
            upload = add(
                session=session,
                obj=UploadSession(
                    asset_id=asset.id,
                    version=version.number,
                    tenant=tenant,
                    upload_id=upload_id,
                    object_key=key,
                    size_bytes=request.size_bytes,
                    part_size=plan.part_size,
                    part_count=plan.part_count,
                    created_at=now,
                    abandon_at=now + timedelta(seconds=self.settings.abandon_after_s),
                ),
            )
            urls = self._urls(upload, range(1, plan.part_count + 1))
            return Started(AssetView(asset, version, published=False), urls)

    def _replaceable(self, session: Session, tenant: str, asset_id: str, kind: AssetKind) -> Asset:
        asset = asset_repo.get_asset_or_raise(
            session=session, tenant=tenant, asset_id=asset_id, for_update=True
        )
        if asset.kind != kind:
            raise invalid(
                f"tệp thay thế phải cùng loại {asset.kind} (a replacement must be a {asset.kind})",
                "KIND_MISMATCH",
                kind=asset.kind,
            )
        current = asset_repo.get_version_or_raise(session=session, asset=asset, number=0)
        if current.status == AssetStatus.UPLOADING:
            raise precondition(
                "tệp đang được tải lên (an upload is already in progress)", "UPLOAD_IN_PROGRESS"
            )
        return asset

    def _subtitles(
        self, session: Session, tenant: str, kind: AssetKind, tracks: tuple[SubtitleEntry, ...]
    ) -> list[SubtitleEntry]:
        if not tracks:
            return []
        if kind != AssetKind.VIDEO:
            raise invalid("chỉ video có phụ đề (only videos have subtitles)", "INVALID_SUBTITLES")
        found: list[SubtitleEntry] = []
        for track in tracks:
            if not track.language:
                raise invalid("phụ đề cần ngôn ngữ (subtitle language)", "INVALID_SUBTITLES")
            asset = asset_repo.get_asset(session=session, asset_id=track.asset_id)
            ready = (
                asset_repo.latest_ready_version(session=session, asset_id=asset.id)
                if asset is not None and asset.tenant == tenant and asset.deleted_at is None
                else None
            )
            if asset is None or asset.kind != AssetKind.SUBTITLES or ready is None:
                raise invalid(
                    f"không tìm thấy phụ đề (subtitles not found): {track.asset_id}",
                    "SUBTITLES_NOT_FOUND",
                    asset_id=track.asset_id,
                )
            found.append(track)
        return found

    def _urls(self, upload: UploadSession, numbers: range | list[int]) -> OpenUpload:
        plan = PartPlan(upload.part_size, upload.part_count)
        expiry = self.settings.url_expiry_s
        return OpenUpload(
            upload_id=upload.upload_id,
            part_size=upload.part_size,
            part_count=upload.part_count,
            parts=[
                PartUrl(
                    n,
                    self.store.presign_part(upload.object_key, upload.upload_id, n, expiry),
                    plan.size_of(n, upload.size_bytes),
                )
                for n in numbers
            ],
            urls_expire_at=self.clock() + timedelta(seconds=expiry),
            abandon_at=upload.abandon_at,
        )

    # --- resume --------------------------------------------------------------------------

    def list_parts(self, identity: Identity, *, tenant: str, asset_id: str) -> Resumable:
        identity.require_role(tenant, *WRITER_ROLES)
        with session_scope(self.sessions) as session:
            asset = asset_repo.get_asset_or_raise(session=session, tenant=tenant, asset_id=asset_id)
            upload = self._open_upload(session, asset)
            stored = self.store.list_parts(upload.object_key, upload.upload_id)
            plan = PartPlan(upload.part_size, upload.part_count)
            good = {
                p.number: p
                for p in stored
                if 1 <= p.number <= upload.part_count
                and p.size == plan.size_of(p.number, upload.size_bytes)
            }
            missing = [n for n in range(1, upload.part_count + 1) if n not in good]
            return Resumable([good[n] for n in sorted(good)], self._urls(upload, missing))

    def _open_upload(self, session: Session, asset: Asset) -> UploadSession:
        upload = session.exec(
            select(UploadSession)
            .where(
                UploadSession.asset_id == asset.id,
                UploadSession.version == asset.current_version,
            )
            .with_for_update()
        ).first()
        if upload is None or upload.state != UploadState.OPEN:
            raise precondition(
                "không có lượt tải lên đang mở (no upload in progress)", "NO_UPLOAD_IN_PROGRESS"
            )
        if upload.abandon_at <= self.clock():
            raise precondition(
                "lượt tải lên đã hết hạn, hãy tải lại (upload expired: start again)",
                "UPLOAD_EXPIRED",
            )
        return upload

    # --- complete ------------------------------------------------------------------------

    def complete(
        self, identity: Identity, *, tenant: str, asset_id: str, upload_id: str, sha256: str = ""
    ) -> AssetView:
        """``sha256``: the file's digest, unless given at the start (then it must agree)."""
        identity.require_role(tenant, *WRITER_ROLES)
        given = _digest(sha256)
        refusal: Refused | None = None
        with session_scope(self.sessions) as session:
            asset = asset_repo.get_asset_or_raise(
                session=session, tenant=tenant, asset_id=asset_id, for_update=True
            )
            version = asset_repo.get_version_or_raise(
                session=session, asset=asset, number=0, for_update=True
            )
            done = session.get(UploadSession, (asset.id, version.number))
            if version.status != AssetStatus.UPLOADING and done is not None:
                if done.upload_id != upload_id:
                    raise invalid("upload_id không khớp (upload id mismatch)", "UPLOAD_ID_MISMATCH")
                _agreed_digest(version.sha256, given, required=False)
                return AssetView(asset, version, published=False)  # completed already
            upload = self._open_upload(session, asset)
            if upload.upload_id != upload_id:
                raise invalid("upload_id không khớp (upload id mismatch)", "UPLOAD_ID_MISMATCH")
            version.sha256 = _agreed_digest(version.sha256, given)
            self._complete_parts(upload)
            now = self.clock()
            upload.state = UploadState.COMPLETED
            upload.closed_at = now
            session.add(upload)
            refusal = self._check_object(upload, asset, version)
            if refusal is not None:
                self._reject(session, asset, version, refusal, at=now)
            else:
                version.status = AssetStatus.VERIFYING
                version.updated_at = now
                session.add(version)
                self.events.emit(
                    session,
                    events.asset_uploaded(asset, version, by=Actor.of(identity), at=now),
                    ce_type=events.ASSET_UPLOADED,
                    subject=asset.id,
                    tenant=tenant,
                )
                return AssetView(asset, version, published=False)
        raise refusal

    def _complete_parts(self, upload: UploadSession) -> None:
        stored = {p.number: p for p in self.store.list_parts(upload.object_key, upload.upload_id)}
        plan = PartPlan(upload.part_size, upload.part_count)
        missing = [
            n
            for n in range(1, upload.part_count + 1)
            if n not in stored or stored[n].size != plan.size_of(n, upload.size_bytes)
        ]
        if missing:
            raise precondition(
                f"còn thiếu {len(missing)} phần, phần đầu tiên: {missing[0]} "
                f"({len(missing)} parts missing, first: {missing[0]})",
                "PARTS_MISSING",
                missing=str(len(missing)),
                first_missing=str(missing[0]),
            )
        self.store.complete_multipart(
            upload.object_key,
            upload.upload_id,
            [stored[n] for n in range(1, upload.part_count + 1)],
        )

    def _check_object(
        self, upload: UploadSession, asset: Asset, version: AssetVersion
    ) -> Refused | None:
        """Size and real type of the completed object; the refusal, if any."""
        size = self.store.size_of(upload.object_key)
        if size != upload.size_bytes:
            return Refused(
                f"kích thước {size} khác {upload.size_bytes} đã khai (size mismatch)",
                reason="SIZE_MISMATCH",
                metadata={"declared": str(upload.size_bytes), "stored": str(size)},
            )
        head = self.store.read_range(upload.object_key, 0, HEAD_BYTES)
        with tempfile.NamedTemporaryFile(prefix="head-") as handle:
            handle.write(head)
            handle.flush()
            path = Path(handle.name)
            if is_executable(path):
                return Refused(
                    f"tệp {version.filename!r} là chương trình chạy được, không phải "
                    f"{asset.kind} (an executable, refused)",
                    reason="EXECUTABLE_REFUSED",
                )
            detected = sniff(path)
        found_kind = kind_of(detected)
        if detected is None and asset.kind == AssetKind.AUDIO:
            return None  # a long ID3 tag hides the audio frames: the worker reads it all
        if detected is None:
            return Refused(
                f"không nhận ra định dạng tệp {version.filename!r} (unsupported type)",
                reason="UNSUPPORTED_TYPE",
            )
        if found_kind != asset.kind:
            return Refused(
                f"khai {version.declared_type}, nội dung là {detected} "
                f"(declared {version.declared_type}, found {detected})",
                reason="TYPE_MISMATCH",
                metadata={"declared": version.declared_type, "detected": detected},
            )
        version.content_type = detected
        return None

    def _reject(
        self,
        session: Session,
        asset: Asset,
        version: AssetVersion,
        refusal: Refused,
        *,
        at: datetime,
    ) -> None:
        key = keys.original_key(asset.tenant, asset.id, version.number)
        self.store.delete(key)
        version.status = AssetStatus.REJECTED
        version.failure_reason = refusal.reason
        version.failure_detail = refusal.message
        version.updated_at = at
        session.add(version)
        self.events.emit(
            session,
            events.asset_rejected(version, reason=refusal.reason, detail=refusal.message, at=at),
            ce_type=events.ASSET_REJECTED,
            subject=asset.id,
            tenant=asset.tenant,
        )
        log.info(
            "upload rejected",
            extra={"asset_id": asset.id, "version": version.number, "reason": refusal.reason},
        )

    # --- abort and clean -----------------------------------------------------------------

    def abort(self, identity: Identity, *, tenant: str, asset_id: str) -> AssetView | None:
        """The upload aborted; None when the asset itself went with it (a new asset)."""
        identity.require_role(tenant, *WRITER_ROLES)
        with session_scope(self.sessions) as session:
            asset = asset_repo.get_asset_or_raise(
                session=session, tenant=tenant, asset_id=asset_id, for_update=True
            )
            upload = session.exec(
                select(UploadSession)
                .where(
                    UploadSession.asset_id == asset.id,
                    UploadSession.version == asset.current_version,
                    UploadSession.state == UploadState.OPEN,
                )
                .with_for_update()
            ).first()
            if upload is None:
                raise precondition(
                    "không có lượt tải lên đang mở (no upload in progress)",
                    "NO_UPLOAD_IN_PROGRESS",
                )
            return self._close(session, asset, upload, UploadState.ABORTED, Actor.of(identity))

    def _close(
        self,
        session: Session,
        asset: Asset,
        upload: UploadSession,
        state: UploadState,
        actor: Actor,
    ) -> AssetView | None:
        self.store.abort_multipart(upload.object_key, upload.upload_id)
        now = self.clock()
        upload.state = state
        upload.closed_at = now
        session.add(upload)
        version = asset_repo.get_version_or_raise(
            session=session, asset=asset, number=upload.version, for_update=True
        )
        version.status = AssetStatus.ABANDONED
        version.failure_reason = "UPLOAD_ABANDONED" if state == UploadState.ABANDONED else ""
        version.updated_at = now
        session.add(version)
        if version.number == 1:
            self.assets.mark_deleted(session, asset, by=actor, at=now)
            return None
        # a replacement that never came: the previous version is current again
        previous = asset_repo.get_version_or_raise(
            session=session, asset=asset, number=version.number - 1
        )
        asset.current_version = previous.number
        asset.updated_at = now
        session.add(asset)
        session.flush()
        return AssetView(asset, previous, published=False)

    def sweep(self, limit: int = 100) -> int:
        """Abort uploads left open past ``abandon_at`` and multipart uploads the store has
        that no open session knows (a start that failed after creating one); how many."""
        now = self.clock()
        cleaned = 0
        with session_scope(self.sessions) as session:
            expired = session.exec(
                select(UploadSession)
                .where(UploadSession.state == UploadState.OPEN, UploadSession.abandon_at <= now)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            for upload in expired:
                asset = asset_repo.get_asset(session=session, asset_id=upload.asset_id)
                if asset is None:
                    continue
                self._close(session, asset, upload, UploadState.ABANDONED, SYSTEM_ACTOR)
                cleaned += 1
            open_ids = set(
                session.exec(
                    select(UploadSession.upload_id).where(UploadSession.state == UploadState.OPEN)
                ).all()
            )
        cutoff = now - timedelta(seconds=self.settings.abandon_after_s)
        for pending in self.store.pending_uploads("tenants/"):
            if pending.upload_id in open_ids:
                continue
            if pending.initiated is not None and pending.initiated > cutoff:
                continue
            self.store.abort_multipart(pending.key, pending.upload_id)
            cleaned += 1
        if cleaned:
            log.info("abandoned uploads cleaned", extra={"count": cleaned})
        return cleaned


def _digest(value: str) -> str:
    """A client's hex SHA-256, normalised; empty when not given."""
    digest = value.strip().lower()
    if digest and not SHA256_HEX.match(digest):
        raise invalid(
            "SHA-256 phải là 64 chữ số hex (sha256 must be 64 hex digits)", "INVALID_SHA256"
        )
    return digest


def _agreed_digest(at_start: str, at_completion: str, *, required: bool = True) -> str:
    """The digest the worker checks: given at the start or at completion; both must agree."""
    if at_start and at_completion and at_start != at_completion:
        raise invalid(
            "SHA-256 khi hoàn tất khác SHA-256 khi bắt đầu "
            "(the sha256 given at completion differs from the one given at the start)",
            "SHA256_MISMATCH",
            at_start=at_start,
            at_completion=at_completion,
        )
    digest = at_start or at_completion
    if required and not digest:
        raise invalid(
            "cần SHA-256 của tệp khi hoàn tất (sha256 required: give it at completion)",
            "SHA256_REQUIRED",
        )
    return digest


def _focal(point: tuple[float, float] | None, kind: AssetKind) -> tuple[float, float] | None:
    if point is None:
        return None
    x, y = point
    if kind != AssetKind.IMAGE or not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise invalid(
            "điểm lấy nét phải trong 0..1, chỉ cho ảnh (focal point: 0..1, images only)",
            "INVALID_FOCAL_POINT",
        )
    return x, y
