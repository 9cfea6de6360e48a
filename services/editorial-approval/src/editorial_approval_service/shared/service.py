"""What every aggregate's use cases share: the caller and the roles it holds, the state
each use-case mixin reads (sessions, clock) and the transaction a use case runs in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from editorial_approval_service import errors
from editorial_approval_service.shared.models import Actor, Role
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.errors import Conflict
from newsroom_core.identity import Identity

# What the audit log keeps of the scheduler's and the consumers' roles.
SYSTEM_CALLER_ROLES: list[str] = []


def holds(identity: Identity, tenant: str, role: Role) -> bool:
    """True when the caller holds ``role`` in ``tenant`` (platform admin: a realm role)."""
    if role is Role.PLATFORM_ADMIN:
        return identity.is_platform_admin
    return identity.has_role(tenant, role.value)


def roles_snapshot(identity: Identity, tenant: str) -> list[str]:
    """The caller's roles in ``tenant`` for the audit log."""
    roles = sorted(identity.roles_in(tenant))
    if identity.is_platform_admin:
        roles.append(Role.PLATFORM_ADMIN.value)
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
            identity=identity,
            actor=Actor(identity.user_id, identity.username, identity.display_name),
            roles=roles_snapshot(identity, tenant),
        )


def require_reason(value: str) -> str:
    reason = value.strip()
    if not reason:
        raise errors.reason_required()
    return reason


class UseCases:
    """Base of every use-case mixin. The entry class (``service.EditorialService``) sets
    the state in its constructor; mixins declare the further state they read."""

    _sessions: SessionFactory
    _clock: Callable[[], datetime]

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with session_scope(self._sessions) as session:
                yield session
        except StaleDataError as exc:
            raise Conflict(
                "bài vừa được người khác cập nhật: tải lại và thử lại (concurrent update)",
                reason="CONFLICT",
            ) from exc
