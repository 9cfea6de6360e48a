"""Tables of the stories aggregate (SQLModel family): a story, its revisions (immutable
once closed; the open working revision takes its author's consecutive autosaves), and the
editable fields a caller sends. Type, visibility and status are stored as the
values of the API's enums (``newsroom_core.enums``)."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.enums import StoryStatus, Visibility
from newsroom_core.timestamps import utcnow

# --- story and revisions ----------------------------------------------------------------


class MediaItem(SQLModel):
    asset_id: str
    caption: str = ""
    credit: str = ""
    # 0 on save: the media service pins the asset's current version
    asset_version: int = 0


class StoryDraft(SQLModel):
    """Editable fields as a caller sends them (create and full-replacement update)."""

    type: str = ""
    visibility: str = ""
    language: str = ""
    headline: str = ""
    slug: str = ""
    slugline: str = ""
    byline: str = ""
    summary: str = ""
    body_html: str = ""
    section_id: str = ""
    tags: list[str] = Field(default_factory=list)
    media: list[MediaItem] = Field(default_factory=list)
    note: str = ""


class StoryBase(SQLModel):
    """The editable fields, stored on the story (latest) and on every revision."""

    type: str
    visibility: str = Visibility.PUBLIC
    language: str = "vi"
    headline: str
    slug: str
    slugline: str = ""
    byline: str = ""
    summary: str = ""
    body_html: str = ""
    section_id: uuid.UUID | None = None
    tags: list[str] = Field(default_factory=list, sa_type=pg.ARRAY(sa.Text))
    media: list[dict[str, Any]] = Field(default_factory=list, sa_type=pg.JSONB)


class Story(StoryBase, table=True):
    __tablename__ = "story"
    __table_args__ = (
        sa.UniqueConstraint("tenant", "slug", name="uq_story_tenant_slug"),
        sa.Index("ix_story_tenant_updated", "tenant", "updated_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(foreign_key="tenant.slug")
    author_id: str
    author_username: str = ""
    author_name: str = ""
    status: str = StoryStatus.DRAFT
    # Time of the workflow transition the status mirrors; older transitions are ignored.
    status_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    current_revision: int = 1
    published_revision: int = 0
    # Incremented by every save (also one folded into the working revision): the token
    # an editor sends back so a save never silently overwrites one it has not seen.
    version: int = Field(default=1, sa_type=sa.BigInteger)
    # The revision the author's autosaves fold into; 0 when none is open.
    working_revision: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    published_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    syndicated_from_tenant: str | None = None
    syndicated_from_story_id: uuid.UUID | None = None
    nomination_id: str | None = Field(default=None, unique=True)


class StoryRevision(StoryBase, table=True):
    __tablename__ = "story_revision"

    story_id: uuid.UUID = Field(primary_key=True, foreign_key="story.id")
    number: int = Field(primary_key=True)
    author_id: str
    author_username: str = ""
    author_name: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    # The last save written into it, and how many saves it holds (1 unless folded).
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    saves: int = 1
    note: str = ""
