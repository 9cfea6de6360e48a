"""Published media index: which published stories show an asset version (IsMediaShown,
asked by the media service on a reader's request it cannot answer yet).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # jsonb_path_ops: the index answers `media @> '[{"asset_id": ..., "version": ...}]'`
    op.create_index(
        "ix_published_story_media",
        "published_story",
        ["media"],
        postgresql_using="gin",
        postgresql_ops={"media": "jsonb_path_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_published_story_media", table_name="published_story")
