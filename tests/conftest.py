"""Cross-service fixtures: the real content, editorial-approval and media-asset services
and the media worker in-process (fresh databases, a bucket, outbox relays, consumers,
scheduler, job runner) on their own copies of the event topics, gateway settings
pointing at them, and real Keycloak tokens.

``stack_factory`` builds as many independent stacks as a session needs: the end-to-end
walks and the OpenAPI fuzzing each get their own, so what one suite does to a tenant (a
freeze, a new policy) never reaches the other. A stack runs inside a ``with`` and stops
when its suite is done (a package-scoped fixture): an idle stack still relays, consumes
and polls, and a test worker that kept every stack it had started until the session's
end spent a core on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from content_service.consumers import PURPOSE as CONTENT_PURPOSE
from content_service.settings import ContentSettings
from content_service.tenants.models import TenantCreate
from content_service.wiring import assemble as assemble_content
from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.wiring import assemble as assemble_editorial
from gateway.settings import (
    CacheSettings,
    GatewaySettings,
    LiveSettings,
    MediaUpstreamSettings,
    UpstreamSettings,
)
from media_asset_service.objects import ObjectStore
from newsroom_core.auth import KeycloakSettings
from newsroom_core.identity import SYSTEM
from newsroom_core.localstack import Infra
from newsroom_core.runtime import ServiceRuntime
from newsroom_core.settings import (
    DbSettings,
    GrpcSettings,
    HttpSettings,
    KafkaSettings,
)
from newsroom_core.testing.run import token
from newsroom_testkit.faults.stack import free_port
from newsroom_testkit.gateway import Tokens
from newsroom_testkit.media import drop_bucket, test_storage
from newsroom_testkit.media_stack import start_media

DEMO_TENANTS = {"tkv": True, "halong": False, "uongbi": False}
MEDIA_BASE_URL = "http://gateway.test/public/v1/media"


@dataclass(frozen=True)
class Topics:
    content: str
    editorial: str
    social: str
    media: str


@dataclass
class Stack:
    content: ServiceRuntime
    editorial: ServiceRuntime
    topics: Topics
    media: ServiceRuntime
    worker: ServiceRuntime
    store: ObjectStore
    # Where readers' media URLs point (the gateway's public media route, any host).
    media_base_url: str = MEDIA_BASE_URL

    def stop(self) -> None:
        """Stop its services and drop its bucket."""
        self.editorial.stop()
        self.content.stop()
        self.worker.stop()
        self.media.stop()
        drop_bucket(self.store)


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def stack_factory(
    database_factory: Callable[[str], str],
    topic_factory: Callable[..., str],
    kafka_settings: KafkaSettings,
    infra: Infra,
) -> Callable[[str], AbstractContextManager[Stack]]:
    """``with stack_factory(label) as stack``: the services as their ``__main__`` modules
    assemble them (port 0, this run's topics and bucket, the demo tenants provisioned),
    stopped when the ``with`` ends."""

    @contextmanager
    def start(label: str) -> Iterator[Stack]:
        topics = Topics(
            content=topic_factory(f"{label}-content-events"),
            editorial=topic_factory(f"{label}-ea-events"),
            social=topic_factory(f"{label}-social-events"),
            media=topic_factory(f"{label}-media-events"),
        )

        def common(database: str) -> dict[str, Any]:
            return {
                "db": DbSettings(url=database_factory(f"{label}_{database}")),
                "kafka": kafka_settings,
                "grpc": GrpcSettings(port=0, shutdown_grace_s=1),
                "http": HttpSettings(port=0),
            }

        # media-asset asks content about versions whose publication event is on its way
        content_port = free_port()
        pair = start_media(
            common("media")["db"],
            test_storage(infra),
            kafka=kafka_settings,
            events_topic=topics.media,
            content_events_topic=topics.content,
            base_url=MEDIA_BASE_URL,
            content_target=f"127.0.0.1:{content_port}",
        )
        content = assemble_content(
            ContentSettings(
                **{
                    **common("content"),
                    "grpc": GrpcSettings(port=content_port, shutdown_grace_s=1),
                },
                events_topic=topics.content,
                editorial_topic=topics.editorial,
                media_asset_target=pair.service.address,
                media_events_topic=topics.media,
            ),
            consumer_purpose=f"{CONTENT_PURPOSE}-{token()}",
            media_purpose=f"media-{token()}",
        )
        content.runtime.start()
        for slug, group in DEMO_TENANTS.items():
            content.aggregates.tenants.create_tenant(
                SYSTEM, TenantCreate(slug=slug, name=slug, group_tenant=group)
            )
        editorial = assemble_editorial(
            EditorialApprovalSettings(
                **common("editorial"),
                content_target=content.address,
                events_topic=topics.editorial,
                content_events_topic=topics.content,
                social_events_topic=topics.social,
            ),
            consumer_purpose=f"workflow-{token()}",
        )
        editorial.runtime.start()
        stack = Stack(
            content.runtime,
            editorial.runtime,
            topics,
            pair.service.runtime,
            pair.worker.runtime,
            pair.store,
        )
        try:
            yield stack
        finally:
            stack.stop()

    return start


def gateway_settings_for(
    stack: Stack, *, kafka: KafkaSettings, keycloak_url: str, cache_group: str
) -> GatewaySettings:
    return GatewaySettings(
        content=UpstreamSettings(target=stack.content.grpc.address),
        editorial=UpstreamSettings(target=stack.editorial.grpc.address),
        media=MediaUpstreamSettings(target=stack.media.grpc.address),
        keycloak=KeycloakSettings(url=keycloak_url),
        kafka=kafka,
        cache=CacheSettings(events_topic=stack.topics.content, group_prefix=cache_group),
        live=LiveSettings(events_topic=stack.topics.editorial, client_prefix=f"{cache_group}.live"),
    )


@pytest.fixture(scope="session")
def gateway_settings_factory(
    infra: object, kafka_settings: KafkaSettings, keycloak_url: str
) -> Callable[[Stack, str], GatewaySettings]:
    def build(stack: Stack, cache_group: str) -> GatewaySettings:
        return gateway_settings_for(
            stack, kafka=kafka_settings, keycloak_url=keycloak_url, cache_group=cache_group
        )

    return build


@pytest.fixture(scope="session")
def tokens(keycloak_url: str) -> Tokens:
    return Tokens(keycloak_url)
