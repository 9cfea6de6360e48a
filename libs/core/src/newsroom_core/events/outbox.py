"""Transactional outbox: write events in the use case's transaction, relay them to Kafka.

``enqueue`` inserts into ``outbox_event`` inside the caller's session (so the event exists
exactly when the state change commits) and NOTIFYs the relay. ``OutboxRelay`` holds a
PostgreSQL advisory lock so one relay per database publishes at a time (per-key order is
kept), sends a batch with the idempotent producer, waits for every ack and only then
deletes the batch in the same transaction. A relay killed mid-batch leaves the rows in
place; the next relay re-sends them and consumers drop the duplicates by ``ce_id``.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from google.protobuf.message import Message
from kafka import KafkaProducer
from kafka.errors import KafkaTimeoutError
from kafka.producer.future import FutureRecordMetadata
from sqlalchemy import select, text
from sqlmodel import Session

from newsroom_core.db import SessionFactory, libpq_dsn, session_scope
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_core.events.tables import OUTBOX_CHANNEL, OutboxEvent
from newsroom_core.metrics import OUTBOX_BACKLOG, OUTBOX_PUBLISHED
from newsroom_core.settings import OutboxSettings

log = logging.getLogger(__name__)

RELAY_LOCK_ID = 0x6E6F7574626F78  # "noutbox": one relay per database at a time


OUTBOX = OutboxEvent.__table__  # type: ignore[attr-defined]
INSERT_OUTBOX = OUTBOX.insert()


def enqueue(session: Session, *, topic: str, key: str, event: CloudEvent) -> None:
    """Add ``event`` to the outbox in the caller's transaction."""
    session.connection().execute(  # Core insert: the ORM unit of work costs 2x the CPU here
        INSERT_OUTBOX,
        {
            "event_id": uuid.UUID(event.id),
            "topic": topic,
            "key": key,
            "ce_type": event.type,
            "ce_source": event.source,
            "ce_subject": event.subject,
            "ce_time": event.time,
            "tenant": event.tenant,
            "traceparent": event.traceparent,
            "dataschema": event.dataschema,
            "payload": event.data,
        },
    )
    transaction = id(session.get_transaction())
    if session.info.get("outbox_notified") != transaction:  # one NOTIFY per transaction
        session.execute(text(f"NOTIFY {OUTBOX_CHANNEL}"))
        session.info["outbox_notified"] = transaction


def _to_event(row: Any) -> CloudEvent:
    return CloudEvent(
        id=str(row.event_id),
        type=row.ce_type,
        source=row.ce_source,
        subject=row.ce_subject,
        tenant=row.tenant,
        time=row.ce_time,
        traceparent=row.traceparent,
        dataschema=row.dataschema,
        data=row.payload,
    )


