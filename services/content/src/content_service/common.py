"""What every aggregate of the content service shares: column types, the acting user,
pages, role checks, protobuf scalars and the use-case state ``ContentService`` sets up."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from content_service.errors import tenant_mismatch
from content_service.metrics import STORY_EVENTS
from newsroom.common.v1 import actor_pb2
from newsroom_core.db import SessionFactory
from newsroom_core.errors import PermissionDenied
from newsroom_core.events.outbox import emit
from newsroom_core.identity import Identity

T = TypeVar("T")

EVENT_SOURCE = "/newsroom/content"
WRITER_ROLES = ("contributor", "editor", "board")
EDITOR_ROLES = ("editor", "board")
TENANT_ADMIN = "tenant-admin"

# --- models -----------------------------------------------------------------------------

TZ = sa.DateTime(timezone=True)


def utcnow() -> datetime:
    return datetime.now(UTC)


# --- repositories -----------------------------------------------------------------------


def add(*, session: Session, obj: Any) -> None:
    session.add(obj)
    session.flush()


# --- mappers ----------------------------------------------------------------------------


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def actor_to_pb(user_id: str, username: str, display_name: str) -> actor_pb2.Actor:
    return actor_pb2.Actor(user_id=user_id, username=username, display_name=display_name)


# --- use cases --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    username: str = ""
    display_name: str = ""

    @classmethod
    def of(cls, identity: Identity) -> Actor:
        return cls(identity.user_id, identity.username, identity.display_name)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_page_token: str = ""


def require_member(identity: Identity, tenant: str) -> None:
    if not identity.is_member(tenant):
        raise tenant_mismatch(tenant)


def require_role(identity: Identity, tenant: str, roles: Sequence[str], reason: str) -> None:
    require_member(identity, tenant)
    if identity.is_platform_admin or identity.has_role(tenant, *roles):
        return
    raise PermissionDenied(
        f"cần vai trò {' hoặc '.join(roles)} trong đơn vị {tenant!r} (role required)",
        reason=reason,
    )


def parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class UseCases:
    """State shared by each aggregate's use cases; ``ContentService.__init__`` sets it."""

    _sessions: SessionFactory
    # read-only use cases: the autocommit pool (no BEGIN/COMMIT round trips)
    _read_engine: Engine | Connection
    _reads: SessionFactory
    _topic: str

    def _emit(
        self, session: Session, message: Message, *, ce_type: str, subject: str, tenant: str
    ) -> str:
        event = emit(
            session,
            message,
            topic=self._topic,
            ce_type=ce_type,
            source=EVENT_SOURCE,
            subject=subject,
            tenant=tenant,
        )
        STORY_EVENTS.labels(ce_type.rsplit(".", 2)[-2]).inc()
        return event.id

    @staticmethod
    def _page(rows: list[T], limit: int, token_of: Callable[[T], str]) -> Page[T]:
        if len(rows) > limit:
            return Page(rows[:limit], token_of(rows[limit - 1]))
        return Page(rows, "")
