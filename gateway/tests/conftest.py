"""Shared fixtures of the gateway tests: the real content service in-process (database,
outbox relay and editorial-event consumer on this run's own topics), Keycloak tokens,
and an in-process gateway with its lifespan.

pytest's importlib mode names these files ``gateway.tests....`` after their folder and
registers the folder ``gateway/`` as a namespace module called ``gateway``, hiding the
real package (``gateway/src/gateway``). Put the real package back before anything
imports from it.
"""

from __future__ import annotations

import sys

if getattr(sys.modules.get("gateway"), "__file__", None) is None:
    sys.modules.pop("gateway", None)

from collections.abc import AsyncIterator, Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

import grpc  # noqa: E402
import httpx  # noqa: E402
import pytest  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from google.protobuf.message import Message  # noqa: E402
from kafka import KafkaProducer  # noqa: E402

from content_service.consumers import PURPOSE as CONTENT_PURPOSE  # noqa: E402
from content_service.settings import ContentSettings  # noqa: E402
from content_service.tenants.models import TenantCreate  # noqa: E402
from content_service.wiring import ContentProcess  # noqa: E402
from content_service.wiring import assemble as assemble_content  # noqa: E402
from editorial_approval_service.settings import EditorialApprovalSettings  # noqa: E402
from editorial_approval_service.wiring import EditorialProcess  # noqa: E402
from editorial_approval_service.wiring import assemble as assemble_editorial  # noqa: E402
from gateway.settings import (  # noqa: E402
    CacheSettings,
    GatewaySettings,
    LiveSettings,
    UpstreamSettings,
)
from newsroom.common.v1 import actor_pb2  # noqa: E402
from newsroom.content.v1 import content_service_pb2 as content_pb  # noqa: E402
from newsroom.content.v1 import story_pb2  # noqa: E402
from newsroom.content.v1.content_service_pb2_grpc import (  # noqa: E402
    ContentServiceStub,
)
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ed_events  # noqa: E402
from newsroom_core.auth import KeycloakSettings  # noqa: E402
from newsroom_core.events.envelope import new_event  # noqa: E402
from newsroom_core.events.kafka import make_producer  # noqa: E402
from newsroom_core.grpc.client import make_channel  # noqa: E402
from newsroom_core.grpc.metadata import acting_as  # noqa: E402
from newsroom_core.identity import SYSTEM, Identity  # noqa: E402
from newsroom_core.localstack import Infra  # noqa: E402
from newsroom_core.settings import (  # noqa: E402
    DbSettings,
    GrpcSettings,
    HttpSettings,
    KafkaSettings,
)
from newsroom_core.testing.run import token  # noqa: E402
from newsroom_testkit.gateway import Tokens, eventually, gateway_client  # noqa: E402

DEMO_TENANTS = {"tkv": True, "halong": False, "uongbi": False}
RUN = token()
EDITORIAL_SOURCE = "/newsroom/editorial-approval"
PUBLISH_REQUESTED = "newsroom.editorial_approval.story.publish_requested.v1"
RETRACTION_REQUESTED = "newsroom.editorial_approval.story.retraction_requested.v1"


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def content_events_topic(topic_factory: Callable[..., str]) -> str:
    return topic_factory("content-events")


@pytest.fixture(scope="session")
def editorial_events_topic(topic_factory: Callable[..., str]) -> str:
    return topic_factory("editorial-events")


