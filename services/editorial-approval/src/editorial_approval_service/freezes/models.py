"""The freeze table (its scope is a ``newsroom_core.enums.FreezeScope`` value)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ, new_id
from newsroom_core.timestamps import utcnow


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
    set_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    lifted_by_id: str | None = None
    lifted_by_username: str | None = None
    lifted_by_name: str | None = None
    lifted_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    lift_reason: str = ""
