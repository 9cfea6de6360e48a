"""Policy data access: keyword-only session, never commits."""

from __future__ import annotations

from sqlmodel import Session

from editorial_approval_service.policy.models import Policy


def get_policy(*, session: Session, tenant: str) -> Policy | None:
    return session.get(Policy, tenant)
