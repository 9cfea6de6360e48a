"""grpc.aio channels to the services and the one call helper every route uses.

Every call carries ``outgoing_metadata(identity, key=...)``: request id, W3C traceparent,
tenant and the caller's identity signed with the cluster's HMAC key (none for public
reads), and a deadline. Idempotent reads are retried on UNAVAILABLE by the channel's
service config. A failed call becomes an ``ApiError`` through the one gRPC->HTTP table.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway.errors import from_rpc_error
from gateway.metrics import UPSTREAM_CALLS, UPSTREAM_DURATION
from gateway.settings import GatewaySettings, UpstreamSettings
from gateway.timing import add_upstream
from newsroom.content.v1 import content_service_pb2_grpc
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2_grpc
from newsroom.media_asset.v1 import media_asset_service_pb2_grpc
from newsroom_core.grpc.client import RECONNECT_OPTIONS, retry_service_config
from newsroom_core.grpc.metadata import outgoing_metadata
from newsroom_core.identity import Identity

CONTENT_SERVICE = "newsroom.content.v1.ContentService"
EDITORIAL_SERVICE = "newsroom.editorial_approval.v1.EditorialApprovalService"
MEDIA_SERVICE = "newsroom.media_asset.v1.MediaAssetService"

CONTENT_READS = (
    "GetTenant",
    "ListTenants",
    "ListSections",
    "GetStory",
    "ListStories",
    "ListRevisions",
    "GetRevision",
    "DiffRevisions",
    "GetPublishedStory",
    "PreviewStory",
    "ListPublishedStories",
    "SearchPublishedStories",
    "GetFeed",
    "GetSitemap",
)
MEDIA_READS = (
    "GetAsset",
    "ListAssets",
    "ListUploadParts",
    "GetDownloadUrl",
    "ResolveFile",
    "GetTenantUsage",
)
EDITORIAL_READS = (
    "GetWorkflow",
    "ListQueue",
    "ListComments",
    "GetPolicy",
    "ListFreezes",
    "GetTakedown",
    "ListAuditLog",
)


def _channel(settings: UpstreamSettings, service: str, reads: Iterable[str]) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(
        settings.target,
        options=[
            ("grpc.enable_retries", 1),
            ("grpc.keepalive_time_ms", 30_000),
            ("grpc.service_config", retry_service_config(service, reads)),
            *RECONNECT_OPTIONS,
        ],
    )


class Upstream:
    """One service: its channel, its stub and its default deadline."""

    def __init__(self, name: str, settings: UpstreamSettings, channel: grpc.aio.Channel, stub: Any):
        self.name = name
        self.settings = settings
        self.channel = channel
        self.stub = stub
        self._health = health_pb2_grpc.HealthStub(channel)

    async def serving(self, timeout_s: float = 1.0) -> bool:
        try:
            reply = await self._health.Check(health_pb2.HealthCheckRequest(), timeout=timeout_s)
        except grpc.RpcError:
            return False
        return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


class Backends:
    """The gateway's connections to content, editorial-approval and media-asset."""

    def __init__(self, settings: GatewaySettings) -> None:
        self._key = settings.identity_key
        self._series: dict[tuple[str, str, str], tuple[Any, Any]] = {}
        content_channel = _channel(settings.content, CONTENT_SERVICE, CONTENT_READS)
        editorial_channel = _channel(settings.editorial, EDITORIAL_SERVICE, EDITORIAL_READS)
        media_channel = _channel(settings.media, MEDIA_SERVICE, MEDIA_READS)
        self.content = Upstream(
            "content",
            settings.content,
            content_channel,
            content_service_pb2_grpc.ContentServiceStub(content_channel),  # type: ignore[no-untyped-call]
        )
        self.editorial = Upstream(
            "editorial-approval",
            settings.editorial,
            editorial_channel,
            editorial_approval_service_pb2_grpc.EditorialApprovalServiceStub(  # type: ignore[no-untyped-call]
                editorial_channel
            ),
        )
        self.media = Upstream(
            "media-asset",
            settings.media,
            media_channel,
            media_asset_service_pb2_grpc.MediaAssetServiceStub(media_channel),  # type: ignore[no-untyped-call]
        )

    async def call(
        self,
        upstream: Upstream,
        method: str,
        request: Any,
        *,
        identity: Identity | None,
        timeout_s: float | None = None,
    ) -> Any:
        """``upstream.stub.<method>(request)`` with context metadata and a deadline."""
        metadata = outgoing_metadata(identity, key=self._key if identity is not None else None)
        started = time.perf_counter()
        code = "OK"
        try:
            return await getattr(upstream.stub, method)(
                request,
                metadata=metadata,
                timeout=timeout_s
                if timeout_s is not None
                else upstream.settings.deadline_for(method),
            )
        except grpc.aio.AioRpcError as exc:
            code = exc.code().name
            raise from_rpc_error(exc, service=upstream.name, method=method) from None
        finally:
            counted = self._series.get((upstream.name, method, code))
            if counted is None:  # services, methods and codes are bounded: cache the children
                counted = (
                    UPSTREAM_CALLS.labels(upstream.name, method, code),
                    UPSTREAM_DURATION.labels(upstream.name, method),
                )
                self._series[(upstream.name, method, code)] = counted
            elapsed = time.perf_counter() - started
            counted[0].inc()
            counted[1].observe(elapsed)
            add_upstream(elapsed)

    async def media_call(self, method: str, request: Any, *, identity: Identity | None) -> Any:
        return await self.call(self.media, method, request, identity=identity)

    async def content_call(self, method: str, request: Any, *, identity: Identity | None) -> Any:
        return await self.call(self.content, method, request, identity=identity)

    async def editorial_call(self, method: str, request: Any, *, identity: Identity | None) -> Any:
        return await self.call(self.editorial, method, request, identity=identity)

    async def close(self) -> None:
        await self.content.channel.close(grace=None)
        await self.editorial.channel.close(grace=None)
        await self.media.channel.close(grace=None)
