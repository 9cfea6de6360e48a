"""``python -m content_service``: settings -> logging -> engine -> migrate -> workers -> serve."""

from __future__ import annotations

from pathlib import Path

from content_service.consumers import PURPOSE, build_router
from content_service.grpc_api import SERVICE_NAME, ContentApi
from content_service.service import ContentService
from content_service.settings import ContentSettings
from newsroom.content.v1.content_service_pb2_grpc import add_ContentServiceServicer_to_server
from newsroom_core.db import make_engine, migrate, ping, read_session_factory, session_factory
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.events.wiring import idempotent_consumer, outbox_relay
from newsroom_core.grpc.server import ServiceBinding
from newsroom_core.logging import configure_logging
from newsroom_core.runtime import ServiceRuntime

MIGRATIONS = Path(__file__).parent / "migrations"


def main() -> None:
    settings = ContentSettings()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    migrate(settings.db.url, MIGRATIONS)
    engine = make_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(settings.kafka, [settings.events_topic, settings.editorial_topic])
    service = ContentService(
        sessions, events_topic=settings.events_topic, reads=read_session_factory(engine)
    )

    ServiceRuntime(
        settings,
        bindings=[
            ServiceBinding(ContentApi(service), add_ContentServiceServicer_to_server, SERVICE_NAME)
        ],
        workers={
            "outbox-relay": outbox_relay(settings, sessions),
            "editorial-consumer": idempotent_consumer(
                settings,
                sessions,
                purpose=PURPOSE,
                topics=[settings.editorial_topic],
                handler=build_router(service),
            ),
        },
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[engine.dispose],
    ).serve_forever()


if __name__ == "__main__":
    main()
