"""Keycloak admin API (python-keycloak): tenant groups, memberships, demo users' identities.

Authenticates as the ``newsroom-gateway`` service account (client credentials; the realm
gives it realm-management roles), falling back to the master realm's admin user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakAuthenticationError, KeycloakError, KeycloakGetError

from newsroom_cli.settings import CliSettings
from newsroom_core.identity import GROUP_PREFIX, Identity

TENANTS_ROOT = GROUP_PREFIX.rstrip("/")  # "/tenants"
TIMEOUT_S = 15


class KeycloakUnavailable(Exception):
    """Keycloak cannot be reached or refuses both admin logins."""


def tenant_path(slug: str, role: str | None = None) -> str:
    return f"{GROUP_PREFIX}{slug}" + (f"/{role}" if role else "")


def connect(settings: CliSettings) -> KeycloakAdmin:
    server = settings.keycloak_url.rstrip("/") + "/"
    attempts: list[tuple[str, KeycloakOpenIDConnection]] = [
        (
            f"client {settings.keycloak_gateway_client}",
            KeycloakOpenIDConnection(
                server_url=server,
                realm_name=settings.keycloak_realm,
                client_id=settings.keycloak_gateway_client,
                client_secret_key=settings.keycloak_gateway_secret.get_secret_value(),
                grant_type="client_credentials",
                timeout=TIMEOUT_S,
            ),
        ),
        (
            f"master admin {settings.keycloak_admin}",
            KeycloakOpenIDConnection(
                server_url=server,
                username=settings.keycloak_admin,
                password=settings.keycloak_admin_password.get_secret_value(),
                realm_name=settings.keycloak_realm,
                user_realm_name="master",
                client_id="admin-cli",
                timeout=TIMEOUT_S,
            ),
        ),
    ]
    problems: list[str] = []
    for label, connection in attempts:
        try:
            connection.get_token()
        except KeycloakAuthenticationError as exc:
            problems.append(f"{label}: {exc.response_code} {_brief(exc)}")
            continue
        except KeycloakError as exc:
            raise KeycloakUnavailable(
                f"không kết nối được Keycloak tại {settings.keycloak_url} "
                f"(Keycloak not reachable: {_brief(exc)})"
            ) from exc
        return KeycloakAdmin(connection=connection)
    raise KeycloakUnavailable(
        "Keycloak từ chối đăng nhập quản trị (admin login refused): " + "; ".join(problems)
    )


def _brief(exc: KeycloakError) -> str:
    return str(getattr(exc, "error_message", "") or exc)[:200]


@dataclass(frozen=True, slots=True)
class EnsuredGroup:
    path: str
    id: str
    created: bool


class Directory:
    """The realm's tenant groups and users, through one authenticated admin client."""

    def __init__(self, admin: KeycloakAdmin) -> None:
        self.admin = admin

    # --- groups -----------------------------------------------------------------------

    def group(self, path: str) -> dict[str, Any] | None:
        try:
            found: dict[str, Any] = self.admin.get_group_by_path(path)
        except KeycloakGetError as exc:
            if exc.response_code == 404:
                return None
            raise
        return found

    def ensure_group(
        self, path: str, *, attributes: Mapping[str, Sequence[str]] | None = None
    ) -> EnsuredGroup:
        """The group at ``path``, created (with its parent's id) when missing."""
        existing = self.group(path)
        if existing is not None:
            return EnsuredGroup(path, str(existing["id"]), created=False)
        parent_path, _, name = path.rstrip("/").rpartition("/")
        parent_id = None
        if parent_path:
            parent = self.group(parent_path)
            if parent is None:
                raise KeycloakGetError(error_message=f"parent group {parent_path} missing")
            parent_id = str(parent["id"])
        payload: dict[str, Any] = {"name": name}
        if attributes:
            payload["attributes"] = {k: list(v) for k, v in attributes.items()}
        new_id = self.admin.create_group(payload, parent=parent_id, skip_exists=True)
        if new_id is None:  # created by someone else a moment ago
            again = self.group(path)
            if again is None:
                raise KeycloakGetError(error_message=f"group {path} vanished while creating")
            return EnsuredGroup(path, str(again["id"]), created=False)
        return EnsuredGroup(path, str(new_id), created=True)

    def tenant_groups(self) -> list[dict[str, Any]]:
        """The children of ``/tenants`` (one per tenant), with attributes."""
        root = self.group(TENANTS_ROOT)
        if root is None:
            return []
        children: list[dict[str, Any]] = self.admin.get_group_children(
            root["id"], {"briefRepresentation": "false"}
        )
        return sorted(children, key=lambda g: str(g.get("name", "")))

    def delete_group(self, path: str) -> bool:
        found = self.group(path)
        if found is None:
            return False
        self.admin.delete_group(found["id"])
        return True

    # --- users ------------------------------------------------------------------------

    def user(self, username: str) -> dict[str, Any] | None:
        users: list[dict[str, Any]] = self.admin.get_users({"username": username, "exact": "true"})
        for user in users:
            if str(user.get("username", "")).lower() == username.lower():
                return user
        return None

    def group_paths(self, user_id: str) -> list[str]:
        groups: list[dict[str, Any]] = self.admin.get_user_groups(user_id)
        return sorted(str(g["path"]) for g in groups)

    def realm_roles(self, user_id: str) -> list[str]:
        roles: list[dict[str, Any]] = self.admin.get_composite_realm_roles_of_user(user_id)
        return sorted(str(r["name"]) for r in roles)

    def add_member(self, user_id: str, group_id: str) -> None:
        self.admin.group_user_add(user_id, group_id)

    def remove_member(self, user_id: str, group_id: str) -> None:
        self.admin.group_user_remove(user_id, group_id)

    def identity(self, username: str) -> Identity | None:
        """The identity the gateway would forward for this user (Keycloak id as user id)."""
        user = self.user(username)
        if user is None:
            return None
        user_id = str(user["id"])
        name = " ".join(p for p in (user.get("firstName"), user.get("lastName")) if p)
        return Identity.from_groups(
            user_id=user_id,
            username=str(user["username"]),
            display_name=name,
            groups=self.group_paths(user_id),
            realm_roles=self.realm_roles(user_id),
        )
