"""The audit log's table and the actions it records."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

from editorial_approval_service.shared.models import tz, utcnow


class AuditAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    PUBLISH = "publish"
    CORRECT = "correct"
    RETRACT = "retract"
    NOMINATE = "nominate"
    SET_POLICY = "set_policy"
    SET_FREEZE = "set_freeze"
    LIFT_FREEZE = "lift_freeze"


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
    at: datetime = Field(default_factory=utcnow, sa_type=tz())
    request_id: str = ""
