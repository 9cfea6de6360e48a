"""What content asks the media service when a story is saved or checked: whether each
attached asset belongs to the tenant (asked as the editor, so the media service applies
its own tenant rules), which version to pin, and what stops it being published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import grpc

from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom.media_asset.v1 import media_asset_service_pb2_grpc as pb_grpc
from newsroom_core.enums import AssetKind, from_proto
from newsroom_core.errors import (
    DomainError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unavailable,
)
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import Identity

MEDIA_SERVICE = "newsroom.media_asset.v1.MediaAssetService"


@dataclass(frozen=True, slots=True)
class Pinned:
    asset_id: str
    version: int
    kind: str
    # (reason, asset id) pairs: ALT_TEXT_MISSING, NOT_READY, ...
    problems: tuple[tuple[str, str], ...]


class MediaDirectory(Protocol):
    def resolve(
        self, identity: Identity, tenant: str, items: Sequence[tuple[str, int]]
    ) -> list[Pinned]: ...


class GrpcMediaDirectory:
    """``MediaAssetService.ResolveAttachments`` as the caller (the channel signs the
    identity with the cluster key)."""

    def __init__(self, channel: grpc.Channel) -> None:
        self._stub = pb_grpc.MediaAssetServiceStub(channel)  # type: ignore[no-untyped-call]

    def resolve(
        self, identity: Identity, tenant: str, items: Sequence[tuple[str, int]]
    ) -> list[Pinned]:
        if not items:
            return []
        request = pb.ResolveAttachmentsRequest(
            tenant=tenant,
            attachments=[pb.Attachment(asset_id=a, asset_version=v) for a, v in items],
        )
        try:
            with acting_as(identity):
                reply = self._stub.ResolveAttachments(request)
        except grpc.RpcError as exc:
            raise _translate(exc) from exc
        return [
            Pinned(
                a.asset_id,
                a.asset_version,
                str(from_proto(AssetKind, a.kind) or ""),
                tuple((p.reason, p.asset_id) for p in a.problems),
            )
            for a in reply.attachments
        ]


def _translate(exc: grpc.RpcError) -> DomainError:
    """The media service's refusal, passed on with its reason."""
    code = exc.code() if hasattr(exc, "code") else grpc.StatusCode.UNKNOWN
    reason = error_reason(exc) or ""
    details = exc.details() if hasattr(exc, "details") else str(exc)
    message = str(details or "media service refused the media")
    if code is grpc.StatusCode.NOT_FOUND:
        return NotFound(message, reason=reason or "ASSET_NOT_FOUND")
    if code is grpc.StatusCode.INVALID_ARGUMENT:
        return InvalidArgument(message, reason=reason or "INVALID_MEDIA")
    if code is grpc.StatusCode.PERMISSION_DENIED:
        return PermissionDenied(message, reason=reason or "ROLE_REQUIRED")
    return Unavailable(
        "dịch vụ đa phương tiện không phản hồi (media service unavailable)",
        reason="MEDIA_UNAVAILABLE",
    )
