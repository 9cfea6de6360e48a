"""Stories: drafts, revisions and diffs (content service)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from gateway import mappers, schemas
from gateway.deps import SLUG_PATTERN, Member, Paging, Staff, State, StoryId, Writer, next_cursor
from gateway.openapi import upstream
from newsroom.content.v1 import content_service_pb2 as content_pb

router = APIRouter(prefix="/v1/tenants/{tenant}", tags=["stories"])

# Read by any staff of the group (the portal for signed-in staff), so the tenant in the
# path is not a membership check: content admits internal stories to every staff member.
staff_router = APIRouter(prefix="/v1/portal/tenants/{tenant}", tags=["stories"])


@staff_router.get(
    "/stories/{slug}",
    summary="Đọc bài đã đăng, kể cả nội bộ / read a published story, internal ones too",
    description="Cho nhân sự đã đăng nhập (cổng tin): bài công khai và bài nội bộ. Không "
    "lưu đệm chung (`Cache-Control: private, no-store`). / For signed-in staff (the portal): "
    "public and internal stories; never cached by shared caches.",
    response_model=schemas.PublishedStory,
    responses=upstream("content.GetPublishedStory"),
)
async def staff_published_story(
    tenant: Annotated[str, Path(pattern=SLUG_PATTERN)],
    slug: Annotated[str, Path(min_length=1, max_length=200)],
    identity: Staff,
    state: State,
    response: Response,
) -> schemas.PublishedStory:
    reply = await state.upstreams.content_call(
        "GetPublishedStory",
        content_pb.GetPublishedStoryRequest(tenant=tenant, slug=slug, include_internal=True),
        identity=identity,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return mappers.published_story(reply.story)


@router.post(
    "/stories",
    status_code=201,
    summary="Tạo bài nháp / create a draft story",
    description="Tạo bài ở trạng thái nháp với phiên bản 1, tác giả là người gọi. "
    "/ Creates a DRAFT story with revision 1 authored by the caller.",
    responses=upstream("content.CreateStory"),
)
async def create_story(body: schemas.StoryCreate, caller: Writer, state: State) -> schemas.Story:
    reply = await state.upstreams.content_call(
        "CreateStory", mappers.create_story_request(caller.tenant, body), identity=caller.identity
    )
    return mappers.story(reply.story)


@router.get(
    "/stories",
    summary="Danh sách bài / list stories",
    description="Mới cập nhật trước; lọc theo trạng thái, tác giả (`me` = tôi). "
    "/ Newest updated first; filter by status and author (`me` = the caller).",
    responses=upstream("content.ListStories"),
)
async def list_stories(
    caller: Member,
    state: State,
    page: Paging,
    status: Annotated[
        schemas.StoryStatus | None, Query(description="Trạng thái / status filter")
    ] = None,
    author: Annotated[
        str | None,
        Query(
            max_length=64,
            pattern=schemas.NO_NUL,
            description="Mã tác giả hoặc `me` / author id or `me`",
        ),
    ] = None,
    section_id: Annotated[str | None, Query(max_length=64, pattern=schemas.NO_NUL)] = None,
    type: Annotated[schemas.StoryType | None, Query(description="Loại bài / story type")] = None,
) -> schemas.Page[schemas.Story]:
    author_id = caller.identity.user_id if author == "me" else (author or "")
    request = content_pb.ListStoriesRequest(
        tenant=caller.tenant,
        page_size=page.limit,
        page_token=page.cursor,
        status=mappers.story_status_to_proto(status),
        author_id=author_id,
        section_id=section_id or "",
        type=mappers.story_type_to_proto(type),
    )
    reply = await state.upstreams.content_call("ListStories", request, identity=caller.identity)
    return schemas.Page[schemas.Story](
        items=[mappers.story(s) for s in reply.stories],
        next_cursor=next_cursor(reply.next_page_token),
    )


@router.get(
    "/stories/{story_id}",
    summary="Xem bài / get a story (latest revision)",
    responses=upstream("content.GetStory"),
)
async def get_story(story_id: StoryId, caller: Member, state: State) -> schemas.Story:
    reply = await state.upstreams.content_call(
        "GetStory",
        content_pb.GetStoryRequest(tenant=caller.tenant, story_id=story_id),
        identity=caller.identity,
    )
    return mappers.story(reply.story)


@router.put(
    "/stories/{story_id}",
    summary="Lưu bài / save a story",
    description="Thay toàn bộ các trường, tạo phiên bản mới (các lần tự lưu liên tiếp của "
    "một người gộp vào phiên bản đang viết); 409 nếu `expected_revision` hoặc "
    "`expected_version` đã cũ. / Replaces every editable field and makes a new revision "
    "(one person's consecutive autosaves fold into their working revision); 409 "
    "REVISION_CONFLICT when `expected_revision` or `expected_version` is stale.",
    responses=upstream("content.UpdateStory"),
)
async def update_story(
    story_id: StoryId, body: schemas.StoryUpdate, caller: Writer, state: State
) -> schemas.Story:
    reply = await state.upstreams.content_call(
        "UpdateStory",
        mappers.update_story_request(caller.tenant, story_id, body),
        identity=caller.identity,
    )
    return mappers.story(reply.story)


@router.get(
    "/stories/{story_id}/revisions",
    summary="Các phiên bản / list revisions",
    responses=upstream("content.ListRevisions"),
)
async def list_revisions(
    story_id: StoryId, caller: Member, state: State, page: Paging
) -> schemas.Page[schemas.Revision]:
    reply = await state.upstreams.content_call(
        "ListRevisions",
        content_pb.ListRevisionsRequest(
            tenant=caller.tenant, story_id=story_id, page_size=page.limit, page_token=page.cursor
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.Revision](
        items=[mappers.revision(r) for r in reply.revisions],
        next_cursor=next_cursor(reply.next_page_token),
    )


@router.get(
    "/stories/{story_id}/revisions/{number}",
    summary="Một phiên bản / get a revision",
    responses=upstream("content.GetRevision"),
)
async def get_revision(
    story_id: StoryId,
    number: Annotated[
        int, Path(ge=1, le=schemas.INT32_MAX, description="Số phiên bản / revision number")
    ],
    caller: Member,
    state: State,
) -> schemas.Revision:
    reply = await state.upstreams.content_call(
        "GetRevision",
        content_pb.GetRevisionRequest(tenant=caller.tenant, story_id=story_id, number=number),
        identity=caller.identity,
    )
    return mappers.revision(reply.revision)


@router.get(
    "/stories/{story_id}/preview",
    summary="Xem trước như trên cổng tin / preview a revision as the portal will show it",
    description="Bài như lần đăng phiên bản này sẽ lưu (cùng hình dạng với bài đã đăng), "
    "không lưu gì; `revision` bỏ trống là phiên bản hiện tại. Chỉ thành viên đơn vị. "
    "/ The story exactly as publishing this revision would store it (the published "
    "story's shape), nothing stored; no `revision` means the current one. Members only.",
    response_model=schemas.PublishedStory,
    responses=upstream("content.PreviewStory"),
)
async def preview_story(
    story_id: StoryId,
    caller: Member,
    state: State,
    response: Response,
    revision: Annotated[
        int | None,
        Query(ge=1, le=schemas.INT32_MAX, description="Số phiên bản / revision number"),
    ] = None,
) -> schemas.PublishedStory:
    reply = await state.upstreams.content_call(
        "PreviewStory",
        content_pb.PreviewStoryRequest(
            tenant=caller.tenant, story_id=story_id, revision=revision or 0
        ),
        identity=caller.identity,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return mappers.published_story(reply.story)


@router.get(
    "/stories/{story_id}/diff",
    summary="So sánh hai phiên bản / diff two revisions",
    description="Chỉ các trường thay đổi / changed fields only.",
    responses=upstream("content.DiffRevisions"),
)
async def diff_revisions(
    story_id: StoryId,
    caller: Member,
    state: State,
    from_: Annotated[
        int,
        Query(alias="from", ge=1, le=schemas.INT32_MAX, description="Từ phiên bản / from revision"),
    ],
    to: Annotated[
        int, Query(ge=1, le=schemas.INT32_MAX, description="Đến phiên bản / to revision")
    ],
) -> schemas.RevisionDiff:
    reply = await state.upstreams.content_call(
        "DiffRevisions",
        content_pb.DiffRevisionsRequest(
            tenant=caller.tenant, story_id=story_id, from_revision=from_, to_revision=to
        ),
        identity=caller.identity,
    )
    return mappers.revision_diff(reply)
