from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from google.protobuf.wrappers_pb2 import StringValue
from kafka import KafkaConsumer
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlmodel import Session

from newsroom_core.db import SessionFactory
from newsroom_core.events.consumer import (
    EventRouter,
    IdempotentConsumer,
    batch_scratch,
    dlq_topic,
)
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_core.events.kafka import ensure_topics, make_consumer, make_producer
from newsroom_core.settings import ConsumerSettings, KafkaSettings
from newsroom_core.testing.run import topic_name

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]

TYPE = "newsroom.test.story.published.v1"


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs, nothing is committed to Kafka."""


def one_partition(
    settings: KafkaSettings, topic_factory: Callable[..., str], label: str, group_label: str
) -> tuple[str, str]:
    """A one-partition topic (the order a test relies on) and a group with its DLQ topic."""
    topic = topic_factory(f"consumer-{label}", partitions=1)
    group = topic_name(group_label)
    ensure_topics(settings, [dlq_topic(group)], partitions=1)
    return topic, group


def publish(settings: KafkaSettings, topic: str, values: list[str]) -> list[CloudEvent]:
    producer = make_producer(settings, client_id="t")
    events = []
    for value in values:
        event = new_event(
            StringValue(value=value), type=TYPE, source="/t", subject=value, tenant="t"
        )
        producer.send(topic, key=value.encode(), value=event.data, headers=event.headers())
        events.append(event)
    producer.flush()
    producer.close()
    return events


def record_applied(session: Session, event: CloudEvent, message: StringValue) -> None:
    if message.value.startswith("poison"):
        raise ValueError("this story cannot be applied")
    session.execute(text("INSERT INTO applied_event (event_id) VALUES (:id)"), {"id": event.id})


def applied(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT event_id FROM applied_event"))]


def build(
    settings: KafkaSettings,
    sessions: SessionFactory,
    topic: str,
    group: str,
    after_transaction: Callable[[], None] | None = None,
    handler: Callable[[Session, CloudEvent], None] | None = None,
) -> IdempotentConsumer:
    """A consumer of ``topic`` applying with ``handler`` (default: records each event)."""
    if handler is None:
        router = EventRouter()
        router.on(TYPE, StringValue)(record_applied)
        handler = router
    return IdempotentConsumer(
        consumer=make_consumer(settings, group=group, topics=[topic], client_id=group),
        group=group,
        handler=handler,
        sessions=sessions,
        dlq_producer=make_producer(settings, client_id=group),
        settings=ConsumerSettings(max_attempts=3, retry_backoff_s=0.01),
        after_transaction=after_transaction,
    )


def consume_until(
    consumer: IdempotentConsumer, engine: Engine, count: int, timeout_s: float = 180
) -> None:
    """Poll until ``count`` events are applied or ``timeout_s`` passed (a bound: joining
    the group took over 30 s on a machine at load 70; the caller asserts what it got)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        consumer.poll_once(timeout_ms=500)
        if len(applied(engine)) >= count:
            return


