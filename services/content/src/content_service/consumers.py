"""Editorial events -> content use cases (consumer group ``content.editorial``), media
events -> media copies (``content.media``).

Each handler only translates the event into the use case's order and calls it; the rules
live in ``publishing.editorial`` and ``media.service``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from sqlmodel import Session

from content_service.media.items import meta_of
from content_service.media.service import MediaCopies, MetadataOrder
from content_service.publishing import events
from content_service.publishing.editorial import (
    CorrectionOrder,
    EditorialOrders,
    NominationOrder,
    PublishOrder,
    RetractionOrder,
    Transition,
)
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ed
from newsroom.media_asset.v1 import media_asset_events_pb2 as me
from newsroom_core.actors import actor_from_pb
from newsroom_core.enums import AssetKind, WorkflowState, from_proto, story_status
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_core.timestamps import from_timestamp

PURPOSE = "editorial"
MEDIA_PURPOSE = "media"

ASSET_VERSION_READY = "newsroom.media_asset.asset.version_ready.v1"
ASSET_METADATA_UPDATED = "newsroom.media_asset.asset.metadata_updated.v1"
ASSET_DELETED = "newsroom.media_asset.asset.deleted.v1"


def _at(stamp: Timestamp, event: CloudEvent) -> datetime:
    """The event's own time; the envelope time when the payload has none."""
    return from_timestamp(stamp) or event.time


# The editorial events whose subject is the story they change (every one locks it).
STORY_SUBJECTS = frozenset(
    {
        events.WORKFLOW_TRANSITIONED,
        events.PUBLISH_REQUESTED,
        events.CORRECTION_REQUESTED,
        events.RETRACTION_REQUESTED,
    }
)


# The orders that put a revision on the portal, and those that read the story's snapshot.
REVISION_ORDERS = {
    events.PUBLISH_REQUESTED: ed.PublishRequested,
    events.CORRECTION_REQUESTED: ed.CorrectionRequested,
}
SNAPSHOT_READERS = frozenset(
    {events.PUBLISH_REQUESTED, events.CORRECTION_REQUESTED, events.RETRACTION_REQUESTED}
)


def _revision_named(event: CloudEvent) -> int | None:
    """The revision a publish or correction order names (0: the current one); None for a
    payload that does not parse (its handler reports it)."""
    try:
        message: ed.PublishRequested | ed.CorrectionRequested = event.parse(
            REVISION_ORDERS[event.type]
        )
    except EnvelopeError:
        return None
    return message.revision


def build_router(orders: EditorialOrders) -> EventRouter:
    # The handlers only change the rows prepare_batch loaded and insert through Core, so
    # the batch's story updates can wait for one flush (see EventRouter).
    router = EventRouter(defer_flush=True)

    @router.before_batch
    def prepare(session: Session, batch: list[CloudEvent], scratch: dict[str, Any]) -> None:
        revisions: list[tuple[str, int]] = []
        for e in batch:
            number = _revision_named(e) if e.type in REVISION_ORDERS else None
            if number is not None:
                revisions.append((e.subject, number))
        orders.prepare_batch(
            session,
            scratch,
            story_ids=[e.subject for e in batch if e.type in STORY_SUBJECTS and e.subject],
            revisions=revisions,
            snapshots=[e.subject for e in batch if e.type in SNAPSHOT_READERS],
        )

    @router.on(events.WORKFLOW_TRANSITIONED, ed.WorkflowTransitioned)
    def on_transitioned(session: Session, event: CloudEvent, m: ed.WorkflowTransitioned) -> None:
        status = story_status(from_proto(WorkflowState, m.to_state))
        orders.apply_transition(
            session, Transition(m.story_id, m.tenant, status or "", _at(m.at, event))
        )

    @router.on(events.PUBLISH_REQUESTED, ed.PublishRequested)
    def on_publish(session: Session, event: CloudEvent, m: ed.PublishRequested) -> None:
        orders.apply_publish(
            session,
            PublishOrder(
                story_id=m.story_id,
                tenant=m.tenant,
                revision=m.revision,
                fast_track=m.fast_track,
                actor=actor_from_pb(m.requested_by),
                at=_at(m.at, event),
            ),
        )

    @router.on(events.CORRECTION_REQUESTED, ed.CorrectionRequested)
    def on_correction(session: Session, event: CloudEvent, m: ed.CorrectionRequested) -> None:
        orders.apply_correction(
            session,
            CorrectionOrder(
                story_id=m.story_id,
                tenant=m.tenant,
                revision=m.revision,
                correction_note=m.correction_note,
                fast_track=m.fast_track,
                actor=actor_from_pb(m.actor),
                at=_at(m.at, event),
            ),
        )

    @router.on(events.RETRACTION_REQUESTED, ed.RetractionRequested)
    def on_retraction(session: Session, event: CloudEvent, m: ed.RetractionRequested) -> None:
        orders.apply_retraction(
            session,
            RetractionOrder(
                story_id=m.story_id,
                tenant=m.tenant,
                reason=m.reason,
                actor=actor_from_pb(m.actor),
                fast_track=m.fast_track,
                at=_at(m.at, event),
                takedown_id=m.takedown_id,
            ),
        )

    @router.on(events.STORY_NOMINATED, ed.StoryNominated)
    def on_nominated(session: Session, event: CloudEvent, m: ed.StoryNominated) -> None:
        orders.apply_nomination(
            session,
            NominationOrder(
                nomination_id=m.nomination_id,
                source_tenant=m.source.tenant,
                source_story_id=m.source.story_id,
                source_revision=m.source_revision,
                target_tenant=m.target_tenant,
                nominated_by=actor_from_pb(m.nominated_by),
                note=m.note,
                at=_at(m.at, event),
            ),
        )

    return router


def build_media_router(copies: MediaCopies) -> EventRouter:
    router = EventRouter()

    @router.on(ASSET_VERSION_READY, me.AssetVersionReady)
    def on_ready(session: Session, event: CloudEvent, m: me.AssetVersionReady) -> None:
        copies.apply_version_ready(session, m.asset, _at(m.at, event))

    @router.on(ASSET_METADATA_UPDATED, me.AssetMetadataUpdated)
    def on_metadata(session: Session, event: CloudEvent, m: me.AssetMetadataUpdated) -> None:
        kind = from_proto(AssetKind, m.kind)
        if kind is None:
            return
        copies.apply_metadata(
            session,
            MetadataOrder(m.asset_id, m.tenant, kind, meta_of(m.metadata), _at(m.at, event)),
        )

    @router.on(ASSET_DELETED, me.AssetDeleted)
    def on_deleted(session: Session, event: CloudEvent, m: me.AssetDeleted) -> None:
        copies.apply_deleted(session, asset_id=m.asset_id, at=_at(m.at, event))

    return router
