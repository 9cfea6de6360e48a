"""Helpers for this service's tests (identities, editorial event delivery, outbox reads)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import Engine, text

from content_service.publishing import events
from newsroom.common.v1 import actor_pb2, story_ref_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ed
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_core.grpc.metadata import identity_var
from newsroom_core.identity import PLATFORM_ADMIN, Identity
from newsroom_core.settings import IdentitySettings

IDENTITY_KEY = IdentitySettings().secret.get_secret_value().encode()
ADMIN = Identity("admin-1", "platform.admin", "Quản trị", realm_roles=frozenset({PLATFORM_ADMIN}))
EDITORIAL_SOURCE = "/newsroom/editorial-approval"


def member(tenant: str, *roles: str, user_id: str | None = None) -> Identity:
    """A staff identity of ``tenant`` holding ``roles``."""
    username = f"{tenant}.{roles[0] if roles else 'staff'}"
    return Identity(
        user_id or f"{username}-{uuid.uuid4().hex[:6]}",
        username,
        f"Nhân viên {username}",
        tenant_roles={tenant: frozenset(roles)},
    )


@contextmanager
def acting_as(identity: Identity | None) -> Iterator[None]:
    """Calls made through ``make_channel`` in this block carry ``identity``."""
    token = identity_var.set(identity)
    try:
        yield
    finally:
        identity_var.reset(token)


def editorial_event(message: Message, ce_type: str, *, tenant: str, subject: str) -> CloudEvent:
    return new_event(message, type=ce_type, source=EDITORIAL_SOURCE, subject=subject, tenant=tenant)


def deliver(sessions: SessionFactory, router: EventRouter, event: CloudEvent) -> None:
    """Apply one event through the router in its own transaction (no processed-id claim)."""
    with session_scope(sessions) as session:
        router(session, event)


def outbox_rows(engine: Engine, subject: str, ce_type: str | None = None) -> list[dict[str, Any]]:
    """Outbox rows of one aggregate, oldest first."""
    query = "SELECT * FROM outbox_event WHERE ce_subject = :subject"
    params: dict[str, Any] = {"subject": subject}
    if ce_type:
        query += " AND ce_type = :ce_type"
        params["ce_type"] = ce_type
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(query + " ORDER BY id"), params)]


# --- editorial events as editorial-approval emits them ----------------------------------


def _stamp(at: datetime | None) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(at or datetime.now(UTC))
    return stamp


def _actor(who: Identity | None) -> actor_pb2.Actor:
    who = who or ADMIN
    return actor_pb2.Actor(
        user_id=who.user_id, username=who.username, display_name=who.display_name
    )


def publish_requested(
    tenant: str,
    story_id: str,
    revision: int,
    *,
    at: datetime | None = None,
    by: Identity | None = None,
    fast_track: bool = False,
) -> CloudEvent:
    message = ed.PublishRequested(
        story_id=story_id,
        tenant=tenant,
        revision=revision,
        fast_track=fast_track,
        requested_by=_actor(by),
        at=_stamp(at),
    )
    return editorial_event(message, events.PUBLISH_REQUESTED, tenant=tenant, subject=story_id)


def correction_requested(
    tenant: str, story_id: str, revision: int, note: str, *, at: datetime | None = None
) -> CloudEvent:
    message = ed.CorrectionRequested(
        story_id=story_id,
        tenant=tenant,
        revision=revision,
        correction_note=note,
        actor=_actor(None),
        at=_stamp(at),
    )
    return editorial_event(message, events.CORRECTION_REQUESTED, tenant=tenant, subject=story_id)


def retraction_requested(
    tenant: str,
    story_id: str,
    reason: str,
    *,
    by: Identity | None = None,
    takedown_id: str = "",
    at: datetime | None = None,
) -> CloudEvent:
    message = ed.RetractionRequested(
        story_id=story_id,
        tenant=tenant,
        reason=reason,
        actor=_actor(by),
        fast_track=True,
        at=_stamp(at),
        takedown_id=takedown_id,
    )
    return editorial_event(message, events.RETRACTION_REQUESTED, tenant=tenant, subject=story_id)


def transitioned(
    tenant: str, story_id: str, to_state: int, *, at: datetime, revision: int = 1
) -> CloudEvent:
    message = ed.WorkflowTransitioned(
        story_id=story_id,
        tenant=tenant,
        to_state=to_state,  # type: ignore[arg-type]
        actor=_actor(None),
        revision=revision,
        at=_stamp(at),
    )
    return editorial_event(message, events.WORKFLOW_TRANSITIONED, tenant=tenant, subject=story_id)


def nominated(
    source_tenant: str,
    story_id: str,
    target_tenant: str,
    *,
    nomination_id: str,
    source_revision: int = 0,
    note: str = "",
    by: Identity | None = None,
) -> CloudEvent:
    message = ed.StoryNominated(
        nomination_id=nomination_id,
        source=story_ref_pb2.StoryRef(tenant=source_tenant, story_id=story_id),
        source_revision=source_revision,
        target_tenant=target_tenant,
        nominated_by=_actor(by),
        note=note,
        at=_stamp(None),
    )
    return editorial_event(message, events.STORY_NOMINATED, tenant=target_tenant, subject=story_id)
