"""Submission and review: submit, approve (a stage; the last one releases the story),
request changes, and the reads (one workflow, the review queue of a role)."""

from __future__ import annotations

from editorial_approval_service import errors
from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.policy import rules
from editorial_approval_service.shared import paging
from editorial_approval_service.shared.models import Role, WorkflowState
from editorial_approval_service.shared.paging import Page
from editorial_approval_service.shared.service import Caller, holds, require_reason
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import Decision, WorkflowView
from editorial_approval_service.workflow.steps import EDITORIAL_ROLES, S, WorkflowSteps
from newsroom_core.errors import PermissionDenied
from newsroom_core.identity import Identity


class ReviewUseCases(WorkflowSteps):
    def submit(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int
    ) -> WorkflowView:
        identity.require_member(tenant)
        story = self._story(tenant, story_id)
        is_author = identity.user_id == story.author.user_id
        if not (
            is_author or identity.has_role(tenant, *EDITORIAL_ROLES) or identity.is_platform_admin
        ):
            raise errors.not_author()
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = self._workflow_or_new(session, tenant, story, revision)
            transitions.check(WorkflowState(workflow.state), S.SUBMITTED)
            policy = self._policy(session, tenant)
            stages = rules.stages_for(
                policy.stage_list, Role(policy.official_statement_role), story.story_type
            )
            workflow.story_type = story.story_type.value
            workflow.headline = story.headline
            workflow.revision = revision
            workflow.stages = [s.to_json() for s in stages]
            workflow.current_stage = 0
            workflow.awaiting_role = stages[0].role.value
            workflow.round += 1
            workflow.submitted_at = self._clock()
            self._transition(
                session,
                workflow,
                S.SUBMITTED,
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.SUBMIT,
                reason="gửi duyệt (submitted for review)",
            )
            return self._view(session, workflow)

    def approve(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, comment: str = ""
    ) -> WorkflowView:
        identity.require_member(tenant)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = self._require_state(workflow, transitions.REVIEW_STATES, "duyệt")
            stage = self._check_decider(caller, workflow, revision)
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
                self._transition(
                    session,
                    workflow,
                    S.IN_REVIEW,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.APPROVE,
                    reason=reason,
                )
            elif not final:
                self._record_in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.APPROVE,
                    reason=reason,
                    revision=revision,
                )
            if final:
                self._transition(
                    session,
                    workflow,
                    S.APPROVED,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.APPROVE,
                    reason=reason,
                )
                self._release_approved(session, workflow, caller)
            return self._view(session, workflow)

    def request_changes(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, reason: str
    ) -> WorkflowView:
        identity.require_member(tenant)
        why = require_reason(reason)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            self._require_state(workflow, transitions.REVIEW_STATES, "yêu cầu sửa")
            stage = self._check_decider(caller, workflow, revision)
            self._record_decision(
                session, workflow, stage, caller, Decision.CHANGES_REQUESTED, revision, why
            )
            workflow.current_stage = 0
            self._transition(
                session,
                workflow,
                S.CHANGES_REQUESTED,
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.REQUEST_CHANGES,
                reason=why,
            )
            return self._view(session, workflow)

    def get_workflow(self, identity: Identity, *, tenant: str, story_id: str) -> WorkflowView:
        identity.require_member(tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            return self._view(session, workflow)

    def list_queue(
        self, identity: Identity, *, tenant: str, role: Role, page_size: int, page_token: str
    ) -> Page[WorkflowView]:
        identity.require_member(tenant)
        if not holds(identity, tenant, role):
            raise PermissionDenied(
                f"cần vai trò {role.value} (role required)", reason="ROLE_REQUIRED"
            )
        size = paging.page_size(page_size)
        after = paging.decode_time_key("queue", page_token)
        with self._transaction() as session:
            rows = repository.list_queue(
                session=session,
                tenant=tenant,
                role=role.value,
                exclude_author=identity.user_id,
                after=after,
                limit=size + 1,
            )
            page = paging.paginate(rows, size, lambda w: (w.submitted_at, w.story_id), "queue")
            views = [self._view(session, w) for w in page.items]
            return Page(views, page.next_page_token)
