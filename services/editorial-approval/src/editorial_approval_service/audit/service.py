"""Audit use cases: the record other use cases write inside their own transaction, and
reading the log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from editorial_approval_service.audit import repository
from editorial_approval_service.audit.models import AuditRecord
from editorial_approval_service.callers import Caller
from newsroom_core import paging
from newsroom_core.context import request_id_var
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import ApprovalRole, AuditAction
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
            ),
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
