"""Tables of the tenants aggregate (SQLModel family: XBase, X, XCreate)."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow

# --- tenant -------------------------------------------------------------------------


class TenantBase(SQLModel):
    name: str
    default_language: str = "vi"
    group_tenant: bool = False


class Tenant(TenantBase, table=True):
    __tablename__ = "tenant"

    slug: str = Field(primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)


class TenantCreate(TenantBase):
    slug: str


# --- section ------------------------------------------------------------------------


class SectionBase(SQLModel):
    slug: str
    name: str
    description: str = ""
    position: int = 0


class Section(SectionBase, table=True):
    __tablename__ = "section"
    __table_args__ = (sa.UniqueConstraint("tenant", "slug", name="uq_section_tenant_slug"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(foreign_key="tenant.slug", index=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="section.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)


class SectionCreate(SectionBase):
    tenant: str
    parent_id: str = ""


# --- tag ----------------------------------------------------------------------------


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    tenant: str = Field(primary_key=True, foreign_key="tenant.slug")
    slug: str = Field(primary_key=True)
    name: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
