"""python -m editorial_approval_service: wiring only."""

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
from newsroom_core.events.wiring import idempotent_consumer, outbox_relay
from newsroom_core.grpc.client import make_channel
from newsroom_core.logging import configure_logging
from newsroom_core.runtime import ServiceRuntime, Worker


def main() -> None:
    settings = EditorialApprovalSettings()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(settings.kafka, [*topics.ALL, settings.events_topic])
    key = settings.identity.secret.get_secret_value().encode()
    content = make_channel(
        settings.content_target,
        service="newsroom.content.v1.ContentService",
        idempotent_methods=["GetStory"],
        identity_key=key,
    )
    service = EditorialService(
        sessions,
        GrpcStoryDirectory(content),
        events=EventSink(settings.events_topic),
        group_tenant=settings.group_tenant,
    )
    workers: dict[str, Worker] = {"outbox-relay": outbox_relay(settings, sessions)}
    if settings.scheduler.enabled:
        workers["scheduler"] = Scheduler(service, settings.scheduler)
    if settings.consume_content_events:
        workers["inbound-events"] = idempotent_consumer(
            settings,
            sessions,
            purpose="workflow",
            topics=[settings.content_events_topic, topics.SOCIAL_PUBLISHING],
            handler=build_router(service),
        )
    ServiceRuntime(
        settings,
        bindings=[grpc_api.binding(service)],
        workers=workers,
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[content.close, engine.dispose],
    ).serve_forever()


if __name__ == "__main__":
    main()
