"""The kill driver: SIGKILL one component, bring it back as an operator would, measure.

PostgreSQL and Kafka come back through ``deploy/local/infra.sh up <component>`` (what
``make infra-up`` runs); a platform process is started again at once, as a supervisor
(systemd, Kubernetes) would. For each kill: when it died, when it was healthy again
(first passing health check, polled every 0.1 s) and when the portal showed every change
acknowledged up to that moment.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from newsroom_testkit.faults.stack import Platform, PrivateInfra, StartError
from newsroom_testkit.faults.stream import StoryStream

INFRA_KINDS = ("postgres", "kafka")
BASELINE = "baseline"


@dataclass
class Kill:
    kind: str
    pid: int
    killed_at: float
    healthy_at: float
    caught_up_at: float | None
    how: str
    # the change the portal showed last (story key, state, seconds from ack to portal)
    laggard: str = ""

    @property
    def recovery_s(self) -> float | None:
        """Healthy again -> pipeline caught up (0 when it was caught up before)."""
        if self.caught_up_at is None:
            return None
        return max(0.0, self.caught_up_at - self.healthy_at)

    @property
    def outage_s(self) -> float:
        return self.healthy_at - self.killed_at

    def describe(self, t0: float) -> str:
        recovery = "NOT CAUGHT UP" if self.recovery_s is None else f"{self.recovery_s:.2f}s"
        if self.caught_up_at is None and self.kind != BASELINE and not self.laggard:
            return (
                f"  +{self.killed_at - t0:6.1f}s SIGKILL {self.kind} (pid {self.pid}): "
                f"healthy after {self.outage_s:.1f}s ({self.how})"
            )
        if self.kind == BASELINE:
            return f"  +{self.killed_at - t0:6.1f}s baseline (no kill): caught up in {recovery}"
        return (
            f"  +{self.killed_at - t0:6.1f}s SIGKILL {self.kind} (pid {self.pid}): "
            f"healthy after {self.outage_s:.1f}s ({self.how}), caught up {recovery} later"
            + (f"; last: {self.laggard}" if self.laggard else "")
        )


class HealthWatch:
    """Polls a component's health from the kill on; notes the first pass after a failure."""

    def __init__(self, infra: PrivateInfra, component: str) -> None:
        self.infra = infra
        self.component = component
        self.healthy_at: float | None = None
        self._seen_down = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"health-{component}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            ok = self.infra.healthy(self.component)
            now = time.monotonic()
            if not ok:
                self._seen_down = True
            elif self._seen_down:
                self.healthy_at = now
                return
            self._stop.wait(0.1)

    def wait(self, timeout_s: float) -> float | None:
        self._thread.join(timeout_s)
        self._stop.set()
        return self.healthy_at


@dataclass
class KillDriver:
    infra: PrivateInfra
    platform: Platform
    stream: StoryStream
    catch_up_timeout_s: float = 120.0
    kills: list[Kill] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def kill(self, kind: str, *, catch_up: bool = True) -> Kill:
        """SIGKILL ``kind``, bring it back, and (``catch_up``) wait for the pipeline to
        have carried everything acknowledged until it was healthy again. Without
        ``catch_up`` the next kill may hit while the pipeline still drains: the chaos
        run's way to be rough; the bench waits, to measure each kill alone."""
        if kind in INFRA_KINDS:
            kill = self._kill_infra(kind)
        else:
            kill = self._kill_process(kind)
        self.kills.append(kill)
        if not catch_up:
            return kill
        kill.caught_up_at = self.stream.wait_caught_up(kill.healthy_at, self.catch_up_timeout_s)
        kill.laggard = self._laggard(kill.healthy_at)
        if kill.caught_up_at is None:
            self.problems.append(
                f"{kind}: pipeline not caught up {self.catch_up_timeout_s:.0f}s after recovery"
            )
        return kill

    def _laggard(self, acked_by: float) -> str:
        last = self.stream.last_seen(acked_by)
        if last is None:
            return ""
        story, change = last
        lag = (change.seen_at or change.acked_at) - change.acked_at
        return f"{story.key} {change.state}, {lag:.1f}s from ack to portal"

    def mark(self) -> Kill:
        """A baseline sample: the same measurement with nothing killed."""
        now = time.monotonic()
        sample = Kill(BASELINE, 0, now, now, None, "")
        sample.caught_up_at = self.stream.wait_caught_up(now, self.catch_up_timeout_s)
        self.kills.append(sample)
        return sample

    def _kill_infra(self, kind: str) -> Kill:
        killed_at = time.monotonic()
        pid = self.infra.kill(kind)
        watch = HealthWatch(self.infra, kind)
        result = self.infra.run("up", kind)
        how = f"infra.sh up {kind}: exit {result.returncode}"
        if result.returncode != 0:
            self.problems.append(
                f"infra.sh up {kind} after SIGKILL failed:\n{result.stdout[-3000:]}"
            )
            retry = self.infra.run("up", kind)
            how += f", again: exit {retry.returncode}"
        healthy_at = watch.wait(120)
        if healthy_at is None:
            raise StartError(f"{kind} not healthy again after SIGKILL ({how})")
        return Kill(kind, pid, killed_at, healthy_at, None, how)

    def _kill_process(self, kind: str) -> Kill:
        proc = self.platform.procs[kind]
        killed_at = time.monotonic()
        pid = proc.kill()
        healthy_at = self.platform.restart(kind)
        return Kill(kind, pid, killed_at, healthy_at, None, "restarted at once")
