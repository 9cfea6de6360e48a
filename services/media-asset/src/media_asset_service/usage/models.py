"""Which asset versions published stories show, kept from content's events: only these
are served to readers, and an asset some published story shows cannot be deleted."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow


class PublishedStory(SQLModel, table=True):
    """The revision of a story on the portal (ordering guard: older events are ignored)."""

    __tablename__ = "story_on_portal"

    story_id: str = Field(primary_key=True)
    tenant: str
    revision: int
    retracted: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)


class StoryMediaUse(SQLModel, table=True):
    """A version a published story shows (directly, or as an item of a gallery it shows:
    ``via`` is then the gallery's asset id)."""

    __tablename__ = "story_media_use"
    __table_args__ = (sa.Index("ix_story_media_use_asset", "asset_id", "version"),)

    story_id: str = Field(primary_key=True)
    asset_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    tenant: str
    via: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
