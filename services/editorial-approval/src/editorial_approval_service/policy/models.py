"""The policy table and its stages (a workflow keeps a snapshot of them per submission)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.enums import ApprovalRole
from newsroom_core.timestamps import utcnow


@dataclass(frozen=True, slots=True)
class Stage:
    role: ApprovalRole
    name: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role.value, "name": self.name}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stage:
        return cls(role=ApprovalRole(data["role"]), name=str(data.get("name", "")))


class Policy(SQLModel, table=True):
    __tablename__ = "policy"

    tenant: str = Field(primary_key=True)
    stages: list[dict[str, Any]] = Field(default_factory=list, sa_type=postgresql.JSONB)
    official_statement_role: str = ApprovalRole.SPOKESPERSON.value
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    updated_by_id: str = ""
    updated_by_username: str = ""
    updated_by_name: str = ""

    @property
    def stage_list(self) -> list[Stage]:
        return [Stage.from_json(s) for s in self.stages]
