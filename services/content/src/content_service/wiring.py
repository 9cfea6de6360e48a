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
from content_service.consumers import MEDIA_PURPOSE, PURPOSE, build_media_router, build_router
from content_service.grpc_api import ContentServicer
from content_service.media.directory import MEDIA_SERVICE, GrpcMediaDirectory, MediaDirectory
from content_service.media.service import MediaCopies
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
from newsroom_core.events.wiring import idempotent_consumer, idempotent_consumers, outbox_workers
from newsroom_core.grpc.client import make_channel
from newsroom_core.runtime import ServiceRuntime

EVENT_SOURCE = "/newsroom/content"


@dataclass(frozen=True, slots=True)
class ContentAggregates:
    """Each aggregate's use cases, built once (references only: no state, no use cases)."""

    tenants: TenantUseCases
    stories: StoryUseCases
    publishing: PublishingUseCases
    editorial: EditorialOrders
    media: MediaCopies

    def servicer(self) -> ContentServicer:
        return ContentServicer(
            tenants=self.tenants, stories=self.stories, publishing=self.publishing
        )

    def router(self) -> EventRouter:
        """The editorial consumer's handlers."""
        return build_router(self.editorial)

    def media_router(self) -> EventRouter:
        """The media consumer's handlers."""
        return build_media_router(self.media)


def use_cases(
    sessions: SessionFactory,
    *,
    read_engine: Engine | Connection,
    events_topic: str,
    coalesce_window: timedelta = DEFAULT_COALESCE_WINDOW,
    media: MediaDirectory,
) -> ContentAggregates:
    """The aggregates over a write session factory, the autocommit read pool (``reads``
    of ``make_read_engine``), the topic the outbox relays to and the media service."""
    reads = read_session_factory(read_engine)
    events = EventSink(events_topic, EVENT_SOURCE, counted=metrics.count_event)
    return ContentAggregates(
        tenants=TenantUseCases(sessions=sessions, reads=reads, events=events),
        stories=StoryUseCases(
            sessions=sessions, events=events, media=media, coalesce_window=coalesce_window
        ),
        publishing=PublishingUseCases(reads=reads, read_engine=read_engine),
        editorial=EditorialOrders(events=events),
        media=MediaCopies(events=events),
    )


def media_directory(settings: ContentSettings) -> GrpcMediaDirectory:
    channel = make_channel(
        settings.media_asset_target,
        service=MEDIA_SERVICE,
        idempotent_methods=["ResolveAttachments"],
        identity_key=settings.identity.secret.get_secret_value().encode(),
    )
    return GrpcMediaDirectory(channel)


@dataclass
class ContentProcess:
    runtime: ServiceRuntime
    aggregates: ContentAggregates

    @property
    def address(self) -> str:
        return self.runtime.grpc.address


def assemble(
    settings: ContentSettings,
    *,
    consumer_purpose: str = PURPOSE,
    media_purpose: str = MEDIA_PURPOSE,
) -> ContentProcess:
    """Migrate, connect and build the runtime (not started): gRPC, relay, consumers."""
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    read_engine = make_read_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(
        settings.kafka,
        [settings.events_topic, settings.editorial_topic, settings.media_events_topic],
    )
    aggregates = use_cases(
        sessions,
        read_engine=read_engine,
        events_topic=settings.events_topic,
        coalesce_window=timedelta(seconds=settings.autosave_coalesce_s),
        media=media_directory(settings),
    )
    runtime = ServiceRuntime(
        settings,
        bindings=[grpc_api.binding(aggregates.servicer())],
        workers={
            **outbox_workers(settings, sessions),
            **idempotent_consumers(
                settings,
                sessions,
                name="editorial-consumer",
                purpose=consumer_purpose,
                topics=[settings.editorial_topic],
                handler=aggregates.router(),
                members=settings.editorial_consumers,
            ),
            "media-consumer": idempotent_consumer(
                settings,
                sessions,
                purpose=media_purpose,
                topics=[settings.media_events_topic],
                handler=aggregates.media_router(),
            ),
        },
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[engine.dispose, read_engine.dispose],
    )
    return ContentProcess(runtime, aggregates)
