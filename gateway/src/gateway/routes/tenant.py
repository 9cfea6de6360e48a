"""Tenant-wide settings and tools: sections, approval policy, publishing freezes, staff
search (content and editorial-approval services)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gateway import mappers, schemas
from gateway.deps import Board, Member, Paging, PolicyAdmin, SectionAdmin, State, next_cursor
from gateway.openapi import upstream
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb

router = APIRouter(prefix="/v1/tenants/{tenant}")


@router.get(
    "/sections",
    tags=["sections"],
    summary="Chuyên mục / list sections",
    responses=upstream("content.ListSections"),
)
async def list_sections(caller: Member, state: State) -> schemas.Page[schemas.Section]:
    reply = await state.upstreams.content_call(
        "ListSections",
        content_pb.ListSectionsRequest(tenant=caller.tenant),
        identity=caller.identity,
    )
    return schemas.Page[schemas.Section](items=[mappers.section(s) for s in reply.sections])


@router.post(
    "/sections",
    tags=["sections"],
    status_code=201,
    summary="Tạo chuyên mục / create a section",
    description="Quản trị đơn vị / tenant admin only.",
    responses=upstream("content.CreateSection"),
)
async def create_section(
    body: schemas.SectionCreate, caller: SectionAdmin, state: State
) -> schemas.Section:
    reply = await state.upstreams.content_call(
        "CreateSection",
        mappers.create_section_request(caller.tenant, body),
        identity=caller.identity,
    )
    return mappers.section(reply.section)


@router.get(
    "/policy",
    tags=["policy"],
    summary="Quy định duyệt / approval policy",
    responses=upstream("editorial.GetPolicy"),
)
async def get_policy(caller: Member, state: State) -> schemas.Policy:
    reply = await state.upstreams.editorial_call(
        "GetPolicy", editorial_pb.GetPolicyRequest(tenant=caller.tenant), identity=caller.identity
    )
    return mappers.policy(reply.policy)


@router.put(
    "/policy",
    tags=["policy"],
    summary="Đặt quy định duyệt / set the approval policy",
    description="Áp dụng cho các lần gửi duyệt từ nay. / Applies to submissions from now on.",
    responses=upstream("editorial.SetPolicy"),
)
async def set_policy(
    body: schemas.PolicyUpdate, caller: PolicyAdmin, state: State
) -> schemas.Policy:
    reply = await state.upstreams.editorial_call(
        "SetPolicy", mappers.set_policy_request(caller.tenant, body), identity=caller.identity
    )
    return mappers.policy(reply.policy)


@router.get(
    "/freezes",
    tags=["freezes"],
    summary="Các lệnh tạm dừng đăng / list freezes",
    responses=upstream("editorial.ListFreezes"),
)
async def list_freezes(
    caller: Member,
    state: State,
    page: Paging,
    active_only: Annotated[bool, Query(description="Chỉ lệnh đang hiệu lực / active only")] = False,
) -> schemas.Page[schemas.Freeze]:
    reply = await state.upstreams.editorial_call(
        "ListFreezes",
        editorial_pb.ListFreezesRequest(
            tenant=caller.tenant,
            active_only=active_only,
            page_size=page.limit,
            page_token=page.cursor,
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.Freeze](
        items=[mappers.freeze(f) for f in reply.freezes],
        next_cursor=next_cursor(reply.next_page_token),
    )


@router.post(
    "/freezes",
    tags=["freezes"],
    status_code=201,
    summary="Tạm dừng đăng / set a publishing freeze",
    description="Ban biên tập (đơn vị) hoặc quản trị nền tảng (toàn tập đoàn). "
    "/ Board (tenant scope) or platform admin (group scope); idempotent.",
    responses=upstream("editorial.SetFreeze"),
)
async def set_freeze(body: schemas.FreezeCreate, caller: Board, state: State) -> schemas.Freeze:
    reply = await state.upstreams.editorial_call(
        "SetFreeze",
        editorial_pb.SetFreezeRequest(
            tenant=caller.tenant,
            scope=mappers.freeze_scope_to_proto(body.scope),
            reason=body.reason,
        ),
        identity=caller.identity,
    )
    return mappers.freeze(reply.freeze)


@router.post(
    "/freezes/lift",
    tags=["freezes"],
    summary="Bỏ tạm dừng đăng / lift the freeze",
    description="Các bài bị giữ sẽ được đăng. / Held publications then run.",
    responses=upstream("editorial.LiftFreeze"),
)
async def lift_freeze(body: schemas.FreezeLift, caller: Board, state: State) -> schemas.Freeze:
    reply = await state.upstreams.editorial_call(
        "LiftFreeze",
        editorial_pb.LiftFreezeRequest(
            tenant=caller.tenant,
            scope=mappers.freeze_scope_to_proto(body.scope),
            reason=body.reason,
        ),
        identity=caller.identity,
    )
    return mappers.freeze(reply.freeze)


@router.get(
    "/search",
    tags=["search"],
    summary="Tìm bài đã đăng (kể cả nội bộ) / staff search incl. internal stories",
    description="Tìm không dấu cũng được: `truyen thong` tìm thấy `truyền thông`. "
    "/ Accent-insensitive full-text search over published stories, internal ones included.",
    responses=upstream("content.SearchPublishedStories", extra={403: ("STAFF_ROLE_REQUIRED",)}),
)
async def staff_search(
    caller: Member,
    state: State,
    page: Paging,
    q: Annotated[
        str,
        Query(
            min_length=1, max_length=500, pattern=schemas.NOT_BLANK, description="Từ khóa / query"
        ),
    ],
    section: Annotated[str | None, Query(max_length=100, pattern=schemas.NO_NUL)] = None,
) -> schemas.Page[schemas.SearchHit]:
    reply = await state.upstreams.content_call(
        "SearchPublishedStories",
        content_pb.SearchPublishedStoriesRequest(
            tenant=caller.tenant,
            query=q,
            page_size=page.limit,
            page_token=page.cursor,
            include_internal=True,
            section_slug=section or "",
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.SearchHit](
        items=[mappers.search_hit(h) for h in reply.hits],
        next_cursor=next_cursor(reply.next_page_token),
    )
