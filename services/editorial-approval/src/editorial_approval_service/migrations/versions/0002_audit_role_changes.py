"""Audit records of role changes: whose roles, before and after.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONB = postgresql.JSONB(astext_type=sa.Text())
COLUMNS = ("subject_id", "subject_username", "subject_name")


def upgrade() -> None:
    # Adding columns with constant defaults rewrites no rows (PostgreSQL 11+), and the
    # append-only trigger guards UPDATE/DELETE, not ALTER TABLE.
    for name in COLUMNS:
        op.add_column("audit_record", sa.Column(name, sa.String, nullable=False, server_default=""))
    for name in ("roles_before", "roles_after"):
        op.add_column(
            "audit_record",
            sa.Column(name, JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        )


def downgrade() -> None:
    for name in (*COLUMNS, "roles_before", "roles_after"):
        op.drop_column("audit_record", name)
