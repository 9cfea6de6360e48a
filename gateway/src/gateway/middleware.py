"""Request context middleware (pure ASGI, so the endpoint runs in its context).

For every HTTP request: takes ``X-Request-ID`` (or makes one) and ``traceparent`` (or
starts a trace), binds them for logs and outgoing gRPC metadata, echoes ``X-Request-ID``,
counts the request by route template, writes one JSON access-log line, tells a signed-in
client where the time went (``Server-Timing``, see ``gateway.timing``), and turns an
unhandled exception into a 500 problem+json that leaks nothing.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import timing
from gateway.cache import CachedResponse, PublicCache, request_key
from gateway.errors import INTERNAL_DETAIL, PROBLEM_JSON, problem_body
from gateway.metrics import HTTP_DURATION, HTTP_REQUESTS
from newsroom_core.context import bound, new_request_id, new_trace, parse_traceparent, tenant_var

access_log = logging.getLogger("gateway.access")
log = logging.getLogger(__name__)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]+$")
UNMATCHED = "<unmatched>"
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})


class RequestContextMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        request_id_max_len: int = 128,
        timing_origins: list[str] | None = None,
    ) -> None:
        self.app = app
        self.max_len = request_id_max_len
        self._series: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        # Browser apps on these origins may read Server-Timing (Timing-Allow-Origin).
        self._timing_allow = ", ".join(timing_origins or ()).encode()

    def _request_id(self, raw: bytes | None) -> str:
        if raw:
            value = raw.decode("latin-1").strip()
            if len(value) <= self.max_len and _REQUEST_ID.match(value):
                return value
        return new_request_id()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_rid: bytes | None = None
        raw_trace: bytes | None = None
        for key, value in scope["headers"]:
            if key == b"x-request-id":
                raw_rid = value
            elif key == b"traceparent":
                raw_trace = value
        request_id = self._request_id(raw_rid)
        trace = parse_traceparent(raw_trace.decode("latin-1") if raw_trace else None)
        scope.setdefault("state", {})["request_id"] = request_id
        rid_header = (b"x-request-id", request_id.encode())
        status = 500
        started_response = False
        request_timing = (
            timing.RequestTiming() if str(scope.get("path", "")).startswith("/v1/") else None
        )

        async def send_with_context(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status = int(message["status"])
                started_response = True
                headers = [*message.get("headers", ()), rid_header]
                if request_timing is not None:
                    headers.append((b"server-timing", request_timing.header()))
                    if self._timing_allow:
                        headers.append((b"timing-allow-origin", self._timing_allow))
                message["headers"] = headers
            await send(message)

        started = time.perf_counter()
        tenant_token = tenant_var.set(None)
        timing_token = timing.current.set(request_timing)
        try:
            with bound(request_id=request_id, trace=(trace or new_trace()).child()):
                try:
                    await self.app(scope, receive, send_with_context)
                except Exception:
                    log.exception("unhandled error", extra={"path": scope.get("path")})
                    if started_response:
                        raise
                    await _send_internal_error(send_with_context, scope, request_id)
                finally:
                    self._record(scope, status, time.perf_counter() - started)
        finally:
            timing.current.reset(timing_token)
            tenant_var.reset(tenant_token)

    def _record(self, scope: Scope, status: int, elapsed: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or UNMATCHED
        method = str(scope.get("method", ""))
        counted = self._series.get((template, method, status))
        if counted is None:  # templates, methods and statuses are bounded: cache the children
            counted = (
                HTTP_REQUESTS.labels(template, method, str(status)),
                HTTP_DURATION.labels(template, method),
            )
            self._series[(template, method, status)] = counted
        counted[0].inc()
        counted[1].observe(elapsed)
        if template in QUIET_ROUTES and status < 400:
            return
        extra: dict[str, Any] = {
            "method": method,
            "path": scope.get("path"),
            "route": template,
            "status": status,
            "duration_ms": round(elapsed * 1000, 3),
        }
        tenant = (scope.get("path_params") or {}).get("tenant")
        if tenant:
            extra["tenant"] = tenant
        client = scope.get("client")
        if client:
            extra["client"] = client[0]
        if access_log.isEnabledFor(logging.INFO):
            # Logger.info without the stack walk for the caller's file and line (unused by
            # our formatters): one access-log line per request is on the hot path.
            access_log.handle(
                access_log.makeRecord(
                    access_log.name, logging.INFO, "", 0, "request", (), None, extra=extra
                )
            )


async def _send_internal_error(send: Send, scope: Scope, request_id: str) -> None:
    body = json.dumps(
        problem_body(
            status=500,
            reason="INTERNAL",
            detail=INTERNAL_DETAIL,
            instance=str(scope.get("path", "")),
            request_id=request_id,
        ),
        ensure_ascii=False,
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class PublicCacheMiddleware:
    """Answers public API cache hits (200, or 304 on a matching If-None-Match) before
    routing; everything else, misses included, goes on to the route handlers, which fill
    the cache. Sits inside ``RequestContextMiddleware``: hits get request ids, metrics and
    access logs like any response.

    It also answers ``HEAD`` on the public API like ``GET`` without the body (link
    checkers, CDNs and feed readers probe with HEAD; the routes declare GET only, since
    declaring both would duplicate OpenAPI operation ids). Done here rather than in a
    middleware of its own to keep the hot path one layer shorter.
    """

    def __init__(self, app: ASGIApp, *, cache: PublicCache, cache_control: str) -> None:
        self.app = app
        self.cache = cache
        self.cache_control = cache_control.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD" and scope["path"].startswith(PUBLIC_PREFIX):
            scope, send = {**scope, "method": "GET"}, _without_body(send)
        if scope["method"] == "GET" and self.cache.active:
            key = request_key(scope["path"], scope.get("query_string", b""))
            hit = self.cache.peek(key) if key is not None else None
            if key is not None and hit is not None:
                value, route = hit
                if route is not None:  # for the access log and metrics
                    scope["route"] = route
                    scope["path_params"] = {"tenant": key[0]}
                await self._send(send, value, _header(scope, b"if-none-match"))
                return
        await self.app(scope, receive, send)

    async def _send(self, send: Send, value: CachedResponse, if_none_match: bytes | None) -> None:
        etag = value.etag.encode()
        headers = [(b"etag", etag), (b"cache-control", self.cache_control)]
        if if_none_match is not None and not_modified(if_none_match.decode("latin-1"), value.etag):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers += [
            (b"content-type", value.media_type.encode()),
            (b"content-length", str(len(value.body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": value.body})


PUBLIC_PREFIX = "/public/"


def _without_body(send: Send) -> Send:
    """``send`` for a HEAD answered as GET: headers (ETag, Content-Length) kept, body not."""

    async def send_headers_only(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_headers_only


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: weak comparison over a list of tags, or ``*``."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False
