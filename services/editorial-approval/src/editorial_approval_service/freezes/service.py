"""Freeze use cases: set, lift, list; and whether a tenant's publications are frozen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.callers import Caller
from editorial_approval_service.errors import require_reason
from editorial_approval_service.events import EditorialEvents
from editorial_approval_service.freezes import repository
from editorial_approval_service.freezes.models import Freeze
from newsroom_core import paging
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import ApprovalRole, AuditAction, FreezeScope
from newsroom_core.errors import InvalidArgument, NotFound, PermissionDenied
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest
from newsroom_core.timestamps import Clock


@dataclass(frozen=True, slots=True, kw_only=True)
class FreezeUseCases:
    sessions: SessionFactory
    clock: Clock
    audit: AuditUseCases
    events: EditorialEvents

    def frozen(self, session: Session, tenant: str) -> bool:
        """Whether ``tenant``'s publications are held (its own freeze or the group's)."""
        return bool(repository.covering_freezes(session=session, tenant=tenant))

    @staticmethod
    def _require_freeze_rights(
        identity: Identity, tenant: str, scope: FreezeScope | None
    ) -> FreezeScope:
        if scope is None:
            raise InvalidArgument("cần phạm vi tạm dừng (scope)", reason="SCOPE_REQUIRED")
        if scope is FreezeScope.GROUP:
            if not identity.is_platform_admin:
                raise PermissionDenied(
                    "chỉ quản trị nền tảng được tạm dừng toàn tập đoàn",
                    reason="PLATFORM_ADMIN_REQUIRED",
                )
        else:
            identity.require_role(tenant, ApprovalRole.BOARD.value)
        return scope

    def set_freeze(
        self, identity: Identity, *, tenant: str, scope: FreezeScope | None, reason: str
    ) -> Freeze:
        checked = self._require_freeze_rights(identity, tenant, scope)
        why = require_reason(reason)
        caller = Caller.of(identity, tenant)
        try:
            return self._set_freeze(caller, tenant=tenant, scope=checked, reason=why)
        except IntegrityError:
            # Another caller set the same freeze at the same moment: return theirs.
            return self._set_freeze(caller, tenant=tenant, scope=checked, reason=why)

    def _set_freeze(
        self, caller: Caller, *, tenant: str, scope: FreezeScope, reason: str
    ) -> Freeze:
        with session_scope(self.sessions) as session:
            existing = repository.get_active_freeze(session=session, scope=scope, tenant=tenant)
            if existing is not None:
                return existing
            now = self.clock()
            freeze = add(
                session=session,
                obj=Freeze(
                    scope=scope.value,
                    tenant=tenant if scope is FreezeScope.TENANT else "",
                    reason=reason,
                    set_by_id=caller.actor.user_id,
                    set_by_username=caller.actor.username,
                    set_by_name=caller.actor.display_name,
                    set_at=now,
                ),
            )
            self._record(
                session, freeze, caller, AuditAction.SET_FREEZE, reason, tenant=tenant, at=now
            )
            return freeze

    def lift_freeze(
        self, identity: Identity, *, tenant: str, scope: FreezeScope | None, reason: str
    ) -> Freeze:
        checked = self._require_freeze_rights(identity, tenant, scope)
        caller = Caller.of(identity, tenant)
        why = reason.strip()
        with session_scope(self.sessions) as session:
            freeze = repository.get_active_freeze(
                session=session, scope=checked, tenant=tenant, for_update=True
            )
            if freeze is None:
                raise NotFound(
                    "không có lệnh tạm dừng đang hiệu lực (no active freeze)",
                    reason="FREEZE_NOT_FOUND",
                )
            now = self.clock()
            freeze.active = False
            freeze.lifted_by_id = caller.actor.user_id
            freeze.lifted_by_username = caller.actor.username
            freeze.lifted_by_name = caller.actor.display_name
            freeze.lifted_at = now
            freeze.lift_reason = why
            session.add(freeze)
            self._record(
                session, freeze, caller, AuditAction.LIFT_FREEZE, why, tenant=tenant, at=now
            )
            return freeze

    def _record(
        self,
        session: Session,
        freeze: Freeze,
        caller: Caller,
        action: AuditAction,
        reason: str,
        *,
        tenant: str,
        at: datetime,
    ) -> None:
        """The audit record (in the caller's ``tenant``) of a freeze set or lifted, and
        FreezeChanged."""
        self.audit.record(
            session, caller, action, tenant=tenant, reason=f"[{freeze.scope}] {reason}".rstrip()
        )
        self.events.freeze_changed(session, freeze, actor=caller.actor, reason=reason, at=at)

    def list_freezes(
        self,
        identity: Identity,
        *,
        tenant: str,
        active_only: bool,
        page_size: int,
        page_token: str,
    ) -> Page[Freeze]:
        identity.require_member(tenant)
        request = PageRequest.of("freezes", "", page_size, page_token)
        with session_scope(self.sessions) as session:
            rows = repository.list_freezes(
                session=session,
                tenant=tenant,
                active_only=active_only,
                before=paging.time_cursor(request.cursor),
                limit=request.limit,
            )
            return request.page(rows, lambda f: [f.set_at, f.id])
