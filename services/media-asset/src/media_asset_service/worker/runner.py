"""The worker's job loop: ``concurrency`` slots, each leasing one job at a time, with a
heartbeat beside every running job.

Bounded concurrency is the first defence against parallel encodes exhausting memory
(MediaCMS #1242, #689): a worker never runs more than ``concurrency`` jobs, whatever the
queue holds. The heartbeat renews the lease, records progress on the asset, and stops a
job that made no progress for ``stuck_after_s`` (PeerTube's "stuck forever" jobs) so it
is retried; a worker that dies stops renewing and its job is leased again elsewhere.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from media_asset_service import metrics
from media_asset_service.jobs.models import JobKind
from media_asset_service.jobs.progress import JobProgress
from media_asset_service.jobs.service import JobUseCases, Lease, LeaseLost
from media_asset_service.processing.housekeeping import HousekeepingUseCases
from media_asset_service.processing.renditions import RenditionUseCases, clean_scratch
from media_asset_service.settings import JobSettings
from newsroom_core.db import session_scope

log = logging.getLogger(__name__)

TICK_S = 1.0
# How long a beat that found its lease gone waits for the job to report it finished.
LEASE_END_GRACE_S = 2.0


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@dataclass
class JobRunner:
    """A ``newsroom_core.runtime.Worker``: ``run`` blocks until ``stop``."""

    jobs: JobUseCases
    renditions: RenditionUseCases
    housekeeping: HousekeepingUseCases
    settings: JobSettings
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or worker_name()
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._woken = 0
        self._running: dict[str, JobProgress] = {}
        self._lock = threading.Lock()

    # --- Worker --------------------------------------------------------------------------

    def run(self) -> None:
        removed = clean_scratch(self.settings)
        if removed:
            log.info("work directories of dead workers removed", extra={"count": removed})
        slots = [
            threading.Thread(target=self._slot, name=f"job-slot-{i}", daemon=True)
            for i in range(self.settings.concurrency)
        ]
        for slot in slots:
            slot.start()
        self._stop.wait()
        for slot in slots:
            slot.join(timeout=30)

    def stop(self) -> None:
        """Stop leasing; running jobs go back to the queue (not counted as attempts)."""
        self._stop.set()
        with self._lock:
            for progress in self._running.values():
                progress.stop("SHUTDOWN")
        self.wake()

    def wake(self) -> None:
        """A job may be due (the consumer queued one): idle slots look now."""
        with self._wake:
            self._woken += 1
            self._wake.notify_all()

    def healthy(self) -> bool:
        return not self._stop.is_set()

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._running)

    # --- slots ---------------------------------------------------------------------------

    def _slot(self) -> None:
        while not self._stop.is_set():
            seen = self._woken
            try:
                lease = self.jobs.lease(f"{self.name}/{threading.current_thread().name}")
            except Exception:
                log.exception("leasing a job failed; retrying")
                lease = None
            if lease is None:
                with self._wake:
                    if self._woken == seen and not self._stop.is_set():
                        self._wake.wait(self.settings.poll_interval_s)
                continue
            self.run_job(lease)

    def run_job(self, lease: Lease) -> None:
        """Run one leased job to its end, with its heartbeat."""
        progress = JobProgress()
        with self._lock:
            self._running[lease.job_id] = progress
        metrics.JOBS_RUNNING.inc()
        done = threading.Event()
        beat = threading.Thread(
            target=self._heartbeat, args=(lease, progress, done), name="heartbeat", daemon=True
        )
        beat.start()
        log.info(
            "job started",
            extra={
                "job_id": lease.job_id,
                "kind": lease.kind.value,
                "asset_id": lease.asset_id,
                "version": lease.version,
                "attempt": lease.attempt,
                "taken_over": lease.taken_over,
            },
        )
        try:
            self._handler(lease.kind)(lease, progress)
        except Exception as error:
            log.exception("job failed", extra={"job_id": lease.job_id})
            self._retry(lease, f"{type(error).__name__}: {error}")
        finally:
            done.set()
            beat.join(timeout=10)
            with self._lock:
                self._running.pop(lease.job_id, None)
            metrics.JOBS_RUNNING.dec()

    def _handler(self, kind: JobKind) -> Callable[[Lease, JobProgress], None]:
        if kind is JobKind.PROCESS:
            return self.renditions.process
        if kind is JobKind.DELIVER:
            return lambda lease, _progress: self.housekeeping.deliver(lease)
        return lambda lease, _progress: self.housekeeping.purge(lease)

    def _retry(self, lease: Lease, detail: str) -> None:
        try:
            with session_scope(self.jobs.sessions) as session:
                self.jobs.retry_later(session, lease, reason="JOB_ERROR", detail=detail)
        except LeaseLost:
            pass
        except Exception:
            log.exception("could not requeue a failed job", extra={"job_id": lease.job_id})

    def _heartbeat(self, lease: Lease, progress: JobProgress, done: threading.Event) -> None:
        recorded = -1
        emitted = 0
        since_renewal = 0.0
        tick = min(TICK_S, self.settings.heartbeat_s)
        while not done.wait(tick):
            since_renewal += tick
            percent = progress.percent
            try:
                if lease.kind is JobKind.PROCESS and percent != recorded:
                    emitted = self.renditions.record_progress(lease, percent, emitted)
                if since_renewal >= self.settings.heartbeat_s or percent != recorded:
                    self.jobs.heartbeat(lease, percent=percent, progressed=percent != recorded)
                    since_renewal = 0.0
                recorded = percent
            except LeaseLost:
                # A job that just finished ends its own lease: a beat in flight at that
                # moment finds it gone. Lost for real only when the job is still running.
                if done.wait(LEASE_END_GRACE_S):
                    return
                log.warning("lease lost while running", extra={"job_id": lease.job_id})
                progress.stop("LEASE_LOST")
                return
            except Exception:
                log.warning("heartbeat failed; retrying", exc_info=True)
            if progress.idle_s() > self.settings.stuck_after_s:
                log.warning(
                    "job stuck: no progress", extra={"job_id": lease.job_id, "percent": percent}
                )
                metrics.JOBS_STUCK.labels(lease.kind.value).inc()
                progress.stop("JOB_STUCK")
