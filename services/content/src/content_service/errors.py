"""Content-specific errors: the platform hierarchy with this service's stable reasons."""

from __future__ import annotations

from newsroom_core.errors import (
    Conflict,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)


def tenant_not_found(tenant: str) -> NotFound:
    return NotFound(
        f"không tìm thấy đơn vị (tenant not found): {tenant!r}", reason="TENANT_NOT_FOUND"
    )


def story_not_found(story_id: str) -> NotFound:
    return NotFound(
        f"không tìm thấy bài viết (story not found): {story_id}", reason="STORY_NOT_FOUND"
    )


def story_gone(slug: str) -> NotFound:
    """A taken-down story: the gateway answers 410 Gone."""
    return NotFound(f"bài đã bị gỡ (story retracted): {slug}", reason="STORY_RETRACTED")


def section_not_found(section: str) -> NotFound:
    return NotFound(
        f"không tìm thấy chuyên mục (section not found): {section}", reason="SECTION_NOT_FOUND"
    )


def revision_not_found(number: int) -> NotFound:
    return NotFound(
        f"không tìm thấy phiên bản (revision not found): {number}", reason="REVISION_NOT_FOUND"
    )


def revision_conflict(expected: int, current: int) -> Conflict:
    return Conflict(
        f"bài đã được sửa bởi người khác: phiên bản hiện tại {current}, bạn sửa từ {expected} "
        "(revision conflict: reload and retry)",
        reason="REVISION_CONFLICT",
        metadata={"current_revision": str(current), "expected_revision": str(expected)},
    )


def version_conflict(expected: int, current: int, revision: int) -> Conflict:
    return Conflict(
        f"bài đã được lưu ở nơi khác sau lần bạn tải: phiên bản lưu hiện tại {current}, bạn "
        f"sửa từ {expected} (revision conflict: the story was saved since you loaded it)",
        reason="REVISION_CONFLICT",
        metadata={
            "current_revision": str(revision),
            "expected_revision": str(revision),
            "current_version": str(current),
            "expected_version": str(expected),
        },
    )


def story_retracted(story_id: str) -> FailedPrecondition:
    return FailedPrecondition(
        f"bài đã bị gỡ (story retracted): {story_id}", reason="STORY_RETRACTED"
    )


def story_locked(story_id: str, status: str) -> FailedPrecondition:
    return FailedPrecondition(
        f"bài đang ở trạng thái {status}, không thể sửa (story locked): {story_id}",
        reason="STORY_LOCKED",
        metadata={"status": status},
    )


def invalid_argument(message: str, reason: str) -> InvalidArgument:
    return InvalidArgument(message, reason=reason)
