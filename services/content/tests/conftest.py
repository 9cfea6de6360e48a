"""Shared fixtures: one migrated database and one in-process gRPC server per test run.

Tests isolate themselves by provisioning their own tenants (unique slugs), so the
database can be shared and the suite stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from kafka import KafkaAdminClient
from sqlalchemy import Engine

from content_service import MIGRATIONS_DIR, grpc_api, wiring
from content_service.wiring import ContentAggregates
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom_core.db import SessionFactory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.localstack import Infra, reachable
from newsroom_core.testing.run import topic_name
from newsroom_testkit import services
from newsroom_testkit.databases import database_fixtures
from newsroom_testkit.identities import IDENTITY_KEY
from newsroom_testkit.media import MediaService, media_service, test_storage
from newsroom_testkit.services import serve

content_db, engine, read_engine, sessions = database_fixtures(
    "content", MIGRATIONS_DIR, url_fixture="content_db"
)


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
def media(
    database_factory: Callable[[str], str], infra: Infra, s3_endpoint: str
) -> Iterator[MediaService]:
    """The real media-asset service in-process: attachments are checked there."""
    service = media_service(
        database_factory("content_media"), test_storage(infra), events_topic="test.unused"
    )
    yield service
    service.stop()


@pytest.fixture(scope="session")
def content(
    sessions: SessionFactory, read_engine: Engine, events_topic: str, media: MediaService
) -> ContentAggregates:
    return wiring.use_cases(
        sessions, read_engine=read_engine, events_topic=events_topic, media=media.directory
    )


@pytest.fixture(scope="session")
def router(content: ContentAggregates) -> EventRouter:
    return content.router()


@pytest.fixture(scope="session")
def server(content: ContentAggregates) -> Iterator[GrpcServer]:
    srv = serve(grpc_api.binding(content.servicer()))
    yield srv
    srv.stop(0)


@pytest.fixture(scope="session")
def stub(server: GrpcServer) -> ContentServiceStub:
    channel = make_channel(server.address, identity_key=IDENTITY_KEY)
    return ContentServiceStub(channel)  # type: ignore[no-untyped-call]


@pytest.fixture
def tenant_factory(content: ContentAggregates) -> Callable[..., str]:
    """Provisions a fresh tenant with its default sections; returns the slug."""
    return services.tenant_factory(content)
