from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from google.protobuf.wrappers_pb2 import StringValue
from sqlalchemy import Engine, text

from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.events.envelope import new_event
from newsroom_core.events.kafka import make_producer
from newsroom_core.events.outbox import OutboxRelay, enqueue
from newsroom_core.settings import KafkaSettings, OutboxSettings
from newsroom_core.testing.kafka import end_offsets_total, read_all

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]


def fill_outbox(sessions: SessionFactory, topic: str, count: int, per_tx: int = 500) -> set[str]:
    ids: set[str] = set()
    for start in range(0, count, per_tx):
        with session_scope(sessions) as session:
            for i in range(start, min(count, start + per_tx)):
                event = new_event(
                    StringValue(value=f"story {i}"),
                    type="newsroom.test.story.published.v1",
                    source="/newsroom/test",
                    subject=f"story-{i % 50}",
                    tenant="halong",
                )
                enqueue(session, topic=topic, key=f"story-{i % 50}", event=event)
                ids.add(event.id)
    return ids


def outbox_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM outbox_event")).scalar_one())


def test_relay_publishes_in_order_per_key_and_empties_outbox(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    url, engine = platform_db
    topic = topic_factory("outbox-order")
    ids = fill_outbox(sessions, topic, 300)
    relay = OutboxRelay(
        sessions=sessions,
        db_url=url,
        producer=make_producer(kafka_settings, client_id="t"),
        settings=OutboxSettings(batch_size=100),
        service="test",
    )
    assert relay.drain() == 300
    assert outbox_count(engine) == 0
    events = read_all(kafka_settings, topic, 300)
    assert [e.id for e in events if e.id in ids].__len__() == 300
    assert {e.id for e in events} == ids
    by_key: dict[str, list[int]] = {}
    for event in events:
        by_key.setdefault(event.subject, []).append(int(event.parse(StringValue).value.split()[1]))
    assert all(seq == sorted(seq) for seq in by_key.values()), "per-key order must be kept"


def test_rollback_leaves_no_event(
    platform_db: tuple[str, Engine], sessions: SessionFactory
) -> None:
    _, engine = platform_db
    with pytest.raises(RuntimeError):
        with session_scope(sessions) as session:
            enqueue(
                session,
                topic="never",
                key="k",
                event=new_event(
                    StringValue(value="x"), type="t", source="s", subject="k", tenant="t"
                ),
            )
            raise RuntimeError("use case failed after writing its event")
    assert outbox_count(engine) == 0


@pytest.mark.slow
@pytest.mark.fault
@pytest.mark.timeout(900)
def test_relay_killed_mid_batch_loses_nothing(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    url, engine = platform_db
    topic = topic_factory("outbox-crash", partitions=3)
    total = 6000
    ids = fill_outbox(sessions, topic, total, per_tx=1000)
    script = Path(__file__).with_name("relay_process.py")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, str(script), url, kafka_settings.bootstrap, "2000"], env=env
        )

    relay = start()
    killed_mid_batch = False
    # a bound, not a timing: a relay starting on a loaded machine (load 50) took over a minute
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and relay.poll() is None:
        on_kafka = end_offsets_total(kafka_settings, topic)
        left = outbox_count(engine)
        # records on Kafka that are still in the outbox: a batch is in flight right now
        if on_kafka > total - left and left > 0:
            relay.send_signal(signal.SIGKILL)
            killed_mid_batch = True
            break
        time.sleep(0.01)
    if not killed_mid_batch:
        relay.kill()
    relay.wait(timeout=30)
    assert killed_mid_batch, "the relay was never caught between send and delete"
    assert outbox_count(engine) > 0, "the killed batch must still be in the outbox"

    relay = start()
    try:
        deadline = time.monotonic() + 240
        while outbox_count(engine) > 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert outbox_count(engine) == 0
    finally:
        relay.terminate()
        relay.wait(timeout=10)

    events = read_all(kafka_settings, topic, total)
    delivered = {e.id for e in events}
    assert delivered == ids, f"lost {len(ids - delivered)} events"
    assert len(events) >= total  # re-sent duplicates are allowed; consumers drop them by ce_id


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def readyz(port: int) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())
    except OSError:
        return 0, {}


def test_relay_runs_as_its_own_process(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    """`python -m newsroom_core.relay` publishes a service's outbox, is ready while it can,
    and stops on SIGTERM with exit 0."""
    url, engine = platform_db
    topic = topic_factory("relay-process")
    ids = fill_outbox(sessions, topic, 200)
    port = free_port()
    relay = subprocess.Popen(
        [sys.executable, "-m", "newsroom_core.relay"],
        env={
            **os.environ,
            "RELAY_SERVICE_NAME": "relay-test",
            "RELAY_DB__URL": url,
            "RELAY_KAFKA__BOOTSTRAP": kafka_settings.bootstrap,
            "RELAY_HTTP__PORT": str(port),
        },
    )
    try:
        deadline = time.monotonic() + 60
        while (outbox_count(engine) or readyz(port)[0] != 200) and time.monotonic() < deadline:
            assert relay.poll() is None, "the relay exited"
            time.sleep(0.1)
        assert outbox_count(engine) == 0
        status, body = readyz(port)
        assert (status, body["checks"]) == (200, {"db": True, "kafka": True, "workers": True})
        assert {e.id for e in read_all(kafka_settings, topic, 200)} == ids
    finally:
        relay.send_signal(signal.SIGTERM)
        assert relay.wait(timeout=30) == 0
