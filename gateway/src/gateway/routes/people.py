"""People's roles in a tenant (tenant admin), through Keycloak's admin API."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from gateway.deps import Caller, State, tenant_role
from gateway.errors import ApiError
from gateway.openapi import directory as directory_errors
from gateway.people import (
    PeoplePage,
    Person,
    PersonAdd,
    RoleChange,
    RolesUpdate,
    TenantDirectory,
    check_roles,
)
from newsroom.common.v1 import actor_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1 import policy_pb2
from newsroom_core.enums import to_proto

log = logging.getLogger(__name__)

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
    responses=directory_errors(
        {400: ("INVALID_ROLE",), 404: ("USER_NOT_FOUND",)}, "editorial.RecordRoleChange"
    ),
)
async def add_person(body: PersonAdd, caller: PeopleAdmin, state: State) -> Person:
    roles = check_roles(body.roles)
    if not roles:
        raise ApiError(400, "Cần ít nhất một vai trò (at least one role).", reason="INVALID_ROLE")
    directory = directory_of(state)
    user_id: str = await directory.run(directory.user_id_of, body.username)
    return await _change_roles(state, caller, user_id, roles)


@router.put(
    "/{user_id}/roles",
    summary="Đặt vai trò / set a person's roles in the tenant",
    description="Thay toàn bộ vai trò trong đơn vị này; không đụng tới đơn vị khác. Mỗi thay "
    "đổi được ghi vào nhật ký đơn vị; không ghi được thì hoàn lại. / Replaces the person's "
    "roles in this tenant only; empty removes them from it. Every change is recorded in "
    "the tenant's audit log; a change that cannot be recorded is undone.",
    responses=directory_errors(
        {400: ("INVALID_ROLE",), 404: ("USER_NOT_FOUND",), 409: ("SELF_DEMOTION",)},
        "editorial.RecordRoleChange",
    ),
)
async def set_roles(
    user_id: UserId, body: RolesUpdate, caller: PeopleAdmin, state: State
) -> Person:
    roles = check_roles(body.roles)
    _keep_own_admin(caller, user_id, roles)
    return await _change_roles(state, caller, user_id, roles)


async def _change_roles(state: State, caller: Caller, user_id: str, roles: list[str]) -> Person:
    """Keycloak holds the roles, the tenant's audit log records who changed them: a
    change the log refuses (or cannot take now) is undone, never left unrecorded."""
    directory = directory_of(state)
    change: RoleChange = await directory.run(directory.set_roles, caller.tenant, user_id, roles)
    if change.before == change.person.roles:
        return change.person  # nothing changed: nothing to record
    person = change.person
    request = editorial_pb.RecordRoleChangeRequest(
        tenant=caller.tenant,
        subject=actor_pb2.Actor(
            user_id=person.user_id, username=person.username, display_name=person.display_name
        ),
        roles_before=[to_proto(policy_pb2.ApprovalRole, r) for r in change.before],
        roles_after=[to_proto(policy_pb2.ApprovalRole, r) for r in person.roles],
    )
    try:
        await state.upstreams.editorial_call("RecordRoleChange", request, identity=caller.identity)
    except BaseException:
        log.warning(
            "role change not recorded: undone",
            extra={"tenant": caller.tenant, "subject": user_id},
        )
        await directory.run(directory.set_roles, caller.tenant, user_id, change.before)
        raise
    return person
