"""Autosaves fold into one working revision: a save counter per story, the open revision,
and per revision the time of its last save and how many saves it holds.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every save so far made one revision: the counter starts at the revision number.
    op.add_column("story", sa.Column("version", sa.BigInteger, nullable=True))
    op.execute("UPDATE story SET version = current_revision")
    op.alter_column("story", "version", nullable=False, server_default="1")
    op.add_column(
        "story",
        sa.Column("working_revision", sa.Integer, nullable=False, server_default="0"),
    )
    op.add_column(
        "story_revision", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.execute("UPDATE story_revision SET updated_at = created_at")
    op.alter_column("story_revision", "updated_at", nullable=False, server_default=sa.func.now())
    op.add_column(
        "story_revision", sa.Column("saves", sa.Integer, nullable=False, server_default="1")
    )


def downgrade() -> None:
    op.drop_column("story_revision", "saves")
    op.drop_column("story_revision", "updated_at")
    op.drop_column("story", "working_revision")
    op.drop_column("story", "version")
