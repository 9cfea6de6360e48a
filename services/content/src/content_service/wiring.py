"""The content process assembled from its settings: used by ``__main__`` and by the
cross-service tests, so both run exactly the same wiring."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content_service.consumers import PURPOSE, build_router
from content_service.grpc_api import SERVICE_NAME, ContentApi
from content_service.service import ContentService
from content_service.settings import ContentSettings
from newsroom.content.v1.content_service_pb2_grpc import add_ContentServiceServicer_to_server
from newsroom_core.db import make_engine, make_read_engine, migrate, ping, session_factory
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.events.wiring import idempotent_consumer, outbox_workers
from newsroom_core.grpc.server import ServiceBinding
from newsroom_core.runtime import ServiceRuntime

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass
class ContentProcess:
    runtime: ServiceRuntime
    service: ContentService

    @property
    def address(self) -> str:
        return self.runtime.grpc.address


def assemble(settings: ContentSettings, *, consumer_purpose: str = PURPOSE) -> ContentProcess:
    """Migrate, connect and build the runtime (not started): gRPC, relay, consumer."""
    migrate(settings.db.url, MIGRATIONS)
    engine = make_engine(settings.db)
    read_engine = make_read_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(settings.kafka, [settings.events_topic, settings.editorial_topic])
    service = ContentService(sessions, events_topic=settings.events_topic, read_engine=read_engine)
    runtime = ServiceRuntime(
        settings,
        bindings=[
            ServiceBinding(ContentApi(service), add_ContentServiceServicer_to_server, SERVICE_NAME)
        ],
        workers={
            **outbox_workers(settings, sessions),
            "editorial-consumer": idempotent_consumer(
                settings,
                sessions,
                purpose=consumer_purpose,
                topics=[settings.editorial_topic],
                handler=build_router(service),
            ),
        },
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[engine.dispose, read_engine.dispose],
    )
    return ContentProcess(runtime, service)