@pytest.fixture(scope="session")
def content_stack(
    database_factory: Callable[[str], str],
    kafka_settings: KafkaSettings,
    content_events_topic: str,
    editorial_events_topic: str,
    topic_factory: Callable[..., str],
) -> Iterator[ContentProcess]:
    """The content service as its ``__main__`` assembles it, on port 0 and this run's topics."""
    settings = ContentSettings(
        db=DbSettings(url=database_factory("gw_content")),
        kafka=kafka_settings,
        grpc=GrpcSettings(port=0, shutdown_grace_s=1),
        http=HttpSettings(port=0),
        events_topic=content_events_topic,
        editorial_topic=editorial_events_topic,
        media_events_topic=topic_factory("gw-media-events"),
    )
    process = assemble_content(
        settings,
        consumer_purpose=f"{CONTENT_PURPOSE}-{RUN}",
        media_purpose=f"media-{RUN}",
    )
    process.runtime.start()
    for slug, group in DEMO_TENANTS.items():
        process.aggregates.tenants.create_tenant(
            SYSTEM, TenantCreate(slug=slug, name=slug.title(), group_tenant=group)
        )
    yield process
    process.runtime.stop()


@pytest.fixture(scope="session")
def editorial_stack(
    database_factory: Callable[[str], str],
    topic_factory: Callable[..., str],
    kafka_settings: KafkaSettings,
    content_stack: ContentProcess,
    content_events_topic: str,
    editorial_events_topic: str,
) -> Iterator[EditorialProcess]:
    """The editorial-approval service as its ``__main__`` assembles it (port 0, own topics)."""
    settings = EditorialApprovalSettings(
        db=DbSettings(url=database_factory("gw_editorial")),
        kafka=kafka_settings,
        grpc=GrpcSettings(port=0, shutdown_grace_s=1),
        http=HttpSettings(port=0),
        content_target=content_stack.address,
        events_topic=editorial_events_topic,
        content_events_topic=content_events_topic,
        social_events_topic=topic_factory("social-events"),
    )
    process = assemble_editorial(settings, consumer_purpose=f"workflow-{RUN}")
    process.runtime.start()
    yield process
    process.runtime.stop()


class EditorialEvents:
    """Sends editorial-approval events (as that service would) to content's topic."""

    def __init__(self, kafka: KafkaSettings, topic: str) -> None:
        self.topic = topic
        self._producer: KafkaProducer = make_producer(kafka, client_id="gateway-tests")

    def send(self, message: Message, ce_type: str, *, tenant: str, story_id: str) -> None:
        event = new_event(
            message, type=ce_type, source=EDITORIAL_SOURCE, subject=story_id, tenant=tenant
        )
        self._producer.send(
            self.topic, key=story_id.encode(), value=event.data, headers=event.headers()
        )
        self._producer.flush(10)

    def close(self) -> None:
        self._producer.close(5)


@pytest.fixture(scope="session")
def editorial_events(
    kafka_settings: KafkaSettings, editorial_events_topic: str
) -> Iterator[EditorialEvents]:
    sender = EditorialEvents(kafka_settings, editorial_events_topic)
    yield sender
    sender.close()


@pytest.fixture(scope="session")
def gateway_settings(
    infra: Infra,
    editorial_stack: EditorialProcess,
    kafka_settings: KafkaSettings,
    content_stack: ContentProcess,
    content_events_topic: str,
    editorial_events_topic: str,
) -> GatewaySettings:
    return GatewaySettings(
        content=UpstreamSettings(target=content_stack.address),
        editorial=UpstreamSettings(target=editorial_stack.address),
        keycloak=KeycloakSettings(url=infra["NEWSROOM_KEYCLOAK_URL"], leeway_s=0),
        kafka=kafka_settings,
        cache=CacheSettings(events_topic=content_events_topic, group_prefix="gateway-tests.cache"),
        live=LiveSettings(events_topic=editorial_events_topic, client_prefix="gateway-tests.live"),
    )


