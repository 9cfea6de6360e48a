"""``make infra-up`` after a crash: each component comes back, or up fails naming it.

One private stack (PostgreSQL, Kafka, MinIO: ``infra.sh`` with its own state folder and
ports) for the module; Keycloak has a module of its own (its first start takes minutes).
Each test SIGKILLs a component the way a crash or the OOM killer does, sometimes with the
mess a crash leaves (children still attached to the old shared memory, a lock file
naming a live process, a port taken by something else), runs ``make infra-up
COMPONENTS=...`` as a developer types it, and checks that the component serves again
with its data, or that up exited non-zero naming it. A client the platform keeps open
(S3) works again without being rebuilt.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from newsroom_core.db import libpq_dsn
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.localstack import state_dir
from newsroom_core.settings import KafkaSettings
from newsroom_core.storage import StorageSettings, ensure_bucket, make_client
from newsroom_testkit.faults.stack import (
    PrivateInfra,
    child_pids,
    private_infra,
    up_healthy,
    wait_gone,
)

pytestmark = [pytest.mark.fault, pytest.mark.slow, pytest.mark.timeout(900)]

COMPONENTS = ("postgres", "kafka", "s3")
FROZEN_S = 40


@pytest.fixture(scope="module")
def stack() -> Iterator[PrivateInfra]:
    with private_infra(
        state_dir() / "faults" / f"infra-{uuid.uuid4().hex[:6]}", COMPONENTS
    ) as infra:
        yield infra


def up_again(infra: PrivateInfra) -> str:
    return up_healthy(infra, COMPONENTS)


def test_postgres_comes_back_when_its_children_outlive_it(stack: PrivateInfra) -> None:
    dsn = libpq_dsn(stack.pg_dsn)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS survivor (note text)")
        conn.execute("INSERT INTO survivor VALUES ('written before the crash')")
    postmaster = stack.pid("postgres")
    assert postmaster is not None
    # Half-dead children: stopped, they cannot notice the postmaster's death and stay
    # attached to its shared memory; PostgreSQL refuses to start next to them.
    # A child may exit between the listing and the signal (the backend of the connection
    # just closed, an autovacuum worker): only the ones really stopped count.
    leftovers = []
    for pid in child_pids(postmaster):
        try:
            os.kill(pid, signal.SIGSTOP)
        except ProcessLookupError:
            continue
        leftovers.append(pid)
    assert leftovers, "the postmaster had no child left to stop"
    os.kill(postmaster, signal.SIGKILL)
    wait_gone(postmaster)

    output = up_again(stack)
    assert "leftover process(es) of a crashed postmaster" in output
    for pid in leftovers:
        wait_gone(pid)
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT note FROM survivor").fetchall() == [
            ("written before the crash",)
        ]


def test_postgres_comes_back_when_its_lock_file_names_a_live_process(
    stack: PrivateInfra,
) -> None:
    """After a crash the pid in postmaster.pid may be alive again as something else (or
    be a zombie nobody reaped yet); PostgreSQL then says the lock file already exists."""
    postmaster = stack.pid("postgres")
    assert postmaster is not None
    os.kill(postmaster, signal.SIGKILL)
    wait_gone(postmaster)
    for pid in child_pids(postmaster):
        wait_gone(pid)
    impostor = subprocess.Popen(["sleep", "120"])
    try:
        lock = stack.component_dir("postgres") / "data" / "postmaster.pid"
        lines = lock.read_text().splitlines()
        lock.write_text("\n".join([str(impostor.pid), *lines[1:]]) + "\n")
        output = up_again(stack)
        assert f"removing stale postmaster.pid (pid {impostor.pid}" in output
        assert impostor.poll() is None, "an unrelated process must never be killed"
    finally:
        impostor.kill()
        impostor.wait()


def test_kafka_comes_back_with_its_records(stack: PrivateInfra) -> None:
    topic = f"survivor.{uuid.uuid4().hex[:6]}"
    producer = KafkaProducer(bootstrap_servers=stack.kafka_bootstrap, acks="all")
    producer.send(topic, b"written before the crash").get(timeout=30)
    producer.close()
    broker = stack.pid("kafka")
    assert broker is not None
    os.kill(broker, signal.SIGKILL)  # up runs at once: the port may still be held

    up_again(stack)
    consumer = KafkaConsumer(bootstrap_servers=stack.kafka_bootstrap, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        values = [r.value for recs in consumer.poll(timeout_ms=10_000).values() for r in recs]
    finally:
        consumer.close()
    assert values == [b"written before the crash"]


def test_topics_are_ensured_once_a_frozen_broker_answers_again(
    stack: PrivateInfra, caplog: pytest.LogCaptureFixture
) -> None:
    """A service starting while Kafka does not answer (stopped, not dead: connections are
    accepted and never answered, as on a broker stalled by a long pause) waits for it: it
    used to die at start-up once kafka-python's 30 s bootstrap wait ran out."""
    topic = f"frozen.{uuid.uuid4().hex[:6]}"
    settings = KafkaSettings(bootstrap=stack.kafka_bootstrap)
    broker = stack.pid("kafka")
    assert broker is not None
    errors: list[BaseException] = []

    def start_up() -> None:
        try:
            ensure_topics(settings, [topic], partitions=1)
        except BaseException as exc:  # the thread reports it to the test
            errors.append(exc)

    os.kill(broker, signal.SIGSTOP)
    try:
        starter = threading.Thread(target=start_up)
        with caplog.at_level(logging.WARNING, logger="newsroom_core.events.kafka"):
            starter.start()
            time.sleep(FROZEN_S)  # longer than one bootstrap wait
        assert starter.is_alive(), f"gave up while the broker was frozen: {errors}"
    finally:
        os.kill(broker, signal.SIGCONT)
    starter.join(timeout=120)
    assert not starter.is_alive() and not errors, errors
    assert any("retrying" in r.getMessage() for r in caplog.records), "no retry was needed"
    consumer = KafkaConsumer(bootstrap_servers=stack.kafka_bootstrap)
    try:
        assert consumer.partitions_for_topic(topic) == {0}
    finally:
        consumer.close()


