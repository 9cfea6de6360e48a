"""Quota use cases: what a tenant stores against its quota, and the platform admin's
override of the default. Uploads reserve their declared size when they start."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, select

from media_asset_service.assets import repository as asset_repo
from media_asset_service.errors import invalid, platform_admin_required, quota_exceeded
from media_asset_service.quotas.models import TenantQuota
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock, utcnow


@dataclass(frozen=True, slots=True)
class Usage:
    used_bytes: int
    quota_bytes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class QuotaUseCases:
    sessions: SessionFactory
    default_quota_bytes: int
    clock: Clock = utcnow

    def usage(self, identity: Identity, *, tenant: str) -> Usage:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            return self._usage(session, tenant)

    def set_quota(self, identity: Identity, *, tenant: str, quota_bytes: int) -> Usage:
        if not identity.is_platform_admin:
            raise platform_admin_required()
        if quota_bytes < 0:
            raise invalid("hạn mức không hợp lệ (invalid quota)", "INVALID_QUOTA")
        with session_scope(self.sessions) as session:
            row = session.get(TenantQuota, tenant)
            if quota_bytes == 0:
                if row is not None:
                    session.delete(row)
            elif row is None:
                add(
                    session=session,
                    obj=TenantQuota(
                        tenant=tenant,
                        quota_bytes=quota_bytes,
                        updated_by_id=identity.user_id,
                        updated_at=self.clock(),
                    ),
                )
            else:
                row.quota_bytes = quota_bytes
                row.updated_by_id = identity.user_id
                row.updated_at = self.clock()
                session.add(row)
            session.flush()
            return self._usage(session, tenant)

    def reserve(self, session: Session, *, tenant: str, size: int) -> None:
        """QUOTA_EXCEEDED unless ``size`` more bytes fit, in the caller's transaction; the
        tenant's uploads start one at a time until it commits, so two cannot both take
        the last free bytes."""
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"quota:{tenant}"}
        )
        usage = self._usage(session, tenant)
        if usage.used_bytes + size > usage.quota_bytes:
            raise quota_exceeded(usage.used_bytes, size, usage.quota_bytes)

    def _usage(self, session: Session, tenant: str) -> Usage:
        row = session.exec(select(TenantQuota).where(TenantQuota.tenant == tenant)).first()
        quota = row.quota_bytes if row is not None else self.default_quota_bytes
        return Usage(asset_repo.used_bytes(session=session, tenant=tenant), quota)
