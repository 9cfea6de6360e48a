"""Steps the workflow use cases share: one audited and emitted transition, publishing,
scheduling, the release after a final approval, an audited action that keeps the state,
and the checks a decider must pass."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from editorial_approval_service import errors, metrics
from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.content_client import StoryDirectory, StoryInfo
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.policy.models import Stage
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.shared.models import Actor, Role, WorkflowState
from editorial_approval_service.shared.repository import add
from editorial_approval_service.shared.service import Caller, holds
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import (
    Decision,
    StageDecision,
    Workflow,
    WorkflowView,
)
from newsroom_core.errors import FailedPrecondition

S = WorkflowState
EDITORIAL_ROLES = (Role.EDITOR.value, Role.BOARD.value)


class WorkflowSteps(PolicyUseCases, FreezeUseCases):
    """Each transition writes the state, one audit record and WorkflowTransitioned in the
    caller's transaction; a workflow reads the tenant's policy and freezes."""

    _stories: StoryDirectory

    def _transition(
        self,
        session: Session,
        workflow: Workflow,
        to_state: WorkflowState,
        *,
        actor: Actor,
        roles: Sequence[str],
        action: AuditAction,
        reason: str = "",
        fast_track: bool = False,
    ) -> None:
        """One state change: table check, audit record and WorkflowTransitioned together."""
        from_state = WorkflowState(workflow.state)
        transitions.check(from_state, to_state, fast_track=fast_track)
        now = self._clock()
        workflow.state = to_state.value
        workflow.fast_track = fast_track
        workflow.updated_at = now
        if to_state not in transitions.REVIEW_STATES:
            workflow.awaiting_role = None
        session.add(workflow)
        session.flush()  # the optimistic version check happens here
        self._audit(
            session,
            tenant=workflow.tenant,
            story_id=workflow.story_id,
            actor=actor,
            roles=roles,
            action=action,
            from_state=from_state.value,
            to_state=to_state.value,
            reason=reason,
            revision=workflow.revision,
            fast_track=fast_track,
        )
        self._events.transitioned(
            session, workflow, from_state=from_state.value, actor=actor, reason=reason, at=now
        )
        metrics.TRANSITIONS.labels(to_state.value, str(fast_track).lower()).inc()

    def _view(self, session: Session, workflow: Workflow) -> WorkflowView:
        return WorkflowView(
            workflow, repository.list_decisions(session=session, story_id=workflow.story_id)
        )

    def _embargoed(self, workflow: Workflow) -> bool:
        until = workflow.embargo_until
        return until is not None and until > self._clock()

    def _publish(
        self,
        session: Session,
        workflow: Workflow,
        *,
        actor: Actor,
        roles: Sequence[str],
        reason: str,
        fast_track: bool = False,
    ) -> None:
        """-> PUBLISHED and PublishRequested (content publishes the revision's snapshot)."""
        workflow.published_revision = workflow.revision
        workflow.scheduled_at = None
        workflow.embargo = False
        workflow.frozen_hold = False
        self._transition(
            session,
            workflow,
            S.PUBLISHED,
            actor=actor,
            roles=roles,
            action=AuditAction.PUBLISH,
            reason=reason,
            fast_track=fast_track,
        )
        self._events.publish_requested(session, workflow, actor=actor, at=self._clock())

    def _schedule(
        self, session: Session, workflow: Workflow, *, caller: Caller, reason: str
    ) -> None:
        self._transition(
            session,
            workflow,
            S.SCHEDULED,
            actor=caller.actor,
            roles=caller.roles,
            action=AuditAction.SCHEDULE,
            reason=reason,
        )
        self._events.scheduled(session, workflow, actor=caller.actor, at=self._clock())

    def _release_approved(self, session: Session, workflow: Workflow, caller: Caller) -> None:
        """After the final approval: the stored schedule, a freeze hold, or publish now."""
        if workflow.scheduled_at is not None:
            self._schedule(
                session, workflow, caller=caller, reason="lịch đăng đã đặt trong khi duyệt"
            )
        elif self._frozen(session, workflow.tenant):
            workflow.scheduled_at = self._clock()
            workflow.frozen_hold = True
            self._schedule(
                session,
                workflow,
                caller=caller,
                reason="đang tạm dừng xuất bản: bài được giữ đến khi dỡ lệnh (held by freeze)",
            )
        else:
            self._publish(
                session,
                workflow,
                actor=caller.actor,
                roles=caller.roles,
                reason="xuất bản sau vòng duyệt cuối (published on final approval)",
            )

    def _check_decider(self, caller: Caller, workflow: Workflow, revision: int) -> Stage:
        """Four eyes, the current stage's role and the reviewed revision."""
        if caller.identity.user_id == workflow.author_id:
            raise errors.four_eyes()
        stage = workflow.stage_list[workflow.current_stage]
        if not holds(caller.identity, workflow.tenant, stage.role):
            raise errors.not_stage_approver(stage.role.value)
        if revision != workflow.revision:
            raise errors.stale_revision(workflow.revision, revision)
        return stage

    @staticmethod
    def _require_state(workflow: Workflow, allowed: frozenset[WorkflowState], action: str) -> S:
        state = WorkflowState(workflow.state)
        if state not in allowed:
            raise FailedPrecondition(
                f"không thể {action} khi bài ở trạng thái {state.value} (invalid transition)",
                reason="INVALID_TRANSITION",
                metadata={"from": state.value, "action": action},
            )
        return state

    def _story(self, tenant: str, story_id: str) -> StoryInfo:
        story = self._stories.get_story(tenant, story_id)
        if story.tenant and story.tenant != tenant:
            raise errors.workflow_not_found(story_id)
        return story

    def _workflow_or_new(
        self, session: Session, tenant: str, story: StoryInfo, revision: int
    ) -> Workflow:
        """The story's workflow, or a new draft one (not yet added) on its first action."""
        workflow = repository.get_workflow(session=session, story_id=story.story_id)
        if workflow is None:
            return Workflow(
                story_id=story.story_id,
                tenant=tenant,
                state=S.DRAFT.value,
                story_type=story.story_type.value,
                author_id=story.author.user_id,
                author_username=story.author.username,
                headline=story.headline,
                revision=revision,
            )
        if workflow.tenant != tenant:
            raise errors.workflow_not_found(story.story_id)
        return workflow

    def _record_in_place(
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
        workflow.updated_at = self._clock()
        session.add(workflow)
        session.flush()
        state = workflow.state
        self._audit(
            session,
            tenant=workflow.tenant,
            story_id=workflow.story_id,
            actor=caller.actor,
            roles=caller.roles,
            action=action,
            from_state=state,
            to_state=state,
            reason=reason,
            revision=revision,
        )

    def _record_decision(
        self,
        session: Session,
        workflow: Workflow,
        stage: Stage,
        caller: Caller,
        decision: Decision,
        revision: int,
        comment: str,
    ) -> None:
        """One reviewer's decision on the current stage of the current round."""
        add(
            StageDecision(
                story_id=workflow.story_id,
                tenant=workflow.tenant,
                round=workflow.round,
                stage=workflow.current_stage,
                role=stage.role.value,
                decided_by_id=caller.actor.user_id,
                decided_by_username=caller.actor.username,
                decided_by_name=caller.actor.display_name,
                decision=decision.value,
                revision=revision,
                comment=comment,
                decided_at=self._clock(),
            ),
            session=session,
        )
