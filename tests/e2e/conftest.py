"""The whole stack for end-to-end walks: the real content and editorial-approval services
in-process (fresh databases, outbox relays, consumers, scheduler) on this run's own copies
of the event topics, the gateway in-process, and real Keycloak tokens."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

import content_service
from content_service.consumers import PURPOSE as CONTENT_PURPOSE
from content_service.consumers import build_router as content_router
from content_service.grpc_api import SERVICE_NAME as CONTENT_SERVICE
from content_service.grpc_api import ContentApi
from content_service.models import TenantCreate
from content_service.service import ContentService
from content_service.settings import ContentSettings
from editorial_approval_service import MIGRATIONS_DIR as EDITORIAL_MIGRATIONS
from editorial_approval_service import grpc_api as editorial_grpc
from editorial_approval_service.consumers import build_router as editorial_router
from editorial_approval_service.content_client import GrpcStoryDirectory
from editorial_approval_service.events import EventSink
from editorial_approval_service.scheduler import Scheduler
from editorial_approval_service.service import EditorialService
from editorial_approval_service.settings import EditorialApprovalSettings
from gateway.settings import CacheSettings, GatewaySettings, UpstreamSettings
from gateway.testing import Tokens, gateway_client
from newsroom.content.v1.content_service_pb2_grpc import add_ContentServiceServicer_to_server
from newsroom_core.auth import KeycloakSettings
from newsroom_core.db import make_engine, migrate, session_factory
from newsroom_core.events.wiring import idempotent_consumer, outbox_relay
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import ServiceBinding
from newsroom_core.identity import SYSTEM
from newsroom_core.runtime import ServiceRuntime
from newsroom_core.settings import (
    DbSettings,
    GrpcSettings,
    HttpSettings,
    KafkaSettings,
    OutboxSettings,
)

DEMO_TENANTS = {"tkv": True, "halong": False, "uongbi": False}


@dataclass(frozen=True)
class Topics:
    content: str
    editorial: str


@dataclass
class Stack:
    content: ServiceRuntime
    editorial: ServiceRuntime
    topics: Topics


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def topics(topic_factory: Callable[..., str]) -> Topics:
    """This run's copies of content.events.v1 and editorial_approval.events.v1."""
    return Topics(content=topic_factory("content-events"), editorial=topic_factory("ea-events"))


@pytest.fixture(scope="session")
def stack(
    database_factory: Callable[[str], str], kafka_settings: KafkaSettings, topics: Topics
) -> Iterator[Stack]:
    """Content and editorial-approval wired like their ``__main__`` modules, on port 0."""
    fast_outbox = OutboxSettings(poll_interval_s=0.05)
    content_settings = ContentSettings(
        db=DbSettings(url=database_factory("e2e_content")),
        kafka=kafka_settings,
        grpc=GrpcSettings(port=0, shutdown_grace_s=1),
        http=HttpSettings(port=0),
        outbox=fast_outbox,
        events_topic=topics.content,
        editorial_topic=topics.editorial,
    )
    migrate(content_settings.db.url, Path(content_service.__file__).parent / "migrations")
    content_engine = make_engine(content_settings.db)
    content_sessions = session_factory(content_engine)
    content = ContentService(content_sessions, events_topic=topics.content)
    content_runtime = ServiceRuntime(
        content_settings,
        bindings=[
            ServiceBinding(
                ContentApi(content), add_ContentServiceServicer_to_server, CONTENT_SERVICE
            )
        ],
        workers={
            "outbox-relay": outbox_relay(content_settings, content_sessions),
            "editorial-consumer": idempotent_consumer(
                content_settings,
                content_sessions,
                purpose=f"{CONTENT_PURPOSE}-{uuid.uuid4().hex[:6]}",
                topics=[topics.editorial],
                handler=content_router(content),
            ),
        },
        readiness={},
    ).start()
    for slug, group in DEMO_TENANTS.items():
        content.create_tenant(SYSTEM, TenantCreate(slug=slug, name=slug, group_tenant=group))

    editorial_settings = EditorialApprovalSettings(
        db=DbSettings(url=database_factory("e2e_editorial")),
        kafka=kafka_settings,
        grpc=GrpcSettings(port=0, shutdown_grace_s=1),
        http=HttpSettings(port=0),
        outbox=fast_outbox,
        content_target=content_runtime.grpc.address,
        events_topic=topics.editorial,
        content_events_topic=topics.content,
    )
    migrate(editorial_settings.db.url, EDITORIAL_MIGRATIONS)
    editorial_engine = make_engine(editorial_settings.db)
    editorial_sessions = session_factory(editorial_engine)
    content_channel = make_channel(
        content_runtime.grpc.address,
        service="newsroom.content.v1.ContentService",
        idempotent_methods=["GetStory"],
        identity_key=editorial_settings.identity.secret.get_secret_value().encode(),
    )
    editorial = EditorialService(
        editorial_sessions,
        GrpcStoryDirectory(content_channel),
        events=EventSink(topics.editorial),
        group_tenant=editorial_settings.group_tenant,
    )
    editorial_runtime = ServiceRuntime(
        editorial_settings,
        bindings=[editorial_grpc.binding(editorial)],
        workers={
            "outbox-relay": outbox_relay(editorial_settings, editorial_sessions),
            "scheduler": Scheduler(editorial, editorial_settings.scheduler),
            "inbound-events": idempotent_consumer(
                editorial_settings,
                editorial_sessions,
                purpose=f"workflow-{uuid.uuid4().hex[:6]}",
                topics=[topics.content],
                handler=editorial_router(editorial),
            ),
        },
        readiness={},
    ).start()
    yield Stack(content_runtime, editorial_runtime, topics)
    editorial_runtime.stop()
    content_channel.close()
    editorial_engine.dispose()
    content_runtime.stop()
    content_engine.dispose()


@pytest.fixture(scope="session")
def gateway_settings(
    infra: object, kafka_settings: KafkaSettings, stack: Stack, keycloak_url: str
) -> GatewaySettings:
    return GatewaySettings(
        content=UpstreamSettings(target=stack.content.grpc.address),
        editorial=UpstreamSettings(target=stack.editorial.grpc.address),
        keycloak=KeycloakSettings(url=keycloak_url),
        kafka=kafka_settings,
        cache=CacheSettings(events_topic=stack.topics.content, group_prefix="e2e.gateway.cache"),
    )


@pytest.fixture(scope="session")
async def gateway(
    gateway_settings: GatewaySettings,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    async with gateway_client(gateway_settings) as pair:
        yield pair


@pytest.fixture(scope="session")
def client(gateway: tuple[FastAPI, httpx.AsyncClient]) -> httpx.AsyncClient:
    return gateway[1]


@pytest.fixture(scope="session")
def app(gateway: tuple[FastAPI, httpx.AsyncClient]) -> FastAPI:
    return gateway[0]


@pytest.fixture(scope="session")
def tokens(keycloak_url: str) -> Tokens:
    return Tokens(keycloak_url)
