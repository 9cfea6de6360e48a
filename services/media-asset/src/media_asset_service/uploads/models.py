"""The uploads aggregate's table: one multipart upload per asset version, from its start
to completion, abort or abandonment."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow


class UploadState(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    ABORTED = "aborted"
    # not completed in time: aborted by the cleaner
    ABANDONED = "abandoned"


class UploadSession(SQLModel, table=True):
    __tablename__ = "upload_session"
    __table_args__ = (sa.Index("ix_upload_session_open", "state", "abandon_at"),)

    asset_id: str = Field(primary_key=True, foreign_key="asset.id")
    version: int = Field(primary_key=True)
    tenant: str
    upload_id: str
    object_key: str
    size_bytes: int = Field(sa_type=sa.BigInteger)
    part_size: int = Field(sa_type=sa.BigInteger)
    part_count: int
    state: str = UploadState.OPEN
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    abandon_at: datetime = Field(sa_type=TIMESTAMPTZ)
    closed_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