@pytest.fixture(scope="session")
async def gateway(
    gateway_settings: GatewaySettings,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    async with gateway_client(gateway_settings) as pair:
        yield pair


@pytest.fixture(scope="session")
def app(gateway: tuple[FastAPI, httpx.AsyncClient]) -> FastAPI:
    return gateway[0]


@pytest.fixture(scope="session")
def client(gateway: tuple[FastAPI, httpx.AsyncClient]) -> httpx.AsyncClient:
    return gateway[1]


@pytest.fixture(scope="session")
def tokens(keycloak_url: str) -> Tokens:
    return Tokens(keycloak_url)


class Newsroom:
    """Drives content the way the newsroom does: drafts over gRPC as a staff member,
    publication and retraction as editorial-approval events on Kafka."""

    def __init__(self, stack: ContentProcess, events: EditorialEvents, key: bytes) -> None:
        self.stack = stack
        self.events = events
        self.channel = make_channel(stack.address, identity_key=key)
        self.stub = ContentServiceStub(self.channel)  # type: ignore[no-untyped-call]

    def staff(self, tenant: str) -> Identity:
        return Identity(
            f"tester-{tenant}",
            f"{tenant}.tester",
            "Người kiểm thử",
            tenant_roles={tenant: frozenset({"contributor", "editor", "board"})},
        )

    def section_id(self, tenant: str, slug: str) -> str:
        with acting_as(self.staff(tenant)):
            reply = self.stub.ListSections(content_pb.ListSectionsRequest(tenant=tenant))
        return next(str(s.id) for s in reply.sections if s.slug == slug)

    def draft(
        self,
        tenant: str,
        headline: str,
        *,
        body_html: str = "<p>Nội dung</p>",
        section: str = "tin-tuc",
        internal: bool = False,
        tags: tuple[str, ...] = (),
        story_type: int = story_pb2.STORY_TYPE_NEWS,
    ) -> Any:
        request = content_pb.CreateStoryRequest(
            tenant=tenant,
            type=story_type,  # type: ignore[arg-type]
            tags=list(tags),
            visibility=story_pb2.VISIBILITY_INTERNAL if internal else story_pb2.VISIBILITY_PUBLIC,
            headline=headline,
            summary=f"Tóm tắt: {headline}",
            body_html=body_html,
            section_id=self.section_id(tenant, section),
        )
        with acting_as(self.staff(tenant)):
            return self.stub.CreateStory(request).story

    def publish(self, story: Any) -> None:
        actor = actor_pb2.Actor(user_id="editor-1", username=f"{story.tenant}.editor")
        message = ed_events.PublishRequested(
            story_id=story.id,
            tenant=story.tenant,
            revision=story.current_revision,
            requested_by=actor,
        )
        message.at.GetCurrentTime()
        self.events.send(message, PUBLISH_REQUESTED, tenant=story.tenant, story_id=story.id)

    def retract(self, story: Any, reason: str) -> None:
        actor = actor_pb2.Actor(user_id="board-1", username=f"{story.tenant}.board")
        message = ed_events.RetractionRequested(
            story_id=story.id, tenant=story.tenant, reason=reason, actor=actor
        )
        message.at.GetCurrentTime()
        self.events.send(message, RETRACTION_REQUESTED, tenant=story.tenant, story_id=story.id)

    def published(self, tenant: str, slug: str) -> bool:
        """Whether content itself (not the gateway) serves the story publicly."""
        try:
            self.stub.GetPublishedStory(
                content_pb.GetPublishedStoryRequest(tenant=tenant, slug=slug)
            )
        except grpc.RpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return False
            raise
        return True


@pytest.fixture(scope="session")
def newsroom(
    content_stack: ContentProcess,
    editorial_events: EditorialEvents,
    gateway_settings: GatewaySettings,
) -> Newsroom:
    return Newsroom(content_stack, editorial_events, gateway_settings.identity_key)


@pytest.fixture(scope="session")
async def cache_ready(app: FastAPI) -> bool:
    """The gateway's invalidation consumer has its partitions: the cache is serving."""
    state = app.state.gateway
    assert await eventually(lambda: _ready(state), timeout_s=60), "cache consumer never assigned"
    return True


async def _ready(state: Any) -> bool:
    return bool(state.cache.ready)
