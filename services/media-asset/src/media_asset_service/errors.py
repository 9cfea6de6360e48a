"""Media-asset errors: the platform hierarchy with this service's stable reasons.

Every refusal of an upload says which rule it broke (PeerTube's users complain of
uploads that fail with no reason): the reason is UPPER_SNAKE, the message bilingual, and
``metadata`` carries the numbers (limit, size, quota) a client shows.
"""

from __future__ import annotations

import grpc

from newsroom_core.errors import (
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)


class QuotaExceeded(DomainError):
    """The tenant's storage quota would be exceeded: RESOURCE_EXHAUSTED."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED
    default_reason = "QUOTA_EXCEEDED"


def asset_not_found(asset_id: str) -> NotFound:
    return NotFound(
        f"không tìm thấy tệp đa phương tiện (asset not found): {asset_id}",
        reason="ASSET_NOT_FOUND",
    )


def version_not_found(asset_id: str, version: int) -> NotFound:
    return NotFound(
        f"không có phiên bản {version} của tệp (version not found): {asset_id}",
        reason="VERSION_NOT_FOUND",
        metadata={"asset_id": asset_id, "version": str(version)},
    )


def rendition_not_found(path: str) -> NotFound:
    return NotFound(
        f"không có tệp dẫn xuất (rendition not found): {path}", reason="RENDITION_NOT_FOUND"
    )


def not_published() -> NotFound:
    """Drafts and retracted stories' media answer exactly like files that do not exist."""
    return NotFound("tệp không công khai (media not published)", reason="MEDIA_NOT_PUBLISHED")


def invalid(message: str, reason: str, **metadata: str) -> InvalidArgument:
    return InvalidArgument(message, reason=reason, metadata=metadata)


def precondition(message: str, reason: str, **metadata: str) -> FailedPrecondition:
    return FailedPrecondition(message, reason=reason, metadata=metadata)


def file_too_large(kind: str, size: int, limit: int) -> InvalidArgument:
    return invalid(
        f"tệp quá lớn: {size} byte, tối đa {limit} cho loại {kind} "
        f"(file too large: {size} bytes, limit {limit} for {kind})",
        "FILE_TOO_LARGE",
        kind=kind,
        size_bytes=str(size),
        limit_bytes=str(limit),
    )


def quota_exceeded(used: int, size: int, quota: int) -> QuotaExceeded:
    return QuotaExceeded(
        f"vượt hạn mức lưu trữ của đơn vị: đã dùng {used}, thêm {size}, hạn mức {quota} "
        f"(tenant storage quota exceeded)",
        reason="QUOTA_EXCEEDED",
        metadata={"used_bytes": str(used), "size_bytes": str(size), "quota_bytes": str(quota)},
    )


def asset_in_use(asset_id: str) -> FailedPrecondition:
    return precondition(
        f"tệp đang được dùng trong bài đã đăng, không thể xoá (asset used by a published "
        f"story): {asset_id}",
        "ASSET_IN_USE",
    )


def not_ready(asset_id: str, status: str) -> FailedPrecondition:
    return precondition(
        f"tệp chưa sẵn sàng ({status}) (asset not ready): {asset_id}",
        "ASSET_NOT_READY",
        status=status,
    )


def platform_admin_required() -> PermissionDenied:
    return PermissionDenied(
        "chỉ quản trị nền tảng (platform admin only)", reason="PLATFORM_ADMIN_REQUIRED"
    )
