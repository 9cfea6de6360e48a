"""Tables and value types of the story workflow: the workflow row, stage decisions,
review comments, syndication nominations and takedown orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from editorial_approval_service.policy.models import Stage
from editorial_approval_service.shared.models import StoryType, new_id, tz, utcnow


class Decision(StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


class FastTrackAction(StrEnum):
    PUBLISH = "publish"
    CORRECT = "correct"
    RETRACT = "retract"


class TakedownTargetKind(StrEnum):
    PORTAL = "portal"
    SEARCH = "search"
    FEEDS = "feeds"
    SOCIAL_POST = "social_post"


class TakedownTargetStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    FAILED = "failed"


class Workflow(SQLModel, table=True):
    __tablename__ = "workflow"

    story_id: str = Field(primary_key=True)
    tenant: str = Field(index=True)
    state: str
    story_type: str = StoryType.UNSPECIFIED.value
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
    scheduled_at: datetime | None = Field(default=None, sa_type=tz())
    embargo: bool = False
    fast_track: bool = False
    frozen_hold: bool = False
    submitted_at: datetime | None = Field(default=None, sa_type=tz())
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=tz())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=tz())

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy declarative API
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    @property
    def stage_list(self) -> list[Stage]:
        return [Stage.from_json(s) for s in self.stages]

    @property
    def embargo_until(self) -> datetime | None:
        return self.scheduled_at if self.embargo else None


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
    decided_at: datetime = Field(default_factory=utcnow, sa_type=tz())


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
    created_at: datetime = Field(default_factory=utcnow, sa_type=tz())
    resolved: bool = False
    resolved_by_id: str | None = None
    resolved_by_username: str | None = None
    resolved_by_name: str | None = None
    resolved_at: datetime | None = Field(default=None, sa_type=tz())


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
    nominated_at: datetime = Field(default_factory=utcnow, sa_type=tz())
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
    requested_at: datetime = Field(default_factory=utcnow, sa_type=tz())
    # [{"kind": ..., "status": ..., "detail": ..., "confirmed_at": iso or None, ...}]
    targets: list[dict[str, Any]] = Field(default_factory=list, sa_type=postgresql.JSONB)
    # Social publishing has listed the story's posts (TakedownStarted).
    social_listed: bool = False
    complete: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_type=tz())


@dataclass(frozen=True, slots=True)
class WorkflowView:
    """What the workflow use cases return: the row and every decision of the story."""

    workflow: Workflow
    decisions: list[StageDecision]
