"""Value types every aggregate uses: actors, roles, story types, workflow states, ids and
the timestamp column type.

States, roles and actions are stored as lower-case strings (``'scheduled'``,
``'tenant-admin'``); the mappers translate them to and from the proto enums. The workflow
states live here, not in workflow/, because the audit log and the events record them too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def tz() -> Any:
    """The column type of every timestamp: ``timestamptz``."""
    return sa.DateTime(timezone=True)


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


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something; names are snapshots taken at the time."""

    user_id: str
    username: str = ""
    display_name: str = ""


SYSTEM_ACTOR = Actor(user_id="system", username="system", display_name="Hệ thống")
