"""Tables of the assets aggregate: an asset (kind, metadata, who made it, soft delete) and
its versions (the uploaded file or a gallery's items, the processing state, the files a
processing run made). Kinds and statuses are stored as ``newsroom_core.enums`` values."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy.dialects import postgresql as pg
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ, new_id
from newsroom_core.enums import AssetKind, AssetStatus
from newsroom_core.timestamps import utcnow

# Lengths a text field may have (TEXT_TOO_LONG beyond).
TEXT_LIMITS = {"title": 300, "caption": 2000, "credit": 300, "alt_text": 1000, "licence": 300}


class Text(BaseModel):
    """Vietnamese and English; either may be empty."""

    vi: str = ""
    en: str = ""

    def pick(self, language: str) -> str:
        """The text in ``language`` (a BCP 47 tag), else Vietnamese, else English."""
        preferred = self.en if language.lower().startswith("en") else self.vi
        return preferred or self.vi or self.en

    def __bool__(self) -> bool:
        return bool(self.vi.strip() or self.en.strip())


class Metadata(BaseModel):
    """What an editor says about an asset (stored as JSON on ``asset.meta``)."""

    title: Text = PydanticField(default_factory=Text)
    caption: Text = PydanticField(default_factory=Text)
    credit: str = ""
    alt_text: Text = PydanticField(default_factory=Text)
    licence: str = ""
    captured_at: datetime | None = None


class ServedFile(BaseModel):
    """One file a processing run made (a row of the run's manifest), relative to the run's
    prefix. ``role`` is newsroom_media's (segments and sprites included)."""

    path: str
    role: str
    content_type: str
    size: int = 0
    width: int = 0
    height: int = 0
    bitrate: int = 0
    duration_ms: int = 0
    language: str = ""
    label: str = ""


class GalleryEntry(BaseModel):
    asset_id: str
    asset_version: int
    caption: Text = PydanticField(default_factory=Text)


class SubtitleEntry(BaseModel):
    asset_id: str
    language: str
    label: str = ""


class Asset(SQLModel, table=True):
    __tablename__ = "asset"
    __table_args__ = (
        sa.Index("ix_asset_tenant_created", "tenant", "created_at", "id"),
        sa.Index("ix_asset_tenant_kind_created", "tenant", "kind", "created_at", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True)
    tenant: str = Field(index=False)
    kind: str = AssetKind.IMAGE
    meta: dict[str, Any] = Field(default_factory=dict, sa_type=pg.JSONB)
    current_version: int = 1
    created_by_id: str = ""
    created_by_username: str = ""
    created_by_name: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    deleted_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    deleted_by_id: str = ""

    @property
    def metadata_(self) -> Metadata:
        return Metadata.model_validate(self.meta or {})


class AssetVersion(SQLModel, table=True):
    __tablename__ = "asset_version"

    asset_id: str = Field(primary_key=True, foreign_key="asset.id")
    number: int = Field(primary_key=True)
    tenant: str
    status: str = AssetStatus.UPLOADING
    filename: str = ""
    declared_type: str = ""
    # The detected type once verified (the declared one until then).
    content_type: str = ""
    size_bytes: int = Field(default=0, sa_type=sa.BigInteger)
    sha256: str = ""
    width: int = 0
    height: int = 0
    duration_ms: int = Field(default=0, sa_type=sa.BigInteger)
    focal_x: float | None = None
    focal_y: float | None = None
    subtitles: list[dict[str, Any]] = Field(default_factory=list, sa_type=pg.JSONB)
    items: list[dict[str, Any]] = Field(default_factory=list, sa_type=pg.JSONB)
    # The published run's prefix ("" until READY) and its manifest.
    renditions_prefix: str = ""
    files: list[dict[str, Any]] = Field(default_factory=list, sa_type=pg.JSONB)
    progress_percent: int = 0
    attempts: int = 0
    failure_reason: str = ""
    failure_detail: str = ""
    created_by_id: str = ""
    created_by_username: str = ""
    created_by_name: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
    ready_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)

    @property
    def served_files(self) -> list[ServedFile]:
        return [ServedFile.model_validate(f) for f in self.files]

    @property
    def gallery_items(self) -> list[GalleryEntry]:
        return [GalleryEntry.model_validate(i) for i in self.items]

    @property
    def subtitle_tracks(self) -> list[SubtitleEntry]:
        return [SubtitleEntry.model_validate(s) for s in self.subtitles]


# Statuses whose original counts against the tenant's quota (uploads in progress are
# reserved at their declared size).
COUNTED_STATUSES = (
    AssetStatus.UPLOADING,
    AssetStatus.VERIFYING,
    AssetStatus.PROCESSING,
    AssetStatus.READY,
    AssetStatus.FAILED,
)
