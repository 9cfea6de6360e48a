"""What a service under test wrote: outbox rows, the audit trail; and events delivered
through a consumer's router without Kafka."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent


def outbox_rows(engine: Engine, subject: str, ce_type: str | None = None) -> list[dict[str, Any]]:
    """Outbox rows of one aggregate, oldest first."""
    query = "SELECT * FROM outbox_event WHERE ce_subject = :subject"
    params: dict[str, Any] = {"subject": subject}
    if ce_type:
        query += " AND ce_type = :ce_type"
        params["ce_type"] = ce_type
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(query + " ORDER BY id"), params)]


def outbox_events(engine: Engine, subject: str, ce_type: str | None = None) -> list[CloudEvent]:
    """Outbox rows of one aggregate as CloudEvents, oldest first."""
    return [
        CloudEvent(
            id=str(r["event_id"]),
            type=r["ce_type"],
            source=r["ce_source"],
            subject=r["ce_subject"],
            tenant=r["tenant"],
            time=r["ce_time"],
            traceparent=r["traceparent"],
            dataschema=r["dataschema"],
            data=bytes(r["payload"]),
        )
        for r in outbox_rows(engine, subject, ce_type)
    ]


def audit_trail(engine: Engine, story_id: str) -> list[tuple[str, str | None, str | None, str]]:
    """(action, from_state, to_state, actor username) of a story, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT action, from_state, to_state, actor_username FROM audit_record"
                " WHERE story_id = :story_id ORDER BY id"
            ),
            {"story_id": story_id},
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]


def deliver(sessions: SessionFactory, router: EventRouter, *events: CloudEvent) -> None:
    """Apply events through a router, each in its own transaction as a consumer would
    (without the processed-id claim)."""
    for event in events:
        with session_scope(sessions) as session:
            router(session, event)
