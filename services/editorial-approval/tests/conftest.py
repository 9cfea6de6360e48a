"""Shared fixtures: the REAL content service in-process (its own fresh database) answers
GetStory; the editorial-approval service runs in-process on port 0 over its own database.

Tests isolate themselves with their own tenants; tests whose workers or freezes act on a
whole database (scheduler, group freeze) build a fresh one with ``editorial_factory``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine

import content_service
from content_service.consumers import build_router as build_content_router
from content_service.grpc_api import SERVICE_NAME as CONTENT_SERVICE_NAME
from content_service.grpc_api import ContentApi
from content_service.service import ContentService
from content_service.tenants.models import TenantCreate
from editorial_approval_service import MIGRATIONS_DIR, grpc_api
from editorial_approval_service.content_client import GrpcStoryDirectory
from editorial_approval_service.events import EventSink
from editorial_approval_service.service import EditorialService
from editorial_approval_service.testing import IDENTITY_KEY, PLATFORM, Desk
from newsroom.content.v1.content_service_pb2_grpc import (
    ContentServiceStub,
    add_ContentServiceServicer_to_server,
)
from newsroom.editorial_approval.v1.editorial_approval_service_pb2_grpc import (
    EditorialApprovalServiceStub,
)
from newsroom_core.db import SessionFactory, make_read_engine, migrate, session_factory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer, ServiceBinding
from newsroom_core.settings import DbSettings, GrpcSettings
from newsroom_core.testing.run import topic_name

CONTENT_MIGRATIONS = Path(content_service.__file__).parent / "migrations"


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
def content(content_sessions: SessionFactory, content_db: str) -> ContentService:
    """The real content service (services/content), not a fake."""
    return ContentService(
        content_sessions,
        events_topic=topic_name("ea-content"),
        read_engine=make_read_engine(DbSettings(url=content_db)),
    )


@pytest.fixture(scope="session")
def content_router(content: ContentService) -> EventRouter:
    """Content's own handlers of editorial events."""
    return build_content_router(content)


@pytest.fixture(scope="session")
def content_server(content: ContentService) -> Iterator[GrpcServer]:
    binding = ServiceBinding(
        ContentApi(content), add_ContentServiceServicer_to_server, CONTENT_SERVICE_NAME
    )
    server = GrpcServer(
        GrpcSettings(port=0, shutdown_grace_s=1), [binding], identity_key=IDENTITY_KEY
    ).start()
    yield server
    server.stop(0)


@pytest.fixture(scope="session")
def content_stub(content_server: GrpcServer) -> ContentServiceStub:
    return ContentServiceStub(make_channel(content_server.address, identity_key=IDENTITY_KEY))  # type: ignore[no-untyped-call]


@pytest.fixture(scope="session")
def tenant_factory(content: ContentService) -> Callable[..., str]:
    """Provisions a fresh tenant in content; returns its slug."""

    def create(label: str = "t", *, group: bool = False) -> str:
        slug = f"{label}-{uuid.uuid4().hex[:8]}"
        content.create_tenant(
            PLATFORM, TenantCreate(slug=slug, name=f"Đơn vị {label}", group_tenant=group)
        )
        return slug

    return create


@pytest.fixture(scope="session")
def group_tenant(tenant_factory: Callable[..., str]) -> str:
    return tenant_factory("tkv", group=True)


@dataclass
class Editorial:
    """One editorial-approval service under test with its own database."""

    url: str
    engine: Engine
    sessions: SessionFactory
    service: EditorialService
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
        service = EditorialService(
            sessions, directory, events=EventSink(topic), group_tenant=group_tenant
        )
        server = GrpcServer(
            GrpcSettings(port=0, shutdown_grace_s=1),
            [grpc_api.binding(service)],
            identity_key=IDENTITY_KEY,
        ).start()
        stub = EditorialApprovalServiceStub(  # type: ignore[no-untyped-call]
            make_channel(server.address, identity_key=IDENTITY_KEY)
        )
        editorial = Editorial(url, engine, sessions, service, server, stub, topic)
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
