"""Policy use cases, and the effective policy (stored or default) the workflow submits by."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlmodel import Session

from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.policy import repository, rules
from editorial_approval_service.policy.models import Policy, Stage
from editorial_approval_service.shared.models import Role
from editorial_approval_service.shared.service import Caller
from newsroom_core.identity import Identity


class PolicyUseCases(AuditUseCases):
    def _policy(self, session: Session, tenant: str) -> Policy:
        stored = repository.get_policy(session=session, tenant=tenant)
        if stored is not None:
            return stored
        return Policy(
            tenant=tenant,
            stages=[s.to_json() for s in rules.DEFAULT_STAGES],
            official_statement_role=rules.DEFAULT_OFFICIAL_STATEMENT_ROLE.value,
            updated_at=datetime.fromtimestamp(0, UTC),
        )

    def get_policy(self, identity: Identity, *, tenant: str) -> Policy:
        identity.require_member(tenant)
        with self._transaction() as session:
            return self._policy(session, tenant)

    def set_policy(
        self,
        identity: Identity,
        *,
        tenant: str,
        stages: Sequence[Stage],
        official_statement_role: Role | None,
    ) -> Policy:
        identity.require_role(tenant, Role.TENANT_ADMIN.value, Role.BOARD.value)
        official = official_statement_role or rules.DEFAULT_OFFICIAL_STATEMENT_ROLE
        rules.validate_policy(stages, official)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            policy = repository.get_policy(session=session, tenant=tenant) or Policy(tenant=tenant)
            policy.stages = [s.to_json() for s in stages]
            policy.official_statement_role = official.value
            policy.updated_at = self._clock()
            policy.updated_by_id = caller.actor.user_id
            policy.updated_by_username = caller.actor.username
            policy.updated_by_name = caller.actor.display_name
            session.add(policy)
            self._audit(
                session,
                tenant=tenant,
                story_id="",
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.SET_POLICY,
                from_state=None,
                to_state=None,
                reason="vòng duyệt: "
                + " -> ".join(s.role.value for s in stages)
                + f"; tuyên bố chính thức: {official.value}",
            )
            return policy
