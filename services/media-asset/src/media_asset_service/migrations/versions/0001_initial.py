"""Assets and versions, upload sessions, quotas, what published stories show, jobs.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.operations import Operations
from sqlalchemy.dialects import postgresql

from newsroom_core.events.tables import create_platform_tables, drop_platform_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
JSONB = postgresql.JSONB(astext_type=sa.Text())


def _now() -> sa.TextClause:
    return sa.text("now()")


def _json(default: str) -> sa.TextClause:
    return sa.text(f"'{default}'::jsonb")


def _actor(prefix: str) -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column(f"{prefix}_id", sa.String, nullable=False, server_default=""),
        sa.Column(f"{prefix}_username", sa.String, nullable=False, server_default=""),
        sa.Column(f"{prefix}_name", sa.String, nullable=False, server_default=""),
    ]


def upgrade() -> None:
    create_platform_tables(Operations(op.get_context()))

    op.create_table(
        "asset",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("meta", JSONB, nullable=False, server_default=_json("{}")),
        sa.Column("current_version", sa.Integer, nullable=False, server_default="1"),
        *_actor("created_by"),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
        sa.Column("deleted_at", TZ, nullable=True),
        sa.Column("deleted_by_id", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_asset_tenant_created", "asset", ["tenant", "created_at", "id"])
    op.create_index("ix_asset_tenant_kind_created", "asset", ["tenant", "kind", "created_at", "id"])

    op.create_table(
        "asset_version",
        sa.Column("asset_id", sa.String, sa.ForeignKey("asset.id"), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("filename", sa.String, nullable=False, server_default=""),
        sa.Column("declared_type", sa.String, nullable=False, server_default=""),
        sa.Column("content_type", sa.String, nullable=False, server_default=""),
        sa.Column("size_bytes", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("sha256", sa.String, nullable=False, server_default=""),
        sa.Column("width", sa.Integer, nullable=False, server_default="0"),
        sa.Column("height", sa.Integer, nullable=False, server_default="0"),
        sa.Column("duration_ms", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("focal_x", sa.Float, nullable=True),
        sa.Column("focal_y", sa.Float, nullable=True),
        sa.Column("subtitles", JSONB, nullable=False, server_default=_json("[]")),
        sa.Column("items", JSONB, nullable=False, server_default=_json("[]")),
        sa.Column("renditions_prefix", sa.String, nullable=False, server_default=""),
        sa.Column("files", JSONB, nullable=False, server_default=_json("[]")),
        sa.Column("progress_percent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failure_reason", sa.String, nullable=False, server_default=""),
        sa.Column("failure_detail", sa.Text, nullable=False, server_default=""),
        *_actor("created_by"),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
        sa.Column("ready_at", TZ, nullable=True),
    )

    op.create_table(
        "upload_session",
        sa.Column("asset_id", sa.String, sa.ForeignKey("asset.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("upload_id", sa.String, nullable=False),
        sa.Column("object_key", sa.String, nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("part_size", sa.BigInteger, nullable=False),
        sa.Column("part_count", sa.Integer, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
        sa.Column("abandon_at", TZ, nullable=False),
        sa.Column("closed_at", TZ, nullable=True),
    )
    op.create_index("ix_upload_session_open", "upload_session", ["state", "abandon_at"])

    op.create_table(
        "tenant_quota",
        sa.Column("tenant", sa.String, primary_key=True),
        sa.Column("quota_bytes", sa.BigInteger, nullable=False),
        sa.Column("updated_by_id", sa.String, nullable=False, server_default=""),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
    )

    op.create_table(
        "story_on_portal",
        sa.Column("story_id", sa.String, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("retracted", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
    )
    op.create_table(
        "story_media_use",
        sa.Column("story_id", sa.String, primary_key=True),
        sa.Column("asset_id", sa.String, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("via", sa.String, nullable=False, server_default=""),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
    )
    op.create_index("ix_story_media_use_asset", "story_media_use", ["asset_id", "version"])

    op.create_table(
        "media_job",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("asset_id", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("max_attempts", sa.Integer, nullable=False, server_default="4"),
        sa.Column("available_at", TZ, nullable=False, server_default=_now()),
        sa.Column("lease_owner", sa.String, nullable=True),
        sa.Column("lease_expires_at", TZ, nullable=True),
        sa.Column("heartbeat_at", TZ, nullable=True),
        sa.Column("progress_at", TZ, nullable=True),
        sa.Column("progress_percent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("run", sa.String, nullable=False, server_default=""),
        sa.Column("last_reason", sa.String, nullable=False, server_default=""),
        sa.Column("last_detail", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
        sa.Column("finished_at", TZ, nullable=True),
    )
    op.create_index("ix_media_job_due", "media_job", ["status", "available_at"])
    op.create_index("ix_media_job_lease", "media_job", ["status", "lease_expires_at"])
    op.create_index(
        "uq_media_job_open",
        "media_job",
        ["kind", "asset_id", "version"],
        unique=True,
        postgresql_where=sa.text("status = 'queued'"),
    )


def downgrade() -> None:
    for table in (
        "media_job",
        "story_media_use",
        "story_on_portal",
        "tenant_quota",
        "upload_session",
        "asset_version",
        "asset",
    ):
        op.drop_table(table)
    drop_platform_tables(Operations(op.get_context()))
