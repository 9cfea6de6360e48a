"""Content events -> publication use cases (consumer group ``media-asset.publication``).

Each handler only turns the event into the use case's order; the rules live in
``usage.service``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp
from sqlmodel import Session

from media_asset_service import events
from media_asset_service.usage.service import PublicationUseCases, StoryMediaOrder
from newsroom.content.v1 import content_events_pb2 as ce
from newsroom.content.v1 import story_pb2
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.timestamps import from_timestamp

PURPOSE = "publication"


def _at(stamp: Timestamp, event: CloudEvent) -> datetime:
    return from_timestamp(stamp) or event.time


def _media(items: Sequence[story_pb2.StoryMedia]) -> tuple[tuple[str, int], ...]:
    return tuple((m.asset_id, m.asset_version) for m in items if m.asset_id)


def build_router(publication: PublicationUseCases) -> EventRouter:
    router = EventRouter()

    @router.on(events.STORY_PUBLISHED, ce.StoryPublished)
    def on_published(session: Session, event: CloudEvent, m: ce.StoryPublished) -> None:
        publication.apply_published(
            session,
            StoryMediaOrder(
                m.story_id, m.tenant, m.revision, _media(m.media), _at(m.published_at, event)
            ),
        )

    @router.on(events.STORY_CORRECTED, ce.StoryCorrected)
    def on_corrected(session: Session, event: CloudEvent, m: ce.StoryCorrected) -> None:
        publication.apply_published(
            session,
            StoryMediaOrder(
                m.story_id, m.tenant, m.revision, _media(m.media), _at(m.corrected_at, event)
            ),
        )

    @router.on(events.STORY_RETRACTED, ce.StoryRetracted)
    def on_retracted(session: Session, event: CloudEvent, m: ce.StoryRetracted) -> None:
        publication.apply_retracted(
            session, story_id=m.story_id, tenant=m.tenant, at=_at(m.retracted_at, event)
        )

    return router
