"""Audit use cases: the record other use cases write inside their own transaction, and
reading the log."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from editorial_approval_service.audit import repository
from editorial_approval_service.audit.models import AuditRecord
from newsroom_core import paging
from newsroom_core.actors import Actor
from newsroom_core.context import request_id_var
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import ApprovalRole, AuditAction
from newsroom_core.identity import Identity
from newsroom_core.paging import Page
from newsroom_core.timestamps import Clock

AUDITORS = (ApprovalRole.EDITOR.value, ApprovalRole.BOARD.value, ApprovalRole.TENANT_ADMIN.value)


class AuditUseCases:
    def __init__(self, *, sessions: SessionFactory, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def record(
        self,
        session: Session,
        *,
        tenant: str,
        story_id: str,
        actor: Actor,
        roles: Sequence[str],
        action: AuditAction,
        from_state: str | None,
        to_state: str | None,
        reason: str = "",
        revision: int = 0,
        fast_track: bool = False,
    ) -> AuditRecord:
        """One record in the caller's transaction (the change and its record commit
        together or not at all)."""
        return add(
            session=session,
            obj=AuditRecord(
                tenant=tenant,
                story_id=story_id,
                actor_id=actor.user_id,
                actor_username=actor.username,
                actor_name=actor.display_name,
                actor_roles=list(roles),
                action=action.value,
                from_state=from_state,
                to_state=to_state,
                reason=reason,
                revision=revision,
                fast_track=fast_track,
                at=self._clock(),
                request_id=request_id_var.get() or "",
            ),
        )

    def list_audit_log(
        self, identity: Identity, *, tenant: str, story_id: str, page_size: int, page_token: str
    ) -> Page[AuditRecord]:
        identity.require_role(tenant, *AUDITORS)
        size = paging.page_size(page_size)
        before_id = paging.int_cursor(paging.decode_token("audit", "", page_token))
        with session_scope(self._sessions) as session:
            rows = repository.list_audit(
                session=session,
                tenant=tenant,
                story_id=story_id,
                before_id=before_id,
                limit=size + 1,
            )
            return paging.paginate(rows, size, kind="audit", scope="", cursor_of=lambda r: [r.id])
