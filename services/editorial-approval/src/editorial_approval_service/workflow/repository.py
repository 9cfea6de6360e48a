"""Workflow data access (workflows, decisions, the review queue, the scheduler's locks,
comments, nominations, takedowns): keyword-only session, never commits."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from editorial_approval_service import errors
from editorial_approval_service.freezes.models import Freeze
from editorial_approval_service.workflow.models import (
    Comment,
    Nomination,
    StageDecision,
    Takedown,
    Workflow,
    WorkflowView,
)
from newsroom_core.enums import Decision, FreezeScope, WorkflowState

# --- workflow -------------------------------------------------------------------------


def get_workflow(*, session: Session, story_id: str) -> Workflow | None:
    return session.get(Workflow, story_id)


def get_workflow_or_raise(*, session: Session, tenant: str, story_id: str) -> Workflow:
    """The story's workflow; NOT_FOUND also when it belongs to another tenant."""
    workflow = get_workflow(session=session, story_id=story_id)
    if workflow is None or workflow.tenant != tenant:
        raise errors.workflow_not_found(story_id)
    return workflow


def list_decisions(*, session: Session, story_id: str) -> list[StageDecision]:
    statement = (
        select(StageDecision)
        .where(StageDecision.story_id == story_id)
        .order_by(col(StageDecision.id))
    )
    return list(session.exec(statement).all())


def view(*, session: Session, workflow: Workflow) -> WorkflowView:
    """The workflow with every decision of its story (what the use cases return)."""
    return WorkflowView(workflow, list_decisions(session=session, story_id=workflow.story_id))


def approvers_in_round(*, session: Session, story_id: str, round_: int) -> set[str]:
    statement = select(StageDecision.decided_by_id).where(
        StageDecision.story_id == story_id,
        StageDecision.round == round_,
        StageDecision.decision == Decision.APPROVED.value,
    )
    return set(session.exec(statement).all())


def signed_off(*, session: Session, story_id: str, round_: int, role: str, revision: int) -> bool:
    """An approval by ``role`` of ``revision`` in the current round exists."""
    statement = select(StageDecision.id).where(
        StageDecision.story_id == story_id,
        StageDecision.round == round_,
        StageDecision.role == role,
        StageDecision.revision == revision,
        StageDecision.decision == Decision.APPROVED.value,
    )
    return session.exec(statement).first() is not None


def list_queue(
    *,
    session: Session,
    tenant: str,
    role: str,
    exclude_author: str,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Workflow]:
    """Workflows awaiting ``role``, oldest submission first, keyset after ``after``."""
    statement = select(Workflow).where(
        Workflow.tenant == tenant,
        Workflow.awaiting_role == role,
        col(Workflow.state).in_([WorkflowState.SUBMITTED.value, WorkflowState.IN_REVIEW.value]),
        Workflow.author_id != exclude_author,
    )
    if after is not None:
        statement = statement.where(
            sa.tuple_(col(Workflow.submitted_at), col(Workflow.story_id)) > sa.tuple_(*after)
        )
    statement = statement.order_by(col(Workflow.submitted_at), col(Workflow.story_id)).limit(limit)
    return list(session.exec(statement).all())


def _covering_freeze() -> sa.ColumnElement[bool]:
    """EXISTS an active freeze of the workflow's tenant or of the whole group."""
    return sa.exists().where(
        col(Freeze.active),
        sa.or_(
            col(Freeze.scope) == FreezeScope.GROUP.value,
            sa.and_(
                col(Freeze.scope) == FreezeScope.TENANT.value,
                col(Freeze.tenant) == col(Workflow.tenant),
            ),
        ),
    )


def lock_due_scheduled(*, session: Session, limit: int) -> list[Workflow]:
    """Due, unfrozen scheduled workflows, row-locked; rows another worker holds are skipped.

    With the state change committed in the same transaction this is what makes a
    scheduled publication happen exactly once across instances and restarts.
    """
    statement = (
        select(Workflow)
        .where(
            Workflow.state == WorkflowState.SCHEDULED.value,
            col(Workflow.scheduled_at) <= sa.func.now(),
            sa.not_(_covering_freeze()),
        )
        .order_by(col(Workflow.scheduled_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.exec(statement).all())


def mark_frozen_holds(*, session: Session) -> int:
    """Flag due scheduled workflows a freeze is holding; the number newly flagged."""
    result = session.execute(
        sa.update(Workflow)
        .where(
            col(Workflow.state) == WorkflowState.SCHEDULED.value,
            col(Workflow.scheduled_at) <= sa.func.now(),
            sa.not_(col(Workflow.frozen_hold)),
            _covering_freeze(),
        )
        .values(frozen_hold=True, version=Workflow.version + 1)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# --- comments ---------------------------------------------------------------------------


def get_comment(*, session: Session, comment_id: str) -> Comment | None:
    return session.get(Comment, comment_id)


def list_comments(
    *,
    session: Session,
    story_id: str,
    include_resolved: bool,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Comment]:
    statement = select(Comment).where(Comment.story_id == story_id)
    if not include_resolved:
        statement = statement.where(sa.not_(col(Comment.resolved)))
    if after is not None:
        statement = statement.where(
            sa.tuple_(col(Comment.created_at), col(Comment.id)) > sa.tuple_(*after)
        )
    statement = statement.order_by(col(Comment.created_at), col(Comment.id)).limit(limit)
    return list(session.exec(statement).all())


# --- nominations and takedowns ----------------------------------------------------------


def get_nomination(*, session: Session, nomination_id: str) -> Nomination | None:
    return session.get(Nomination, nomination_id)


def find_nomination(*, session: Session, story_id: str, target_tenant: str) -> Nomination | None:
    statement = select(Nomination).where(
        Nomination.story_id == story_id, Nomination.target_tenant == target_tenant
    )
    return session.exec(statement).first()


def get_takedown(*, session: Session, takedown_id: str) -> Takedown | None:
    return session.get(Takedown, takedown_id)


def latest_takedown(*, session: Session, story_id: str) -> Takedown | None:
    statement = (
        select(Takedown)
        .where(Takedown.story_id == story_id)
        .order_by(col(Takedown.requested_at).desc())
        .limit(1)
    )
    return session.exec(statement).first()
