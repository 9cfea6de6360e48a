"""Scheduling and publishing: schedule (or store a schedule during review), unschedule,
publish now, and the scheduler's pass over due stories (exactly once, see
``repository.lock_due_scheduled``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from editorial_approval_service import errors, metrics
from editorial_approval_service.callers import EDITORIAL_ROLES, SYSTEM_CALLER, Caller
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import WorkflowView
from editorial_approval_service.workflow.state_changes import StateChanges
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.enums import AuditAction, WorkflowState
from newsroom_core.errors import InvalidArgument
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock

S = WorkflowState


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicationUseCases:
    sessions: SessionFactory
    clock: Clock
    freezes: FreezeUseCases
    changes: StateChanges

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
        if publish_at <= self.clock():
            raise InvalidArgument(
                "thời điểm đăng đã qua (publish_at in the past)", reason="PUBLISH_AT_IN_PAST"
            )
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = transitions.require_state(
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
                self.changes.schedule(session, workflow, caller, reason=f"đặt lịch đăng {when}")
            else:
                self.changes.in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.SCHEDULE,
                    reason=f"lịch đăng {when}, áp dụng khi duyệt xong (applied on approval)",
                    revision=workflow.revision,
                )
            return repository.view(session=session, workflow=workflow)

    def unschedule(
        self, identity: Identity, *, tenant: str, story_id: str, reason: str = ""
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = WorkflowState(workflow.state)
            if state is not S.SCHEDULED and (
                state not in transitions.REVIEW_STATES or workflow.scheduled_at is None
            ):
                transitions.require_state(workflow, frozenset({S.SCHEDULED}), "hủy lịch đăng")
            workflow.scheduled_at = None
            workflow.embargo = False
            workflow.frozen_hold = False
            why = reason.strip() or "hủy lịch đăng (unscheduled)"
            if state is S.SCHEDULED:
                self.changes.transition(
                    session,
                    workflow,
                    S.APPROVED,
                    caller,
                    AuditAction.UNSCHEDULE,
                    reason=why,
                )
            else:
                self.changes.in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.UNSCHEDULE,
                    reason=why,
                    revision=workflow.revision,
                )
            return repository.view(session=session, workflow=workflow)

    def publish(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            transitions.require_state(workflow, frozenset({S.APPROVED, S.SCHEDULED}), "xuất bản")
            if revision != workflow.revision:
                raise errors.stale_revision(workflow.revision, revision)
            if workflow.embargoed(self.clock()):
                raise errors.embargo_active()
            if self.freezes.frozen(session, tenant):
                raise errors.publishing_frozen()
            self.changes.publish(
                session,
                workflow,
                caller,
                reason="xuất bản ngay (published now)",
            )
            return repository.view(session=session, workflow=workflow)

    def publish_due(self, limit: int = 50) -> int:
        """Scheduler pass: publish every due, unfrozen scheduled story exactly once."""
        with session_scope(self.sessions) as session:
            due = repository.lock_due_scheduled(session=session, limit=limit)
            for workflow in due:
                self.changes.publish(
                    session,
                    workflow,
                    SYSTEM_CALLER,
                    reason="đến giờ đăng theo lịch (scheduled publication)",
                )
        metrics.SCHEDULED_PUBLICATIONS.inc(len(due))
        with session_scope(self.sessions) as session:
            held = repository.mark_frozen_holds(session=session)
        metrics.FROZEN_HOLDS.inc(held)
        return len(due)
