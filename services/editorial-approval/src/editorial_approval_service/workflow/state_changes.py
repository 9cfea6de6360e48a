"""A workflow's state changes as the use cases make them: each one checked against the
lifecycle table, audited and emitted in the caller's transaction; publishing, scheduling
and the release after a final approval are built on it.

``StateChanges`` is a collaborator the workflow use cases are given, not a base class.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from editorial_approval_service import errors, metrics
from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.callers import Caller
from editorial_approval_service.content_client import StoryInfo
from editorial_approval_service.events import EditorialEvents
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import Workflow, stored_story_type
from newsroom_core.enums import AuditAction, WorkflowState
from newsroom_core.timestamps import Clock

S = WorkflowState


@dataclass(frozen=True, slots=True, kw_only=True)
class StateChanges:
    clock: Clock
    audit: AuditUseCases
    freezes: FreezeUseCases
    events: EditorialEvents

    def transition(
        self,
        session: Session,
        workflow: Workflow,
        to_state: WorkflowState,
        caller: Caller,
        action: AuditAction,
        *,
        reason: str = "",
        fast_track: bool = False,
    ) -> None:
        """One state change: table check, audit record and WorkflowTransitioned together."""
        from_state = WorkflowState(workflow.state)
        transitions.check(from_state, to_state, fast_track=fast_track)
        now = self.clock()
        workflow.state = to_state.value
        workflow.fast_track = fast_track
        workflow.updated_at = now
        if to_state not in transitions.REVIEW_STATES:
            workflow.awaiting_role = None
        self._record(
            session,
            workflow,
            caller,
            action,
            from_state=from_state.value,
            reason=reason,
            revision=workflow.revision,
            fast_track=fast_track,
        )
        self.events.transitioned(
            session,
            workflow,
            from_state=from_state.value,
            actor=caller.actor,
            reason=reason,
            at=now,
        )
        metrics.TRANSITIONS.labels(to_state.value, str(fast_track).lower()).inc()

    def in_place(
        self,
        session: Session,
        workflow: Workflow,
        caller: Caller,
        action: AuditAction,
        *,
        reason: str,
        revision: int,
    ) -> None:
        """An audited action that leaves the state as it is (a stage approval, a schedule
        stored for later): touch the workflow and write the audit record."""
        workflow.updated_at = self.clock()
        self._record(
            session,
            workflow,
            caller,
            action,
            from_state=workflow.state,
            reason=reason,
            revision=revision,
        )

    def _record(
        self,
        session: Session,
        workflow: Workflow,
        caller: Caller,
        action: AuditAction,
        *,
        from_state: str,
        reason: str,
        revision: int,
        fast_track: bool = False,
    ) -> None:
        """Write the changed workflow (the optimistic version check happens in this flush)
        and the audit record of ``action`` from ``from_state`` to its state now."""
        session.add(workflow)
        session.flush()
        self.audit.record(
            session,
            caller,
            action,
            tenant=workflow.tenant,
            story_id=workflow.story_id,
            from_state=from_state,
            to_state=workflow.state,
            reason=reason,
            revision=revision,
            fast_track=fast_track,
        )

    def publish(
        self,
        session: Session,
        workflow: Workflow,
        caller: Caller,
        *,
        reason: str,
        fast_track: bool = False,
    ) -> None:
        """-> PUBLISHED and PublishRequested (content publishes the revision's snapshot)."""
        workflow.published_revision = workflow.revision
        workflow.scheduled_at = None
        workflow.embargo = False
        workflow.frozen_hold = False
        self.transition(
            session,
            workflow,
            S.PUBLISHED,
            caller,
            AuditAction.PUBLISH,
            reason=reason,
            fast_track=fast_track,
        )
        self.events.publish_requested(session, workflow, actor=caller.actor, at=self.clock())

    def schedule(
        self, session: Session, workflow: Workflow, caller: Caller, *, reason: str
    ) -> None:
        self.transition(session, workflow, S.SCHEDULED, caller, AuditAction.SCHEDULE, reason=reason)
        self.events.scheduled(session, workflow, actor=caller.actor, at=self.clock())

    def release_approved(self, session: Session, workflow: Workflow, caller: Caller) -> None:
        """After the final approval: the stored schedule, a freeze hold, or publish now."""
        if workflow.scheduled_at is not None:
            self.schedule(session, workflow, caller, reason="lịch đăng đã đặt trong khi duyệt")
        elif self.freezes.frozen(session, workflow.tenant):
            workflow.scheduled_at = self.clock()
            workflow.frozen_hold = True
            self.schedule(
                session,
                workflow,
                caller,
                reason="đang tạm dừng xuất bản: bài được giữ đến khi dỡ lệnh (held by freeze)",
            )
        else:
            self.publish(
                session,
                workflow,
                caller,
                reason="xuất bản sau vòng duyệt cuối (published on final approval)",
            )


def workflow_or_new(session: Session, tenant: str, story: StoryInfo, revision: int) -> Workflow:
    """The story's workflow, or a new draft one (not yet added) on its first action;
    WORKFLOW_NOT_FOUND when the story's workflow belongs to another tenant."""
    workflow = repository.get_workflow(session=session, story_id=story.story_id)
    if workflow is None:
        return Workflow(
            story_id=story.story_id,
            tenant=tenant,
            state=S.DRAFT.value,
            story_type=stored_story_type(story.story_type),
            author_id=story.author.user_id,
            author_username=story.author.username,
            headline=story.headline,
            revision=revision,
        )
    if workflow.tenant != tenant:
        raise errors.workflow_not_found(story.story_id)
    return workflow
