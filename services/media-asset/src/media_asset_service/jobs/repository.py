"""Jobs: module-level functions with a keyword-only ``session``; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from media_asset_service.jobs.models import Job, JobStatus


def open_job(*, session: Session, kind: str, asset_id: str, version: int) -> Job | None:
    """A queued job of ``kind`` for the version (a new request joins it)."""
    return session.exec(
        select(Job).where(
            Job.kind == kind,
            Job.asset_id == asset_id,
            Job.version == version,
            Job.status == JobStatus.QUEUED,
        )
    ).first()


def any_job(*, session: Session, kind: str, asset_id: str, version: int) -> Job | None:
    return session.exec(
        select(Job).where(Job.kind == kind, Job.asset_id == asset_id, Job.version == version)
    ).first()


def lease_candidate(*, session: Session, now: datetime, kinds: Sequence[str]) -> Job | None:
    """The job due longest ago: queued and due, or running with a lease that ran out (its
    worker is gone). Locked; jobs other workers hold are skipped, not waited for."""
    return session.exec(
        select(Job)
        .where(
            col(Job.kind).in_(list(kinds)),
            or_(
                and_(col(Job.status) == JobStatus.QUEUED, col(Job.available_at) <= now),
                and_(col(Job.status) == JobStatus.RUNNING, col(Job.lease_expires_at) < now),
            ),
        )
        .order_by(col(Job.available_at))
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def get_job(*, session: Session, job_id: str, for_update: bool = False) -> Job | None:
    query = select(Job).where(Job.id == job_id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def jobs_of_version(*, session: Session, asset_id: str, version: int) -> Sequence[Job]:
    return session.exec(
        select(Job)
        .where(Job.asset_id == asset_id, Job.version == version)
        .order_by(col(Job.created_at))
    ).all()


def count_by_status(*, session: Session) -> dict[str, int]:
    rows = session.exec(select(Job.status, func.count()).group_by(Job.status)).all()
    return {str(status): int(count) for status, count in rows}


def count_stuck(*, session: Session, now: datetime, stuck_before: datetime) -> int:
    """Running jobs with no progress since ``stuck_before`` or a lease that ran out."""
    return int(
        session.exec(
            select(func.count())
            .select_from(Job)
            .where(
                Job.status == JobStatus.RUNNING,
                or_(
                    col(Job.progress_at) < stuck_before,
                    col(Job.lease_expires_at) < now,
                ),
            )
        ).one()
    )
