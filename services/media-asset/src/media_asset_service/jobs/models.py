"""The media worker's jobs, leased in PostgreSQL.

A job is queued (by the worker's consumer of AssetUploaded, or by a use case), leased by
one worker (``lease_owner`` until ``lease_expires_at``, renewed by heartbeats), and ends
``done`` or ``failed``. A lease that runs out means the worker died (SIGKILL, OOM, lost
node): any worker leases the job again and redoes it. ``run`` names the attempt, so the
files each attempt writes are apart and only the finishing attempt's are published.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ, new_id
from newsroom_core.timestamps import utcnow


class JobKind(StrEnum):
    # verify the original (SHA-256, real type) and make the renditions
    PROCESS = "process"
    # public delivery: make the public copies of a version match its use by stories
    DELIVER = "deliver"
    # a deleted asset: remove every object
    PURGE = "purge"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(SQLModel, table=True):
    __tablename__ = "media_job"
    __table_args__ = (
        sa.Index("ix_media_job_due", "status", "available_at"),
        sa.Index("ix_media_job_lease", "status", "lease_expires_at"),
        # One open job of a kind per asset version (a second request joins it).
        sa.Index(
            "uq_media_job_open",
            "kind",
            "asset_id",
            "version",
            unique=True,
            postgresql_where=sa.text("status = 'queued'"),
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True)
    kind: str
    tenant: str
    asset_id: str
    version: int = 0
    status: str = JobStatus.QUEUED
    attempts: int = 0
    max_attempts: int = 4
    available_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    lease_owner: str | None = None
    lease_expires_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    heartbeat_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    progress_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    progress_percent: int = 0
    run: str = ""
    last_reason: str = ""
    last_detail: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    finished_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
