"""The editorial-approval process assembled from its settings: used by ``__main__`` and by
the cross-service tests, so both run exactly the same wiring."""

from __future__ import annotations

from dataclasses import dataclass

from editorial_approval_service import MIGRATIONS_DIR, grpc_api
from editorial_approval_service.consumers import build_router
from editorial_approval_service.content_client import GrpcStoryDirectory
from editorial_approval_service.events import EventSink
from editorial_approval_service.scheduler import Scheduler
from editorial_approval_service.service import EditorialService
from editorial_approval_service.settings import EditorialApprovalSettings
from newsroom_core.db import make_engine, migrate, ping, session_factory
from newsroom_core.events import topics
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.events.wiring import idempotent_consumer, outbox_workers
from newsroom_core.grpc.client import make_channel
from newsroom_core.runtime import ServiceRuntime, Worker

CONSUMER_PURPOSE = "workflow"


@dataclass
class EditorialProcess:
    runtime: ServiceRuntime
    service: EditorialService

    @property
    def address(self) -> str:
        return self.runtime.grpc.address


def assemble(
    settings: EditorialApprovalSettings, *, consumer_purpose: str = CONSUMER_PURPOSE
) -> EditorialProcess:
    """Migrate, connect and build the runtime (not started): gRPC, relay, scheduler and
    the consumer of content (and social) events."""
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(settings.kafka, [*topics.ALL, settings.events_topic])
    content = make_channel(
        settings.content_target,
        service="newsroom.content.v1.ContentService",
        idempotent_methods=["GetStory"],
        identity_key=settings.identity.secret.get_secret_value().encode(),
    )
    service = EditorialService(
        sessions,
        GrpcStoryDirectory(content),
        events=EventSink(settings.events_topic),
        group_tenant=settings.group_tenant,
    )
    workers: dict[str, Worker] = dict(outbox_workers(settings, sessions))
    if settings.scheduler.enabled:
        workers["scheduler"] = Scheduler(service, settings.scheduler)
    if settings.consume_content_events:
        workers["inbound-events"] = idempotent_consumer(
            settings,
            sessions,
            purpose=consumer_purpose,
            topics=[settings.content_events_topic, topics.SOCIAL_PUBLISHING],
            handler=build_router(service),
        )
    runtime = ServiceRuntime(
        settings,
        bindings=[grpc_api.binding(service)],
        workers=workers,
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[content.close, engine.dispose],
    )
    return EditorialProcess(runtime, service)
