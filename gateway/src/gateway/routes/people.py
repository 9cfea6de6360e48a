"""People's roles in a tenant (tenant admin), through Keycloak's admin API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from gateway.deps import Caller, State, tenant_role
from gateway.errors import ApiError
from gateway.openapi import directory as directory_errors
from gateway.people import PeoplePage, Person, PersonAdd, RolesUpdate, TenantDirectory, check_roles

router = APIRouter(prefix="/v1/tenants/{tenant}/people", tags=["people"])

DIRECTORY_KEY = "people"
PeopleAdmin = Annotated[Caller, Depends(tenant_role("tenant-admin"))]
UserId = Annotated[str, Path(max_length=64, description="Mã người dùng Keycloak / user id")]


def directory_of(state: State) -> TenantDirectory:
    found = state.extra.get(DIRECTORY_KEY)
    if not isinstance(found, TenantDirectory):
        found = TenantDirectory(state.settings.keycloak)
        state.extra[DIRECTORY_KEY] = found
    return found


def _keep_own_admin(caller: Caller, user_id: str, roles: list[str]) -> None:
    if user_id == caller.identity.user_id and "tenant-admin" not in roles:
        if not caller.identity.is_platform_admin:
            raise ApiError(
                409,
                "Không thể tự bỏ vai trò quản trị đơn vị của mình (you cannot remove your own "
                "tenant-admin role; ask another admin).",
                reason="SELF_DEMOTION",
            )


@router.get("", summary="Người trong đơn vị / people and their roles", responses=directory_errors())
async def list_people(caller: PeopleAdmin, state: State) -> PeoplePage:
    directory = directory_of(state)
    people: list[Person] = await directory.run(directory.people, caller.tenant)
    return PeoplePage(items=people)


@router.post(
    "",
    status_code=201,
    summary="Thêm người vào đơn vị / add a person (existing account) with roles",
    responses=directory_errors({400: ("INVALID_ROLE",), 404: ("USER_NOT_FOUND",)}),
)
async def add_person(body: PersonAdd, caller: PeopleAdmin, state: State) -> Person:
    roles = check_roles(body.roles)
    if not roles:
        raise ApiError(400, "Cần ít nhất một vai trò (at least one role).", reason="INVALID_ROLE")
    directory = directory_of(state)
    user_id: str = await directory.run(directory.user_id_of, body.username)
    person: Person = await directory.run(directory.set_roles, caller.tenant, user_id, roles)
    return person


@router.put(
    "/{user_id}/roles",
    summary="Đặt vai trò / set a person's roles in the tenant",
    description="Thay toàn bộ vai trò trong đơn vị này; không đụng tới đơn vị khác. "
    "/ Replaces the person's roles in this tenant only; empty removes them from it.",
    responses=directory_errors(
        {400: ("INVALID_ROLE",), 404: ("USER_NOT_FOUND",), 409: ("SELF_DEMOTION",)}
    ),
)
async def set_roles(
    user_id: UserId, body: RolesUpdate, caller: PeopleAdmin, state: State
) -> Person:
    roles = check_roles(body.roles)
    _keep_own_admin(caller, user_id, roles)
    directory = directory_of(state)
    person: Person = await directory.run(directory.set_roles, caller.tenant, user_id, roles)
    return person
