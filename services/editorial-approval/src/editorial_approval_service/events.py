"""Outbound events on ``editorial_approval.events.v1``, written to the outbox.

ce_type strings are the ``// ce_type:`` comments of editorial_approval_events.proto.
Kafka key = story id (freeze id for FreezeChanged) so one story's events stay ordered.
"""

from __future__ import annotations

from datetime import datetime

from google.protobuf.message import Message
from sqlmodel import Session

from editorial_approval_service.freezes.models import Freeze
from editorial_approval_service.workflow.models import Nomination, Workflow
from newsroom.common.v1 import story_ref_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import freeze_pb2, policy_pb2, workflow_pb2
from newsroom_core.actors import Actor, actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.events.outbox import EventSink
from newsroom_core.timestamps import to_timestamp

SOURCE = "/newsroom/editorial-approval"

WORKFLOW_TRANSITIONED = "newsroom.editorial_approval.workflow.transitioned.v1"
PUBLISH_REQUESTED = "newsroom.editorial_approval.story.publish_requested.v1"
CORRECTION_REQUESTED = "newsroom.editorial_approval.story.correction_requested.v1"
RETRACTION_REQUESTED = "newsroom.editorial_approval.story.retraction_requested.v1"
STORY_SCHEDULED = "newsroom.editorial_approval.story.scheduled.v1"
FREEZE_CHANGED = "newsroom.editorial_approval.freeze.changed.v1"
STORY_NOMINATED = "newsroom.editorial_approval.story.nominated.v1"


class EditorialEvents:
    """Builds each event from the rows it describes and writes it to ``sink`` in the
    caller's transaction."""

    def __init__(self, sink: EventSink) -> None:
        self._sink = sink

    def _of_story(
        self, session: Session, workflow: Workflow, message: Message, ce_type: str
    ) -> CloudEvent:
        return self._sink.emit(
            session, message, ce_type=ce_type, subject=workflow.story_id, tenant=workflow.tenant
        )

    def transitioned(
        self,
        session: Session,
        workflow: Workflow,
        *,
        from_state: str,
        actor: Actor,
        reason: str,
        at: datetime,
    ) -> CloudEvent:
        message = ev.WorkflowTransitioned(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            from_state=to_proto(workflow_pb2.WorkflowState, from_state),
            to_state=to_proto(workflow_pb2.WorkflowState, workflow.state),
            actor=actor_to_pb(actor),
            reason=reason,
            revision=workflow.revision,
            at=to_timestamp(at),
            fast_track=workflow.fast_track,
            awaiting_role=to_proto(policy_pb2.ApprovalRole, workflow.awaiting_role),
            author_id=workflow.author_id,
        )
        return self._of_story(session, workflow, message, WORKFLOW_TRANSITIONED)

    def publish_requested(
        self, session: Session, workflow: Workflow, *, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.PublishRequested(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            revision=workflow.revision,
            fast_track=workflow.fast_track,
            requested_by=actor_to_pb(actor),
            at=to_timestamp(at),
        )
        return self._of_story(session, workflow, message, PUBLISH_REQUESTED)

    def correction_requested(
        self, session: Session, workflow: Workflow, *, note: str, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.CorrectionRequested(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            revision=workflow.revision,
            correction_note=note,
            fast_track=workflow.fast_track,
            actor=actor_to_pb(actor),
            at=to_timestamp(at),
        )
        return self._of_story(session, workflow, message, CORRECTION_REQUESTED)

    def retraction_requested(
        self,
        session: Session,
        workflow: Workflow,
        *,
        reason: str,
        takedown_id: str,
        actor: Actor,
        at: datetime,
    ) -> CloudEvent:
        message = ev.RetractionRequested(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            reason=reason,
            actor=actor_to_pb(actor),
            fast_track=workflow.fast_track,
            at=to_timestamp(at),
            takedown_id=takedown_id,
        )
        return self._of_story(session, workflow, message, RETRACTION_REQUESTED)

    def scheduled(
        self, session: Session, workflow: Workflow, *, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.StoryScheduled(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            revision=workflow.revision,
            publish_at=to_timestamp(workflow.scheduled_at),
            embargo=workflow.embargo,
            actor=actor_to_pb(actor),
            at=to_timestamp(at),
        )
        return self._of_story(session, workflow, message, STORY_SCHEDULED)

    def freeze_changed(
        self, session: Session, freeze: Freeze, *, actor: Actor, reason: str, at: datetime
    ) -> CloudEvent:
        message = ev.FreezeChanged(
            freeze_id=freeze.id,
            scope=to_proto(freeze_pb2.FreezeScope, freeze.scope),
            tenant=freeze.tenant,
            active=freeze.active,
            reason=reason,
            actor=actor_to_pb(actor),
            at=to_timestamp(at),
        )
        return self._sink.emit(
            session, message, ce_type=FREEZE_CHANGED, subject=freeze.id, tenant=freeze.tenant
        )

    def nominated(
        self, session: Session, nomination: Nomination, *, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.StoryNominated(
            nomination_id=nomination.id,
            source=story_ref_pb2.StoryRef(tenant=nomination.tenant, story_id=nomination.story_id),
            source_revision=nomination.source_revision,
            target_tenant=nomination.target_tenant,
            nominated_by=actor_to_pb(actor),
            note=nomination.note,
            at=to_timestamp(at),
        )
        return self._sink.emit(
            session,
            message,
            ce_type=STORY_NOMINATED,
            subject=nomination.story_id,
            tenant=nomination.tenant,
        )
