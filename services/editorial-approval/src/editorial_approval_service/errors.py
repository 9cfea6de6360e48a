"""Domain errors of the editorial-approval service, with their stable reasons.

Messages are Vietnamese first, English where it helps the reader of a log.
"""

from __future__ import annotations

from newsroom_core.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)


def workflow_not_found(story_id: str) -> NotFound:
    return NotFound(
        f"không tìm thấy quy trình duyệt của bài {story_id} (workflow not found)",
        reason="WORKFLOW_NOT_FOUND",
    )


def stale_revision(expected: int, got: int) -> FailedPrecondition:
    return FailedPrecondition(
        f"phiên bản {got} không phải phiên bản hiện hành {expected}: tải lại và thử lại "
        "(stale revision)",
        reason="STALE_REVISION",
        metadata={"expected_revision": str(expected), "revision": str(got)},
    )


def four_eyes() -> FailedPrecondition:
    return FailedPrecondition(
        "tác giả không được tự duyệt bài của mình (four-eyes rule)",
        reason="FOUR_EYES_VIOLATION",
    )


def same_approver() -> FailedPrecondition:
    return FailedPrecondition(
        "một người không được duyệt hai vòng của cùng một bài (same approver)",
        reason="SAME_APPROVER",
    )


def not_stage_approver(role: str) -> PermissionDenied:
    return PermissionDenied(
        f"vòng duyệt hiện tại cần vai trò {role} (needs the current stage's role)",
        reason="NOT_STAGE_APPROVER",
        metadata={"role": role},
    )


def not_author() -> PermissionDenied:
    return PermissionDenied(
        "chỉ tác giả, biên tập viên hoặc ban biên tập được gửi duyệt bài này",
        reason="NOT_AUTHOR",
    )


def reason_required() -> InvalidArgument:
    return InvalidArgument("cần nêu lý do (reason required)", reason="REASON_REQUIRED")


def correction_note_required() -> InvalidArgument:
    return InvalidArgument(
        "cần ghi chú đính chính (correction note required)", reason="CORRECTION_NOTE_REQUIRED"
    )


def publishing_frozen() -> FailedPrecondition:
    return FailedPrecondition(
        "đang tạm dừng xuất bản (publishing freeze active)", reason="PUBLISHING_FROZEN"
    )


def embargo_active() -> FailedPrecondition:
    return FailedPrecondition(
        "bài đang trong thời gian cấm đăng (embargo active)", reason="EMBARGO_ACTIVE"
    )


def spokesperson_signoff_required() -> FailedPrecondition:
    return FailedPrecondition(
        "tuyên bố chính thức cần người phát ngôn duyệt trước (spokesperson sign-off required)",
        reason="SPOKESPERSON_SIGNOFF_REQUIRED",
    )


def already_nominated(target: str) -> FailedPrecondition:
    return FailedPrecondition(
        f"bài đã được đề cử lên {target} (already nominated)", reason="ALREADY_NOMINATED"
    )


def media_not_publishable(problems: tuple[tuple[str, str], ...]) -> FailedPrecondition:
    """The story's media are not ready to be published (alt text, processing)."""
    listed = ", ".join(f"{asset}: {reason}" for asset, reason in problems[:10])
    return FailedPrecondition(
        f"ảnh, video của bài chưa thể đăng: {listed} (media not publishable: every image "
        f"needs alt text and every file must be processed)",
        reason="MEDIA_NOT_PUBLISHABLE",
        metadata={
            "problems": ";".join(f"{asset}={reason}" for asset, reason in problems),
        },
    )


def require_publishable_media(problems: tuple[tuple[str, str], ...]) -> None:
    if problems:
        raise media_not_publishable(problems)


def require_reason(value: str) -> str:
    """``value`` trimmed; REASON_REQUIRED when nothing is left."""
    reason = value.strip()
    if not reason:
        raise reason_required()
    return reason