class OutboxRelay:
    """Publishes outbox rows to Kafka; run it on a thread with ``run`` or call ``relay_once``.

    Recovery (docs/adr/0007): a failed pass (PostgreSQL or Kafka down) is retried after a
    wait that doubles up to ``max_backoff_s``; a batch Kafka has not acknowledged yet is
    waited for, never re-sent while the producer still retries it (its records would
    reach Kafka twice); after a lost LISTEN connection the first pass runs at once.
    """

    def __init__(
        self,
        *,
        sessions: SessionFactory,
        db_url: str,
        producer: KafkaProducer,
        settings: OutboxSettings,
        service: str,
        send_timeout_s: float = 130.0,
    ) -> None:
        self._sessions = sessions
        self._dsn = libpq_dsn(db_url)
        self._producer = producer
        self._settings = settings
        self._service = service
        # past the producer's delivery timeout every future has failed or succeeded
        self._send_timeout_s = send_timeout_s
        self._stop = threading.Event()
        self._failing_since: float | None = None
        self._waiting_since: float | None = None

    def healthy(self) -> bool:
        """False while passes fail or Kafka leaves a batch unacknowledged for longer than
        ``stuck_after_s`` (readiness reports use it)."""
        now = time.monotonic()
        for since in (self._failing_since, self._waiting_since):
            if since is not None and now - since > self._settings.stuck_after_s:
                return False
        return True

    def relay_once(self) -> int:
        """Publish one batch; the number of events published (0 if another relay is active)."""
        try:
            sent = self._relay_batch()
        except Exception:
            if self._failing_since is None:
                self._failing_since = time.monotonic()
            raise
        self._failing_since = None
        return sent

    def _relay_batch(self) -> int:
        with session_scope(self._sessions) as session:
            locked = session.execute(
                text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": RELAY_LOCK_ID}
            ).scalar_one()
            if not locked:
                return 0
            rows = (
                session.connection()  # Core rows: the relay is a hot path
                .execute(select(OUTBOX).order_by(OUTBOX.c.id).limit(self._settings.batch_size))
                .all()
            )
            if not rows:
                OUTBOX_BACKLOG.labels(self._service).set(0)
                return 0
            futures = [
                self._producer.send(
                    row.topic,
                    key=row.key.encode(),
                    value=row.payload,
                    headers=_to_event(row).headers(),
                )
                for row in rows
            ]
            self._await_acks(futures)
            ids = [row.id for row in rows]
            session.execute(text("DELETE FROM outbox_event WHERE id = ANY(:ids)"), {"ids": ids})
            for row in rows:
                OUTBOX_PUBLISHED.labels(self._service, row.topic).inc()
            if len(rows) == self._settings.batch_size:
                backlog = session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one()
                OUTBOX_BACKLOG.labels(self._service).set(backlog - len(rows))
            else:
                OUTBOX_BACKLOG.labels(self._service).set(0)
            return len(rows)

    def _await_acks(self, futures: list[FutureRecordMetadata]) -> None:
        """Until Kafka acknowledged every record, or one failed (raises). While the broker
        is away the producer keeps retrying the same records; waiting for them (in short
        steps, so that ``stop`` is heard) keeps a restart of the broker from costing a
        second copy of the batch and the relay's backoff on top of the reconnect."""
        deadline = time.monotonic() + self._send_timeout_s
        started = time.monotonic()
        try:
            while not all(f.is_done for f in futures):
                if self._stop.is_set():
                    raise RelayStopped("stopping with a batch unacknowledged; it stays queued")
                if time.monotonic() > deadline:
                    raise KafkaTimeoutError(f"batch not acknowledged in {self._send_timeout_s}s")
                try:
                    self._producer.flush(timeout=0.2)
                except KafkaTimeoutError:
                    pass  # not yet: look at the stop flag and the deadline, wait again
                if self._waiting_since is None and time.monotonic() - started > 0.2:
                    self._waiting_since = started
        finally:
            self._waiting_since = None
        for future in futures:
            future.get(timeout=0)  # raises the send's error, if any

    def drain(self, timeout_s: float = 30.0) -> int:
        """Relay until the outbox is empty; for tests and shutdown."""
        deadline = time.monotonic() + timeout_s
        total = 0
        while time.monotonic() < deadline:
            sent = self.relay_once()
            total += sent
            if sent == 0:
                return total
        return total

    def run(self) -> None:
        """Relay until ``stop``; wakes on NOTIFY, polls as a fallback, survives outages."""
        backoff = MIN_BACKOFF_S
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True, connect_timeout=5) as listener:
                    listener.execute(f"LISTEN {OUTBOX_CHANNEL}")
                    while not self._stop.is_set():
                        # first pass right after (re)connecting: rows written while no
                        # one listened sent a NOTIFY nobody heard
                        sent = self.relay_once()
                        backoff = MIN_BACKOFF_S
                        if sent < self._settings.batch_size:
                            for _ in listener.notifies(
                                timeout=self._settings.poll_interval_s, stop_after=1
                            ):
                                pass
            except RelayStopped:
                return
            except Exception:
                log.warning("outbox relay error; retrying in %.1fs", backoff, exc_info=True)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self._settings.max_backoff_s)

    def stop(self) -> None:
        self._stop.set()


class RelayStopped(Exception):
    """``stop`` was called while a batch waited for Kafka (the rows stay in the outbox)."""


MIN_BACKOFF_S = 0.1


def emit(
    session: Session,
    message: Message,
    *,
    topic: str,
    ce_type: str,
    source: str,
    subject: str,
    tenant: str,
    event_id: str | None = None,
) -> CloudEvent:
    """Build the CloudEvent for ``message`` and add it to the outbox; key = subject."""
    event = new_event(
        message, type=ce_type, source=source, subject=subject, tenant=tenant, id=event_id
    )
    enqueue(session, topic=topic, key=subject, event=event)
    return event


@dataclass(frozen=True, slots=True)
class EventSink:
    """Where one service's events go: its topic and CloudEvents ``source``. Use cases are
    given one and ``emit`` inside their own transaction; ``counted`` (a metric, say) is
    told the ce_type of every event written."""

    topic: str
    source: str
    counted: Callable[[str], None] | None = None

    def emit(
        self,
        session: Session,
        message: Message,
        *,
        ce_type: str,
        subject: str,
        tenant: str,
        event_id: str | None = None,
    ) -> CloudEvent:
        event = emit(
            session,
            message,
            topic=self.topic,
            ce_type=ce_type,
            source=self.source,
            subject=subject,
            tenant=tenant,
            event_id=event_id,
        )
        if self.counted is not None:
            self.counted(ce_type)
        return event
