"""Shared fixtures: the REAL content and editorial-approval services in-process on port 0
(fresh databases), the real Keycloak, MinIO and Kafka; the CLI pointed at them through
its ``NEWSROOM_*`` environment.

Tenants made by a test have unique slugs (``t`` + hex) and their Keycloak groups are
deleted afterwards; the demo tenants' groups come from the realm and are never touched.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from minio import Minio
from sqlalchemy import create_engine

from content_service import MIGRATIONS_DIR as CONTENT_MIGRATIONS
from content_service import grpc_api as content_grpc_api
from content_service import wiring as content_wiring
from editorial_approval_service import MIGRATIONS_DIR as EDITORIAL_MIGRATIONS
from editorial_approval_service import grpc_api as editorial_grpc_api
from editorial_approval_service import wiring as editorial_wiring
from editorial_approval_service.content_client import GrpcStoryDirectory
from newsroom_cli.clients import Services
from newsroom_cli.keycloak_admin import Directory, connect, tenant_path
from newsroom_cli.settings import CliSettings
from newsroom_core.db import make_read_engine, migrate, session_factory
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.localstack import Infra
from newsroom_core.settings import DbSettings, KafkaSettings
from newsroom_core.storage import make_client
from newsroom_core.testing.run import bucket_name, topic_name
from newsroom_testkit.identities import IDENTITY_KEY
from newsroom_testkit.media import MediaService, media_service, test_storage
from newsroom_testkit.services import serve


@dataclass(frozen=True)
class Stack:
    """Where the in-process services listen."""

    content_target: str
    editorial_target: str
    media_target: str


@pytest.fixture(scope="session")
def media(
    database_factory: Callable[[str], str],
    infra: Infra,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> Iterator[MediaService]:
    """The media service and its worker (the seed's demo media are transcoded)."""
    service = media_service(
        database_factory("cli_media"), test_storage(infra), events_topic=topic_factory("cli-media")
    )
    service.start_worker(kafka_settings)
    yield service
    service.stop()


@pytest.fixture(scope="session")
def content_server(
    database_factory: Callable[[str], str], media: MediaService
) -> Iterator[GrpcServer]:
    url = database_factory("cli_content")
    migrate(url, CONTENT_MIGRATIONS)
    engine = create_engine(url, pool_size=10)
    read_engine = make_read_engine(DbSettings(url=url))
    content = content_wiring.use_cases(
        session_factory(engine),
        read_engine=read_engine,
        events_topic=topic_name("cli-content"),
        media=media.directory,
    )
    server = serve(content_grpc_api.binding(content.servicer()))
    yield server
    server.stop(0)
    engine.dispose()
    read_engine.dispose()


@pytest.fixture(scope="session")
def editorial_server(
    database_factory: Callable[[str], str], content_server: GrpcServer
) -> Iterator[GrpcServer]:
    url = database_factory("cli_editorial")
    migrate(url, EDITORIAL_MIGRATIONS)
    engine = create_engine(url, pool_size=10)
    channel = make_channel(content_server.address, identity_key=IDENTITY_KEY)
    editorial = editorial_wiring.use_cases(
        session_factory(engine),
        GrpcStoryDirectory(channel),
        events_topic=topic_name("cli-editorial"),
        group_tenant="tkv",
    )
    server = serve(editorial_grpc_api.binding(editorial.servicer()))
    yield server
    server.stop(0)
    channel.close()
    engine.dispose()


@pytest.fixture(scope="session")
def stack(content_server: GrpcServer, editorial_server: GrpcServer, media: MediaService) -> Stack:
    return Stack(content_server.address, editorial_server.address, media.server.address)


@pytest.fixture(scope="session")
def bucket(infra: Infra, s3_endpoint: str) -> Iterator[str]:
    """A bucket of this test run (the CLI creates it); emptied and removed at the end."""
    name = bucket_name("cli")
    yield name
    client = Minio(
        s3_endpoint,
        access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
        secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        secure=False,
    )
    if client.bucket_exists(name):
        for obj in client.list_objects(name, recursive=True):
            client.remove_object(name, obj.object_name)
        client.remove_bucket(name)


@pytest.fixture
def cli_env(
    monkeypatch: pytest.MonkeyPatch, stack: Stack, bucket: str, keycloak_url: str
) -> CliSettings:
    """The environment `newsroom` sees in these tests; returns the settings it will load."""
    monkeypatch.setenv("NEWSROOM_CONTENT_TARGET", stack.content_target)
    monkeypatch.setenv("NEWSROOM_EDITORIAL_TARGET", stack.editorial_target)
    monkeypatch.setenv("NEWSROOM_MEDIA_ASSET_TARGET", stack.media_target)
    monkeypatch.setenv("NEWSROOM_S3_BUCKET", bucket)
    monkeypatch.setenv("NEWSROOM_GRPC_DEADLINE_S", "5")
    monkeypatch.setenv("NO_COLOR", "1")
    return CliSettings.load()


@pytest.fixture
def directory(keycloak_url: str) -> Directory:
    return Directory(connect(CliSettings.load()))


@pytest.fixture
def new_slug(directory: Directory) -> Iterator[Callable[[], str]]:
    """Unique tenant slugs; their Keycloak groups are deleted after the test."""
    made: list[str] = []

    def make() -> str:
        slug = f"t{uuid.uuid4().hex[:10]}"
        made.append(slug)
        return slug

    yield make
    for slug in made:
        directory.delete_group(tenant_path(slug))


@pytest.fixture
def services(cli_env: CliSettings) -> Iterator[Services]:
    with Services(cli_env) as found:
        yield found


@pytest.fixture
def storage(cli_env: CliSettings) -> Any:
    return make_client(cli_env.storage)