@pytest.mark.fault
def test_crash_after_transaction_before_commit_applies_nothing_twice(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    _, engine = platform_db
    topic = topic_factory("consumer-crash", partitions=1)
    group = topic_name("crash")
    events = publish(kafka_settings, topic, [f"s{i}" for i in range(40)])

    def die() -> None:
        raise Crash()

    first = build(kafka_settings, sessions, topic, group, after_transaction=die)
    with pytest.raises(Crash):
        for _ in range(60):
            first.poll_once(timeout_ms=500)
    crashed_batch = applied(engine)
    assert crashed_batch, "the first consumer must have committed its transaction"
    first.close()  # without committing offsets, like a dead process

    second = build(kafka_settings, sessions, topic, group)
    consume_until(second, engine, len(events))
    # the redelivered part of the crashed batch is skipped, the rest applied exactly once
    second.poll_once(timeout_ms=1000)
    second.close()
    ids = applied(engine)
    assert sorted(ids) == sorted(e.id for e in events)
    assert len(ids) == len(set(ids)), "an event was applied twice"


def test_poison_messages_reach_the_dlq_and_the_rest_is_applied(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    _, engine = platform_db
    topic, group = one_partition(kafka_settings, topic_factory, "dlq", "dlq")
    good = publish(kafka_settings, topic, ["a", "b"])
    bad_payload = publish(kafka_settings, topic, ["poison-1"])
    producer = make_producer(kafka_settings, client_id="t")
    producer.send(topic, key=b"x", value=b"not a cloudevent", headers=[("foo", b"bar")])
    producer.flush()
    good += publish(kafka_settings, topic, ["c"])

    consumer = build(kafka_settings, sessions, topic, group)
    consume_until(consumer, engine, 3)
    consumer.close()
    assert sorted(applied(engine)) == sorted(e.id for e in good)

    dlq = KafkaConsumer(
        dlq_topic(group),
        bootstrap_servers=kafka_settings.bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
    )
    dead = list(dlq)
    dlq.close()
    assert len(dead) == 2
    errors = sorted(dict(r.headers)["x-dlq-error"].decode() for r in dead)
    assert errors[0].startswith("ValueError: this story cannot be applied")
    assert errors[1].startswith("envelope:")
    assert dict(dead[0].headers)["x-dlq-group"] == group.encode()
    assert {r.value for r in dead} == {bad_payload[0].data, b"not a cloudevent"}


def test_transient_failure_is_retried_and_applied_once(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    _, engine = platform_db
    topic = topic_factory("consumer-retry", partitions=1)
    group = topic_name("retry")
    events = publish(kafka_settings, topic, ["flaky"])
    calls = {"n": 0}

    def flaky(session: Session, event: CloudEvent) -> None:
        calls["n"] += 1
        session.execute(text("INSERT INTO applied_event (event_id) VALUES (:id)"), {"id": event.id})
        if calls["n"] == 1:
            raise ConnectionError("downstream blip")

    consumer = build(kafka_settings, sessions, topic, group, handler=flaky)
    consume_until(consumer, engine, 1)
    consumer.close()
    assert calls["n"] == 2
    assert applied(engine) == [events[0].id], "the failed attempt's writes must be rolled back"


def test_a_database_outage_retries_the_batch_and_dead_letters_nothing(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    """While PostgreSQL is down every statement fails with OperationalError: the batch
    must come back later, not go event by event to the dead-letter topic."""
    _, engine = platform_db
    topic, group = one_partition(kafka_settings, topic_factory, "db-down", "dbdown")
    events = publish(kafka_settings, topic, ["a", "b", "c"])
    down = {"calls": 0}

    def flaky_database(session: Session, event: CloudEvent) -> None:
        down["calls"] += 1
        if down["calls"] == 1:  # what psycopg raises once the server is gone
            raise OperationalError("INSERT ...", {}, psycopg.OperationalError("server closed"))
        session.execute(text("INSERT INTO applied_event (event_id) VALUES (:id)"), {"id": event.id})

    consumer = build(kafka_settings, sessions, topic, group, handler=flaky_database)
    failed = 0
    for _ in range(60):
        try:
            consumer.poll_once(timeout_ms=500)
        except OperationalError:
            failed += 1
        if len(applied(engine)) == len(events):
            break
    consumer.close()
    assert failed == 1, "the outage surfaces once, as a failed batch"
    assert sorted(applied(engine)) == sorted(e.id for e in events)
    dlq = KafkaConsumer(
        dlq_topic(group),
        bootstrap_servers=kafka_settings.bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=3000,
    )
    assert list(dlq) == [], "nothing may be dead-lettered for an outage"
    dlq.close()


def test_a_batch_hook_sees_the_claimed_events_and_its_scratch_lives_with_the_fast_path(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    _, engine = platform_db
    topic, group = one_partition(kafka_settings, topic_factory, "hook", "hook")
    first = publish(kafka_settings, topic, ["a", "b", "c"])
    hooked: list[str] = []
    seen: dict[str, object] = {}

    def hook(session: Session, batch: list[CloudEvent], scratch: dict[str, Any]) -> None:
        hooked.extend(e.subject for e in batch)
        scratch["subjects"] = {e.subject for e in batch}

    def handle(session: Session, event: CloudEvent, message: StringValue) -> None:
        scratch = batch_scratch(session)
        seen[message.value] = None if scratch is None else set(scratch["subjects"])
        record_applied(session, event, message)

    router = EventRouter()
    router.on(TYPE, StringValue)(handle)
    router.before_batch(hook)

    def die() -> None:
        raise Crash()

    # Applied, then the process dies before committing offsets: all of it comes again.
    crashing = build(kafka_settings, sessions, topic, group, after_transaction=die, handler=router)
    with pytest.raises(Crash):
        for _ in range(60):
            crashing.poll_once(timeout_ms=500)
    crashing.close()
    crashed = list(hooked)
    assert crashed and all(seen[v] == set(crashed) for v in crashed)  # the batch's scratch

    hooked.clear()
    consumer = build(kafka_settings, sessions, topic, group, handler=router)
    consume_until(consumer, engine, 3)
    # the hook is handed only what the batch applies: never the redelivered events
    assert sorted(crashed + hooked) == ["a", "b", "c"]
    assert sorted(applied(engine)) == sorted(e.id for e in first)

    # A batch whose fast path fails is redone event by event, where there is no scratch.
    poison = publish(kafka_settings, topic, ["d", "poison-x"])
    consume_until(consumer, engine, 4)
    consumer.close()
    assert "d" in hooked and seen["d"] is None
    assert sorted(applied(engine)) == sorted(e.id for e in [*first, poison[0]])


class _Base(DeclarativeBase):
    pass


class Keyed(_Base):
    """A row per key, written through the ORM (what defer_flush changes)."""

    __tablename__ = "keyed_row"
    key: Mapped[str] = mapped_column(primary_key=True)
    event_id: Mapped[str]


def test_a_deferred_flush_writes_the_batch_at_once_and_a_clash_is_redone_one_by_one(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    _, engine = platform_db
    _Base.metadata.create_all(engine)
    topic, group = one_partition(kafka_settings, topic_factory, "deferred", "deferred")
    rows_seen: dict[str, int] = {}

    def handle(session: Session, event: CloudEvent, message: StringValue) -> None:
        # Reads through SQL what earlier events wrote through the ORM: the pattern the
        # deferred flush cannot see, so a repeated key clashes at the batch's flush.
        rows_seen[event.id] = int(session.execute(text("SELECT count(*) FROM keyed_row")).one()[0])
        if session.execute(
            text("SELECT 1 FROM keyed_row WHERE key = :k"), {"k": message.value}
        ).first():
            return
        session.add(Keyed(key=message.value, event_id=event.id))

    router = EventRouter(defer_flush=True)
    router.on(TYPE, StringValue)(handle)
    consumer = build(kafka_settings, sessions, topic, group, handler=router)

    def rows() -> dict[str, str]:
        with engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(text("SELECT key, event_id FROM keyed_row"))}

    def consume(count: int) -> None:
        deadline = time.monotonic() + 180
        while len(rows()) < count and time.monotonic() < deadline:
            consumer.poll_once(timeout_ms=500)

    first = publish(kafka_settings, topic, ["a", "b", "c"])
    consume(3)
    # one batch, one flush at its end: no event saw another's row before it
    assert {rows_seen[e.id] for e in first} == {0}
    assert rows() == {e.subject: e.id for e in first}

    # "d" twice in one batch: both miss the other's unflushed row, the flush clashes, and
    # the batch is redone event by event (autoflush on): "d" once, by its first event,
    # nothing dead-lettered.
    again = publish(kafka_settings, topic, ["d", "d", "e"])
    consume(5)
    for _ in range(4):
        consumer.poll_once(timeout_ms=200)
    consumer.close()
    assert rows() == {**{e.subject: e.id for e in first}, "d": again[0].id, "e": again[2].id}
    assert rows_seen[again[2].id] == 4  # event by event: it saw "d" written before it


def test_members_of_one_group_in_a_process_share_the_partitions_each_with_its_own_static_id(
    kafka_settings: KafkaSettings, topic_factory: Callable[..., str]
) -> None:
    topic = topic_factory("consumer-members", partitions=3)
    group = topic_name("members")
    settings = kafka_settings.model_copy(update={"group_instance_id": topic_name("proc")})
    members = [
        make_consumer(settings, group=group, topics=[topic], client_id=f"{group}-{n}", member=n)
        for n in range(3)
    ]
    published = publish(kafka_settings, topic, [f"story-{n}" for n in range(30)])
    got: dict[int, list[str]] = {n: [] for n in range(3)}
    shares = [False, False, False]

    def drain(n: int) -> None:
        deadline = time.monotonic() + 120
        # until everything is read and the group has settled on a share for each member
        while time.monotonic() < deadline and (
            len({k for keys in got.values() for k in keys}) < len(published) or not all(shares)
        ):
            for records in members[n].poll(timeout_ms=300).values():
                got[n].extend(r.key.decode() for r in records)
            shares[n] = bool(members[n].assignment())  # each member only asks itself

    threads = [threading.Thread(target=drain, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assignments = [{tp.partition for tp in m.assignment()} for m in members]
    ids = {m.config["group_instance_id"] for m in members}
    for member in members:
        member.close(autocommit=False)
    assert len(ids) == 3  # one static id each: none fences another
    assert sorted(p for a in assignments for p in a) == [0, 1, 2]  # disjoint, all covered
    # every record reached a member; one a member read before the group settled may be read
    # again by the member given its partition (nothing is committed here; in a service the
    # idempotent claim skips the second reading)
    assert {k for keys in got.values() for k in keys} == {e.subject for e in published}
