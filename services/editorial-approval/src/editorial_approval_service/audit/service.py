"""Audit use cases: the record other use cases write inside their own transaction, and
reading the log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from editorial_approval_service.audit import repository
from editorial_approval_service.audit.models import AuditRecord
from editorial_approval_service.callers import Caller
from newsroom_core import paging
from newsroom_core.actors import Actor
from newsroom_core.context import request_id_var
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import ApprovalRole, AuditAction
from newsroom_core.errors import InvalidArgument
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest
from newsroom_core.timestamps import Clock

AUDITORS = (ApprovalRole.EDITOR.value, ApprovalRole.BOARD.value, ApprovalRole.TENANT_ADMIN.value)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditUseCases:
    sessions: SessionFactory
    clock: Clock

    def record(
        self,
        session: Session,
        caller: Caller,
        action: AuditAction,
        *,
        tenant: str,
        story_id: str = "",
        from_state: str | None = None,
        to_state: str | None = None,
        reason: str = "",
        revision: int = 0,
        fast_track: bool = False,
        subject: Actor | None = None,
        roles_before: list[str] | None = None,
        roles_after: list[str] | None = None,
    ) -> AuditRecord:
        """One record of ``caller``'s ``action`` in the use case's transaction (the change
        and its record commit together or not at all); no story for tenant-wide actions,
        no states for actions on no workflow."""
        actor = caller.actor
        return add(
            session=session,
            obj=AuditRecord(
                tenant=tenant,
                story_id=story_id,
                actor_id=actor.user_id,
                actor_username=actor.username,
                actor_name=actor.display_name,
                actor_roles=list(caller.roles),
                action=action.value,
                from_state=from_state,
                to_state=to_state,
                reason=reason,
                revision=revision,
                fast_track=fast_track,
                at=self.clock(),
                request_id=request_id_var.get() or "",
                subject_id=subject.user_id if subject else "",
                subject_username=subject.username if subject else "",
                subject_name=subject.display_name if subject else "",
                roles_before=sorted(set(roles_before or [])),
                roles_after=sorted(set(roles_after or [])),
            ),
        )

    def record_role_change(
        self,
        identity: Identity,
        *,
        tenant: str,
        subject: Actor,
        before: list[str],
        after: list[str],
    ) -> AuditRecord:
        """See EditorialApprovalService.RecordRoleChange (Keycloak holds the roles; the
        gateway records each change it made there, as the tenant admin who made it)."""
        identity.require_role(tenant, ApprovalRole.TENANT_ADMIN.value)
        if not subject.user_id:
            raise InvalidArgument(
                "cần người được đổi vai trò (subject user id required)", reason="SUBJECT_REQUIRED"
            )
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            return self.record(
                session,
                caller,
                AuditAction.CHANGE_ROLES,
                tenant=tenant,
                subject=subject,
                roles_before=before,
                roles_after=after,
            )

    def list_audit_log(
        self, identity: Identity, *, tenant: str, story_id: str, page_size: int, page_token: str
    ) -> Page[AuditRecord]:
        identity.require_role(tenant, *AUDITORS)
        request = PageRequest.of("audit", "", page_size, page_token)
        with session_scope(self.sessions) as session:
            rows = repository.list_audit(
                session=session,
                tenant=tenant,
                story_id=story_id,
                before_id=paging.int_cursor(request.cursor),
                limit=request.limit,
            )
            return request.page(rows, lambda r: [r.id])
