"""The content process assembled from its settings: used by ``__main__`` and by the
cross-service tests, so both run exactly the same wiring.

``use_cases`` is where each aggregate's use cases get their collaborators; the servicer
and the editorial consumer hold them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection, Engine

from content_service import MIGRATIONS_DIR, grpc_api, metrics
from content_service.consumers import PURPOSE, build_router
from content_service.grpc_api import ContentServicer
from content_service.publishing.editorial import EditorialOrders
from content_service.publishing.service import PublishingUseCases
from content_service.settings import ContentSettings
from content_service.stories.service import DEFAULT_COALESCE_WINDOW, StoryUseCases
from content_service.tenants.service import TenantUseCases
from newsroom_core.db import (
    SessionFactory,
    make_engine,
    make_read_engine,
    migrate,
    ping,
    read_session_factory,
    session_factory,
)
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.events.outbox import EventSink
from newsroom_core.events.wiring import idempotent_consumer, outbox_workers
from newsroom_core.runtime import ServiceRuntime

EVENT_SOURCE = "/newsroom/content"


@dataclass(frozen=True, slots=True)
class ContentAggregates:
    """Each aggregate's use cases, built once (references only: no state, no use cases)."""

    tenants: TenantUseCases
    stories: StoryUseCases
    publishing: PublishingUseCases
    editorial: EditorialOrders

    def servicer(self) -> ContentServicer:
        return ContentServicer(
            tenants=self.tenants, stories=self.stories, publishing=self.publishing
        )

    def router(self) -> EventRouter:
        """The editorial consumer's handlers."""
        return build_router(self.editorial)


def use_cases(
    sessions: SessionFactory,
    *,
    read_engine: Engine | Connection,
    events_topic: str,
    coalesce_window: timedelta = DEFAULT_COALESCE_WINDOW,
) -> ContentAggregates:
    """The aggregates over a write session factory, the autocommit read pool (``reads``
    of ``make_read_engine``) and the topic the outbox relays to."""
    reads = read_session_factory(read_engine)
    events = EventSink(events_topic, EVENT_SOURCE, counted=metrics.count_event)
    return ContentAggregates(
        tenants=TenantUseCases(sessions=sessions, reads=reads, events=events),
        stories=StoryUseCases(sessions=sessions, events=events, coalesce_window=coalesce_window),
        publishing=PublishingUseCases(reads=reads, read_engine=read_engine),
        editorial=EditorialOrders(events=events),
    )


@dataclass
class ContentProcess:
    runtime: ServiceRuntime
    aggregates: ContentAggregates

    @property
    def address(self) -> str:
        return self.runtime.grpc.address


def assemble(settings: ContentSettings, *, consumer_purpose: str = PURPOSE) -> ContentProcess:
    """Migrate, connect and build the runtime (not started): gRPC, relay, consumer."""
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    read_engine = make_read_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(settings.kafka, [settings.events_topic, settings.editorial_topic])
    aggregates = use_cases(
        sessions,
        read_engine=read_engine,
        events_topic=settings.events_topic,
        coalesce_window=timedelta(seconds=settings.autosave_coalesce_s),
    )
    runtime = ServiceRuntime(
        settings,
        bindings=[grpc_api.binding(aggregates.servicer())],
        workers={
            **outbox_workers(settings, sessions),
            "editorial-consumer": idempotent_consumer(
                settings,
                sessions,
                purpose=consumer_purpose,
                topics=[settings.editorial_topic],
                handler=aggregates.router(),
            ),
        },
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[engine.dispose, read_engine.dispose],
    )
    return ContentProcess(runtime, aggregates)
