"""Tables and value types of the story workflow: the workflow row, stage decisions,
review comments, syndication nominations and takedown orders with their targets.

States, roles, decisions and target kinds are stored as the values of the API's enums
(``newsroom_core.enums``: ``'scheduled'``, ``'tenant-admin'``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from editorial_approval_service.policy.models import Stage
from newsroom_core.db import TIMESTAMPTZ, new_id
from newsroom_core.enums import StoryType, TakedownTargetKind, TakedownTargetStatus
from newsroom_core.timestamps import utcnow

# The stored story type when content sent none this service knows (the column default).
UNSPECIFIED_STORY_TYPE = "unspecified"


def stored_story_type(value: StoryType | None) -> str:
    return value.value if value is not None else UNSPECIFIED_STORY_TYPE


class Workflow(SQLModel, table=True):
    __tablename__ = "workflow"

    story_id: str = Field(primary_key=True)
    tenant: str = Field(index=True)
    state: str
    story_type: str = UNSPECIFIED_STORY_TYPE
    author_id: str
    author_username: str = ""
    headline: str = ""
    # The revision under review, approved, scheduled or published.
    revision: int
    published_revision: int = 0
    # Snapshot of the stages at the last submission: [{"role": ..., "name": ...}].
    stages: list[dict[str, Any]] = Field(default_factory=list, sa_type=postgresql.JSONB)
    current_stage: int = 0
    # Role the current stage awaits while SUBMITTED or IN_REVIEW (the review queue).
    awaiting_role: str | None = None
    # Submission round: decisions of earlier rounds never count for the current one.
    round: int = 0
    scheduled_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    embargo: bool = False
    fast_track: bool = False
    frozen_hold: bool = False
    submitted_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy declarative API
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    @property
    def stage_list(self) -> list[Stage]:
        return [Stage.from_json(s) for s in self.stages]

    @property
    def embargo_until(self) -> datetime | None:
        return self.scheduled_at if self.embargo else None

    def embargoed(self, now: datetime) -> bool:
        until = self.embargo_until
        return until is not None and until > now


class StageDecision(SQLModel, table=True):
    __tablename__ = "stage_decision"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    story_id: str = Field(index=True)
    tenant: str
    round: int
    stage: int
    role: str
    decided_by_id: str
    decided_by_username: str = ""
    decided_by_name: str = ""
    decision: str
    revision: int
    comment: str = ""
    decided_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)


class Comment(SQLModel, table=True):
    __tablename__ = "comment"

    id: str = Field(default_factory=new_id, primary_key=True)
    tenant: str
    story_id: str = Field(index=True)
    revision: int
    author_id: str
    author_username: str = ""
    author_name: str = ""
    body: str
    anchor: dict[str, Any] | None = Field(default=None, sa_type=postgresql.JSONB)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    resolved: bool = False
    resolved_by_id: str | None = None
    resolved_by_username: str | None = None
    resolved_by_name: str | None = None
    resolved_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)


class Nomination(SQLModel, table=True):
    __tablename__ = "nomination"

    id: str = Field(default_factory=new_id, primary_key=True)
    tenant: str
    story_id: str
    source_revision: int
    target_tenant: str
    nominated_by_id: str
    nominated_by_username: str = ""
    nominated_by_name: str = ""
    note: str = ""
    nominated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    group_story_id: str = ""


class Takedown(SQLModel, table=True):
    __tablename__ = "takedown"

    id: str = Field(default_factory=new_id, primary_key=True)
    tenant: str
    story_id: str = Field(index=True)
    reason: str
    fast_track: bool = False
    requested_by_id: str
    requested_by_username: str = ""
    requested_by_name: str = ""
    requested_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    # TakedownTarget.to_json() of each place the story must disappear from
    targets: list[dict[str, Any]] = Field(default_factory=list, sa_type=postgresql.JSONB)
    # Social publishing has listed the story's posts (TakedownStarted).
    social_listed: bool = False
    complete: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)

    @property
    def target_list(self) -> list[TakedownTarget]:
        return [TakedownTarget.from_json(t) for t in self.targets]


@dataclass(slots=True)
class TakedownTarget:
    """One place a retracted story must disappear from: the portal, search, the feeds, or
    one social post (by its post job), and whether that was confirmed."""

    kind: TakedownTargetKind
    status: TakedownTargetStatus = TakedownTargetStatus.PENDING
    channel_id: str = ""
    channel_name: str = ""
    post_job_id: str = ""
    external_post_id: str = ""
    detail: str = ""
    confirmed_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """kind and status always; the other keys when set (confirmed_at as ISO 8601)."""
        data: dict[str, Any] = {"kind": self.kind.value, "status": self.status.value}
        for key in ("channel_id", "channel_name", "post_job_id", "external_post_id", "detail"):
            if value := getattr(self, key):
                data[key] = value
        if self.confirmed_at is not None:
            data["confirmed_at"] = self.confirmed_at.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TakedownTarget:
        confirmed_at = data.get("confirmed_at")
        return cls(
            kind=TakedownTargetKind(data["kind"]),
            status=TakedownTargetStatus(data["status"]),
            channel_id=str(data.get("channel_id", "")),
            channel_name=str(data.get("channel_name", "")),
            post_job_id=str(data.get("post_job_id", "")),
            external_post_id=str(data.get("external_post_id", "")),
            detail=str(data.get("detail", "")),
            confirmed_at=datetime.fromisoformat(confirmed_at) if confirmed_at else None,
        )


@dataclass(frozen=True, slots=True)
class WorkflowView:
    """What the workflow use cases return: the row and every decision of the story."""

    workflow: Workflow
    decisions: list[StageDecision]
