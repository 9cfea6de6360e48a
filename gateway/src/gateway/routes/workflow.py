"""The editorial workflow: submit, review, schedule, publish, correct, retract, fast-track,
queues, audit log and syndication (editorial-approval service)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from gateway import mappers, schemas
from gateway.deps import (
    Auditor,
    Board,
    Desk,
    Member,
    Paging,
    Reviewer,
    State,
    StoryId,
    Writer,
    next_cursor,
)
from gateway.openapi import upstream
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb

router = APIRouter(prefix="/v1/tenants/{tenant}", tags=["workflow"])


async def _act(state: State, method: str, request: Any, caller: Any) -> schemas.WorkflowResult:
    reply = await state.upstreams.editorial_call(method, request, identity=caller.identity)
    return mappers.workflow_result(reply)


@router.post(
    "/stories/{story_id}/submit",
    summary="Gửi duyệt / submit for review",
    description="Nháp hoặc cần sửa -> chờ duyệt. Tác giả hoặc biên tập viên. "
    "/ DRAFT or CHANGES_REQUESTED -> IN_REVIEW. Author or editor.",
    responses=upstream("editorial.Submit"),
)
async def submit(
    story_id: StoryId, body: schemas.SubmitBody, caller: Writer, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.SubmitRequest(
        tenant=caller.tenant, story_id=story_id, revision=body.revision
    )
    return await _act(state, "Submit", request, caller)


@router.post(
    "/stories/{story_id}/approve",
    summary="Duyệt / approve the current stage",
    description="Không ai được tự duyệt bài của mình (4 mắt). "
    "/ Nobody approves their own story (four eyes): 409 FOUR_EYES_VIOLATION.",
    responses=upstream("editorial.Approve"),
)
async def approve(
    story_id: StoryId, body: schemas.ApproveBody, caller: Reviewer, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.ApproveRequest(
        tenant=caller.tenant, story_id=story_id, revision=body.revision, comment=body.comment
    )
    return await _act(state, "Approve", request, caller)


@router.post(
    "/stories/{story_id}/request-changes",
    summary="Yêu cầu sửa / request changes",
    responses=upstream("editorial.RequestChanges"),
)
async def request_changes(
    story_id: StoryId, body: schemas.RequestChangesBody, caller: Reviewer, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.RequestChangesRequest(
        tenant=caller.tenant, story_id=story_id, revision=body.revision, reason=body.reason
    )
    return await _act(state, "RequestChanges", request, caller)


@router.post(
    "/stories/{story_id}/schedule",
    summary="Hẹn giờ đăng / schedule publication",
    description="Đã duyệt -> hẹn giờ; `embargo` cấm đăng trước giờ hẹn. "
    "/ APPROVED -> SCHEDULED; `embargo` forbids anything going out earlier.",
    responses=upstream("editorial.Schedule"),
)
async def schedule(
    story_id: StoryId, body: schemas.ScheduleBody, caller: Desk, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.ScheduleRequest(
        tenant=caller.tenant,
        story_id=story_id,
        revision=body.revision,
        publish_at=mappers.to_ts(body.publish_at),
        embargo=body.embargo,
    )
    return await _act(state, "Schedule", request, caller)


@router.post(
    "/stories/{story_id}/unschedule",
    summary="Hủy hẹn giờ / unschedule",
    responses=upstream("editorial.Unschedule"),
)
async def unschedule(
    story_id: StoryId, body: schemas.UnscheduleBody, caller: Desk, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.UnscheduleRequest(
        tenant=caller.tenant, story_id=story_id, reason=body.reason
    )
    return await _act(state, "Unschedule", request, caller)


@router.post(
    "/stories/{story_id}/publish",
    summary="Đăng ngay / publish now",
    description="Đã duyệt -> đã đăng. 409 PUBLISHING_FROZEN khi đang tạm dừng đăng. "
    "/ APPROVED -> PUBLISHED; 409 PUBLISHING_FROZEN or EMBARGO_ACTIVE.",
    responses=upstream("editorial.Publish"),
)
async def publish(
    story_id: StoryId, body: schemas.PublishBody, caller: Desk, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.PublishRequest(
        tenant=caller.tenant, story_id=story_id, revision=body.revision
    )
    return await _act(state, "Publish", request, caller)


@router.post(
    "/stories/{story_id}/retract",
    summary="Gỡ bài / retract (takedown order)",
    description="Ban biên tập: gỡ khỏi cổng, tìm kiếm, RSS và mạng xã hội, lý do bắt buộc. "
    "/ Board only: removes the story everywhere; reason required.",
    responses=upstream("editorial.Retract"),
)
async def retract(
    story_id: StoryId, body: schemas.RetractBody, caller: Board, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.RetractRequest(
        tenant=caller.tenant, story_id=story_id, reason=body.reason
    )
    return await _act(state, "Retract", request, caller)


@router.post(
    "/stories/{story_id}/correct",
    summary="Đính chính / correct a published story",
    description="Lưu phiên bản sửa trước (PUT), rồi gửi đính chính với ghi chú công khai. "
    "/ Save the corrected revision first (PUT), then request the correction.",
    responses=upstream("editorial.Correct"),
)
async def correct(
    story_id: StoryId, body: schemas.CorrectBody, caller: Desk, state: State
) -> schemas.WorkflowResult:
    request = editorial_pb.CorrectRequest(
        tenant=caller.tenant,
        story_id=story_id,
        revision=body.revision,
        correction_note=body.correction_note,
    )
    return await _act(state, "Correct", request, caller)


@router.post(
    "/stories/{story_id}/fast-track",
    summary="Xử lý khẩn / crisis fast-track",
    description="Ban biên tập đăng, đính chính hoặc gỡ ngay, có lý do và ghi nhật ký. "
    "/ Board publishes, corrects or retracts at once, with a reason; audited.",
    responses=upstream("editorial.FastTrack"),
)
async def fast_track(
    story_id: StoryId, body: schemas.FastTrackBody, caller: Board, state: State
) -> schemas.WorkflowResult:
    request = mappers.fast_track_request(caller.tenant, story_id, body)
    return await _act(state, "FastTrack", request, caller)


@router.get(
    "/stories/{story_id}/workflow",
    summary="Quy trình của bài / a story's workflow",
    responses=upstream("editorial.GetWorkflow"),
)
async def get_workflow(story_id: StoryId, caller: Member, state: State) -> schemas.Workflow:
    reply = await state.upstreams.editorial_call(
        "GetWorkflow",
        editorial_pb.GetWorkflowRequest(tenant=caller.tenant, story_id=story_id),
        identity=caller.identity,
    )
    return mappers.workflow(reply.workflow)


@router.get(
    "/stories/{story_id}/takedown",
    summary="Tiến độ gỡ bài / takedown progress",
    description="Những nơi đã xác nhận gỡ và chưa gỡ / which copies are confirmed gone.",
    responses=upstream("editorial.GetTakedown"),
)
async def get_takedown(story_id: StoryId, caller: Member, state: State) -> schemas.Takedown:
    reply = await state.upstreams.editorial_call(
        "GetTakedown",
        editorial_pb.GetTakedownRequest(tenant=caller.tenant, story_id=story_id),
        identity=caller.identity,
    )
    return mappers.takedown(reply.takedown)


@router.post(
    "/stories/{story_id}/nominate",
    summary="Đề cử lên tập đoàn / nominate to the group tenant",
    responses=upstream("editorial.Nominate"),
)
async def nominate(
    story_id: StoryId, body: schemas.NominateBody, caller: Desk, state: State
) -> schemas.NominationResult:
    reply = await state.upstreams.editorial_call(
        "Nominate",
        editorial_pb.NominateRequest(
            tenant=caller.tenant,
            story_id=story_id,
            target_tenant=body.target_tenant,
            note=body.note,
        ),
        identity=caller.identity,
    )
    return mappers.nomination_result(reply)


@router.get(
    "/queue",
    tags=["review"],
    summary="Hàng chờ duyệt / review queue",
    description="Bài đang chờ vai trò `role`, gửi sớm nhất trước; không gồm bài của chính "
    "mình. / Stories awaiting `role`, oldest first; never the caller's own.",
    responses=upstream("editorial.ListQueue"),
)
async def queue(
    caller: Member,
    state: State,
    page: Paging,
    role: Annotated[schemas.ApprovalRole, Query(description="Vai trò duyệt / reviewing role")],
) -> schemas.Page[schemas.Workflow]:
    reply = await state.upstreams.editorial_call(
        "ListQueue",
        editorial_pb.ListQueueRequest(
            tenant=caller.tenant,
            role=mappers.approval_role_to_proto(role),
            page_size=page.limit,
            page_token=page.cursor,
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.Workflow](
        items=[mappers.workflow(w) for w in reply.workflows],
        next_cursor=next_cursor(reply.next_page_token),
    )


@router.get(
    "/audit",
    tags=["audit"],
    summary="Nhật ký duyệt / audit log",
    description="Mới nhất trước; ai, khi nào, từ, đến, vì sao, phiên bản. "
    "/ Newest first: who, when, from, to, why, revision.",
    responses=upstream("editorial.ListAuditLog"),
)
async def audit(
    caller: Auditor,
    state: State,
    page: Paging,
    story_id: Annotated[
        str | None, Query(max_length=64, pattern=schemas.NO_NUL, description="Lọc theo bài / story")
    ] = None,
) -> schemas.Page[schemas.AuditRecord]:
    reply = await state.upstreams.editorial_call(
        "ListAuditLog",
        editorial_pb.ListAuditLogRequest(
            tenant=caller.tenant,
            story_id=story_id or "",
            page_size=page.limit,
            page_token=page.cursor,
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.AuditRecord](
        items=[mappers.audit_record(r) for r in reply.records],
        next_cursor=next_cursor(reply.next_page_token),
    )
