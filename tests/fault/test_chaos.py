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
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsroom_testkit.faults.chaos import KillDriver
from newsroom_testkit.faults.stack import Platform, PrivateInfra, until
from newsroom_testkit.faults.stream import StoryStream
from newsroom_testkit.faults.verify import verify

pytestmark = [pytest.mark.fault, pytest.mark.slow, pytest.mark.heavy, pytest.mark.keycloak]

KINDS = (
    "content",
    "kafka",
    "editorial-approval",
    "content-relay",
    "postgres",
    "gateway",
    "editorial-relay",
)
PAUSE_S = 3.0  # between one component healthy again and the next kill


@dataclass(frozen=True)
class Run:
    rounds: int  # each kind killed this many times
    min_stories: int
    clients: int  # spread over three tenants
    rate: float  # stories started a second, all clients together


# The run: 21 kills, 2,000+ stories (make fault; 10-15 min on two cores).
FULL = Run(rounds=3, min_stories=2000, clients=6, rate=7.0)
# make test's: every kind killed once under a stream of a few hundred stories, the same
# checks (3-4 min). Fewer kills and stories, not weaker checks.
QUICK = Run(rounds=1, min_stories=300, clients=3, rate=4.0)


@pytest.mark.chaos
@pytest.mark.timeout(2400)
def test_nothing_lost_nothing_doubled_under_repeated_kills(
    keycloak_url: str, fault_dir: Path, request: pytest.FixtureRequest
) -> None:
    chaos(FULL, keycloak_url, fault_dir, request)


@pytest.mark.timeout(900)
def test_nothing_lost_nothing_doubled_when_each_part_is_killed_once(
    keycloak_url: str, fault_dir: Path, request: pytest.FixtureRequest
) -> None:
    chaos(QUICK, keycloak_url, fault_dir, request)


def chaos(run: Run, keycloak_url: str, fault_dir: Path, request: pytest.FixtureRequest) -> None:
    infra = PrivateInfra(fault_dir / "state")
    platform = Platform(infra, keycloak_url=keycloak_url, logs=fault_dir / "logs")
    stream: StoryStream | None = None
    lines: list[str] = []
    try:
        infra.up("postgres", "kafka")
        platform.start()
        run_id = uuid.uuid4().hex[:6]
        stream = StoryStream(
            platform.gateway_url, keycloak_url, run_id, clients=run.clients, rate=run.rate
        ).start()
        driver = KillDriver(infra, platform, stream)
        t0 = time.monotonic()
        time.sleep(5)
        for _ in range(run.rounds):
            for kind in KINDS:
                # no waiting for the pipeline to drain: the next kill may hit mid-catch-up
                lines.append(driver.kill(kind, catch_up=False).describe(t0))
                time.sleep(PAUSE_S)
        # the kills may end before the stream has started enough stories
        until(lambda: len(stream.snapshot()) >= run.min_stories, 900)
        stream.stop()
        report, quiet_s = verify(platform, stream)
        lines += [
            f"{len(driver.kills)} kills in {time.monotonic() - t0:.0f}s; "
            f"quiet {quiet_s:.1f}s after the last story",
            *report.lines(),
        ]
        request.node.user_properties.append(("fault_report", "\n".join(lines)))
        (fault_dir / "report.txt").write_text("\n".join([*lines, *report.problems]) + "\n")
    finally:
        if stream is not None:
            stream.close()
        platform.stop()
        infra.down()

    assert not driver.problems, driver.problems
    assert len(driver.kills) == run.rounds * len(KINDS)
    assert {k.kind for k in driver.kills} == set(KINDS)
    assert report.counts["stories created"] >= run.min_stories, report.counts
    assert report.counts["lost"] == 0 and report.counts["duplicated"] == 0, report.lines()
    assert not report.problems, "\n".join(report.lines())
    for state in ("published", "corrected", "retracted", "in_review", "changes_requested"):
        assert report.counts[f"  expected {state}"] > 0, f"no story ended {state}"
    assert report.counts["client retries"] > 0, "the kills were never felt: nothing was tested"
