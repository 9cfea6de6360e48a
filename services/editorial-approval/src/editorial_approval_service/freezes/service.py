"""Freeze use cases: set, lift, list; and whether a tenant's publications are frozen."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.events import EventSink
from editorial_approval_service.freezes import repository
from editorial_approval_service.freezes.models import Freeze, FreezeScope
from editorial_approval_service.shared import paging
from editorial_approval_service.shared.models import Role
from editorial_approval_service.shared.paging import Page
from editorial_approval_service.shared.repository import add
from editorial_approval_service.shared.service import Caller, require_reason
from newsroom_core.errors import InvalidArgument, NotFound, PermissionDenied
from newsroom_core.identity import Identity


class FreezeUseCases(AuditUseCases):
    _events: EventSink

    def _frozen(self, session: Session, tenant: str) -> bool:
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
            identity.require_role(tenant, Role.BOARD.value)
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
        with self._transaction() as session:
            existing = repository.get_active_freeze(session=session, scope=scope, tenant=tenant)
            if existing is not None:
                return existing
            now = self._clock()
            freeze = add(
                Freeze(
                    scope=scope.value,
                    tenant=tenant if scope is FreezeScope.TENANT else "",
                    reason=reason,
                    set_by_id=caller.actor.user_id,
                    set_by_username=caller.actor.username,
                    set_by_name=caller.actor.display_name,
                    set_at=now,
                ),
                session=session,
            )
            session.flush()
            self._audit(
                session,
                tenant=tenant,
                story_id="",
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.SET_FREEZE,
                from_state=None,
                to_state=None,
                reason=f"[{scope.value}] {reason}",
            )
            self._events.freeze_changed(session, freeze, actor=caller.actor, reason=reason, at=now)
            return freeze

    def lift_freeze(
        self, identity: Identity, *, tenant: str, scope: FreezeScope | None, reason: str
    ) -> Freeze:
        checked = self._require_freeze_rights(identity, tenant, scope)
        caller = Caller.of(identity, tenant)
        why = reason.strip()
        with self._transaction() as session:
            freeze = repository.get_active_freeze(
                session=session, scope=checked, tenant=tenant, for_update=True
            )
            if freeze is None:
                raise NotFound(
                    "không có lệnh tạm dừng đang hiệu lực (no active freeze)",
                    reason="FREEZE_NOT_FOUND",
                )
            now = self._clock()
            freeze.active = False
            freeze.lifted_by_id = caller.actor.user_id
            freeze.lifted_by_username = caller.actor.username
            freeze.lifted_by_name = caller.actor.display_name
            freeze.lifted_at = now
            freeze.lift_reason = why
            session.add(freeze)
            self._audit(
                session,
                tenant=tenant,
                story_id="",
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.LIFT_FREEZE,
                from_state=None,
                to_state=None,
                reason=f"[{checked.value}] {why}".rstrip(),
            )
            self._events.freeze_changed(session, freeze, actor=caller.actor, reason=why, at=now)
            return freeze

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
        size = paging.page_size(page_size)
        before = paging.decode_time_key("freezes", page_token)
        with self._transaction() as session:
            rows = repository.list_freezes(
                session=session,
                tenant=tenant,
                active_only=active_only,
                before=before,
                limit=size + 1,
            )
            return paging.paginate(rows, size, lambda f: (f.set_at, f.id), "freezes")
