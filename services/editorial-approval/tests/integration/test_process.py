"""The real process (`python -m editorial_approval_service`): a scheduled story publishes
exactly once when the service is SIGKILLed around its publish time and restarted, and
when two instances run side by side."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import Engine, create_engine, text

from editorial_approval_service import events
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom.editorial_approval.v1.editorial_approval_service_pb2_grpc import (
    EditorialApprovalServiceStub,
)
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.settings import KafkaSettings
from newsroom_core.testing.kafka import read_all
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import IDENTITY_KEY, as_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.kafka,
    pytest.mark.slow,
    pytest.mark.fault,
    pytest.mark.timeout(900),
]


class ServiceProcess:
    """One `python -m editorial_approval_service` with its log in a file."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "editorial_approval_service"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.address = ""

    def wait_ready(self, timeout_s: float = 240) -> ServiceProcess:
        # a bound, not a timing: a cold start under load 50 took over a minute
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"service exited early:\n{self.log_path.read_text()}")
            for line in self.log_path.read_text(errors="replace").splitlines():
                if '"service started"' in line:
                    self.address = json.loads(line)["grpc"]
                    return self
            time.sleep(0.05)
        raise AssertionError(f"service not ready:\n{self.log_path.read_text()}")

    def stub(self) -> Any:
        return EditorialApprovalServiceStub(  # type: ignore[no-untyped-call]
            make_channel(self.address, identity_key=IDENTITY_KEY)
        )

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(30)
        self._log.close()
        return code


@pytest.fixture
def launch(
    database_factory: Callable[[str], str],
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
    content_server: GrpcServer,
    tmp_path: Path,
) -> Iterator[Callable[[], ServiceProcess]]:
    """Starts instances of the service on ONE fresh database and ONE fresh events topic."""
    url = database_factory("ea_process")
    topic = topic_factory("ea-process")
    env = {
        **os.environ,
        "EDITORIAL_APPROVAL_DB__URL": url,
        "EDITORIAL_APPROVAL_KAFKA__BOOTSTRAP": kafka_settings.bootstrap,
        "EDITORIAL_APPROVAL_EVENTS_TOPIC": topic,
        "EDITORIAL_APPROVAL_CONTENT_TARGET": content_server.address,
        "EDITORIAL_APPROVAL_GRPC__PORT": "0",
        "EDITORIAL_APPROVAL_HTTP__PORT": "0",
        "EDITORIAL_APPROVAL_GRPC__SHUTDOWN_GRACE_S": "2",
        "EDITORIAL_APPROVAL_CONSUME_CONTENT_EVENTS": "false",
        "EDITORIAL_APPROVAL_SCHEDULER__INTERVAL_S": "0.1",
        # Small batches so instances interleave on the same due rows.
        "EDITORIAL_APPROVAL_SCHEDULER__BATCH_SIZE": "2",
        "EDITORIAL_APPROVAL_OUTBOX__POLL_INTERVAL_S": "0.2",
        "EDITORIAL_APPROVAL_LOG__LEVEL": "INFO",
    }
    started: list[ServiceProcess] = []

    def start() -> ServiceProcess:
        process = ServiceProcess(env, tmp_path / f"service-{len(started)}.log")
        started.append(process)
        return process

    start.url = url  # type: ignore[attr-defined]
    start.topic = topic  # type: ignore[attr-defined]
    yield start
    for process in started:
        if process.proc.poll() is None:
            process.kill()


