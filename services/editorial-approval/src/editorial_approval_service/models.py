"""Tables and value types of the editorial-approval service.

States, roles and actions are stored as lower-case strings (``'scheduled'``,
``'tenant-admin'``); mappers.py translates them to and from the proto enums.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class WorkflowState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CORRECTED = "corrected"
    RETRACTED = "retracted"


class Role(StrEnum):
    """Values equal the Keycloak role names (``/tenants/<slug>/<role>``, realm roles)."""

    CONTRIBUTOR = "contributor"
    EDITOR = "editor"
    BOARD = "board"
    SPOKESPERSON = "spokesperson"
    TENANT_ADMIN = "tenant-admin"
    PLATFORM_ADMIN = "platform-admin"


class StoryType(StrEnum):
    UNSPECIFIED = "unspecified"
    NEWS = "news"
    FEATURE = "feature"
    GALLERY = "gallery"
    VIDEO = "video"
    OPINION = "opinion"
    OFFICIAL_STATEMENT = "official_statement"


class Decision(StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


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


class FreezeScope(StrEnum):
    TENANT = "tenant"
    GROUP = "group"


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


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something; names are snapshots taken at the time."""

    user_id: str
    username: str = ""
    display_name: str = ""


SYSTEM_ACTOR = Actor(user_id="system", username="system", display_name="Hệ thống")


@dataclass(frozen=True, slots=True)
class Stage:
    role: Role
    name: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role.value, "name": self.name}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stage:
        return cls(role=Role(data["role"]), name=str(data.get("name", "")))


def _tz() -> Any:
    return sa.DateTime(timezone=True)


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
    scheduled_at: datetime | None = Field(default=None, sa_type=_tz())
    embargo: bool = False
    fast_track: bool = False
    frozen_hold: bool = False
    submitted_at: datetime | None = Field(default=None, sa_type=_tz())
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())

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
    decided_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


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
    created_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    resolved: bool = False
    resolved_by_id: str | None = None
    resolved_by_username: str | None = None
    resolved_by_name: str | None = None
    resolved_at: datetime | None = Field(default=None, sa_type=_tz())


class Policy(SQLModel, table=True):
    __tablename__ = "policy"

    tenant: str = Field(primary_key=True)
    stages: list[dict[str, Any]] = Field(default_factory=list, sa_type=postgresql.JSONB)
    official_statement_role: str = Role.SPOKESPERSON.value
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    updated_by_id: str = ""
    updated_by_username: str = ""
    updated_by_name: str = ""

    @property
    def stage_list(self) -> list[Stage]:
        return [Stage.from_json(s) for s in self.stages]


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
    set_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    lifted_by_id: str | None = None
    lifted_by_username: str | None = None
    lifted_by_name: str | None = None
    lifted_at: datetime | None = Field(default=None, sa_type=_tz())
    lift_reason: str = ""


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
    nominated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
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
    requested_at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    # [{"kind": ..., "status": ..., "detail": ..., "confirmed_at": iso or None, ...}]
    targets: list[dict[str, Any]] = Field(default_factory=list, sa_type=postgresql.JSONB)
    # Social publishing has listed the story's posts (TakedownStarted).
    social_listed: bool = False
    complete: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_type=_tz())


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
    at: datetime = Field(default_factory=utcnow, sa_type=_tz())
    request_id: str = ""
