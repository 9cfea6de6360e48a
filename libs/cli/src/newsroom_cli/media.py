"""``newsroom media import FILE...``: bulk imports (the legacy bulletin's photo archive)
through the same presigned multipart flow as the browser, with a progress bar.

Each file's upload is started on the media-asset service, its parts PUT straight to the
object store several at a time while one more thread hashes the file, and completed with
the SHA-256 (the worker verifies it); then (unless ``--no-wait``) the worker's progress is
followed until the file is READY or refused with its reason. ``--gallery TITLE`` makes a
gallery of the imported images, in the order given. The files are imported as ``--as
USER`` (a Keycloak user of the tenant), or as the platform itself.
"""

from __future__ import annotations

import mimetypes
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import grpc

from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom.media_asset.v1 import media_asset_service_pb2_grpc as pb_grpc
from newsroom_cli.clients import describe
from newsroom_cli.output import Outcome, Reporter
from newsroom_cli.settings import CliSettings
from newsroom_cli.uploader import PartTarget, send_file
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import SYSTEM, Identity

MEDIA_SERVICE = "newsroom.media_asset.v1.MediaAssetService"
READY_TIMEOUT_S = 600.0
DONE = {asset_pb2.ASSET_STATUS_READY}
REFUSED = {asset_pb2.ASSET_STATUS_REJECTED, asset_pb2.ASSET_STATUS_FAILED}


