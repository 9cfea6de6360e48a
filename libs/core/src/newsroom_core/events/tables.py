"""The platform's own tables in every service database: outbox and processed events.

Services create them in their first Alembic migration with ``create_platform_tables``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.operations import Operations
from sqlalchemy.dialects import postgresql
from sqlmodel import Field, SQLModel

OUTBOX_CHANNEL = "newsroom_outbox"


class OutboxEvent(SQLModel, table=True):
    __tablename__ = "outbox_event"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    event_id: uuid.UUID = Field(unique=True)
    topic: str
    key: str
    ce_type: str
    ce_source: str
    ce_subject: str
    ce_time: datetime = Field(sa_type=sa.DateTime(timezone=True))
    tenant: str
    traceparent: str = ""
    dataschema: str = ""
    payload: bytes = Field(sa_type=sa.LargeBinary)
    created_at: datetime = Field(
        default_factory=lambda: datetime.now(UTC),
        sa_type=sa.DateTime(timezone=True),
    )


class ProcessedEvent(SQLModel, table=True):
    __tablename__ = "processed_event"

    consumer_group: str = Field(primary_key=True)
    event_id: str = Field(primary_key=True)
    topic: str
    processed_at: datetime = Field(
        default_factory=lambda: datetime.now(UTC),
        sa_type=sa.DateTime(timezone=True),
    )


def create_platform_tables(op: Operations) -> None:
    op.create_table(
        "outbox_event",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", postgresql.UUID(as_uuid=True), nullable=False, unique=True),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("ce_type", sa.String, nullable=False),
        sa.Column("ce_source", sa.String, nullable=False),
        sa.Column("ce_subject", sa.String, nullable=False),
        sa.Column("ce_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("traceparent", sa.String, nullable=False, server_default=""),
        sa.Column("dataschema", sa.String, nullable=False, server_default=""),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "processed_event",
        sa.Column("consumer_group", sa.String, primary_key=True),
        sa.Column("event_id", sa.String, primary_key=True),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column(
            "processed_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
    )


def drop_platform_tables(op: Operations) -> None:
    op.drop_table("processed_event")
    op.drop_table("outbox_event")