def test_s3_comes_back_and_a_client_in_use_works_again(stack: PrivateInfra) -> None:
    client = make_client(StorageSettings(endpoint=stack.s3_endpoint))
    bucket = f"survivor-{uuid.uuid4().hex[:6]}"
    ensure_bucket(client, bucket)
    body = b"written before the crash"
    client.put_object(bucket, "before.txt", io.BytesIO(body), len(body))
    minio = stack.pid("s3")
    assert minio is not None
    os.kill(minio, signal.SIGKILL)

    up_again(stack)
    reply = client.get_object(bucket, "before.txt")  # the same client, not a new one
    try:
        assert reply.read() == body
    finally:
        reply.close()
        reply.release_conn()


def test_up_fails_naming_a_component_that_cannot_come_back(stack: PrivateInfra) -> None:
    broker = stack.pid("kafka")
    assert broker is not None
    os.kill(broker, signal.SIGKILL)
    wait_gone(broker)
    squatter = socket.socket()
    squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    deadline = time.monotonic() + 30
    while True:  # the dying broker may hold the port a moment longer
        try:
            squatter.bind(("127.0.0.1", stack.ports.kafka))
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    squatter.listen()
    try:
        result = stack.make_infra_up(*COMPONENTS)
        assert result.returncode != 0, result.stdout
        assert "not healthy: kafka" in result.stdout
        assert f"port {stack.ports.kafka} on 127.0.0.1 is already in use" in result.stdout
    finally:
        squatter.close()
    up_again(stack)


def test_up_without_port_settings_brings_a_stack_back_on_its_own_ports(
    stack: PrivateInfra,
) -> None:
    """A second stack (a branch's own, like this one) restarted with only NEWSROOM_STATE
    set: up takes the ports from the state's infra.env, not the defaults another stack
    holds."""
    broker = stack.pid("kafka")
    assert broker is not None
    os.kill(broker, signal.SIGKILL)
    wait_gone(broker)
    result = stack.make_infra_up("kafka", ports_in_env=False)
    assert result.returncode == 0, result.stdout
    assert f"on 127.0.0.1:{stack.ports.kafka} (controller {stack.ports.kafka_controller})" in (
        result.stdout
    )
    up_again(stack)
