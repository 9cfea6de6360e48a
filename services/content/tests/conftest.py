"""Shared fixtures: one migrated database and one in-process gRPC server per test run.

Tests isolate themselves by provisioning their own tenants (unique slugs), so the
database can be shared and the suite stays fast.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kafka import KafkaAdminClient
from sqlalchemy import Engine, create_engine

import content_service
from content_service.consumers import build_router
from content_service.grpc_api import SERVICE_NAME, ContentApi
from content_service.service import ContentService
from content_service.tenants.models import TenantCreate
from content_service.testing import ADMIN, IDENTITY_KEY
from newsroom.content.v1.content_service_pb2_grpc import (
    ContentServiceStub,
    add_ContentServiceServicer_to_server,
)
from newsroom_core.db import SessionFactory, make_read_engine, migrate, session_factory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer, ServiceBinding
from newsroom_core.localstack import Infra, reachable
from newsroom_core.settings import DbSettings, GrpcSettings
from newsroom_core.testing.run import topic_name

MIGRATIONS = Path(content_service.__file__).parent / "migrations"


@pytest.fixture(scope="session")
def content_db(database_factory: Callable[[str], str]) -> str:
    url = database_factory("content")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture(scope="session")
def engine(content_db: str) -> Iterator[Engine]:
    engine = create_engine(content_db, pool_size=20)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sessions(engine: Engine) -> SessionFactory:
    return session_factory(engine)


@pytest.fixture(scope="session")
def events_topic(infra: Infra) -> Iterator[str]:
    """Outbox topic of the service under test; created on Kafka by the tests that relay."""
    topic = topic_name("content-events")
    yield topic
    if not reachable(infra.kafka_bootstrap):
        return
    admin = KafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    try:
        if topic in set(admin.list_topics()):
            admin.delete_topics([topic])
    finally:
        admin.close()


@pytest.fixture(scope="session")
def read_engine(content_db: str) -> Iterator[Engine]:
    engine = make_read_engine(DbSettings(url=content_db))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def service(sessions: SessionFactory, read_engine: Engine, events_topic: str) -> ContentService:
    return ContentService(sessions, events_topic=events_topic, read_engine=read_engine)


@pytest.fixture(scope="session")
def router(service: ContentService) -> EventRouter:
    return build_router(service)


@pytest.fixture(scope="session")
def server(service: ContentService) -> Iterator[GrpcServer]:
    srv = GrpcServer(
        GrpcSettings(port=0, shutdown_grace_s=1),
        [ServiceBinding(ContentApi(service), add_ContentServiceServicer_to_server, SERVICE_NAME)],
        identity_key=IDENTITY_KEY,
    ).start()
    yield srv
    srv.stop(0)


@pytest.fixture(scope="session")
def stub(server: GrpcServer) -> ContentServiceStub:
    channel = make_channel(server.address, identity_key=IDENTITY_KEY)
    return ContentServiceStub(channel)  # type: ignore[no-untyped-call]


@pytest.fixture
def tenant_factory(service: ContentService) -> Callable[..., str]:
    """Provisions a fresh tenant with its default sections; returns the slug."""

    def create(label: str = "t", *, group: bool = False) -> str:
        slug = f"{label}-{uuid.uuid4().hex[:8]}"
        service.create_tenant(
            ADMIN, TenantCreate(slug=slug, name=f"Đơn vị {label}", group_tenant=group)
        )
        return slug

    return create
