"""Outbox pipeline throughput against raw kafka-python, measured in the same run.

Pipeline: a writer process adds N events to the transactional outbox (500 per
transaction), the OutboxRelay process publishes them (idempotent producer, acks=all) and
an IdempotentConsumer process claims each one in PostgreSQL (processed-event row, in one
transaction per poll batch) and commits offsets after that transaction. The handler itself
does nothing, so the figure is the platform's overhead, not a service's business logic.
Baseline: one process produces the same N messages (same headers and payload, acks=all)
with kafka-python and another consumes them with kafka-python, committing offsets.
Both are timed from the first write to the last event consumed; the figure is
pipeline events/s divided by raw events/s, paired per round (4 rounds, BENCH_ROUNDS);
the median of the paired ratios is the verdict. Target: >= 0.5.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import time
import uuid
from typing import Any

N = 20_000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4"))
TARGET = 0.5
PAYLOAD = ("Đẩy mạnh truyền thông nội bộ " * 8).encode()


def _settings() -> Any:
    from newsroom_core.localstack import Infra
    from newsroom_core.settings import KafkaSettings

    return KafkaSettings(
        bootstrap=Infra.load().kafka_bootstrap,
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
        linger_ms=5,
    )


def _event(i: int) -> Any:
    from google.protobuf.wrappers_pb2 import BytesValue

    from newsroom_core.events.envelope import new_event

    return new_event(
        BytesValue(value=PAYLOAD),
        type="newsroom.bench.story.published.v1",
        source="/newsroom/bench",
        subject=f"story-{i % 256}",
        tenant="halong",
    )


def _wait_assigned(consumer: Any) -> None:
    while not consumer.assignment():
        consumer.poll(timeout_ms=100)


# ---- raw kafka-python -------------------------------------------------------------------
def raw_producer(topic: str, start: Any) -> None:
    from newsroom_core.events.kafka import make_producer

    events = [_event(i) for i in range(N)]
    producer = make_producer(_settings(), client_id="bench-raw")
    start.wait()
    for event in events:
        producer.send(topic, key=event.subject.encode(), value=event.data, headers=event.headers())
    producer.flush()
    producer.close()


def raw_consumer(topic: str, ready: Any, start: Any, done: Any) -> None:
    from newsroom_core.events.kafka import make_consumer

    consumer = make_consumer(_settings(), group=f"bench.raw.{topic}", topics=[topic], client_id="b")
    _wait_assigned(consumer)
    ready.set()
    start.wait()
    seen = 0
    while seen < N:
        for records in consumer.poll(timeout_ms=200).values():
            seen += len(records)
        consumer.commit()
    done.put(time.perf_counter())
    consumer.close()


# ---- outbox -> relay -> idempotent consumer --------------------------------------------
def outbox_writer(url: str, topic: str, start: Any) -> None:
    from sqlalchemy import create_engine

    from newsroom_core.db import session_factory, session_scope
    from newsroom_core.events.outbox import enqueue

    events = [_event(i) for i in range(N)]
    sessions = session_factory(create_engine(url))
    start.wait()
    for offset in range(0, N, 500):
        with session_scope(sessions) as session:
            for event in events[offset : offset + 500]:
                enqueue(session, topic=topic, key=event.subject, event=event)


def outbox_relay(url: str, start: Any) -> None:
    from sqlalchemy import create_engine

    from newsroom_core.db import session_factory
    from newsroom_core.events.kafka import make_producer
    from newsroom_core.events.outbox import OutboxRelay
    from newsroom_core.settings import OutboxSettings

    relay = OutboxRelay(
        sessions=session_factory(create_engine(url)),
        db_url=url,
        producer=make_producer(_settings(), client_id="bench-relay"),
        settings=OutboxSettings(batch_size=1000, poll_interval_s=0.05),
        service="bench",
    )
    start.wait()
    relay.run()


def idempotent_consumer(url: str, topic: str, ready: Any, start: Any, done: Any) -> None:
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from newsroom_core.db import session_factory
    from newsroom_core.events.consumer import IdempotentConsumer
    from newsroom_core.events.envelope import CloudEvent
    from newsroom_core.events.kafka import make_consumer, make_producer
    from newsroom_core.settings import ConsumerSettings

    applied = 0

    def handle(session: Session, event: CloudEvent) -> None:
        nonlocal applied
        applied += 1

    group = f"bench.outbox.{topic}"
    consumer = IdempotentConsumer(
        consumer=make_consumer(_settings(), group=group, topics=[topic], client_id="b"),
        group=group,
        handler=handle,
        sessions=session_factory(create_engine(url)),
        dlq_producer=make_producer(_settings(), client_id="bench-dlq"),
        settings=ConsumerSettings(),
    )
    _wait_assigned(consumer._consumer)
    ready.set()
    start.wait()
    while applied < N:
        consumer.poll_once(timeout_ms=200)
    done.put(time.perf_counter())
    consumer.close()


def _run(targets: list[tuple[Any, tuple[Any, ...]]], ready: Any, start: Any, done: Any) -> float:
    procs = [mp.Process(target=fn, args=args, daemon=True) for fn, args in targets]
    for proc in procs:
        proc.start()
    if not ready.wait(60):
        raise RuntimeError("consumer never got its partitions")
    time.sleep(0.5)  # let the other processes finish their imports
    began = time.perf_counter()
    start.set()
    finished = done.get(timeout=600)
    for proc in procs:
        proc.terminate()
        proc.join(10)
    return float(N / (finished - began))


def _database() -> str:
    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from newsroom_core.db import ensure_database
    from newsroom_core.events.tables import create_platform_tables
    from newsroom_core.localstack import Infra

    name = f"bench_outbox_{uuid.uuid4().hex[:8]}"
    url = make_url(Infra.load().pg_url).set(database=name).render_as_string(hide_password=False)
    ensure_database(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        create_platform_tables(Operations(MigrationContext.configure(conn)))
        conn.execute(text("CREATE TABLE applied_event (n bigserial PRIMARY KEY, event_id text)"))
    engine.dispose()
    return url


def main() -> int:
    from newsroom_core.db import drop_database
    from newsroom_core.events.kafka import ensure_topics

    ctx = mp.get_context("spawn")
    raw_rates: list[float] = []
    pipe_rates: list[float] = []
    for round_no in range(1, ROUNDS + 1):
        run_id = uuid.uuid4().hex[:6]
        raw_topic, pipe_topic = f"bench.raw.{run_id}", f"bench.outbox.{run_id}"
        ensure_topics(_settings(), [raw_topic, pipe_topic], partitions=3)

        ready, start, done = ctx.Event(), ctx.Event(), ctx.Queue()
        print(f"round {round_no}: raw kafka-python, {N} events...", flush=True)
        raw = _run(
            [(raw_consumer, (raw_topic, ready, start, done)), (raw_producer, (raw_topic, start))],
            ready,
            start,
            done,
        )
        raw_rates.append(raw)
        print(f"round {round_no}: raw {raw:,.0f} events/s", flush=True)

        url = _database()
        try:
            ready, start, done = ctx.Event(), ctx.Event(), ctx.Queue()
            print(f"round {round_no}: outbox -> relay -> idempotent consumer...", flush=True)
            pipe = _run(
                [
                    (idempotent_consumer, (url, pipe_topic, ready, start, done)),
                    (outbox_relay, (url, start)),
                    (outbox_writer, (url, pipe_topic, start)),
                ],
                ready,
                start,
                done,
            )
        finally:
            drop_database(url)
        pipe_rates.append(pipe)
        print(f"round {round_no}: pipeline {pipe:,.0f} events/s", flush=True)

    # Each round pairs a raw run with the pipeline run right after it; the machine's speed
    # drifts between rounds, so the verdict is the median of the paired ratios.
    ratios = [p / r for p, r in zip(pipe_rates, raw_rates, strict=True)]
    ratio = statistics.median(ratios)
    verdict = "PASS" if ratio >= TARGET else "FAIL"
    print(
        f"outbox: pipeline={statistics.median(pipe_rates):,.0f}ev/s "
        f"raw={statistics.median(raw_rates):,.0f}ev/s ratio={ratio:.2f} "
        f"(median of {len(ratios)} rounds, each {min(ratios):.2f}-{max(ratios):.2f}) "
        f"(target >={TARGET}) {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
