"""Outbound events on ``editorial_approval.events.v1``, written to the outbox.

ce_type strings are the ``// ce_type:`` comments of editorial_approval_events.proto.
Kafka key = story id (freeze id for FreezeChanged) so one story's events stay ordered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from google.protobuf.message import Message
from sqlmodel import Session

from editorial_approval_service.freezes.mappers import SCOPES
from editorial_approval_service.freezes.models import Freeze, FreezeScope
from editorial_approval_service.shared import mappers
from editorial_approval_service.shared.models import Actor
from editorial_approval_service.workflow.models import Nomination, Workflow
from newsroom.common.v1 import story_ref_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.events.outbox import emit

SOURCE = "/newsroom/editorial-approval"

WORKFLOW_TRANSITIONED = "newsroom.editorial_approval.workflow.transitioned.v1"
PUBLISH_REQUESTED = "newsroom.editorial_approval.story.publish_requested.v1"
CORRECTION_REQUESTED = "newsroom.editorial_approval.story.correction_requested.v1"
RETRACTION_REQUESTED = "newsroom.editorial_approval.story.retraction_requested.v1"
STORY_SCHEDULED = "newsroom.editorial_approval.story.scheduled.v1"
FREEZE_CHANGED = "newsroom.editorial_approval.freeze.changed.v1"
STORY_NOMINATED = "newsroom.editorial_approval.story.nominated.v1"


@dataclass(frozen=True, slots=True)
class EventSink:
    """Where this service's events go (the topic is a setting so tests can isolate it)."""

    topic: str

    def _emit(
        self, session: Session, message: Message, *, ce_type: str, subject: str, tenant: str
    ) -> CloudEvent:
        return emit(
            session,
            message,
            topic=self.topic,
            ce_type=ce_type,
            source=SOURCE,
            subject=subject,
            tenant=tenant,
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
            from_state=mappers.state_value(from_state),
            to_state=mappers.state_value(workflow.state),
            actor=mappers.actor(actor),
            reason=reason,
            revision=workflow.revision,
            at=mappers.timestamp(at),
            fast_track=workflow.fast_track,
            awaiting_role=mappers.role_value(workflow.awaiting_role),
        )
        return self._emit(
            session,
            message,
            ce_type=WORKFLOW_TRANSITIONED,
            subject=workflow.story_id,
            tenant=workflow.tenant,
        )

    def publish_requested(
        self, session: Session, workflow: Workflow, *, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.PublishRequested(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            revision=workflow.revision,
            fast_track=workflow.fast_track,
            requested_by=mappers.actor(actor),
            at=mappers.timestamp(at),
        )
        return self._emit(
            session,
            message,
            ce_type=PUBLISH_REQUESTED,
            subject=workflow.story_id,
            tenant=workflow.tenant,
        )

    def correction_requested(
        self, session: Session, workflow: Workflow, *, note: str, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.CorrectionRequested(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            revision=workflow.revision,
            correction_note=note,
            fast_track=workflow.fast_track,
            actor=mappers.actor(actor),
            at=mappers.timestamp(at),
        )
        return self._emit(
            session,
            message,
            ce_type=CORRECTION_REQUESTED,
            subject=workflow.story_id,
            tenant=workflow.tenant,
        )

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
            actor=mappers.actor(actor),
            fast_track=workflow.fast_track,
            at=mappers.timestamp(at),
            takedown_id=takedown_id,
        )
        return self._emit(
            session,
            message,
            ce_type=RETRACTION_REQUESTED,
            subject=workflow.story_id,
            tenant=workflow.tenant,
        )

    def scheduled(
        self, session: Session, workflow: Workflow, *, actor: Actor, at: datetime
    ) -> CloudEvent:
        message = ev.StoryScheduled(
            story_id=workflow.story_id,
            tenant=workflow.tenant,
            revision=workflow.revision,
            publish_at=mappers.timestamp(workflow.scheduled_at),
            embargo=workflow.embargo,
            actor=mappers.actor(actor),
            at=mappers.timestamp(at),
        )
        return self._emit(
            session,
            message,
            ce_type=STORY_SCHEDULED,
            subject=workflow.story_id,
            tenant=workflow.tenant,
        )

    def freeze_changed(
        self, session: Session, freeze: Freeze, *, actor: Actor, reason: str, at: datetime
    ) -> CloudEvent:
        message = ev.FreezeChanged(
            freeze_id=freeze.id,
            scope=SCOPES[FreezeScope(freeze.scope)],
            tenant=freeze.tenant,
            active=freeze.active,
            reason=reason,
            actor=mappers.actor(actor),
            at=mappers.timestamp(at),
        )
        return self._emit(
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
            nominated_by=mappers.actor(actor),
            note=nomination.note,
            at=mappers.timestamp(at),
        )
        return self._emit(
            session,
            message,
            ce_type=STORY_NOMINATED,
            subject=nomination.story_id,
            tenant=nomination.tenant,
        )
