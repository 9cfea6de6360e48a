"""Audit use cases: writing one record inside the caller's transaction, reading the log."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from editorial_approval_service.audit import repository
from editorial_approval_service.audit.models import AuditAction, AuditRecord
from editorial_approval_service.shared import paging
from editorial_approval_service.shared.models import Actor, Role
from editorial_approval_service.shared.paging import Page
from editorial_approval_service.shared.repository import add
from editorial_approval_service.shared.service import UseCases
from newsroom_core.context import request_id_var
from newsroom_core.errors import InvalidArgument
from newsroom_core.identity import Identity


class AuditUseCases(UseCases):
    def _audit(
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
        return add(
            AuditRecord(
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
            session=session,
        )

    def list_audit_log(
        self, identity: Identity, *, tenant: str, story_id: str, page_size: int, page_token: str
    ) -> Page[AuditRecord]:
        identity.require_role(tenant, Role.EDITOR.value, Role.BOARD.value, Role.TENANT_ADMIN.value)
        size = paging.page_size(page_size)
        key = paging.decode("audit", page_token)
        before_id: int | None = None
        if key is not None:
            try:
                before_id = int(key[0])
            except (ValueError, IndexError, TypeError) as exc:
                raise InvalidArgument(
                    "page_token không hợp lệ", reason="INVALID_PAGE_TOKEN"
                ) from exc
        with self._transaction() as session:
            rows = repository.list_audit(
                session=session,
                tenant=tenant,
                story_id=story_id,
                before_id=before_id,
                limit=size + 1,
            )
            return paging.paginate(rows, size, lambda r: (r.id,), "audit")
