"""The stack that cross-service tests share (end-to-end walks, browser tests): the real
content and editorial-approval services in-process (fresh databases, outbox relays,
consumers, scheduler) on this run's own copies of the event topics, the gateway's
settings for them, and real Keycloak tokens. One stack per test process."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from content_service.consumers import PURPOSE as CONTENT_PURPOSE
from content_service.settings import ContentSettings
from content_service.tenants.models import TenantCreate
from content_service.wiring import assemble as assemble_content
from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.wiring import assemble as assemble_editorial
from gateway.settings import CacheSettings, GatewaySettings, LiveSettings, UpstreamSettings
from newsroom_core.auth import KeycloakSettings
from newsroom_core.identity import SYSTEM
from newsroom_core.runtime import ServiceRuntime
from newsroom_core.settings import (
    DbSettings,
    GrpcSettings,
    HttpSettings,
    KafkaSettings,
    OutboxSettings,
)
from newsroom_testkit.gateway import Tokens

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
    """Content and editorial-approval as their ``__main__`` modules assemble them, port 0."""
    fast_outbox = OutboxSettings(poll_interval_s=0.05)
    content = assemble_content(
        ContentSettings(
            db=DbSettings(url=database_factory("e2e_content")),
            kafka=kafka_settings,
            grpc=GrpcSettings(port=0, shutdown_grace_s=1),
            http=HttpSettings(port=0),
            outbox=fast_outbox,
            events_topic=topics.content,
            editorial_topic=topics.editorial,
        ),
        consumer_purpose=f"{CONTENT_PURPOSE}-{uuid.uuid4().hex[:6]}",
    )
    content.runtime.start()
    for slug, group in DEMO_TENANTS.items():
        content.aggregates.tenants.create_tenant(
            SYSTEM, TenantCreate(slug=slug, name=slug, group_tenant=group)
        )
    editorial = assemble_editorial(
        EditorialApprovalSettings(
            db=DbSettings(url=database_factory("e2e_editorial")),
            kafka=kafka_settings,
            grpc=GrpcSettings(port=0, shutdown_grace_s=1),
            http=HttpSettings(port=0),
            outbox=fast_outbox,
            content_target=content.address,
            events_topic=topics.editorial,
            content_events_topic=topics.content,
        ),
        consumer_purpose=f"workflow-{uuid.uuid4().hex[:6]}",
    )
    editorial.runtime.start()
    yield Stack(content.runtime, editorial.runtime, topics)
    editorial.runtime.stop()
    content.runtime.stop()


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
        live=LiveSettings(events_topic=stack.topics.editorial, client_prefix="e2e.gateway.live"),
    )


@pytest.fixture(scope="session")
def tokens(keycloak_url: str) -> Tokens:
    return Tokens(keycloak_url)
