"""Who acts: the caller's identity, whether it holds an approval role, and what the audit
log keeps of it (actor snapshot and roles in the tenant)."""

from __future__ import annotations

from dataclasses import dataclass

from newsroom_core.actors import SYSTEM_ACTOR, Actor
from newsroom_core.enums import ApprovalRole
from newsroom_core.identity import SYSTEM, Identity

# The roles that run the desk: scheduling, publishing, corrections, nominations.
EDITORIAL_ROLES = (ApprovalRole.EDITOR.value, ApprovalRole.BOARD.value)


def holds(identity: Identity, tenant: str, role: ApprovalRole) -> bool:
    """True when the caller holds ``role`` in ``tenant`` (platform admin: a realm role)."""
    if role is ApprovalRole.PLATFORM_ADMIN:
        return identity.is_platform_admin
    return identity.has_role(tenant, role.value)


def roles_snapshot(identity: Identity, tenant: str) -> list[str]:
    """The caller's roles in ``tenant`` for the audit log."""
    roles = sorted(identity.roles_in(tenant))
    if identity.is_platform_admin:
        roles.append(ApprovalRole.PLATFORM_ADMIN.value)
    return roles


@dataclass(frozen=True, slots=True)
class Caller:
    """The acting identity plus what the audit log keeps of it for one tenant."""

    identity: Identity
    actor: Actor
    roles: list[str]

    @classmethod
    def of(cls, identity: Identity, tenant: str) -> Caller:
        return cls(
            identity=identity, actor=Actor.of(identity), roles=roles_snapshot(identity, tenant)
        )


# The scheduler and the event consumers: the audit log records them with no roles.
SYSTEM_CALLER = Caller(identity=SYSTEM, actor=SYSTEM_ACTOR, roles=[])
