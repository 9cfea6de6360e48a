"""The media upload flow through MediaAssetService as a browser runs it: start a session,
PUT parts straight to the object store, complete; and waits on the worker's jobs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_cli.uploader import PartTarget, put_parts, sha256_of
from newsroom_core.identity import Identity
from newsroom_testkit.identities import as_user


@dataclass(frozen=True, slots=True)
class Started:
    asset: asset_pb2.Asset
    upload: pb.UploadSession


def start_upload(
    stub: Any,
    identity: Identity,
    tenant: str,
    path: Path,
    *,
    content_type: str,
    filename: str = "",
    asset_id: str = "",
    sha256: str = "",
    size: int = 0,
    **extra: Any,
) -> Started:
    reply = as_user(
        identity,
        stub.CreateUploadSession,
        pb.CreateUploadSessionRequest(
            tenant=tenant,
            asset_id=asset_id,
            filename=filename or path.name,
            content_type=content_type,
            size_bytes=size or path.stat().st_size,
            sha256=sha256 or sha256_of(path),
            **extra,
        ),
    )
    return Started(reply.asset, reply.upload)


def targets(upload: pb.UploadSession, only: Iterable[int] | None = None) -> list[PartTarget]:
    wanted = None if only is None else set(only)
    return [
        PartTarget(p.part_number, p.url, p.size_bytes)
        for p in upload.parts
        if wanted is None or p.part_number in wanted
    ]


def send_parts(
    path: Path, upload: pb.UploadSession, only: Iterable[int] | None = None
) -> dict[int, str]:
    return put_parts(path, upload.part_size_bytes, targets(upload, only))


def complete(stub: Any, identity: Identity, tenant: str, started: Started) -> asset_pb2.Asset:
    reply = as_user(
        identity,
        stub.CompleteUpload,
        pb.CompleteUploadRequest(
            tenant=tenant, asset_id=started.asset.id, upload_id=started.upload.upload_id
        ),
    )
    return reply.asset  # type: ignore[no-any-return]


def upload(
    stub: Any, identity: Identity, tenant: str, path: Path, *, content_type: str, **extra: Any
) -> asset_pb2.Asset:
    """The whole flow; the asset as CompleteUpload returns it (VERIFYING)."""
    started = start_upload(stub, identity, tenant, path, content_type=content_type, **extra)
    send_parts(path, started.upload)
    return complete(stub, identity, tenant, started)


def get_asset(stub: Any, identity: Identity, tenant: str, asset_id: str) -> asset_pb2.Asset:
    reply = as_user(identity, stub.GetAsset, pb.GetAssetRequest(tenant=tenant, asset_id=asset_id))
    return reply.asset  # type: ignore[no-any-return]


def wait_for(
    check: Callable[[], bool], *, timeout_s: float = 120.0, interval_s: float = 0.1
) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout_s} s")
        time.sleep(interval_s)