@dataclass
class ProgressBar:
    """One line redrawn in place on a terminal (a line per 10% elsewhere)."""

    label: str
    total: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    unit: str = "B"
    done: int = 0
    _started: float = field(default_factory=time.monotonic)
    _shown: int = -1
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def tty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def add(self, amount: int) -> None:
        with self._lock:
            self.done = min(self.done + amount, self.total)
            self._draw()

    def set(self, value: int) -> None:
        with self._lock:
            self.done = max(self.done, min(value, self.total))
            self._draw()

    def _draw(self) -> None:
        percent = int(100 * self.done / self.total) if self.total else 100
        if not self.tty:
            if percent // 10 > self._shown // 10 or (percent == 100 and self._shown < 100):
                self.stream.write(f"  {self.label}: {percent}%\n")
                self._shown = percent
            return
        filled = percent * 30 // 100
        rate = ""
        if self.unit == "B":
            elapsed = max(time.monotonic() - self._started, 1e-6)
            rate = f" {self.done / elapsed / 1e6:6.1f} MB/s"
        self.stream.write(
            f"\r  {self.label} [{'█' * filled}{'·' * (30 - filled)}] {percent:3d}%{rate}"
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


class MediaClient:
    """MediaAssetService, called as ``identity`` (signed with the cluster key)."""

    def __init__(self, settings: CliSettings, identity: Identity = SYSTEM) -> None:
        self.identity = identity
        self._channel = make_channel(
            settings.media_asset_target,
            service=MEDIA_SERVICE,
            idempotent_methods=["GetAsset", "ListAssets", "ListUploadParts"],
            identity_key=settings.identity_key,
            default_deadline_s=max(settings.grpc_deadline_s, 30.0),
        )
        self.stub: Any = pb_grpc.MediaAssetServiceStub(self._channel)  # type: ignore[no-untyped-call]

    def call(self, method: str, request: Any) -> Any:
        with acting_as(self.identity):
            return getattr(self.stub, method)(request)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> MediaClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def upload(
        self,
        tenant: str,
        path: Path,
        *,
        metadata: asset_pb2.AssetMetadata | None = None,
        filename: str = "",
        progress: Callable[[str, int], ProgressBar] | None = None,
    ) -> asset_pb2.Asset:
        """Start, PUT every part while hashing the file, complete with its SHA-256: the
        asset (VERIFYING)."""
        size = path.stat().st_size
        content_type, _ = mimetypes.guess_type(path.name)
        started = self.call(
            "CreateUploadSession",
            pb.CreateUploadSessionRequest(
                tenant=tenant,
                filename=filename or path.name,
                content_type=content_type or "application/octet-stream",
                size_bytes=size,
                metadata=metadata,
            ),
        )
        session = started.upload
        bar = progress(f"tải lên ({session.part_count} phần)", size) if progress else None
        sent = send_file(
            path,
            session.part_size_bytes,
            [PartTarget(p.part_number, p.url, p.size_bytes) for p in session.parts],
            on_bytes=bar.add if bar else None,
        )
        if bar:
            bar.finish()
        done = self.call(
            "CompleteUpload",
            pb.CompleteUploadRequest(
                tenant=tenant,
                asset_id=started.asset.id,
                upload_id=session.upload_id,
                sha256=sent.sha256,
            ),
        )
        return done.asset  # type: ignore[no-any-return]

    def wait_ready(
        self,
        tenant: str,
        asset_id: str,
        *,
        bar: ProgressBar | None = None,
        stop: threading.Event | None = None,
        timeout_s: float = READY_TIMEOUT_S,
    ) -> asset_pb2.Asset:
        """The asset once READY, REJECTED or FAILED (or as it is at the timeout)."""
        deadline = time.monotonic() + timeout_s
        while True:
            asset = self.call(
                "GetAsset", pb.GetAssetRequest(tenant=tenant, asset_id=asset_id)
            ).asset
            if bar is not None:
                bar.set(asset.version.progress_percent)
            status = asset.version.status
            if status in DONE or status in REFUSED or time.monotonic() > deadline:
                return asset  # type: ignore[no-any-return]
            if stop is not None and stop.wait(0.5):
                return asset  # type: ignore[no-any-return]
            if stop is None:
                time.sleep(0.5)


def metadata_of(
    *, title: str = "", caption: str = "", credit: str = "", alt: str = "", licence: str = ""
) -> asset_pb2.AssetMetadata:
    return asset_pb2.AssetMetadata(
        title=asset_pb2.LocalizedText(vi=title),
        caption=asset_pb2.LocalizedText(vi=caption),
        credit=credit,
        alt_text=asset_pb2.LocalizedText(vi=alt),
        licence=licence,
    )


@dataclass(frozen=True)
class ImportOptions:
    tenant: str
    files: Sequence[Path]
    identity: Identity = SYSTEM
    title: str = ""
    caption: str = ""
    credit: str = ""
    alt: str = ""
    licence: str = ""
    gallery: str = ""
    wait: bool = True


def import_files(settings: CliSettings, out: Reporter, options: ImportOptions) -> int:
    out.heading(f"Nhập tệp vào {options.tenant} (importing media into {options.tenant})")
    missing = [str(p) for p in options.files if not p.is_file()]
    if missing:
        out.step(Outcome.FAILED, "tệp (files)", f"không có (not found): {', '.join(missing)}")
        return 1
    imported: list[asset_pb2.Asset] = []
    with MediaClient(settings, options.identity) as media:
        for index, path in enumerate(options.files, start=1):
            label = f"[{index}/{len(options.files)}] {path.name}"
            out.line(label)
            metadata = metadata_of(
                title=options.title or path.stem,
                caption=options.caption,
                credit=options.credit,
                alt=options.alt,
                licence=options.licence,
            )
            try:
                asset = media.upload(options.tenant, path, metadata=metadata, progress=ProgressBar)
                if options.wait:
                    bar = ProgressBar("xử lý (processing)", 100, unit="%")
                    asset = media.wait_ready(options.tenant, asset.id, bar=bar)
                    bar.finish()
            except grpc.RpcError as exc:
                out.step(Outcome.FAILED, label, describe(exc))
                continue
            status = asset.version.status
            if status in REFUSED:
                out.step(
                    Outcome.FAILED,
                    label,
                    f"{asset_pb2.AssetStatus.Name(status)} {asset.version.failure_reason}: "
                    f"{asset.version.failure_detail[:300]}",
                )
                continue
            state = asset_pb2.AssetStatus.Name(status).removeprefix("ASSET_STATUS_").lower()
            out.step(Outcome.CREATED, label, f"{asset.id} ({state})")
            imported.append(asset)
        if options.gallery:
            images = [a for a in imported if a.kind == asset_pb2.ASSET_KIND_IMAGE]
            if not images:
                out.step(Outcome.WARNING, "bộ ảnh (gallery)", "không có ảnh nào (no images)")
            else:
                try:
                    gallery = media.call(
                        "CreateGallery",
                        pb.CreateGalleryRequest(
                            tenant=options.tenant,
                            metadata=metadata_of(title=options.gallery, credit=options.credit),
                            items=[asset_pb2.GalleryItem(asset_id=a.id) for a in images],
                        ),
                    ).asset
                    out.step(
                        Outcome.CREATED,
                        f"bộ ảnh (gallery) «{options.gallery}»",
                        f"{gallery.id}: {len(images)} ảnh (images)",
                    )
                except grpc.RpcError as exc:
                    out.step(Outcome.FAILED, "bộ ảnh (gallery)", describe(exc))
    return out.exit_code()
