"""Freeze data access: keyword-only session, never commits.

The scheduler's "not under a freeze" predicate over workflow rows is in
``workflow.repository`` (it correlates with the workflow's tenant).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from editorial_approval_service.freezes.models import Freeze
from newsroom_core.enums import FreezeScope


def covering_freezes(*, session: Session, tenant: str) -> list[Freeze]:
    """Active freezes that hold ``tenant``'s publications (its own and group-wide)."""
    statement = select(Freeze).where(
        col(Freeze.active),
        sa.or_(
            col(Freeze.scope) == FreezeScope.GROUP.value,
            sa.and_(col(Freeze.scope) == FreezeScope.TENANT.value, col(Freeze.tenant) == tenant),
        ),
    )
    return list(session.exec(statement).all())


def get_active_freeze(
    *, session: Session, scope: FreezeScope, tenant: str, for_update: bool = False
) -> Freeze | None:
    statement = select(Freeze).where(
        col(Freeze.active),
        Freeze.scope == scope.value,
        Freeze.tenant == (tenant if scope is FreezeScope.TENANT else ""),
    )
    if for_update:
        statement = statement.with_for_update()
    return session.exec(statement).first()


def list_freezes(
    *,
    session: Session,
    tenant: str,
    active_only: bool,
    before: tuple[datetime, str] | None,
    limit: int,
) -> list[Freeze]:
    """The tenant's and the group's freezes, newest first."""
    statement = select(Freeze).where(
        sa.or_(col(Freeze.scope) == FreezeScope.GROUP.value, col(Freeze.tenant) == tenant)
    )
    if active_only:
        statement = statement.where(col(Freeze.active))
    if before is not None:
        statement = statement.where(
            sa.tuple_(col(Freeze.set_at), col(Freeze.id)) < sa.tuple_(*before)
        )
    statement = statement.order_by(col(Freeze.set_at).desc(), col(Freeze.id).desc()).limit(limit)
    return list(session.exec(statement).all())
