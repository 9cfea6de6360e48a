"""The caller's identity, forwarded by the gateway to services in gRPC metadata.

The gateway validates the Keycloak token, maps ``/tenants/<slug>/<role>`` groups to
(tenant, role) pairs and forwards the result as ``x-newsroom-identity`` (base64 JSON)
signed with ``x-newsroom-identity-sig`` (HMAC-SHA256 with a key shared inside the
cluster). Services verify the signature and re-check tenant scope themselves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsroom_core.errors import PermissionDenied, Unauthenticated

IDENTITY_HEADER = "x-newsroom-identity"
SIGNATURE_HEADER = "x-newsroom-identity-sig"

TENANT_ROLES = ("contributor", "editor", "board", "spokesperson", "tenant-admin")
PLATFORM_ADMIN = "platform-admin"
OPS = "ops"
GROUP_PREFIX = "/tenants/"


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: str
    username: str
    display_name: str = ""
    tenant_roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    realm_roles: frozenset[str] = frozenset()

    @property
    def is_platform_admin(self) -> bool:
        return PLATFORM_ADMIN in self.realm_roles

    def roles_in(self, tenant: str) -> frozenset[str]:
        return self.tenant_roles.get(tenant, frozenset())

    def is_member(self, tenant: str) -> bool:
        return bool(self.roles_in(tenant)) or self.is_platform_admin

    def has_role(self, tenant: str, *roles: str) -> bool:
        return bool(self.roles_in(tenant) & set(roles))

    def require_member(self, tenant: str) -> None:
        """A caller outside the tenant is told the tenant does not exist for them."""
        if not self.is_member(tenant):
            raise PermissionDenied(
                f"không thuộc đơn vị {tenant!r} (not a member of the tenant)",
                reason="TENANT_MISMATCH",
            )

    def require_role(
        self,
        tenant: str,
        *roles: str,
        allow_platform_admin: bool = True,
        reason: str = "ROLE_REQUIRED",
    ) -> None:
        """A member of ``tenant`` holding one of ``roles`` (or a platform admin); else
        PERMISSION_DENIED with ``reason`` (TENANT_MISMATCH for a non-member)."""
        self.require_member(tenant)
        if self.has_role(tenant, *roles):
            return
        if allow_platform_admin and self.is_platform_admin:
            return
        raise PermissionDenied(
            f"cần vai trò {' hoặc '.join(roles)} tại đơn vị {tenant!r} "
            f"(needs role {' or '.join(roles)} in the tenant)",
            reason=reason,
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "sub": self.user_id,
                "username": self.username,
                "name": self.display_name,
                "tenants": {t: sorted(r) for t, r in sorted(self.tenant_roles.items())},
                "realm_roles": sorted(self.realm_roles),
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, raw: str) -> Identity:
        data = json.loads(raw)
        return cls(
            user_id=str(data["sub"]),
            username=str(data.get("username", "")),
            display_name=str(data.get("name", "")),
            tenant_roles={t: frozenset(r) for t, r in dict(data.get("tenants", {})).items()},
            realm_roles=frozenset(data.get("realm_roles", [])),
        )

    @classmethod
    def from_groups(
        cls,
        *,
        user_id: str,
        username: str,
        display_name: str,
        groups: Iterable[str],
        realm_roles: Iterable[str],
    ) -> Identity:
        """Map Keycloak group paths ``/tenants/<slug>/<role>`` to tenant roles."""
        tenant_roles: dict[str, set[str]] = {}
        for path in groups:
            if not path.startswith(GROUP_PREFIX):
                continue
            parts = path[len(GROUP_PREFIX) :].strip("/").split("/")
            if len(parts) == 2 and parts[1] in TENANT_ROLES:
                tenant_roles.setdefault(parts[0], set()).add(parts[1])
        return cls(
            user_id=user_id,
            username=username,
            display_name=display_name,
            tenant_roles={t: frozenset(r) for t, r in tenant_roles.items()},
            realm_roles=frozenset(r for r in realm_roles if r in (PLATFORM_ADMIN, OPS)),
        )


SYSTEM = Identity(user_id="system", username="system", realm_roles=frozenset({PLATFORM_ADMIN}))


def _sign(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def encode_identity(identity: Identity, key: bytes) -> list[tuple[str, str]]:
    payload = identity.to_json().encode()
    return [
        (IDENTITY_HEADER, base64.urlsafe_b64encode(payload).decode()),
        (SIGNATURE_HEADER, _sign(key, payload)),
    ]


def decode_identity(metadata: Mapping[str, str], key: bytes) -> Identity | None:
    """The verified identity, None when absent; Unauthenticated when tampered with."""
    encoded = metadata.get(IDENTITY_HEADER)
    if encoded is None:
        return None
    try:
        payload = base64.urlsafe_b64decode(encoded.encode())
    except ValueError as exc:
        raise Unauthenticated("malformed identity", reason="IDENTITY_MALFORMED") from exc
    signature = metadata.get(SIGNATURE_HEADER, "")
    if not hmac.compare_digest(signature, _sign(key, payload)):
        raise Unauthenticated("identity signature mismatch", reason="IDENTITY_SIGNATURE")
    return Identity.from_json(payload.decode())
