"""The freeze table and its scopes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from editorial_approval_service.shared.models import new_id, tz, utcnow


class FreezeScope(StrEnum):
    TENANT = "tenant"
    GROUP = "group"


class Freeze(SQLModel, table=True):
    __tablename__ = "freeze"

    id: str = Field(default_factory=new_id, primary_key=True)
    scope: str
    # Empty for the group scope.
    tenant: str = ""
    active: bool = True
    reason: str
    set_by_id: str
    set_by_username: str = ""
    set_by_name: str = ""
    set_at: datetime = Field(default_factory=utcnow, sa_type=tz())
    lifted_by_id: str | None = None
    lifted_by_username: str | None = None
    lifted_by_name: str | None = None
    lifted_at: datetime | None = Field(default=None, sa_type=tz())
    lift_reason: str = ""
