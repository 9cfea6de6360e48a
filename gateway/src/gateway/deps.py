"""FastAPI dependencies: gateway state, the authenticated caller, coarse role checks.

The gateway checks the coarse permission of each route (tenant membership and the roles
that may ever call it); the services re-check every rule themselves (defence in depth).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from gateway.auth import Authenticator
from gateway.cache import PublicCache
from gateway.clients import Backends
from gateway.errors import ApiError, unauthenticated
from gateway.events import CacheInvalidator
from gateway.openapi import CURSOR_DESCRIPTION, CURSOR_PATTERN
from gateway.schemas import NO_NUL
from gateway.settings import GatewaySettings
from gateway.sites import SiteDirectory
from newsroom_core.context import tenant_var
from newsroom_core.identity import Identity

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"

# Coarse role sets per route family (platform admins pass every check).
ANY_MEMBER: tuple[str, ...] = ()
WRITERS = ("contributor", "editor", "board")
REVIEWERS = ("editor", "board", "spokesperson", "tenant-admin")
DESK = ("editor", "board")
BOARD = ("board",)
SECTION_ADMINS = ("tenant-admin",)
POLICY_ADMINS = ("tenant-admin", "board")
AUDITORS = ("editor", "board", "tenant-admin")


@dataclass
class GatewayState:
    settings: GatewaySettings
    authenticator: Authenticator
    cache: PublicCache
    backends: Backends | None = None
    invalidator: CacheInvalidator | None = None
    sites: SiteDirectory | None = None
    # Components routes add for themselves (the live hub, the people directory).
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def site_directory(self) -> SiteDirectory:
        if self.sites is None:
            self.sites = SiteDirectory(self.settings.public)
        return self.sites

    @property
    def upstreams(self) -> Backends:
        if self.backends is None:
            raise RuntimeError("gateway not started (lifespan has not run)")
        return self.backends


async def get_state(request: Request) -> GatewayState:
    # async on purpose: FastAPI runs a sync dependency in a worker thread
    state = request.app.state.gateway
    assert isinstance(state, GatewayState)
    return state


State = Annotated[GatewayState, Depends(get_state)]

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="keycloak",
    bearerFormat="JWT",
    description="Mã truy cập Keycloak (realm newsroom) / Keycloak access token",
)


async def current_identity(
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Identity:
    if credentials is None or not credentials.credentials:
        raise unauthenticated(
            "Cần đăng nhập: thiếu mã truy cập Bearer (missing bearer token).",
            reason="TOKEN_MISSING",
        )
    return await state.authenticator.authenticate(credentials.credentials)


CurrentIdentity = Annotated[Identity, Depends(current_identity)]

TenantSlug = Annotated[
    str,
    Path(pattern=SLUG_PATTERN, description="Mã đơn vị (tenant), ví dụ halong / tenant slug"),
]
StoryId = Annotated[
    str, Path(max_length=64, pattern=NO_NUL, description="Mã bài (UUID) / story id")
]
# The pattern is documented, not enforced here: the service judges every cursor, so any
# malformed one is the same 400 INVALID_PAGE_TOKEN.
Cursor = Annotated[
    str | None,
    Query(
        max_length=2000,
        description=CURSOR_DESCRIPTION,
        json_schema_extra={"pattern": CURSOR_PATTERN},
    ),
]


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated caller acting in one tenant."""

    identity: Identity
    tenant: str


def tenant_role(*roles: str) -> Callable[[str, Identity], Awaitable[Caller]]:
    """A dependency admitting members of the path's tenant holding one of ``roles``."""

    async def dependency(tenant: TenantSlug, identity: CurrentIdentity) -> Caller:
        if not identity.is_member(tenant):
            raise ApiError(
                403,
                f"Bạn không thuộc đơn vị {tenant!r} (not a member of this tenant).",
                reason="TENANT_MISMATCH",
            )
        if roles and not (identity.has_role(tenant, *roles) or identity.is_platform_admin):
            raise ApiError(
                403,
                f"Cần vai trò {' hoặc '.join(roles)} (needs role {' or '.join(roles)}).",
                reason="ROLE_REQUIRED",
            )
        tenant_var.set(tenant)
        return Caller(identity, tenant)

    dependency.required_roles = roles  # type: ignore[attr-defined]
    return dependency


async def staff_identity(identity: CurrentIdentity) -> Identity:
    """Any signed-in staff of the group: a role in some tenant, or platform admin."""
    if identity.is_platform_admin or any(identity.tenant_roles.values()):
        return identity
    raise ApiError(
        403,
        "Chỉ nhân sự của tập đoàn xem được bài nội bộ (staff role required).",
        reason="STAFF_ROLE_REQUIRED",
    )


Staff = Annotated[Identity, Depends(staff_identity)]

Member = Annotated[Caller, Depends(tenant_role(*ANY_MEMBER))]
Writer = Annotated[Caller, Depends(tenant_role(*WRITERS))]
Reviewer = Annotated[Caller, Depends(tenant_role(*REVIEWERS))]
Desk = Annotated[Caller, Depends(tenant_role(*DESK))]
Board = Annotated[Caller, Depends(tenant_role(*BOARD))]
SectionAdmin = Annotated[Caller, Depends(tenant_role(*SECTION_ADMINS))]
PolicyAdmin = Annotated[Caller, Depends(tenant_role(*POLICY_ADMINS))]
Auditor = Annotated[Caller, Depends(tenant_role(*AUDITORS))]


@dataclass(frozen=True, slots=True)
class PageParams:
    cursor: str
    limit: int


async def page_params(
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Số phần tử mỗi trang / page size")] = 20,
) -> PageParams:
    return PageParams(cursor=cursor or "", limit=limit)


Paging = Annotated[PageParams, Depends(page_params)]


def next_cursor(token: str) -> str | None:
    return token or None
