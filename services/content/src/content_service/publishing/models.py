"""Tables of the publishing aggregate: the portal's published snapshot, the publication
guard and retraction tombstones.

``published_story.search_vector`` is a generated ``tsvector`` column created by the
migration (``SEARCH_VECTOR_SQL``); it is deliberately not mapped here so the ORM never
loads or writes it.
"""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow

SEARCH_CONFIG = "newsroom_search"
SEARCH_VECTOR_SQL = (
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(headline, '')), 'A') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(summary, '')), 'B') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(body_text, '')), 'C')"
)


# --- public read model ------------------------------------------------------------------


class PublishedStory(SQLModel, table=True):
    """The portal's copy of the published revision (one row per published story)."""

    __tablename__ = "published_story"
    __table_args__ = (
        sa.UniqueConstraint("tenant", "slug", name="uq_published_story_tenant_slug"),
        sa.Index("ix_published_story_tenant_published", "tenant", "published_at", "story_id"),
        sa.Index(
            "ix_published_story_media",
            "media",
            postgresql_using="gin",
            postgresql_ops={"media": "jsonb_path_ops"},
        ),
    )

    story_id: uuid.UUID = Field(primary_key=True, foreign_key="story.id")
    tenant: str = Field(foreign_key="tenant.slug")
    slug: str
    revision: int
    type: str
    visibility: str
    language: str
    headline: str
    summary: str = ""
    body_html: str = ""
    body_text: str = ""
    byline: str = ""
    section_id: uuid.UUID | None = None
    section_slug: str = ""
    section_name: str = ""
    tags: list[str] = Field(default_factory=list, sa_type=pg.ARRAY(sa.Text))
    tag_slugs: list[str] = Field(default_factory=list, sa_type=pg.ARRAY(sa.Text))
    # the portal's media items (content_service.media.items), in the revision's order
    media: list[dict[str, Any]] = Field(default_factory=list, sa_type=pg.JSONB)
    published_at: datetime = Field(sa_type=TIMESTAMPTZ)
    updated_at: datetime = Field(sa_type=TIMESTAMPTZ)
    correction_note: str = ""
    etag: str


class StoryPublication(SQLModel, table=True):
    """Business-key guard: one StoryPublished / StoryCorrected per (story, revision)."""

    __tablename__ = "story_publication"

    story_id: uuid.UUID = Field(primary_key=True, foreign_key="story.id")
    revision: int = Field(primary_key=True)
    action: str = Field(primary_key=True)
    event_id: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)


class RetractedStory(SQLModel, table=True):
    """Tombstone of a taken-down story: the portal answers 410 Gone for its slug."""

    __tablename__ = "retracted_story"
    __table_args__ = (sa.Index("ix_retracted_story_tenant_slug", "tenant", "slug"),)

    story_id: uuid.UUID = Field(primary_key=True, foreign_key="story.id")
    tenant: str = Field(foreign_key="tenant.slug")
    slug: str
    visibility: str
    reason: str = ""
    takedown_id: str = ""
    actor_id: str = ""
    actor_username: str = ""
    actor_name: str = ""
    retracted_at: datetime = Field(sa_type=TIMESTAMPTZ)
