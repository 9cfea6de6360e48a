"""The media-asset process assembled from its settings: used by ``__main__`` and by the
cross-service tests, so both run exactly the same wiring.

``use_cases`` is where each aggregate's use cases get their collaborators; the servicer
and the content consumer hold them side by side. The media worker is assembled in
``worker.wiring`` from the same aggregates plus its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from media_asset_service import MIGRATIONS_DIR, grpc_api, metrics
from media_asset_service.assets.galleries import GalleryUseCases
from media_asset_service.assets.service import AssetUseCases
from media_asset_service.consumers import PURPOSE, build_router
from media_asset_service.content import PublishedMedia, content_published_media
from media_asset_service.delivery import Delivery
from media_asset_service.grpc_api import MediaAssetServicer
from media_asset_service.jobs.service import JobUseCases
from media_asset_service.objects import ObjectStore
from media_asset_service.quotas.service import QuotaUseCases
from media_asset_service.settings import (
    DeliveryMode,
    DeliverySettings,
    JobSettings,
    MediaAssetSettings,
    UploadSettings,
)
from media_asset_service.uploads.cleaner import UploadCleaner
from media_asset_service.uploads.service import UploadUseCases
from media_asset_service.usage.service import DeliveryUseCases, PublicationUseCases
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
from newsroom_core.storage import StorageSettings
from newsroom_core.timestamps import Clock, utcnow

EVENT_SOURCE = "/newsroom/media-asset"


@dataclass(frozen=True, slots=True)
class MediaAssetAggregates:
    """Each aggregate's use cases, built once (references only)."""

    jobs: JobUseCases
    assets: AssetUseCases
    galleries: GalleryUseCases
    uploads: UploadUseCases
    quotas: QuotaUseCases
    publication: PublicationUseCases
    delivery: DeliveryUseCases

    def servicer(self) -> MediaAssetServicer:
        return MediaAssetServicer(
            assets=self.assets,
            galleries=self.galleries,
            uploads=self.uploads,
            quotas=self.quotas,
            delivery=self.delivery,
        )

    def router(self) -> EventRouter:
        """The content consumer's handlers."""
        return build_router(self.publication)


def use_cases(
    sessions: SessionFactory,
    *,
    read_engine: Engine | Connection,
    store: ObjectStore,
    events_topic: str,
    uploads: UploadSettings,
    delivery: DeliverySettings,
    jobs: JobSettings | None = None,
    published: PublishedMedia | None = None,
    clock: Clock = utcnow,
) -> MediaAssetAggregates:
    events = EventSink(events_topic, EVENT_SOURCE, counted=metrics.count_event)
    served = Delivery(delivery, store)
    job_cases = JobUseCases(sessions=sessions, settings=jobs or JobSettings(), clock=clock)
    assets = AssetUseCases(
        sessions=sessions, events=events, delivery=served, jobs=job_cases, clock=clock
    )
    quotas = QuotaUseCases(
        sessions=sessions, default_quota_bytes=uploads.default_quota_bytes, clock=clock
    )
    return MediaAssetAggregates(
        jobs=job_cases,
        assets=assets,
        galleries=GalleryUseCases(
            sessions=sessions,
            events=events,
            assets=assets,
            max_items=uploads.max_gallery_items,
            clock=clock,
        ),
        uploads=UploadUseCases(
            sessions=sessions,
            events=events,
            store=store,
            settings=uploads,
            quotas=quotas,
            assets=assets,
            clock=clock,
        ),
        quotas=quotas,
        publication=PublicationUseCases(jobs=job_cases, mode=delivery.mode),
        delivery=DeliveryUseCases(
            reads=read_session_factory(read_engine), delivery=served, published=published
        ),
    )


def connect_store(storage: StorageSettings, delivery: DeliverySettings) -> ObjectStore:
    """The bucket, created if needed; in public delivery mode its public prefix is made
    readable by anyone (and nothing else is)."""
    store = ObjectStore.connect(storage)
    if delivery.mode is DeliveryMode.PUBLIC:
        store.allow_public_reads(delivery.public_prefix)
    return store


@dataclass
class MediaAssetProcess:
    runtime: ServiceRuntime
    aggregates: MediaAssetAggregates

    @property
    def address(self) -> str:
        return self.runtime.grpc.address


def assemble(settings: MediaAssetSettings, *, consumer_purpose: str = PURPOSE) -> MediaAssetProcess:
    """Migrate, connect and build the runtime (not started): gRPC, relay, content
    consumer, upload cleaner."""
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    read_engine = make_read_engine(settings.db)
    sessions = session_factory(engine)
    store = connect_store(settings.storage, settings.delivery)
    ensure_topics(settings.kafka, [settings.events_topic, settings.content_events_topic])
    aggregates = use_cases(
        sessions,
        read_engine=read_engine,
        store=store,
        events_topic=settings.events_topic,
        uploads=settings.uploads,
        delivery=settings.delivery,
        published=content_published_media(
            settings.content_target,
            settings.identity.secret.get_secret_value().encode(),
            settings.content_deadline_s,
        )
        if settings.content_target
        else None,
    )
    runtime = ServiceRuntime(
        settings,
        bindings=[grpc_api.binding(aggregates.servicer())],
        workers={
            **outbox_workers(settings, sessions),
            "content-consumer": idempotent_consumer(
                settings,
                sessions,
                purpose=consumer_purpose,
                topics=[settings.content_events_topic],
                handler=aggregates.router(),
            ),
            "upload-cleaner": UploadCleaner(aggregates.uploads, settings.uploads.sweep_interval_s),
        },
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[engine.dispose, read_engine.dispose],
    )
    return MediaAssetProcess(runtime, aggregates)
