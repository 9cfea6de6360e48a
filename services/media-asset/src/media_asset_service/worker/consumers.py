"""Media events -> jobs (consumer group ``media-worker.uploads``): an uploaded version
gets its PROCESS job, and the runner is woken once the job is committed."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event as sa_event
from sqlmodel import Session

from media_asset_service import events
from media_asset_service.jobs.models import JobKind
from media_asset_service.jobs.service import JobUseCases
from newsroom.media_asset.v1 import media_asset_events_pb2 as me
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent


def build_router(jobs: JobUseCases, wake: Callable[[], None]) -> EventRouter:
    router = EventRouter()

    @router.on(events.ASSET_UPLOADED, me.AssetUploaded)
    def on_uploaded(session: Session, event: CloudEvent, m: me.AssetUploaded) -> None:
        queued = jobs.enqueue(
            session,
            kind=JobKind.PROCESS,
            tenant=m.tenant,
            asset_id=m.asset_id,
            version=m.version,
        )
        if queued is not None:
            sa_event.listen(session, "after_commit", lambda _s: wake(), once=True)

    return router
