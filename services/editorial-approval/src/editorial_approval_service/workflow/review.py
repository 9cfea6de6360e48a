"""Submission and review: submit, approve (a stage; the last one releases the story),
request changes, and the reads (one workflow, the review queue of a role)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from editorial_approval_service import errors
from editorial_approval_service.callers import EDITORIAL_ROLES, Caller, holds
from editorial_approval_service.content_client import StoryDirectory, pinned_story
from editorial_approval_service.policy.models import Stage
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import (
    StageDecision,
    Workflow,
    WorkflowView,
    stored_story_type,
)
from editorial_approval_service.workflow.state_changes import StateChanges, workflow_or_new
from newsroom_core import paging
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import ApprovalRole, AuditAction, Decision, WorkflowState
from newsroom_core.errors import PermissionDenied
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest
from newsroom_core.timestamps import Clock

S = WorkflowState


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewUseCases:
    sessions: SessionFactory
    clock: Clock
    stories: StoryDirectory
    policy: PolicyUseCases
    changes: StateChanges

    def submit(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int
    ) -> WorkflowView:
        identity.require_member(tenant)
        story = pinned_story(self.stories, tenant, story_id, revision)
        is_author = identity.user_id == story.author.user_id
        if not (
            is_author or identity.has_role(tenant, *EDITORIAL_ROLES) or identity.is_platform_admin
        ):
            raise errors.not_author()
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        errors.require_publishable_media(story.media_problems)
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            workflow = workflow_or_new(session, tenant, story, revision)
            transitions.check(WorkflowState(workflow.state), S.SUBMITTED)
            stages = self.policy.stages_for(session, tenant, story.story_type)
            workflow.story_type = stored_story_type(story.story_type)
            workflow.headline = story.headline
            workflow.revision = revision
            workflow.stages = [s.to_json() for s in stages]
            workflow.current_stage = 0
            workflow.awaiting_role = stages[0].role.value
            workflow.round += 1
            workflow.submitted_at = self.clock()
            self.changes.transition(
                session,
                workflow,
                S.SUBMITTED,
                caller,
                AuditAction.SUBMIT,
                reason="gửi duyệt (submitted for review)",
            )
            return repository.view(session=session, workflow=workflow)

    def approve(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, comment: str = ""
    ) -> WorkflowView:
        identity.require_member(tenant)
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = transitions.require_state(workflow, transitions.REVIEW_STATES, "duyệt")
            stage = _check_decider(caller, workflow, revision)
            approvers = repository.approvers_in_round(
                session=session, story_id=story_id, round_=workflow.round
            )
            if identity.user_id in approvers:
                raise errors.same_approver()
            self._record_decision(
                session, workflow, stage, caller, Decision.APPROVED, revision, comment
            )
            stages = workflow.stage_list
            workflow.current_stage += 1
            final = workflow.current_stage >= len(stages)
            workflow.awaiting_role = None if final else stages[workflow.current_stage].role.value
            reason = comment or f"duyệt vòng {stage.name or stage.role.value}"
            if state is S.SUBMITTED:
                self.changes.transition(
                    session,
                    workflow,
                    S.IN_REVIEW,
                    caller,
                    AuditAction.APPROVE,
                    reason=reason,
                )
            elif not final:
                self.changes.in_place(
                    session, workflow, caller, AuditAction.APPROVE, reason=reason, revision=revision
                )
            if final:
                self.changes.transition(
                    session,
                    workflow,
                    S.APPROVED,
                    caller,
                    AuditAction.APPROVE,
                    reason=reason,
                )
                self.changes.release_approved(session, workflow, caller)
            return repository.view(session=session, workflow=workflow)

    def request_changes(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, reason: str
    ) -> WorkflowView:
        identity.require_member(tenant)
        why = errors.require_reason(reason)
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            transitions.require_state(workflow, transitions.REVIEW_STATES, "yêu cầu sửa")
            stage = _check_decider(caller, workflow, revision)
            self._record_decision(
                session, workflow, stage, caller, Decision.CHANGES_REQUESTED, revision, why
            )
            workflow.current_stage = 0
            self.changes.transition(
                session,
                workflow,
                S.CHANGES_REQUESTED,
                caller,
                AuditAction.REQUEST_CHANGES,
                reason=why,
            )
            return repository.view(session=session, workflow=workflow)

    def get_workflow(self, identity: Identity, *, tenant: str, story_id: str) -> WorkflowView:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            return repository.view(session=session, workflow=workflow)

    def list_queue(
        self,
        identity: Identity,
        *,
        tenant: str,
        role: ApprovalRole,
        page_size: int,
        page_token: str,
    ) -> Page[WorkflowView]:
        identity.require_member(tenant)
        if not holds(identity, tenant, role):
            raise PermissionDenied(
                f"cần vai trò {role.value} (role required)", reason="ROLE_REQUIRED"
            )
        request = PageRequest.of("queue", "", page_size, page_token)
        with session_scope(self.sessions) as session:
            rows = repository.list_queue(
                session=session,
                tenant=tenant,
                role=role.value,
                exclude_author=identity.user_id,
                after=paging.time_cursor(request.cursor),
                limit=request.limit,
            )
            page = request.page(rows, lambda w: [w.submitted_at, w.story_id])
            views = [repository.view(session=session, workflow=w) for w in page.items]
            return Page(views, page.next_page_token)

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
            session=session,
            obj=StageDecision(
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
                decided_at=self.clock(),
            ),
        )


def _check_decider(caller: Caller, workflow: Workflow, revision: int) -> Stage:
    """Four eyes, the current stage's role and the reviewed revision."""
    if caller.identity.user_id == workflow.author_id:
        raise errors.four_eyes()
    stage = workflow.stage_list[workflow.current_stage]
    if not holds(caller.identity, workflow.tenant, stage.role):
        raise errors.not_stage_approver(stage.role.value)
    if revision != workflow.revision:
        raise errors.stale_revision(workflow.revision, revision)
    return stage
