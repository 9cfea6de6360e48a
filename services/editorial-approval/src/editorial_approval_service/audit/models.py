"""The audit log's table (its action is a ``newsroom_core.enums.AuditAction`` value)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow


class AuditRecord(SQLModel, table=True):
    """Append-only: a database trigger refuses UPDATE and DELETE."""

    __tablename__ = "audit_record"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    tenant: str
    story_id: str = ""
    actor_id: str
    actor_username: str = ""
    actor_name: str = ""
    actor_roles: list[str] = Field(default_factory=list, sa_type=postgresql.JSONB)
    action: str
    from_state: str | None = None
    to_state: str | None = None
    reason: str = ""
    revision: int = 0
    fast_track: bool = False
    at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    request_id: str = ""
    # CHANGE_ROLES: whose roles changed, and from what to what.
    subject_id: str = ""
    subject_username: str = ""
    subject_name: str = ""
    roles_before: list[str] = Field(default_factory=list, sa_type=postgresql.JSONB)
    roles_after: list[str] = Field(default_factory=list, sa_type=postgresql.JSONB)
