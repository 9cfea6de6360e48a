"""The media upload flow through MediaAssetService as a browser runs it: start a session,
PUT parts straight to the object store while hashing the file, complete with its SHA-256;
and waits on the worker's jobs."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine

from content_service.media.directory import GrpcMediaDirectory
from media_asset_service.objects import ObjectStore
from media_asset_service.settings import (
    DeliverySettings,
    JobSettings,
    MediaWorkerSettings,
    UploadSettings,
)
from media_asset_service.uploads.service import UploadStart
from media_asset_service.wiring import MediaAssetAggregates
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_cli.uploader import PartTarget, SentFile, put_parts, send_file
from newsroom_core.db import migrate, session_factory
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.identity import Identity
from newsroom_core.localstack import Infra
from newsroom_core.runtime import ServiceRuntime
from newsroom_core.settings import DbSettings, HttpSettings, KafkaSettings
from newsroom_core.storage import StorageSettings
from newsroom_core.testing.run import bucket_name, token
from newsroom_testkit.identities import IDENTITY_KEY, as_user
from newsroom_testkit.services import serve


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
    """``sha256``: a digest to give at the start (empty: the client gives it at completion)."""
    reply = as_user(
        identity,
        stub.CreateUploadSession,
        pb.CreateUploadSessionRequest(
            tenant=tenant,
            asset_id=asset_id,
            filename=filename or path.name,
            content_type=content_type,
            size_bytes=size or path.stat().st_size,
            sha256=sha256,
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


def send_hashing(
    path: Path, upload: pb.UploadSession, only: Iterable[int] | None = None
) -> SentFile:
    """The parts (all, or ``only`` those) and, alongside, the whole file's SHA-256."""
    return send_file(path, upload.part_size_bytes, targets(upload, only))


def complete(
    stub: Any, identity: Identity, tenant: str, started: Started, *, sha256: str = ""
) -> asset_pb2.Asset:
    reply = as_user(
        identity,
        stub.CompleteUpload,
        pb.CompleteUploadRequest(
            tenant=tenant,
            asset_id=started.asset.id,
            upload_id=started.upload.upload_id,
            sha256=sha256,
        ),
    )
    return reply.asset  # type: ignore[no-any-return]


def upload(
    stub: Any,
    identity: Identity,
    tenant: str,
    path: Path,
    *,
    content_type: str,
    sha256: str = "",
    **extra: Any,
) -> asset_pb2.Asset:
    """The whole flow as ``newsroom media import`` runs it: start, parts PUT while the file
    is hashed, complete with the SHA-256 (``sha256`` instead: a digest to claim there, right
    or wrong); the asset as CompleteUpload returns it (VERIFYING)."""
    started = start_upload(stub, identity, tenant, path, content_type=content_type, **extra)
    sent = send_hashing(path, started.upload)
    return complete(stub, identity, tenant, started, sha256=sha256 or sent.sha256)


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


# --- a media-asset service for other services' tests ---------------------------------


def test_storage(infra: Infra) -> StorageSettings:
    """The local S3 server with a bucket of this test run's own (``drop_bucket`` ends it)."""
    return StorageSettings(
        endpoint=infra["NEWSROOM_S3_ENDPOINT"],
        access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
        secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        bucket=bucket_name("media"),
    )


def drop_bucket(store: ObjectStore) -> None:
    for pending in store.pending_uploads(""):
        store.abort_multipart(pending.key, pending.upload_id)
    store.delete_prefix("")
    store.client.remove_bucket(store.bucket)


@dataclass
class MediaService:
    """media-asset's use cases on a migrated database and a bucket, served in-process;
    with ``start_worker``, the media worker too (its relay, upload consumer, job runner)."""

    aggregates: MediaAssetAggregates
    store: ObjectStore
    server: GrpcServer
    engine: Engine
    database_url: str = ""
    storage: StorageSettings | None = None
    events_topic: str = ""
    worker: ServiceRuntime | None = None

    def start_worker(self, kafka: KafkaSettings) -> ServiceRuntime:
        """The worker process's wiring, in this process (``events_topic`` must be real)."""
        from media_asset_service.worker.wiring import assemble

        assert self.storage is not None
        process = assemble(
            MediaWorkerSettings(
                db=DbSettings(url=self.database_url, pool_size=4),
                kafka=kafka,
                http=HttpSettings(port=0),
                storage=self.storage,
                events_topic=self.events_topic,
                uploads_purpose=f"uploads-{token()}",
                jobs=JobSettings(lease_ttl_s=10, heartbeat_s=1, poll_interval_s=0.5),
            )
        )
        self.worker = process.runtime.start()
        return self.worker

    @property
    def directory(self) -> GrpcMediaDirectory:
        """What content asks (ResolveAttachments), over a real channel."""
        return GrpcMediaDirectory(make_channel(self.server.address, identity_key=IDENTITY_KEY))

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.server.stop(0)
        drop_bucket(self.store)
        self.engine.dispose()


def media_service(
    database_url: str, storage: StorageSettings, *, events_topic: str
) -> MediaService:
    from media_asset_service import MIGRATIONS_DIR, grpc_api, wiring

    migrate(database_url, MIGRATIONS_DIR)
    engine = create_engine(database_url, pool_size=10)
    store = ObjectStore.connect(storage)
    aggregates = wiring.use_cases(
        session_factory(engine),
        read_engine=engine,
        store=store,
        events_topic=events_topic,
        uploads=UploadSettings(),
        delivery=DeliverySettings(),
    )
    server = serve(grpc_api.binding(aggregates.servicer()))
    return MediaService(aggregates, store, server, engine, database_url, storage, events_topic)


def new_asset(
    media: MediaService,
    identity: Identity,
    tenant: str,
    *,
    content_type: str = "image/jpeg",
    filename: str = "photo.jpg",
) -> str:
    """An asset of ``tenant`` whose upload has only started (no bytes needed): enough to
    be attached to a story; its version 1 is not ready."""
    started = media.aggregates.uploads.start(
        identity,
        UploadStart(
            tenant=tenant,
            filename=filename,
            content_type=content_type,
            size_bytes=1000,
            sha256=uuid.uuid4().hex * 2,
        ),
    )
    return started.view.asset.id
