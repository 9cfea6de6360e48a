"""The media worker's PROCESS job: verify an uploaded original, make its renditions and
publish them, so that nothing half-made is ever served.

1. Download the original to local scratch space while hashing it (memory stays flat);
   size or SHA-256 other than declared: REJECTED.
2. Real type from the bytes (executables, unknown types, a kind other than the
   asset's: REJECTED), then the header (pixel limits before any decode: a
   decompression bomb is REJECTED ``IMAGE_TOO_LARGE`` without decoding it). VERIFYING ->
   PROCESSING, AssetVerified.
3. ``newsroom_media`` makes the files in an empty directory and writes its manifest last.
4. Each file is uploaded under this run's own prefix (``keys.run_prefix``).
5. One transaction, fenced by the lease: the version points at the run's prefix, READY,
   AssetVersionReady. Only then are other runs' leftovers (a killed attempt's) deleted.

A failure that may pass (ffmpeg stalled or ran out of memory, the store hiccuped) is
retried with backoff; the version stays PROCESSING with the reason shown; after the last
attempt it is FAILED with the reason and ffmpeg's last lines.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from media_asset_service import events, keys, metrics
from media_asset_service.assets import repository as asset_repo
from media_asset_service.assets.models import Asset, AssetVersion, ServedFile
from media_asset_service.assets.service import AssetUseCases
from media_asset_service.delivery import Delivery
from media_asset_service.jobs.models import JobKind
from media_asset_service.jobs.progress import JobProgress, JobStopped
from media_asset_service.jobs.service import WORKER_LOST, JobUseCases, Lease, LeaseLost
from media_asset_service.objects import ObjectStore
from media_asset_service.settings import DeliveryMode, JobSettings
from media_asset_service.usage import repository as usage_repo
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.enums import AssetKind, AssetStatus
from newsroom_core.events.outbox import EventSink
from newsroom_core.timestamps import Clock, utcnow
from newsroom_media import (
    FocalPoint,
    ImageLimits,
    MediaInfo,
    ProcessLimits,
    RenditionFile,
    SubtitleTrack,
    Tools,
    is_executable,
    kind_of,
    make_audio_renditions,
    make_image_renditions,
    make_video_hls,
    probe,
    read_manifest,
    sniff,
)
from newsroom_media.errors import Cancelled, MediaError

log = logging.getLogger(__name__)

# Share of the job's progress each stage takes.
DOWNLOAD = (0.0, 10.0)
RENDER = (10.0, 90.0)
UPLOAD = (90.0, 99.0)
# Kinds with nothing to render: READY once verified.
NOTHING_TO_RENDER = frozenset({AssetKind.DOCUMENT, AssetKind.SUBTITLES})


def scratch_root(settings: JobSettings) -> Path:
    return Path(settings.scratch_dir or tempfile.gettempdir()) / "newsroom-media-jobs"


def clean_scratch(settings: JobSettings) -> int:
    """Remove the work directories of worker processes that are gone (a SIGKILLed
    worker's half-made files); those of live workers sharing the directory stay."""
    root = scratch_root(settings)
    removed = 0
    for entry in root.glob("job-*-*") if root.exists() else []:
        try:
            pid = int(entry.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Rejection(Exception):
    """The original can never be processed: the version becomes REJECTED."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True, kw_only=True)
class RenditionUseCases:
    sessions: SessionFactory
    events: EventSink
    store: ObjectStore
    delivery: Delivery
    jobs: JobUseCases
    assets: AssetUseCases
    settings: JobSettings
    tools: Tools = field(default_factory=Tools)
    clock: Clock = utcnow

    # --- the job -------------------------------------------------------------------------

    def process(self, lease: Lease, progress: JobProgress) -> None:
        if lease.exhausted:
            self._fail(lease, WORKER_LOST, "the worker running the last attempt died")
            return
        loaded = self._load(lease)
        if loaded is None:
            return
        asset, version = loaded
        workdir = scratch_root(self.settings) / f"job-{os.getpid()}-{lease.run}"
        prefix = keys.run_prefix(asset.tenant, asset.id, version.number, lease.run)
        try:
            workdir.mkdir(parents=True, exist_ok=False)
            original = workdir / "original"
            info = self._verify(lease, asset, version, original, progress)
            files = self._render(asset, version, info, original, workdir, progress)
            self._upload(prefix, workdir / "out", files, progress)
            self._publish(lease, prefix, files)
            metrics.JOBS.labels(JobKind.PROCESS.value, "done").inc()
        except Rejection as rejection:
            self._reject(lease, rejection)
            metrics.JOBS.labels(JobKind.PROCESS.value, "rejected").inc()
        except LeaseLost:
            log.warning("lease lost; another worker redoes the job", extra={"job_id": lease.job_id})
            self._delete_quietly(prefix)
            metrics.JOBS.labels(JobKind.PROCESS.value, "lease_lost").inc()
        except (JobStopped, Cancelled) as stopped:
            reason = stopped.reason if isinstance(stopped, JobStopped) else progress.stop_reason
            self._delete_quietly(prefix)
            if reason == "LEASE_LOST":
                metrics.JOBS.labels(JobKind.PROCESS.value, "lease_lost").inc()
                return
            if reason == "SHUTDOWN":
                self._release(lease)
                return
            self._retry(lease, reason or "CANCELLED", f"stopped: {reason}")
        except MediaError as error:
            self._delete_quietly(prefix)
            detail = str(error)
            if error.retryable:
                self._retry(lease, error.reason, detail)
            else:
                self._fail(lease, error.reason, detail)
        except Exception as error:  # the store, the database: worth another attempt
            log.exception("processing attempt failed", extra={"job_id": lease.job_id})
            self._delete_quietly(prefix)
            self._retry(lease, "PROCESSING_ERROR", f"{type(error).__name__}: {error}")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _load(self, lease: Lease) -> tuple[Asset, AssetVersion] | None:
        """The asset and version, or None (job closed) when there is nothing to do."""
        with session_scope(self.sessions) as session:
            self.jobs.held(session, lease)
            asset = asset_repo.get_asset(session=session, asset_id=lease.asset_id)
            version = asset_repo.get_version(
                session=session, asset_id=lease.asset_id, number=lease.version
            )
            if (
                asset is None
                or version is None
                or asset.deleted_at is not None
                or version.status not in (AssetStatus.VERIFYING, AssetStatus.PROCESSING)
            ):
                self.jobs.finish(session, lease)
                return None
            version.attempts = lease.attempt
            session.add(version)
            return asset, version

    # --- 1-2: verify ---------------------------------------------------------------------

    def _verify(
        self,
        lease: Lease,
        asset: Asset,
        version: AssetVersion,
        original: Path,
        progress: JobProgress,
    ) -> MediaInfo | None:
        key = keys.original_key(asset.tenant, asset.id, version.number)
        digest = hashlib.sha256()
        expected = max(version.size_bytes, 1)
        read = 0
        report = progress.stage(*DOWNLOAD)

        def on_chunk(chunk: bytes) -> None:
            nonlocal read
            digest.update(chunk)
            read += len(chunk)
            report(100.0 * read / expected)
            progress.check()

        size = self.store.download(key, original, on_chunk)
        if size != version.size_bytes:
            raise Rejection("SIZE_MISMATCH", f"stored {size} bytes, declared {version.size_bytes}")
        if digest.hexdigest() != version.sha256:
            raise Rejection(
                "CHECKSUM_MISMATCH",
                f"SHA-256 of the stored file is {digest.hexdigest()}, declared {version.sha256}",
            )
        if is_executable(original):
            raise Rejection("EXECUTABLE_REFUSED", f"{version.filename} is an executable")
        detected = sniff(original)
        if detected is None:
            raise Rejection("UNSUPPORTED_TYPE", f"{version.filename}: type not recognised")
        if kind_of(detected) != asset.kind:
            raise Rejection("TYPE_MISMATCH", f"declared {version.declared_type}, found {detected}")
        info: MediaInfo | None = None
        if asset.kind in (AssetKind.IMAGE, AssetKind.VIDEO, AssetKind.AUDIO):
            try:
                info = probe(original, tools=self.tools, limits=self._image_limits())
            except MediaError as error:
                raise Rejection(error.reason, str(error)) from error
        self._mark_verified(lease, detected, info)
        return info

    def _image_limits(self) -> ImageLimits:
        return ImageLimits(
            max_pixels=self.settings.max_image_pixels, max_side=self.settings.max_image_side
        )

    def _mark_verified(self, lease: Lease, detected: str, info: MediaInfo | None) -> None:
        with session_scope(self.sessions) as session:
            self.jobs.held(session, lease)
            asset, version = self._locked(session, lease)
            first = version.status == AssetStatus.VERIFYING
            version.content_type = detected
            if info is not None:
                version.width = info.width or 0
                version.height = info.height or 0
                version.duration_ms = info.duration_ms or 0
            version.status = AssetStatus.PROCESSING
            version.updated_at = self.clock()
            session.add(version)
            if first:
                self.events.emit(
                    session,
                    events.asset_verified(asset, version, at=self.clock()),
                    ce_type=events.ASSET_VERIFIED,
                    subject=asset.id,
                    tenant=asset.tenant,
                )

    def _locked(self, session: Session, lease: Lease) -> tuple[Asset, AssetVersion]:
        asset = asset_repo.get_asset(session=session, asset_id=lease.asset_id)
        version = asset_repo.get_version(
            session=session, asset_id=lease.asset_id, number=lease.version, for_update=True
        )
        if asset is None or version is None:  # pragma: no cover - rows are never deleted
            raise LeaseLost(lease.job_id)
        return asset, version

    # --- 3: render -----------------------------------------------------------------------

    def _render(
        self,
        asset: Asset,
        version: AssetVersion,
        info: MediaInfo | None,
        original: Path,
        workdir: Path,
        progress: JobProgress,
    ) -> list[RenditionFile]:
        out = workdir / "out"
        kind = AssetKind(asset.kind)
        if kind in NOTHING_TO_RENDER:
            return []
        report = progress.stage(*RENDER)
        limits = ProcessLimits(
            threads=self.settings.ffmpeg_threads,
            max_memory_bytes=self.settings.ffmpeg_max_memory_bytes or None,
        )
        started = metrics.now()
        if kind == AssetKind.IMAGE:
            focal = (
                FocalPoint(version.focal_x, version.focal_y)
                if version.focal_x is not None and version.focal_y is not None
                else None
            )
            files = make_image_renditions(
                original, out, focal=focal, limits=self._image_limits(), progress=report
            )
        elif kind == AssetKind.VIDEO:
            files = make_video_hls(
                original,
                out,
                subtitles=self._subtitles(version, workdir, progress),
                progress=report,
                stall_timeout_s=self.settings.stuck_after_s,
                limits=limits,
                info=info,
                cancel=progress.cancel,
                tools=self.tools,
            )
        else:
            files = make_audio_renditions(
                original,
                out,
                progress=report,
                stall_timeout_s=self.settings.stuck_after_s,
                limits=limits,
                info=info,
                cancel=progress.cancel,
                tools=self.tools,
            )
        read_manifest(out)  # IncompleteOutput unless every file is there, as listed
        metrics.RENDER_SECONDS.labels(kind.value).observe(metrics.now() - started)
        return files

    def _subtitles(
        self, version: AssetVersion, workdir: Path, progress: JobProgress
    ) -> list[SubtitleTrack]:
        tracks: list[SubtitleTrack] = []
        with session_scope(self.sessions) as session:
            sources = []
            for entry in version.subtitle_tracks:
                ready = asset_repo.latest_ready_version(session=session, asset_id=entry.asset_id)
                if ready is not None:
                    sources.append((entry, ready))
        for index, (entry, ready) in enumerate(sources):
            path = workdir / f"sub-{index}-{entry.language}.vtt"
            self.store.download(
                keys.original_key(ready.tenant, ready.asset_id, ready.number),
                path,
                lambda _chunk: progress.check(),
            )
            tracks.append(
                SubtitleTrack(path, entry.language, entry.label or entry.language, index == 0)
            )
        return tracks

    # --- 4: upload -----------------------------------------------------------------------

    def _upload(
        self, prefix: str, out: Path, files: list[RenditionFile], progress: JobProgress
    ) -> None:
        report = progress.stage(*UPLOAD)
        total = max(sum(f.size for f in files), 1)
        sent = 0
        for file in files:
            progress.check()
            self.store.upload_file(prefix + file.path, out / file.path, file.content_type)
            sent += file.size
            report(100.0 * sent / total)

    # --- 5: publish ----------------------------------------------------------------------

    def _publish(self, lease: Lease, prefix: str, files: list[RenditionFile]) -> None:
        with session_scope(self.sessions) as session:
            self.jobs.finish(session, lease)  # LeaseLost: another worker owns the job now
            asset, version = self._locked(session, lease)
            now = self.clock()
            version.renditions_prefix = prefix
            version.files = [served(f).model_dump() for f in files]
            version.status = AssetStatus.READY
            version.progress_percent = 100
            version.failure_reason = ""
            version.failure_detail = ""
            version.ready_at = now
            version.updated_at = now
            session.add(version)
            self.events.emit(
                session,
                events.asset_version_ready(self.assets.reader_message(asset, version), at=now),
                ce_type=events.ASSET_VERSION_READY,
                subject=asset.id,
                tenant=asset.tenant,
            )
            if self.delivery.settings.mode is DeliveryMode.PUBLIC and usage_repo.version_in_use(
                session=session, asset_id=asset.id, version=version.number
            ):
                self.jobs.enqueue(
                    session,
                    kind=JobKind.DELIVER,
                    tenant=asset.tenant,
                    asset_id=asset.id,
                    version=version.number,
                )
            tenant, asset_id, number = asset.tenant, asset.id, version.number
        # Only now: a killed or failed attempt's files are never served, and go.
        root = keys.renditions_root(tenant, asset_id, number)
        leftovers = [k for k in self.store.keys(root) if not k.startswith(prefix)]
        self.store.delete_keys(leftovers)
        log.info(
            "renditions published",
            extra={"asset_id": asset_id, "version": number, "files": len(files)},
        )

    # --- failures ------------------------------------------------------------------------

    def _reject(self, lease: Lease, rejection: Rejection) -> None:
        with session_scope(self.sessions) as session:
            self.jobs.give_up(session, lease, reason=rejection.reason, detail=rejection.detail)
            asset, version = self._locked(session, lease)
            now = self.clock()
            version.status = AssetStatus.REJECTED
            version.failure_reason = rejection.reason
            version.failure_detail = rejection.detail
            version.updated_at = now
            session.add(version)
            self.events.emit(
                session,
                events.asset_rejected(
                    version, reason=rejection.reason, detail=rejection.detail, at=now
                ),
                ce_type=events.ASSET_REJECTED,
                subject=asset.id,
                tenant=asset.tenant,
            )
            key = keys.original_key(asset.tenant, asset.id, version.number)
        self.store.delete(key)
        log.info(
            "original rejected", extra={"asset_id": lease.asset_id, "reason": rejection.reason}
        )

    def _retry(self, lease: Lease, reason: str, detail: str) -> None:
        try:
            with session_scope(self.sessions) as session:
                retry = self.jobs.retry_later(session, lease, reason=reason, detail=detail)
                self._record_failure(
                    session,
                    lease,
                    reason,
                    detail,
                    attempts=retry.attempts,
                    final=retry.final,
                    retry_at=retry.retry_at,
                )
        except LeaseLost:
            return
        outcome = "failed" if retry.final else "retried"
        metrics.JOBS.labels(JobKind.PROCESS.value, outcome).inc()
        log.warning(
            "processing attempt failed",
            extra={"asset_id": lease.asset_id, "reason": reason, "final": retry.final},
        )

    def _fail(self, lease: Lease, reason: str, detail: str) -> None:
        """FAILED for good (no retry can help)."""
        try:
            with session_scope(self.sessions) as session:
                self.jobs.give_up(session, lease, reason=reason, detail=detail)
                attempts = lease.attempt
                self._record_failure(
                    session, lease, reason, detail, attempts=attempts, final=True, retry_at=None
                )
        except LeaseLost:
            return
        metrics.JOBS.labels(JobKind.PROCESS.value, "failed").inc()

    def _record_failure(
        self,
        session: Session,
        lease: Lease,
        reason: str,
        detail: str,
        *,
        attempts: int,
        final: bool,
        retry_at: datetime | None,
    ) -> None:
        """The attempt's reason on the version (FAILED when ``final``) and its event."""
        asset, version = self._locked(session, lease)
        now = self.clock()
        version.failure_reason = reason
        version.failure_detail = detail[-4000:]
        version.progress_percent = 0
        if final:
            version.status = AssetStatus.FAILED
        version.updated_at = now
        session.add(version)
        self.events.emit(
            session,
            events.processing_failed(
                version,
                reason=reason,
                detail=detail,
                attempts=attempts,
                final=final,
                retry_at=retry_at,
                at=now,
            ),
            ce_type=events.PROCESSING_FAILED,
            subject=asset.id,
            tenant=asset.tenant,
        )

    def _release(self, lease: Lease) -> None:
        try:
            with session_scope(self.sessions) as session:
                self.jobs.release(session, lease)
        except LeaseLost:
            return

    def _delete_quietly(self, prefix: str) -> None:
        try:
            self.store.delete_prefix(prefix)
        except Exception:
            log.warning("could not delete a run's files", extra={"prefix": prefix}, exc_info=True)

    # --- progress ------------------------------------------------------------------------

    def record_progress(self, lease: Lease, percent: int, emitted: int) -> int:
        """The version's progress (called by the heartbeat); an AssetProgress event each
        time a new tenth is reached. The last tenth emitted. The row is locked, as
        ``_publish`` locks it, so a heartbeat racing the publish cannot write 99 over READY's
        100."""
        with session_scope(self.sessions) as session:
            version = asset_repo.get_version(
                session=session, asset_id=lease.asset_id, number=lease.version, for_update=True
            )
            if version is None or version.status not in (
                AssetStatus.VERIFYING,
                AssetStatus.PROCESSING,
            ):
                return emitted
            version.progress_percent = percent
            session.add(version)
            tenth = percent // 10
            if tenth > emitted:
                self.events.emit(
                    session,
                    events.asset_progress(version, percent=percent, at=self.clock()),
                    ce_type=events.ASSET_PROGRESS,
                    subject=version.asset_id,
                    tenant=version.tenant,
                )
                return tenth
            return emitted


def served(file: RenditionFile) -> ServedFile:
    return ServedFile(
        path=file.path,
        role=file.role.value,
        content_type=file.content_type,
        size=file.size,
        width=file.width or 0,
        height=file.height or 0,
        bitrate=file.bitrate or 0,
        duration_ms=file.duration_ms or 0,
        language=file.language or "",
        label=file.label or "",
    )
