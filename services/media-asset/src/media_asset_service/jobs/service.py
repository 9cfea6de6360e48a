"""Job use cases: queue, lease, heartbeat, retry with backoff, finish.

Leases fence every write: a worker that lost its lease (it stalled past the lease and
another worker took the job) finds out at its next heartbeat or when it tries to finish,
and gives up without touching the version (``LeaseLost``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from media_asset_service.jobs import repository as repo
from media_asset_service.jobs.models import Job, JobKind, JobStatus
from media_asset_service.settings import JobSettings
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.timestamps import Clock, utcnow

log = logging.getLogger(__name__)

# What a lease that ran out records as the failed attempt's reason.
WORKER_LOST = "WORKER_LOST"


class LeaseLost(Exception):
    """The job is no longer this worker's (its lease ran out and another took it)."""


@dataclass(frozen=True, slots=True)
class Lease:
    """What a worker holds while it runs a job."""

    job_id: str
    kind: JobKind
    tenant: str
    asset_id: str
    version: int
    owner: str
    run: str
    attempt: int
    max_attempts: int
    # The previous attempt died with its worker (its lease ran out).
    taken_over: bool
    # ...and it was the last attempt: the holder only records the failure (give_up).
    exhausted: bool = False


@dataclass(frozen=True, slots=True)
class Retry:
    final: bool
    attempts: int
    retry_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class JobUseCases:
    sessions: SessionFactory
    settings: JobSettings
    clock: Clock = utcnow

    def enqueue(
        self, session: Session, *, kind: JobKind, tenant: str, asset_id: str, version: int
    ) -> Job | None:
        """Queue a job in the caller's transaction; None when one already covers it (a
        PROCESS job exists once per version, whatever happened to it; others join a
        queued one)."""
        if kind is JobKind.PROCESS:
            if repo.any_job(session=session, kind=kind, asset_id=asset_id, version=version):
                return None
        elif repo.open_job(session=session, kind=kind, asset_id=asset_id, version=version):
            return None
        try:
            with session.begin_nested():
                return add(
                    session=session,
                    obj=Job(
                        kind=kind,
                        tenant=tenant,
                        asset_id=asset_id,
                        version=version,
                        max_attempts=self.settings.max_attempts,
                        available_at=self.clock(),
                        created_at=self.clock(),
                        updated_at=self.clock(),
                    ),
                )
        except IntegrityError:
            return None  # queued a moment ago by another transaction

    def lease(self, owner: str, kinds: tuple[JobKind, ...] = tuple(JobKind)) -> Lease | None:
        """The next due job, leased to ``owner`` for ``lease_ttl_s``; None when none is due.
        A job whose lease ran out counts that attempt as failed (WORKER_LOST); after its
        last attempt it is leased once more, ``exhausted``, only to record the failure."""
        with session_scope(self.sessions) as session:
            now = self.clock()
            job = repo.lease_candidate(session=session, now=now, kinds=kinds)
            if job is None:
                return None
            taken_over = job.status == JobStatus.RUNNING
            exhausted = False
            if taken_over:
                job.last_reason = WORKER_LOST
                job.last_detail = (
                    f"worker {job.lease_owner} stopped renewing its lease "
                    f"(attempt {job.attempts} of {job.max_attempts})"
                )
                log.warning(
                    "job lease ran out; taking it over",
                    extra={"job_id": job.id, "previous_owner": job.lease_owner},
                )
                exhausted = job.attempts >= job.max_attempts
            job.status = JobStatus.RUNNING
            if not exhausted:
                job.attempts += 1
            job.lease_owner = owner
            job.lease_expires_at = now + timedelta(seconds=self.settings.lease_ttl_s)
            job.heartbeat_at = now
            job.progress_at = now
            job.progress_percent = 0
            job.run = f"r{job.attempts}-{uuid.uuid4().hex[:8]}"
            job.updated_at = now
            session.add(job)
            return Lease(
                job_id=job.id,
                kind=JobKind(job.kind),
                tenant=job.tenant,
                asset_id=job.asset_id,
                version=job.version,
                owner=owner,
                run=job.run,
                attempt=job.attempts,
                max_attempts=job.max_attempts,
                taken_over=taken_over,
                exhausted=exhausted,
            )

    def held(self, session: Session, lease: Lease) -> Job:
        """The job, locked, if ``lease`` still holds it; LeaseLost otherwise."""
        job = repo.get_job(session=session, job_id=lease.job_id, for_update=True)
        if (
            job is None
            or job.status != JobStatus.RUNNING
            or job.lease_owner != lease.owner
            or job.run != lease.run
        ):
            raise LeaseLost(lease.job_id)
        return job

    def heartbeat(self, lease: Lease, *, percent: int | None, progressed: bool) -> None:
        """Renew the lease (and record progress); LeaseLost if it is gone."""
        with session_scope(self.sessions) as session:
            job = self.held(session, lease)
            now = self.clock()
            job.lease_expires_at = now + timedelta(seconds=self.settings.lease_ttl_s)
            job.heartbeat_at = now
            if progressed:
                job.progress_at = now
            if percent is not None:
                job.progress_percent = percent
            job.updated_at = now
            session.add(job)

    def finish(self, session: Session, lease: Lease) -> None:
        """Done, in the caller's transaction (which publishes the job's result)."""
        job = self.held(session, lease)
        self._close(job, JobStatus.DONE, self.clock())
        job.progress_percent = 100
        session.add(job)

    def give_up(self, session: Session, lease: Lease, *, reason: str, detail: str) -> None:
        """Failed for good (an input that can never work), in the caller's transaction."""
        job = self.held(session, lease)
        job.last_reason, job.last_detail = reason, detail[-4000:]
        self._close(job, JobStatus.FAILED, self.clock())
        session.add(job)

    def release(self, session: Session, lease: Lease) -> None:
        """Back to the queue at once without counting the attempt (the worker is shutting
        down: the job is not at fault)."""
        job = self.held(session, lease)
        now = self.clock()
        job.status = JobStatus.QUEUED
        job.attempts = max(job.attempts - 1, 0)
        job.available_at = now
        job.lease_owner = None
        job.lease_expires_at = None
        job.updated_at = now
        session.add(job)

    def retry_later(self, session: Session, lease: Lease, *, reason: str, detail: str) -> Retry:
        """Queue again with exponential backoff, or fail after the last attempt."""
        job = self.held(session, lease)
        now = self.clock()
        job.last_reason, job.last_detail = reason, detail[-4000:]
        if job.attempts >= job.max_attempts:
            self._close(job, JobStatus.FAILED, now)
            session.add(job)
            return Retry(final=True, attempts=job.attempts, retry_at=None)
        delay = min(
            self.settings.backoff_base_s * (2 ** (job.attempts - 1)), self.settings.backoff_max_s
        )
        job.status = JobStatus.QUEUED
        job.available_at = now + timedelta(seconds=delay)
        job.lease_owner = None
        job.lease_expires_at = None
        job.updated_at = now
        session.add(job)
        return Retry(final=False, attempts=job.attempts, retry_at=job.available_at)

    @staticmethod
    def _close(job: Job, status: JobStatus, now: datetime) -> None:
        job.status = status
        job.lease_owner = None
        job.lease_expires_at = None
        job.finished_at = now
        job.updated_at = now
