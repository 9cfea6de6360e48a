"""Policy use cases, and the effective policy (stored or default) the workflow submits by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.callers import Caller
from editorial_approval_service.policy import repository, rules
from editorial_approval_service.policy.models import Policy, Stage
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.enums import ApprovalRole, AuditAction, StoryType
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock

POLICY_ADMINS = (ApprovalRole.TENANT_ADMIN.value, ApprovalRole.BOARD.value)


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyUseCases:
    sessions: SessionFactory
    clock: Clock
    audit: AuditUseCases

    def effective(self, session: Session, tenant: str) -> Policy:
        """The tenant's stored policy, or the default one (not stored)."""
        stored = repository.get_policy(session=session, tenant=tenant)
        if stored is not None:
            return stored
        return Policy(
            tenant=tenant,
            stages=[s.to_json() for s in rules.DEFAULT_STAGES],
            official_statement_role=rules.DEFAULT_OFFICIAL_STATEMENT_ROLE.value,
            updated_at=datetime.fromtimestamp(0, UTC),
        )

    def stages_for(
        self, session: Session, tenant: str, story_type: StoryType | None
    ) -> list[Stage]:
        """The stages a story of ``story_type`` must pass under the tenant's policy."""
        policy = self.effective(session, tenant)
        return rules.stages_for(
            policy.stage_list, ApprovalRole(policy.official_statement_role), story_type
        )

    def official_statement_role(self, session: Session, tenant: str) -> ApprovalRole:
        return ApprovalRole(self.effective(session, tenant).official_statement_role)

    def get_policy(self, identity: Identity, *, tenant: str) -> Policy:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            return self.effective(session, tenant)

    def set_policy(
        self,
        identity: Identity,
        *,
        tenant: str,
        stages: Sequence[Stage],
        official_statement_role: ApprovalRole | None,
    ) -> Policy:
        identity.require_role(tenant, *POLICY_ADMINS)
        official = official_statement_role or rules.DEFAULT_OFFICIAL_STATEMENT_ROLE
        rules.validate_policy(stages, official)
        caller = Caller.of(identity, tenant)
        with session_scope(self.sessions) as session:
            policy = repository.get_policy(session=session, tenant=tenant) or Policy(tenant=tenant)
            policy.stages = [s.to_json() for s in stages]
            policy.official_statement_role = official.value
            policy.updated_at = self.clock()
            policy.updated_by_id = caller.actor.user_id
            policy.updated_by_username = caller.actor.username
            policy.updated_by_name = caller.actor.display_name
            session.add(policy)
            self.audit.record(
                session,
                caller,
                AuditAction.SET_POLICY,
                tenant=tenant,
                reason="vòng duyệt: "
                + " -> ".join(s.role.value for s in stages)
                + f"; tuyên bố chính thức: {official.value}",
            )
            return policy