def stamp(at: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(at)
    return ts


def prepare(desk: Desk, count: int) -> list[str]:
    """Stories submitted and approved by the editor: awaiting the board."""
    ids = []
    for _ in range(count):
        story_id = desk.story()
        desk.submit(story_id)
        desk.approve(desk.editor, story_id)
        ids.append(story_id)
    return ids


def schedule_and_approve(desk: Desk, story_id: str, at: datetime) -> None:
    as_user(
        desk.editor,
        desk.editorial.Schedule,
        pb.ScheduleRequest(tenant=desk.tenant, story_id=story_id, revision=1, publish_at=stamp(at)),
    )
    assert desk.approve(desk.board, story_id).state == wf.WORKFLOW_STATE_SCHEDULED


def wait_published_and_relayed(engine: Engine, story_ids: list[str], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            states = conn.execute(
                text("SELECT state FROM workflow WHERE story_id = ANY(:ids)"), {"ids": story_ids}
            ).scalars()
            pending = conn.execute(text("SELECT count(*) FROM outbox_event")).scalar_one()
        if list(states) == ["published"] * len(story_ids) and pending == 0:
            return
        time.sleep(0.1)
    raise AssertionError("stories not published and relayed in time")


def assert_published_once(
    engine: Engine, kafka_settings: KafkaSettings, topic: str, story_ids: list[str]
) -> None:
    with engine.connect() as conn:
        counts: dict[str, int] = dict(
            conn.execute(
                text(
                    "SELECT story_id, count(*) FROM audit_record"
                    " WHERE to_state = 'published' AND story_id = ANY(:ids) GROUP BY story_id"
                ),
                {"ids": story_ids},
            ).all()
        )
    assert counts == dict.fromkeys(story_ids, 1), "one publish transition per story"
    records = read_all(kafka_settings, topic)
    for story_id in story_ids:
        orders = [
            e for e in records if e.subject == story_id and e.type == events.PUBLISH_REQUESTED
        ]
        # The relay is at-least-once (a kill between ack and delete re-sends the same
        # ce_id, which consumers drop); the decision to publish is made exactly once.
        assert len({e.id for e in orders}) == 1, f"{story_id}: {len(orders)} PublishRequested"
        assert orders[0].parse(ev.PublishRequested).requested_by.user_id == "system"


def test_scheduled_story_publishes_once_across_kill_and_restart(
    launch: Any,
    content_stub: Any,
    tenant_factory: Callable[..., str],
    kafka_settings: KafkaSettings,
) -> None:
    first = launch().wait_ready()
    desk = Desk(tenant_factory("halong"), content_stub, first.stub())
    story_ids = prepare(desk, 5)
    kill_at = datetime.now(UTC) + timedelta(seconds=2)
    # Due times straddle the kill: some publish before it, some are due as it dies.
    for offset, story_id in zip((-0.4, -0.2, -0.05, 0.05, 0.3), story_ids, strict=True):
        schedule_and_approve(desk, story_id, kill_at + timedelta(seconds=offset))
    time.sleep(max(0.0, (kill_at - datetime.now(UTC)).total_seconds()))
    first.kill()

    second = launch().wait_ready()
    engine = create_engine(launch.url)
    try:
        wait_published_and_relayed(engine, story_ids)
        assert_published_once(engine, kafka_settings, launch.topic, story_ids)
        restarted = Desk(desk.tenant, content_stub, second.stub())
        log = as_user(
            restarted.editor,
            restarted.editorial.ListAuditLog,
            pb.ListAuditLogRequest(tenant=desk.tenant, story_id=story_ids[-1]),
        ).records
        assert [(r.from_state, r.to_state) for r in reversed(log)] == [
            (wf.WORKFLOW_STATE_DRAFT, wf.WORKFLOW_STATE_SUBMITTED),
            (wf.WORKFLOW_STATE_SUBMITTED, wf.WORKFLOW_STATE_IN_REVIEW),
            (wf.WORKFLOW_STATE_IN_REVIEW, wf.WORKFLOW_STATE_IN_REVIEW),  # schedule stored
            (wf.WORKFLOW_STATE_IN_REVIEW, wf.WORKFLOW_STATE_APPROVED),
            (wf.WORKFLOW_STATE_APPROVED, wf.WORKFLOW_STATE_SCHEDULED),
            (wf.WORKFLOW_STATE_SCHEDULED, wf.WORKFLOW_STATE_PUBLISHED),
        ]
        assert log[0].actor.user_id == "system"
    finally:
        engine.dispose()
    assert second.terminate() == 0, "SIGTERM shuts down gracefully"


def test_two_instances_publish_each_scheduled_story_once(
    launch: Any,
    content_stub: Any,
    tenant_factory: Callable[..., str],
    kafka_settings: KafkaSettings,
) -> None:
    one, two = launch(), launch()  # started together: migrations must not race
    one.wait_ready()
    two.wait_ready()
    desk = Desk(tenant_factory("halong"), content_stub, one.stub())
    started = time.monotonic()
    story_ids = prepare(desk, 8)
    # Due once every story is scheduled: scheduling costs about what preparing did, and a
    # loaded machine must not turn the last due times into the past.
    due = datetime.now(UTC) + timedelta(seconds=max(1.0, 2 * (time.monotonic() - started)))
    for story_id in story_ids:
        schedule_and_approve(desk, story_id, due)
    engine = create_engine(launch.url)
    try:
        wait_published_and_relayed(engine, story_ids)
        time.sleep(0.5)  # further scheduler passes of both instances change nothing
        assert_published_once(engine, kafka_settings, launch.topic, story_ids)
    finally:
        engine.dispose()
    assert one.terminate() == 0 and two.terminate() == 0
