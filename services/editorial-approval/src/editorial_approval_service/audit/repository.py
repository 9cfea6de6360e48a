"""Reads of the audit log (records are only ever added); keyword-only session, no commit."""

from __future__ import annotations

from sqlmodel import Session, col, select

from editorial_approval_service.audit.models import AuditRecord


def list_audit(
    *, session: Session, tenant: str, story_id: str, before_id: int | None, limit: int
) -> list[AuditRecord]:
    """Newest first; ``story_id`` empty for the whole tenant."""
    statement = select(AuditRecord).where(AuditRecord.tenant == tenant)
    if story_id:
        statement = statement.where(AuditRecord.story_id == story_id)
    if before_id is not None:
        statement = statement.where(col(AuditRecord.id) < before_id)
    statement = statement.order_by(col(AuditRecord.id).desc()).limit(limit)
    return list(session.exec(statement).all())
