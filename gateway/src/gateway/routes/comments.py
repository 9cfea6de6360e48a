"""Review comments on stories (editorial-approval service)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from gateway import mappers, schemas
from gateway.deps import Member, Paging, State, StoryId, next_cursor
from gateway.openapi import upstream
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb

router = APIRouter(prefix="/v1/tenants/{tenant}/stories/{story_id}", tags=["comments"])


@router.get(
    "/comments",
    summary="Nhận xét / list comments",
    description="Cũ nhất trước / oldest first.",
    responses=upstream("editorial.ListComments"),
)
async def list_comments(
    story_id: StoryId,
    caller: Member,
    state: State,
    page: Paging,
    include_resolved: Annotated[
        bool, Query(description="Gồm cả nhận xét đã xử lý / include resolved")
    ] = True,
) -> schemas.Page[schemas.Comment]:
    reply = await state.upstreams.editorial_call(
        "ListComments",
        editorial_pb.ListCommentsRequest(
            tenant=caller.tenant,
            story_id=story_id,
            include_resolved=include_resolved,
            page_size=page.limit,
            page_token=page.cursor,
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.Comment](
        items=[mappers.comment(c) for c in reply.comments],
        next_cursor=next_cursor(reply.next_page_token),
    )


@router.post(
    "/comments",
    status_code=201,
    summary="Thêm nhận xét / add a comment",
    responses=upstream("editorial.AddComment"),
)
async def add_comment(
    story_id: StoryId, body: schemas.CommentCreate, caller: Member, state: State
) -> schemas.Comment:
    reply = await state.upstreams.editorial_call(
        "AddComment",
        mappers.add_comment_request(caller.tenant, story_id, body),
        identity=caller.identity,
    )
    return mappers.comment(reply.comment)


@router.post(
    "/comments/{comment_id}/resolve",
    summary="Đánh dấu đã xử lý / resolve a comment",
    description="Lặp lại an toàn / idempotent.",
    responses=upstream("editorial.ResolveComment"),
)
async def resolve_comment(
    story_id: StoryId,
    comment_id: Annotated[str, Path(max_length=64, pattern=schemas.NO_NUL)],
    caller: Member,
    state: State,
) -> schemas.Comment:
    reply = await state.upstreams.editorial_call(
        "ResolveComment",
        editorial_pb.ResolveCommentRequest(
            tenant=caller.tenant, story_id=story_id, comment_id=comment_id
        ),
        identity=caller.identity,
    )
    return mappers.comment(reply.comment)
