"""People's roles in a tenant, kept where they live: Keycloak groups
``/tenants/<slug>/<role>`` (python-keycloak's admin API, as the gateway's own service
account, which the realm grants realm-management user and group roles).

Only the groups under one tenant are ever read or changed through here, so a tenant
admin manages their tenant and nothing else. A person's new roles reach their access
token at its next renewal (minutes): the app renews silently.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import requests
import urllib3
from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakError, KeycloakGetError
from pydantic import BaseModel, Field

from gateway.errors import ApiError
from newsroom_core.auth import KeycloakSettings
from newsroom_core.identity import GROUP_PREFIX, TENANT_ROLES

TIMEOUT_S = 10


class Person(BaseModel):
    """Một người trong đơn vị / a person and their roles in the tenant."""

    user_id: str = Field(description="Mã người dùng Keycloak / Keycloak user id")
    username: str
    display_name: str
    email: str
    roles: list[str] = Field(description="Vai trò trong đơn vị / roles in this tenant")


@dataclass(frozen=True, slots=True)
class RoleChange:
    person: Person
    before: list[str]


class PeoplePage(BaseModel):
    items: list[Person]


class RolesUpdate(BaseModel):
    model_config = {"extra": "forbid"}

    roles: list[str] = Field(
        description="Toàn bộ vai trò mới trong đơn vị (rỗng = rời đơn vị) / the complete new "
        "set of roles in the tenant (empty removes the person)"
    )


class PersonAdd(RolesUpdate):
    username: str = Field(min_length=1, max_length=255, description="Tên đăng nhập / username")


def check_roles(roles: Iterable[str]) -> list[str]:
    wanted = sorted(set(roles))
    unknown = [r for r in wanted if r not in TENANT_ROLES]
    if unknown:
        raise ApiError(
            400,
            f"Vai trò không hợp lệ: {', '.join(unknown)} (unknown roles; allowed: "
            f"{', '.join(TENANT_ROLES)}).",
            reason="INVALID_ROLE",
        )
    return wanted


def _display_name(user: dict[str, Any]) -> str:
    return " ".join(str(p) for p in (user.get("firstName"), user.get("lastName")) if p)


class TenantDirectory:
    """Synchronous python-keycloak calls; the routes run them in worker threads."""

    def __init__(self, settings: KeycloakSettings) -> None:
        self.settings = settings
        self._admin: KeycloakAdmin | None = None
        self._lock = threading.Lock()

    def _client(self) -> KeycloakAdmin:
        with self._lock:
            if self._admin is None:
                connection = KeycloakOpenIDConnection(
                    server_url=self.settings.url.rstrip("/") + "/",
                    realm_name=self.settings.realm,
                    client_id=self.settings.client_id,
                    client_secret_key=self.settings.client_secret.get_secret_value(),
                    grant_type="client_credentials",
                    timeout=TIMEOUT_S,
                )
                self._admin = KeycloakAdmin(connection=connection)
            return self._admin

    def _role_groups(self, tenant: str) -> dict[str, str]:
        """role -> group id of the tenant's role groups."""
        try:
            root: dict[str, Any] = self._client().get_group_by_path(f"{GROUP_PREFIX}{tenant}")
        except KeycloakGetError as exc:
            if exc.response_code == 404:
                raise ApiError(
                    404, f"Đơn vị {tenant!r} chưa có trong Keycloak.", reason="TENANT_NOT_FOUND"
                ) from exc
            raise
        children: list[dict[str, Any]] = self._client().get_group_children(root["id"])
        return {str(g["name"]): str(g["id"]) for g in children if g.get("name") in TENANT_ROLES}

    def people(self, tenant: str) -> list[Person]:
        found: dict[str, Person] = {}
        for role, group_id in sorted(self._role_groups(tenant).items()):
            members: list[dict[str, Any]] = self._client().get_group_members(group_id)
            for user in members:
                person = found.get(str(user["id"]))
                if person is None:
                    person = Person(
                        user_id=str(user["id"]),
                        username=str(user.get("username", "")),
                        display_name=_display_name(user),
                        email=str(user.get("email", "") or ""),
                        roles=[],
                    )
                    found[person.user_id] = person
                person.roles.append(role)
        return sorted(found.values(), key=lambda p: p.username)

    def user_id_of(self, username: str) -> str:
        users: list[dict[str, Any]] = self._client().get_users(
            {"username": username, "exact": "true"}
        )
        for user in users:
            if str(user.get("username", "")).lower() == username.lower():
                return str(user["id"])
        raise ApiError(404, f"Không có người dùng {username!r}.", reason="USER_NOT_FOUND")

    def set_roles(self, tenant: str, user_id: str, roles: list[str]) -> RoleChange:
        """The person's roles in ``tenant`` made exactly ``roles``; returns them with
        the roles they had before (for the audit log, and to undo)."""
        groups = self._role_groups(tenant)
        client = self._client()
        try:
            user: dict[str, Any] = client.get_user(user_id)
        except KeycloakGetError as exc:
            if exc.response_code == 404:
                raise ApiError(404, "Không có người dùng này.", reason="USER_NOT_FOUND") from exc
            raise
        current = {
            str(g["name"])
            for g in client.get_user_groups(user_id)
            if str(g.get("path", "")).startswith(f"{GROUP_PREFIX}{tenant}/")
        }
        for role in sorted(set(roles) - current):
            client.group_user_add(user_id, groups[role])
        for role in sorted(current - set(roles)):
            if role in groups:
                client.group_user_remove(user_id, groups[role])
        person = Person(
            user_id=user_id,
            username=str(user.get("username", "")),
            display_name=_display_name(user),
            email=str(user.get("email", "") or ""),
            roles=sorted(roles),
        )
        return RoleChange(person, sorted(current & set(groups)))

    async def run(self, call: Any, *args: Any) -> Any:
        try:
            return await asyncio.to_thread(call, *args)
        except KeycloakError as exc:
            with self._lock:
                self._admin = None  # a fresh login next time
            if _timed_out(exc):
                raise ApiError(
                    504,
                    "Keycloak không trả lời kịp (directory timed out).",
                    reason="DEADLINE_EXCEEDED",
                ) from exc
            raise ApiError(
                503,
                "Không gọi được Keycloak (directory unavailable).",
                reason="DIRECTORY_UNAVAILABLE",
            ) from exc


def _timed_out(exc: BaseException) -> bool:
    """Whether a python-keycloak error is a request that ran past ``TIMEOUT_S``: its
    connection error wraps requests' error, which (with retries) wraps urllib3's
    ``MaxRetryError`` whose reason is the read or connect timeout."""
    seen: BaseException | None = exc
    while seen is not None:
        reason = getattr(seen.args[0], "reason", None) if seen.args else None
        for candidate in (seen, reason):
            # urllib3's NewConnectionError (refused, unreachable) subclasses its
            # ConnectTimeoutError for history's sake: that is unavailable, not slow.
            if isinstance(candidate, urllib3.exceptions.NewConnectionError):
                return False
            if isinstance(candidate, requests.Timeout | urllib3.exceptions.TimeoutError):
                return True
        seen = seen.__cause__ or seen.__context__
    return False
