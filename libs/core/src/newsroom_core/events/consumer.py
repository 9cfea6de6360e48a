"""Idempotent Kafka consumer: apply each event once, then commit the offset.

A poll batch is applied in one database transaction. Each event claims its
``(consumer_group, ce_id)`` row in ``processed_event``; a claim that already exists means
the event was applied before and is skipped. The fast path claims the whole batch in one
statement and applies it in one savepoint; if any handler fails, the batch is redone one
event per savepoint, a failing handler is retried, and after the last attempt the record
goes to ``<group>.dlq`` with the error in its headers. Offsets are committed only after the
transaction commits, so a crash in between redelivers events that are then skipped.

A database that is down is not the events' fault: any ``DATABASE_DOWN`` error ends the
batch at once (no per-event retries, no dead letters), the consumer seeks back and polls
the same records again after a short backoff.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from google.protobuf.message import Message
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from newsroom_core.context import bound, new_request_id, parse_traceparent
from newsroom_core.db import DATABASE_DOWN, SessionFactory, session_scope
from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_core.events.kafka import broker_reachable
from newsroom_core.events.tables import ProcessedEvent
from newsroom_core.metrics import CONSUMER_EVENTS, CONSUMER_HANDLING
from newsroom_core.settings import ConsumerSettings, KafkaSettings

log = logging.getLogger(__name__)

PROCESSED = ProcessedEvent.__table__  # type: ignore[attr-defined]
CLAIM_BATCH = text(
    "INSERT INTO processed_event (consumer_group, event_id, topic) "
    "SELECT :group, e.id, e.topic "
    "FROM unnest(CAST(:ids AS text[]), CAST(:topics AS text[])) AS e(id, topic) "
    "ON CONFLICT DO NOTHING RETURNING event_id"
)

M = TypeVar("M", bound=Message)
Handler = Callable[[Session, CloudEvent], None]
# Called once per batch on the fast path, before its events, inside its savepoint.
BatchHook = Callable[[Session, list[CloudEvent], dict[str, Any]], None]

_SCRATCH = "newsroom.consumer.batch"


def batch_scratch(session: Session) -> dict[str, Any] | None:
    """What the batch hooks left for the handlers of the batch being applied on the fast
    path (rows they locked and loaded in one statement, say); None on the event-by-event
    path, where each handler fends for itself. It lives exactly as long as the batch's
    savepoint: what it holds was done inside that savepoint."""
    scratch = session.info.get(_SCRATCH)
    return scratch if isinstance(scratch, dict) else None


@dataclass(frozen=True, slots=True)
class Route(Generic[M]):
    message_type: type[M]
    handle: Callable[[Session, CloudEvent, M], None]


class EventRouter:
    """Dispatches by ``ce_type`` to a typed handler; unknown types are ignored.

    ``defer_flush``: on the fast path the batch's handlers run without autoflush and the
    session is flushed once at the end, so the ORM writes one UPDATE per changed row (not
    one per event that touched it) and sends them together. Only for handlers that never
    read back, through a query, what an earlier event of the batch wrote through the ORM:
    a write that then clashes fails the flush, and the batch is redone event by event
    (with autoflush), so a clash is slower, never wrong."""

    def __init__(self, *, defer_flush: bool = False) -> None:
        self._routes: dict[str, Route[Any]] = {}
        self._batch_hooks: list[BatchHook] = []
        self.defer_flush = defer_flush

    def on(
        self, ce_type: str, message_type: type[M]
    ) -> Callable[
        [Callable[[Session, CloudEvent, M], None]], Callable[[Session, CloudEvent, M], None]
    ]:
        def register(
            fn: Callable[[Session, CloudEvent, M], None],
        ) -> Callable[[Session, CloudEvent, M], None]:
            self._routes[ce_type] = Route(message_type, fn)
            return fn

        return register

    def before_batch(self, hook: BatchHook) -> BatchHook:
        """Register ``hook(session, events, scratch)``: run once before a batch's events on
        the fast path, so handlers can share work (one statement for the whole batch
        instead of one per event); ``batch_scratch`` hands its results to them."""
        self._batch_hooks.append(hook)
        return hook

    def prepare(self, session: Session, events: list[CloudEvent], scratch: dict[str, Any]) -> None:
        for hook in self._batch_hooks:
            hook(session, events, scratch)

    @property
    def types(self) -> Mapping[str, Route[Any]]:
        return self._routes

    def __call__(self, session: Session, event: CloudEvent) -> None:
        route = self._routes.get(event.type)
        if route is None:
            return
        route.handle(session, event, event.parse(route.message_type))


MIN_BACKOFF_S = 0.1


def dlq_topic(group: str) -> str:
    return f"{group}.dlq"


class IdempotentConsumer:
    def __init__(
        self,
        *,
        consumer: KafkaConsumer,
        group: str,
        handler: Handler,
        sessions: SessionFactory,
        dlq_producer: KafkaProducer,
        settings: ConsumerSettings,
        after_transaction: Callable[[], None] | None = None,
        kafka_settings: KafkaSettings | None = None,
    ) -> None:
        self._consumer = consumer
        self.group = group
        self._handler = handler
        self._sessions = sessions
        self._dlq = dlq_producer
        self._settings = settings
        self._kafka_settings = kafka_settings
        self._after_transaction = after_transaction
        self._stop = threading.Event()
        self._failing_since: float | None = None

    def healthy(self) -> bool:
        """False while batches fail (the database is down) or no broker answers."""
        if self._failing_since is not None and time.monotonic() - self._failing_since > 1.0:
            return False
        return broker_reachable(self._kafka_settings) if self._kafka_settings else True

    def poll_once(self, timeout_ms: int = 500) -> int:
        """Poll, apply and commit one batch; the number of records seen."""
        batches = self._consumer.poll(timeout_ms=timeout_ms)
        records = [record for partition in batches.values() for record in partition]
        if not records:
            return 0
        try:
            dead = self._apply_batch(records)
        except Exception:
            self._rewind(records)
            raise
        if self._after_transaction is not None:
            self._after_transaction()
        for record, error in dead:
            self._send_to_dlq(record, error)
        if dead:
            self._dlq.flush()
        self._consumer.commit()
        return len(records)

    def _apply_batch(self, records: list[Any]) -> list[tuple[Any, str]]:
        dead: list[tuple[Any, str]] = []
        parsed: list[tuple[Any, CloudEvent]] = []
        for record in records:
            try:
                parsed.append((record, CloudEvent.from_record(record.headers, record.value)))
            except EnvelopeError as exc:
                dead.append((record, f"envelope: {exc}"))
        if not parsed:
            return dead
        with session_scope(self._sessions) as session:
            if not self._apply_all(session, parsed):
                # one event failed: redo the batch event by event, with retries and DLQ
                for record, event in parsed:
                    error = self._apply(session, record.topic, event)
                    if error is not None:
                        dead.append((record, error))
        return dead

    def _apply_all(self, session: Session, parsed: list[tuple[Any, CloudEvent]]) -> bool:
        """Fast path: claim the whole batch in one statement and apply it in one savepoint."""
        started = time.perf_counter()
        savepoint = session.begin_nested()
        try:
            ids = list(dict.fromkeys(event.id for _, event in parsed))
            topics = {event.id: record.topic for record, event in parsed}
            claimed = set(
                session.connection()
                .execute(
                    CLAIM_BATCH,
                    {"group": self.group, "ids": ids, "topics": [topics[i] for i in ids]},
                )
                .scalars()
            )
            deferred = bool(getattr(self._handler, "defer_flush", False))
            with session.no_autoflush if deferred else nullcontext():
                prepare = getattr(self._handler, "prepare", None)
                if prepare is not None:
                    scratch: dict[str, Any] = {}
                    session.info[_SCRATCH] = scratch
                    prepare(session, [event for _, event in parsed if event.id in claimed], scratch)
                applied: list[str] = []
                for record, event in parsed:
                    if event.id not in claimed:
                        CONSUMER_EVENTS.labels(self.group, record.topic, "duplicate").inc()
                        continue
                    claimed.discard(event.id)  # a duplicate inside the batch is applied once
                    with bound(
                        request_id=new_request_id(),
                        trace=parse_traceparent(event.traceparent),
                        tenant=event.tenant or None,
                    ):
                        self._handler(session, event)
                    applied.append(record.topic)
            session.flush()  # inside the try: a failing flush sends the batch one by one
            savepoint.commit()
            for topic in applied:
                CONSUMER_EVENTS.labels(self.group, topic, "applied").inc()
        except DATABASE_DOWN:
            raise  # the whole batch again, later: see the module docstring
        except Exception:
            savepoint.rollback()
            log.info("batch fast path failed; applying one by one", extra={"group": self.group})
            return False
        finally:
            session.info.pop(_SCRATCH, None)
        elapsed = (time.perf_counter() - started) / len(parsed)
        for record, _ in parsed:
            CONSUMER_HANDLING.labels(self.group, record.topic).observe(elapsed)
        return True

    def _apply(self, session: Session, topic: str, event: CloudEvent) -> str | None:
        attempts = max(1, self._settings.max_attempts)
        trace = parse_traceparent(event.traceparent)
        for attempt in range(1, attempts + 1):
            started = time.perf_counter()
            savepoint = session.begin_nested()
            try:
                with bound(request_id=new_request_id(), trace=trace, tenant=event.tenant or None):
                    claimed = (
                        session.connection()
                        .execute(
                            insert(PROCESSED)
                            .values(consumer_group=self.group, event_id=event.id, topic=topic)
                            .on_conflict_do_nothing()
                            .returning(PROCESSED.c.event_id)
                        )
                        .first()
                    )
                    if claimed is None:
                        savepoint.commit()
                        CONSUMER_EVENTS.labels(self.group, topic, "duplicate").inc()
                        return None
                    self._handler(session, event)
                    savepoint.commit()
                CONSUMER_EVENTS.labels(self.group, topic, "applied").inc()
                CONSUMER_HANDLING.labels(self.group, topic).observe(time.perf_counter() - started)
                return None
            except EnvelopeError as exc:
                savepoint.rollback()
                return f"payload: {exc}"
            except DATABASE_DOWN:
                raise
            except Exception as exc:
                savepoint.rollback()
                log.warning(
                    "handler failed",
                    extra={"group": self.group, "ce_id": event.id, "attempt": attempt},
                    exc_info=True,
                )
                if attempt == attempts:
                    return f"{type(exc).__name__}: {exc}"
                CONSUMER_EVENTS.labels(self.group, topic, "retried").inc()
                time.sleep(self._settings.retry_backoff_s * attempt)
        return "unreachable"

    def _send_to_dlq(self, record: Any, error: str) -> None:
        headers = list(record.headers or []) + [
            ("x-dlq-error", error[:1000].encode()),
            ("x-dlq-group", self.group.encode()),
            ("x-dlq-source", f"{record.topic}/{record.partition}/{record.offset}".encode()),
        ]
        self._dlq.send(dlq_topic(self.group), key=record.key, value=record.value, headers=headers)
        CONSUMER_EVENTS.labels(self.group, record.topic, "dlq").inc()
        log.error("event sent to dead-letter topic", extra={"group": self.group, "error": error})

    def _rewind(self, records: list[Any]) -> None:
        """After a failed batch, seek back so the batch is polled again."""
        first: dict[TopicPartition, int] = {}
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            first[tp] = min(first.get(tp, record.offset), record.offset)
        for tp, offset in first.items():
            self._consumer.seek(tp, offset)

    def run(self) -> None:
        """Poll until ``stop``. A failed batch (database down) was rewound; it is tried
        again after a wait that doubles up to ``max_backoff_s``: short, because the wait
        left when the database is back is pure delay (docs/adr/0007)."""
        backoff = MIN_BACKOFF_S
        while not self._stop.is_set():
            try:
                self.poll_once()
                backoff = MIN_BACKOFF_S
                self._failing_since = None
            except Exception:
                if self._failing_since is None:
                    self._failing_since = time.monotonic()
                log.exception(
                    "consumer batch failed; retrying in %.1fs", backoff, extra={"group": self.group}
                )
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self._settings.max_backoff_s)

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        self._consumer.close(autocommit=False)
