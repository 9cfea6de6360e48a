"""Per-tenant storage quotas set by the platform admin (the default is a setting)."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from newsroom_core.db import TIMESTAMPTZ
from newsroom_core.timestamps import utcnow


class TenantQuota(SQLModel, table=True):
    __tablename__ = "tenant_quota"

    tenant: str = Field(primary_key=True)
    quota_bytes: int = Field(sa_type=sa.BigInteger)
    updated_by_id: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_type=TIMESTAMPTZ)
