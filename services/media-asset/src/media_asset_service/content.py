"""What the media service asks content: whether a published story shows an asset version.

Readers' files are served for versions published stories show, which the media service
learns from content's events. The portal shows a story as soon as content commits it,
a moment before that event arrives: a reader asking then would get 404 for an image of
a story already on the portal. So a reader's request for a READY version not yet known
as shown asks content (the source of truth) before it is refused. Fails closed: content
unreachable or slow is a 404 the reader's next request (or the event) mends.
"""

from __future__ import annotations

import logging
from typing import Protocol

import grpc

from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1 import content_service_pb2_grpc as pb_grpc
from newsroom_core.grpc.client import make_channel

log = logging.getLogger(__name__)
CONTENT_SERVICE = "newsroom.content.v1.ContentService"


class PublishedMedia(Protocol):
    def is_shown(self, tenant: str, asset_id: str, version: int) -> bool: ...


class ContentPublishedMedia:
    """``ContentService.IsMediaShown``, with a short deadline (a reader is waiting)."""

    def __init__(self, channel: grpc.Channel, deadline_s: float) -> None:
        self._stub = pb_grpc.ContentServiceStub(channel)  # type: ignore[no-untyped-call]
        self._deadline_s = deadline_s

    def is_shown(self, tenant: str, asset_id: str, version: int) -> bool:
        request = pb.IsMediaShownRequest(tenant=tenant, asset_id=asset_id, version=version)
        try:
            reply = self._stub.IsMediaShown(request, timeout=self._deadline_s)
        except grpc.RpcError as exc:
            code = exc.code() if hasattr(exc, "code") else grpc.StatusCode.UNKNOWN
            log.warning(
                "content did not answer IsMediaShown; refusing the file",
                extra={"asset_id": asset_id, "version": version, "code": str(code)},
            )
            return False
        return bool(reply.shown)


def content_published_media(target: str, identity_key: bytes, deadline_s: float) -> PublishedMedia:
    channel = make_channel(
        target,
        service=CONTENT_SERVICE,
        idempotent_methods=["IsMediaShown"],
        identity_key=identity_key,
    )
    return ContentPublishedMedia(channel, deadline_s)
