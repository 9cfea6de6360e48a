"""Tenants, sections, tags, stories, revisions, published snapshots and search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.operations import Operations
from sqlalchemy.dialects import postgresql as pg

from newsroom_core.events.tables import create_platform_tables, drop_platform_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Kept literal (not imported from models) so this revision never changes afterwards.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('newsroom_search'::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector('newsroom_search'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('newsroom_search'::regconfig, coalesce(body_text, '')), 'C')"
)


def _tz(name: str, nullable: bool = False, default: bool = True) -> sa.Column[object]:
    return sa.Column(
        name,
        sa.DateTime(timezone=True),
        nullable=nullable,
        server_default=sa.func.now() if default and not nullable else None,
    )


def _editable_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("visibility", sa.Text, nullable=False, server_default="public"),
        sa.Column("language", sa.Text, nullable=False, server_default="vi"),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("slug", sa.Text, nullable=False),
        sa.Column("slugline", sa.Text, nullable=False, server_default=""),
        sa.Column("byline", sa.Text, nullable=False, server_default=""),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("body_html", sa.Text, nullable=False, server_default=""),
        sa.Column("section_id", pg.UUID(as_uuid=True), nullable=True),
        sa.Column("tags", pg.ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("media", pg.JSONB, nullable=False, server_default="[]"),
    ]


def upgrade() -> None:
    create_platform_tables(Operations(op.get_context()))

    # Accent-insensitive search: "truyen thong" finds "truyền thông".
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public")
    op.execute(
        """
        CREATE OR REPLACE FUNCTION newsroom_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
        """
    )
    op.execute("CREATE TEXT SEARCH CONFIGURATION newsroom_search (COPY = pg_catalog.simple)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION newsroom_search "
        "ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple"
    )

    op.create_table(
        "tenant",
        sa.Column("slug", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("default_language", sa.Text, nullable=False, server_default="vi"),
        sa.Column("group_tenant", sa.Boolean, nullable=False, server_default=sa.false()),
        _tz("created_at"),
    )
    op.create_table(
        "section",
        sa.Column("id", pg.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.Text, sa.ForeignKey("tenant.slug"), nullable=False, index=True),
        sa.Column("slug", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("parent_id", pg.UUID(as_uuid=True), sa.ForeignKey("section.id"), nullable=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        _tz("created_at"),
        sa.UniqueConstraint("tenant", "slug", name="uq_section_tenant_slug"),
    )
    op.create_table(
        "tag",
        sa.Column("tenant", sa.Text, sa.ForeignKey("tenant.slug"), primary_key=True),
        sa.Column("slug", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        _tz("created_at"),
    )
    op.create_table(
        "story",
        sa.Column("id", pg.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.Text, sa.ForeignKey("tenant.slug"), nullable=False),
        *_editable_columns(),
        sa.Column("author_id", sa.Text, nullable=False),
        sa.Column("author_username", sa.Text, nullable=False, server_default=""),
        sa.Column("author_name", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False, server_default="draft"),
        _tz("status_at", nullable=True),
        sa.Column("current_revision", sa.Integer, nullable=False),
        sa.Column("published_revision", sa.Integer, nullable=False, server_default="0"),
        _tz("created_at"),
        _tz("updated_at"),
        _tz("published_at", nullable=True),
        sa.Column("syndicated_from_tenant", sa.Text, nullable=True),
        sa.Column("syndicated_from_story_id", pg.UUID(as_uuid=True), nullable=True),
        sa.Column("nomination_id", sa.Text, nullable=True, unique=True),
        sa.UniqueConstraint("tenant", "slug", name="uq_story_tenant_slug"),
    )
    op.create_index("ix_story_tenant_updated", "story", ["tenant", "updated_at", "id"])
    op.create_table(
        "story_revision",
        sa.Column("story_id", pg.UUID(as_uuid=True), sa.ForeignKey("story.id"), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        *_editable_columns(),
        sa.Column("author_id", sa.Text, nullable=False),
        sa.Column("author_username", sa.Text, nullable=False, server_default=""),
        sa.Column("author_name", sa.Text, nullable=False, server_default=""),
        _tz("created_at"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "published_story",
        sa.Column("story_id", pg.UUID(as_uuid=True), sa.ForeignKey("story.id"), primary_key=True),
        sa.Column("tenant", sa.Text, sa.ForeignKey("tenant.slug"), nullable=False),
        sa.Column("slug", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("visibility", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("body_html", sa.Text, nullable=False, server_default=""),
        sa.Column("body_text", sa.Text, nullable=False, server_default=""),
        sa.Column("byline", sa.Text, nullable=False, server_default=""),
        sa.Column("section_id", pg.UUID(as_uuid=True), nullable=True),
        sa.Column("section_slug", sa.Text, nullable=False, server_default=""),
        sa.Column("section_name", sa.Text, nullable=False, server_default=""),
        sa.Column("tags", pg.ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("tag_slugs", pg.ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("media", pg.JSONB, nullable=False, server_default="[]"),
        _tz("published_at", default=False),
        _tz("updated_at", default=False),
        sa.Column("correction_note", sa.Text, nullable=False, server_default=""),
        sa.Column("etag", sa.Text, nullable=False),
        sa.Column("search_vector", pg.TSVECTOR, sa.Computed(SEARCH_VECTOR_SQL, persisted=True)),
        sa.UniqueConstraint("tenant", "slug", name="uq_published_story_tenant_slug"),
    )
    op.create_index(
        "ix_published_story_tenant_published",
        "published_story",
        ["tenant", "published_at", "story_id"],
    )
    op.create_index(
        "ix_published_story_search",
        "published_story",
        ["search_vector"],
        postgresql_using="gin",
    )
    op.create_index(
        "ix_published_story_tag_slugs",
        "published_story",
        ["tag_slugs"],
        postgresql_using="gin",
    )
    op.create_table(
        "story_publication",
        sa.Column("story_id", pg.UUID(as_uuid=True), sa.ForeignKey("story.id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("action", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        _tz("created_at"),
    )
    op.create_table(
        "retracted_story",
        sa.Column("story_id", pg.UUID(as_uuid=True), sa.ForeignKey("story.id"), primary_key=True),
        sa.Column("tenant", sa.Text, sa.ForeignKey("tenant.slug"), nullable=False),
        sa.Column("slug", sa.Text, nullable=False),
        sa.Column("visibility", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("takedown_id", sa.Text, nullable=False, server_default=""),
        sa.Column("actor_id", sa.Text, nullable=False, server_default=""),
        sa.Column("actor_username", sa.Text, nullable=False, server_default=""),
        sa.Column("actor_name", sa.Text, nullable=False, server_default=""),
        _tz("retracted_at", default=False),
    )
    op.create_index("ix_retracted_story_tenant_slug", "retracted_story", ["tenant", "slug"])


def downgrade() -> None:
    for table in (
        "retracted_story",
        "story_publication",
        "published_story",
        "story_revision",
        "story",
        "tag",
        "section",
        "tenant",
    ):
        op.drop_table(table)
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_search")
    op.execute("DROP FUNCTION IF EXISTS newsroom_unaccent(text)")
    drop_platform_tables(Operations(op.get_context()))
