"""Fixtures: one migrated database, one bucket and one in-process gRPC server per test
run, on the real stack; the worker's use cases on the same database and bucket.

Tests isolate themselves with their own tenant slugs, so the database can be shared.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from media_asset_service import MIGRATIONS_DIR, grpc_api, wiring
from media_asset_service.objects import ObjectStore
from media_asset_service.settings import DeliverySettings, JobSettings, UploadSettings
from media_asset_service.wiring import MediaAssetAggregates
from media_asset_service.worker import wiring as worker_wiring
from media_asset_service.worker.wiring import WorkerAggregates
from newsroom.media_asset.v1.media_asset_service_pb2_grpc import MediaAssetServiceStub
from newsroom_core.db import SessionFactory
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.localstack import Infra
from newsroom_core.storage import StorageSettings
from newsroom_core.testing.run import bucket_name, topic_name
from newsroom_testkit.databases import database_fixtures
from newsroom_testkit.identities import IDENTITY_KEY
from newsroom_testkit.services import serve

MIB = 1024 * 1024


media_db, engine, read_engine, sessions = database_fixtures(
    "media", MIGRATIONS_DIR, url_fixture="media_db"
)


@pytest.fixture(scope="session")
def storage(infra: Infra, s3_endpoint: str) -> StorageSettings:
    return StorageSettings(
        endpoint=s3_endpoint,
        access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
        secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        bucket=bucket_name("media"),
    )


@pytest.fixture(scope="session")
def store(storage: StorageSettings) -> Iterator[ObjectStore]:
    store = ObjectStore.connect(storage)
    yield store
    for upload in store.pending_uploads(""):
        store.abort_multipart(upload.key, upload.upload_id)
    store.delete_prefix("")
    store.client.remove_bucket(storage.bucket)


@pytest.fixture(scope="session")
def events_topic() -> str:
    """Outbox topic of the service under test (tests read the outbox, not Kafka)."""
    return topic_name("media-events")


@pytest.fixture(scope="session")
def upload_settings() -> UploadSettings:
    # S3's smallest parts, so that a few tens of MB make several parts.
    return UploadSettings(min_part_size=5 * MIB)


@pytest.fixture(scope="session")
def delivery_settings() -> DeliverySettings:
    return DeliverySettings(base_url="http://portal.test/public/v1/media")


@pytest.fixture(scope="session")
def job_settings(tmp_path_factory: pytest.TempPathFactory) -> JobSettings:
    return JobSettings(
        lease_ttl_s=3.0,
        heartbeat_s=0.5,
        stuck_after_s=60.0,
        max_attempts=3,
        backoff_base_s=0.0,
        poll_interval_s=0.2,
        scratch_dir=str(tmp_path_factory.mktemp("media-scratch")),
    )


@pytest.fixture(scope="session")
def media(
    sessions: SessionFactory,
    read_engine: Engine,
    store: ObjectStore,
    events_topic: str,
    upload_settings: UploadSettings,
    delivery_settings: DeliverySettings,
    job_settings: JobSettings,
) -> MediaAssetAggregates:
    return wiring.use_cases(
        sessions,
        read_engine=read_engine,
        store=store,
        events_topic=events_topic,
        uploads=upload_settings,
        delivery=delivery_settings,
        jobs=job_settings,
    )


@pytest.fixture(scope="session")
def worker(
    sessions: SessionFactory,
    store: ObjectStore,
    events_topic: str,
    delivery_settings: DeliverySettings,
    job_settings: JobSettings,
) -> WorkerAggregates:
    return worker_wiring.use_cases(
        sessions,
        store=store,
        events_topic=events_topic,
        jobs=job_settings,
        delivery=delivery_settings,
    )


@pytest.fixture(scope="session")
def server(media: MediaAssetAggregates) -> Iterator[GrpcServer]:
    srv = serve(grpc_api.binding(media.servicer()))
    yield srv
    srv.stop(0)


@pytest.fixture(scope="session")
def stub(server: GrpcServer) -> MediaAssetServiceStub:
    channel = make_channel(server.address, identity_key=IDENTITY_KEY)
    return MediaAssetServiceStub(channel)  # type: ignore[no-untyped-call]


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media-files")
