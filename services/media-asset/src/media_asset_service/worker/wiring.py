"""The media worker process assembled from its settings (``python -m
media_asset_service.worker`` and the tests run exactly this).

It shares the service's database: it leases jobs there and writes its events to the same
outbox (its own relay publishes them; one relay per database is active at a time).
"""

from __future__ import annotations

from dataclasses import dataclass

from media_asset_service import MIGRATIONS_DIR, metrics
from media_asset_service.assets.service import AssetUseCases
from media_asset_service.delivery import Delivery
from media_asset_service.jobs.service import JobUseCases
from media_asset_service.objects import ObjectStore
from media_asset_service.processing.housekeeping import HousekeepingUseCases
from media_asset_service.processing.renditions import RenditionUseCases
from media_asset_service.settings import DeliverySettings, JobSettings, MediaWorkerSettings
from media_asset_service.wiring import EVENT_SOURCE, connect_store
from media_asset_service.worker.consumers import build_router
from media_asset_service.worker.runner import JobRunner
from newsroom_core.db import SessionFactory, make_engine, migrate, ping, session_factory
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.events.outbox import EventSink
from newsroom_core.events.wiring import idempotent_consumer, outbox_workers
from newsroom_core.runtime import ServiceRuntime
from newsroom_core.timestamps import Clock, utcnow


@dataclass(frozen=True, slots=True)
class WorkerAggregates:
    jobs: JobUseCases
    renditions: RenditionUseCases
    housekeeping: HousekeepingUseCases

    def runner(self, settings: JobSettings, name: str = "") -> JobRunner:
        return JobRunner(
            jobs=self.jobs,
            renditions=self.renditions,
            housekeeping=self.housekeeping,
            settings=settings,
            name=name,
        )


def use_cases(
    sessions: SessionFactory,
    *,
    store: ObjectStore,
    events_topic: str,
    jobs: JobSettings,
    delivery: DeliverySettings,
    clock: Clock = utcnow,
) -> WorkerAggregates:
    events = EventSink(events_topic, EVENT_SOURCE, counted=metrics.count_event)
    served = Delivery(delivery, store)
    job_cases = JobUseCases(sessions=sessions, settings=jobs, clock=clock)
    assets = AssetUseCases(
        sessions=sessions, events=events, delivery=served, jobs=job_cases, clock=clock
    )
    return WorkerAggregates(
        jobs=job_cases,
        renditions=RenditionUseCases(
            sessions=sessions,
            events=events,
            store=store,
            delivery=served,
            jobs=job_cases,
            assets=assets,
            settings=jobs,
            clock=clock,
        ),
        housekeeping=HousekeepingUseCases(
            sessions=sessions, store=store, delivery=served, jobs=job_cases
        ),
    )


@dataclass
class WorkerProcess:
    runtime: ServiceRuntime
    aggregates: WorkerAggregates
    runner: JobRunner


def assemble(settings: MediaWorkerSettings) -> WorkerProcess:
    """Migrate, connect and build the runtime (not started): job runner, wake-up
    consumer, relay. No gRPC: probes use the ops port."""
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    sessions = session_factory(engine)
    store = connect_store(settings.storage, settings.delivery)
    ensure_topics(settings.kafka, [settings.events_topic])
    aggregates = use_cases(
        sessions,
        store=store,
        events_topic=settings.events_topic,
        jobs=settings.jobs,
        delivery=settings.delivery,
    )
    runner = aggregates.runner(settings.jobs)
    runtime = ServiceRuntime(
        settings,
        bindings=[],
        serve_grpc=False,
        workers={
            "job-runner": runner,
            **outbox_workers(settings, sessions),
            "upload-consumer": idempotent_consumer(
                settings,
                sessions,
                purpose=settings.uploads_purpose,
                topics=[settings.events_topic],
                handler=build_router(aggregates.jobs, runner.wake),
            ),
        },
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[engine.dispose],
    )
    return WorkerProcess(runtime, aggregates, runner)
