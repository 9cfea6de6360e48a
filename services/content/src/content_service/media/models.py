"""The media read model: what content keeps of the media service's assets (from its
events) to put media items into published stories. Only READY versions are kept; each
row holds what the portal shows of it (renditions with readers' URLs, gallery items)."""

from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql as pg
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow


class MediaAssetCopy(SQLModel, table=True):
    """An asset's kind and metadata (``{"title": {"vi", "en"}, "caption": ..., "credit",
    "alt_text": ..., "licence"}``), as the last AssetVersionReady or AssetMetadataUpdated
    said."""

    __tablename__ = "media_asset_copy"

    asset_id: str = Field(primary_key=True)
    tenant: str
    kind: str
    meta: dict[str, Any] = Field(default_factory=dict, sa_type=pg.JSONB)
    deleted: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)


class MediaVersionCopy(SQLModel, table=True):
    """A READY version: ``data`` is ``{"width", "height", "duration_ms", "files":
    [{"role", "path", "content_type", "width", "height", "language", "label", "url"}],
    "items": [{"asset_id", "asset_version", "caption": {"vi", "en"}}]}``."""

    __tablename__ = "media_version_copy"

    asset_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    tenant: str
    data: dict[str, Any] = Field(default_factory=dict, sa_type=pg.JSONB)
    ready_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
