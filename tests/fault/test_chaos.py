"""The chaos run: a steady stream of stories while every part of the pipeline is SIGKILLed.

A PostgreSQL and a Kafka of this test's own; content, editorial-approval, their two outbox
relays (separate processes) and the gateway as ``make dev`` runs them; tokens from the
shared Keycloak. Clients push stories through create, submit, the editor's and the board's
approvals (publication), some corrections and retractions, retrying whatever got no
acknowledgement. Meanwhile the driver kills, one at a time and round after round, each
service process, each relay, the broker and the database, and brings each back (a process
at once, as a supervisor would; PostgreSQL and Kafka with ``infra.sh up``).

At the end: every story is in the state its last acknowledged command asked for (workflow,
content and portal), each published story has exactly one content.published event
consumed once by each consumer group, no outbox holds anything, nothing was dead-lettered.
The counts are printed in the run's summary ("fault report").
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from newsroom_testkit.faults.chaos import KillDriver
from newsroom_testkit.faults.stack import Platform, PrivateInfra
from newsroom_testkit.faults.stream import StoryStream
from newsroom_testkit.faults.verify import verify

pytestmark = [
    pytest.mark.fault,
    pytest.mark.chaos,
    pytest.mark.slow,
    pytest.mark.keycloak,
    pytest.mark.timeout(1800),
]

KINDS = (
    "content",
    "kafka",
    "editorial-approval",
    "content-relay",
    "postgres",
    "gateway",
    "editorial-relay",
)
ROUNDS = 3  # 21 kills
MIN_STORIES = 2000
# two clients per tenant; together they start about this many stories a second
CLIENTS, RATE = 6, 7.0
PAUSE_S = 3.0  # between one component healthy again and the next kill


def test_nothing_lost_nothing_doubled_under_repeated_kills(
    keycloak_url: str, fault_dir: Path, request: pytest.FixtureRequest
) -> None:
    infra = PrivateInfra(fault_dir / "state")
    platform = Platform(infra, keycloak_url=keycloak_url, logs=fault_dir / "logs")
    stream: StoryStream | None = None
    lines: list[str] = []
    try:
        infra.up("postgres", "kafka")
        platform.start()
        run = uuid.uuid4().hex[:6]
        stream = StoryStream(
            platform.gateway_url, keycloak_url, run, clients=CLIENTS, rate=RATE
        ).start()
        driver = KillDriver(infra, platform, stream)
        t0 = time.monotonic()
        time.sleep(5)
        for _ in range(ROUNDS):
            for kind in KINDS:
                # no waiting for the pipeline to drain: the next kill may hit mid-catch-up
                lines.append(driver.kill(kind, catch_up=False).describe(t0))
                time.sleep(PAUSE_S)
        while len(stream.snapshot()) < MIN_STORIES and time.monotonic() - t0 < 900:
            time.sleep(1)
        stream.stop()
        report, quiet_s = verify(platform, stream)
        lines += [
            f"{len(driver.kills)} kills in {time.monotonic() - t0:.0f}s; "
            f"quiet {quiet_s:.1f}s after the last story",
            *report.lines(),
        ]
        request.node.user_properties.append(("fault_report", "\n".join(lines)))
    finally:
        if stream is not None:
            stream.close()
        platform.stop()
        infra.down()

    assert not driver.problems, driver.problems
    assert len(driver.kills) >= 20
    assert {k.kind for k in driver.kills} == set(KINDS)
    assert report.counts["stories created"] >= MIN_STORIES, report.counts
    assert report.counts["lost"] == 0 and report.counts["duplicated"] == 0, report.lines()
    assert not report.problems, "\n".join(report.lines())
    for state in ("published", "corrected", "retracted", "in_review", "changes_requested"):
        assert report.counts[f"  expected {state}"] > 0, f"no story ended {state}"
    assert report.counts["client retries"] > 0, "the kills were never felt: nothing was tested"
