"""Shared fixtures: the REAL content service in-process (its own fresh database) answers
GetStory; the editorial-approval service runs in-process on port 0 over its own database.

Tests isolate themselves with their own tenants; tests whose workers or freezes act on a
whole database (scheduler, group freeze) build a fresh one with ``editorial_factory``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine

from content_service import MIGRATIONS_DIR as CONTENT_MIGRATIONS
from content_service import grpc_api as content_grpc_api
from content_service import wiring as content_wiring
from content_service.wiring import ContentAggregates
from editorial_approval_service import MIGRATIONS_DIR, grpc_api, wiring
from editorial_approval_service.content_client import GrpcStoryDirectory
from editorial_approval_service.wiring import EditorialAggregates
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom.editorial_approval.v1.editorial_approval_service_pb2_grpc import (
    EditorialApprovalServiceStub,
)
from newsroom_core.db import SessionFactory, make_read_engine, migrate, session_factory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.localstack import Infra
from newsroom_core.settings import DbSettings
from newsroom_core.testing.run import topic_name
from newsroom_testkit import services
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import IDENTITY_KEY
from newsroom_testkit.media import MediaService, media_service, test_storage
from newsroom_testkit.services import serve


@pytest.fixture(scope="session")
def content_db(database_factory: Callable[[str], str]) -> str:
    url = database_factory("ea_content")
    migrate(url, CONTENT_MIGRATIONS)
    return url


@pytest.fixture(scope="session")
def content_engine(content_db: str) -> Iterator[Engine]:
    engine = create_engine(content_db, pool_size=10)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def content_sessions(content_engine: Engine) -> SessionFactory:
    return session_factory(content_engine)


@pytest.fixture(scope="session")
def media(database_factory: Callable[[str], str], infra: Infra) -> Iterator[MediaService]:
    """The real media-asset service, which content asks about a story's media."""
    service = media_service(
        database_factory("ea_media"), test_storage(infra), events_topic=topic_name("ea-media")
    )
    yield service
    service.stop()


@pytest.fixture(scope="session")
def content(
    content_sessions: SessionFactory, content_db: str, media: MediaService
) -> ContentAggregates:
    """The real content service (services/content), not a fake."""
    return content_wiring.use_cases(
        content_sessions,
        read_engine=make_read_engine(DbSettings(url=content_db)),
        events_topic=topic_name("ea-content"),
        media=media.directory,
    )


@pytest.fixture(scope="session")
def content_router(content: ContentAggregates) -> EventRouter:
    """Content's own handlers of editorial events."""
    return content.router()


@pytest.fixture(scope="session")
def content_server(content: ContentAggregates) -> Iterator[GrpcServer]:
    server = serve(content_grpc_api.binding(content.servicer()))
    yield server
    server.stop(0)


@pytest.fixture(scope="session")
def content_stub(content_server: GrpcServer) -> ContentServiceStub:
    return ContentServiceStub(make_channel(content_server.address, identity_key=IDENTITY_KEY))  # type: ignore[no-untyped-call]


@pytest.fixture(scope="session")
def tenant_factory(content: ContentAggregates) -> Callable[..., str]:
    """Provisions a fresh tenant in content; returns its slug."""
    return services.tenant_factory(content)


@pytest.fixture(scope="session")
def group_tenant(tenant_factory: Callable[..., str]) -> str:
    return tenant_factory("tkv", group=True)


@dataclass
class Editorial:
    """One editorial-approval service under test with its own database."""

    url: str
    engine: Engine
    sessions: SessionFactory
    aggregates: EditorialAggregates
    server: GrpcServer
    stub: Any
    events_topic: str


@pytest.fixture(scope="session")
def editorial_factory(
    database_factory: Callable[[str], str], content_server: GrpcServer, group_tenant: str
) -> Iterator[Callable[..., Editorial]]:
    built: list[Editorial] = []

    def build(events_topic: str = "") -> Editorial:
        url = database_factory("editorial")
        migrate(url, MIGRATIONS_DIR)
        engine = create_engine(url, pool_size=10)
        sessions = session_factory(engine)
        topic = events_topic or topic_name("ea-events")
        directory = GrpcStoryDirectory(
            make_channel(content_server.address, identity_key=IDENTITY_KEY)
        )
        aggregates = wiring.use_cases(
            sessions, directory, events_topic=topic, group_tenant=group_tenant
        )
        server = serve(grpc_api.binding(aggregates.servicer()))
        stub = EditorialApprovalServiceStub(  # type: ignore[no-untyped-call]
            make_channel(server.address, identity_key=IDENTITY_KEY)
        )
        editorial = Editorial(url, engine, sessions, aggregates, server, stub, topic)
        built.append(editorial)
        return editorial

    yield build
    for editorial in built:
        editorial.server.stop(0)
        editorial.engine.dispose()


@pytest.fixture(scope="session")
def editorial(editorial_factory: Callable[..., Editorial]) -> Editorial:
    """The shared service under test (tests use their own tenants)."""
    return editorial_factory()


@pytest.fixture
def desk(
    editorial: Editorial, content_stub: ContentServiceStub, tenant_factory: Callable[..., str]
) -> Desk:
    return Desk(tenant_factory("halong"), content_stub, editorial.stub)
