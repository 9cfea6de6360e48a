"""Editorial events -> content use cases (consumer group ``content.editorial``)."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp
from sqlmodel import Session

from content_service.common import Actor
from content_service.publishing import events
from content_service.publishing.editorial import (
    CorrectionOrder,
    NominationOrder,
    PublishOrder,
    RetractionOrder,
    Transition,
)
from content_service.service import ContentService
from newsroom.common.v1 import actor_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ed
from newsroom.editorial_approval.v1 import workflow_pb2
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent

PURPOSE = "editorial"


def _at(stamp: Timestamp, event: CloudEvent) -> datetime:
    """The event's own time; the envelope time when the payload has none."""
    if stamp.seconds or stamp.nanos:
        return stamp.ToDatetime(tzinfo=UTC)
    return event.time


def _actor(message: actor_pb2.Actor) -> Actor:
    return Actor(message.user_id, message.username, message.display_name)


def state_to_status(state: int) -> str:
    """editorial WorkflowState -> content StoryStatus name (the enums mirror each other)."""
    if state == 0:
        return ""
    try:
        return str(workflow_pb2.WorkflowState.Name(state)).removeprefix("WORKFLOW_STATE_").lower()
    except ValueError:
        return ""


def build_router(service: ContentService) -> EventRouter:
    router = EventRouter()

    @router.on(events.WORKFLOW_TRANSITIONED, ed.WorkflowTransitioned)
    def on_transitioned(session: Session, event: CloudEvent, m: ed.WorkflowTransitioned) -> None:
        service.apply_transition(
            session,
            Transition(m.story_id, m.tenant, state_to_status(m.to_state), _at(m.at, event)),
        )

    @router.on(events.PUBLISH_REQUESTED, ed.PublishRequested)
    def on_publish(session: Session, event: CloudEvent, m: ed.PublishRequested) -> None:
        service.apply_publish(
            session,
            PublishOrder(
                story_id=m.story_id,
                tenant=m.tenant,
                revision=m.revision,
                fast_track=m.fast_track,
                actor=_actor(m.requested_by),
                at=_at(m.at, event),
            ),
        )

    @router.on(events.CORRECTION_REQUESTED, ed.CorrectionRequested)
    def on_correction(session: Session, event: CloudEvent, m: ed.CorrectionRequested) -> None:
        service.apply_correction(
            session,
            CorrectionOrder(
                story_id=m.story_id,
                tenant=m.tenant,
                revision=m.revision,
                correction_note=m.correction_note,
                fast_track=m.fast_track,
                actor=_actor(m.actor),
                at=_at(m.at, event),
            ),
        )

    @router.on(events.RETRACTION_REQUESTED, ed.RetractionRequested)
    def on_retraction(session: Session, event: CloudEvent, m: ed.RetractionRequested) -> None:
        service.apply_retraction(
            session,
            RetractionOrder(
                story_id=m.story_id,
                tenant=m.tenant,
                reason=m.reason,
                actor=_actor(m.actor),
                fast_track=m.fast_track,
                at=_at(m.at, event),
                takedown_id=m.takedown_id,
            ),
        )

    @router.on(events.STORY_NOMINATED, ed.StoryNominated)
    def on_nominated(session: Session, event: CloudEvent, m: ed.StoryNominated) -> None:
        service.apply_nomination(
            session,
            NominationOrder(
                nomination_id=m.nomination_id,
                source_tenant=m.source.tenant,
                source_story_id=m.source.story_id,
                source_revision=m.source_revision,
                target_tenant=m.target_tenant,
                nominated_by=_actor(m.nominated_by),
                note=m.note,
                at=_at(m.at, event),
            ),
        )

    return router
