"""Scheduling and publishing: schedule (or store a schedule during review), unschedule,
publish now, and the scheduler's pass over due stories (exactly once, see
``repository.lock_due_scheduled``)."""

from __future__ import annotations

from datetime import UTC, datetime

from editorial_approval_service import errors, metrics
from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.shared.models import SYSTEM_ACTOR, WorkflowState
from editorial_approval_service.shared.service import SYSTEM_CALLER_ROLES, Caller
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import WorkflowView
from editorial_approval_service.workflow.steps import EDITORIAL_ROLES, S, WorkflowSteps
from newsroom_core.errors import InvalidArgument
from newsroom_core.identity import Identity


class PublishingUseCases(WorkflowSteps):
    def schedule(
        self,
        identity: Identity,
        *,
        tenant: str,
        story_id: str,
        revision: int,
        publish_at: datetime | None,
        embargo: bool,
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        if publish_at is None:
            raise InvalidArgument("cần thời điểm đăng (publish_at)", reason="PUBLISH_AT_REQUIRED")
        if publish_at <= self._clock():
            raise InvalidArgument(
                "thời điểm đăng đã qua (publish_at in the past)", reason="PUBLISH_AT_IN_PAST"
            )
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = self._require_state(
                workflow,
                frozenset({S.APPROVED, S.SCHEDULED, *transitions.REVIEW_STATES}),
                "đặt lịch đăng",
            )
            if revision != workflow.revision:
                raise errors.stale_revision(workflow.revision, revision)
            workflow.scheduled_at = publish_at
            workflow.embargo = embargo
            workflow.frozen_hold = False
            when = publish_at.astimezone(UTC).isoformat()
            if state in (S.APPROVED, S.SCHEDULED):
                self._schedule(session, workflow, caller=caller, reason=f"đặt lịch đăng {when}")
            else:
                self._record_in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.SCHEDULE,
                    reason=f"lịch đăng {when}, áp dụng khi duyệt xong (applied on approval)",
                    revision=workflow.revision,
                )
            return self._view(session, workflow)

    def unschedule(
        self, identity: Identity, *, tenant: str, story_id: str, reason: str = ""
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = WorkflowState(workflow.state)
            if state is not S.SCHEDULED and (
                state not in transitions.REVIEW_STATES or workflow.scheduled_at is None
            ):
                self._require_state(workflow, frozenset({S.SCHEDULED}), "hủy lịch đăng")
            workflow.scheduled_at = None
            workflow.embargo = False
            workflow.frozen_hold = False
            why = reason.strip() or "hủy lịch đăng (unscheduled)"
            if state is S.SCHEDULED:
                self._transition(
                    session,
                    workflow,
                    S.APPROVED,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.UNSCHEDULE,
                    reason=why,
                )
            else:
                self._record_in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.UNSCHEDULE,
                    reason=why,
                    revision=workflow.revision,
                )
            return self._view(session, workflow)

    def publish(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            self._require_state(workflow, frozenset({S.APPROVED, S.SCHEDULED}), "xuất bản")
            if revision != workflow.revision:
                raise errors.stale_revision(workflow.revision, revision)
            if self._embargoed(workflow):
                raise errors.embargo_active()
            if self._frozen(session, tenant):
                raise errors.publishing_frozen()
            self._publish(
                session,
                workflow,
                actor=caller.actor,
                roles=caller.roles,
                reason="xuất bản ngay (published now)",
            )
            return self._view(session, workflow)

    def publish_due(self, limit: int = 50) -> int:
        """Scheduler pass: publish every due, unfrozen scheduled story exactly once."""
        with self._transaction() as session:
            due = repository.lock_due_scheduled(session=session, limit=limit)
            for workflow in due:
                self._publish(
                    session,
                    workflow,
                    actor=SYSTEM_ACTOR,
                    roles=SYSTEM_CALLER_ROLES,
                    reason="đến giờ đăng theo lịch (scheduled publication)",
                )
        metrics.SCHEDULED_PUBLICATIONS.inc(len(due))
        with self._transaction() as session:
            held = repository.mark_frozen_holds(session=session)
        metrics.FROZEN_HOLDS.inc(held)
        return len(due)
