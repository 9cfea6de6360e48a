"""The FastAPI application: the platform's only public entry.

``create_app(settings)`` wires routes, middleware, problem+json errors and the lifespan
(gRPC channels, the cache invalidation consumer). ``python -m gateway`` serves it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from gateway import openapi
from gateway.auth import Authenticator
from gateway.cache import PublicCache
from gateway.clients import Backends
from gateway.deps import GatewayState
from gateway.errors import install_error_handlers
from gateway.events import CacheInvalidator, instance_group
from gateway.middleware import (
    PublicCacheMiddleware,
    RequestContextMiddleware,
)
from gateway.routes import comments, me, media, ops, public, stories, tenant, workflow
from gateway.routing import all_routes
from gateway.settings import GatewaySettings
from newsroom_core.memory import settle_heap

log = logging.getLogger(__name__)
CONVERTOR = re.compile(r"\{(\w+):\w+\}")

API_VERSION = "1.0.0"

DESCRIPTION = """
Cổng API của Newsroom: API biên tập (đăng nhập Keycloak, `/v1`) và API công khai cho cổng
tin (`/public/v1`, không cần đăng nhập).

Newsroom gateway API: the newsroom API (Keycloak bearer token, `/v1`) and the public
portal API (`/public/v1`, anonymous).

* Lỗi theo RFC 9457 `application/problem+json` với `reason` ổn định.
  / Errors are RFC 9457 problem details with a stable `reason`.
* Phân trang bằng con trỏ: `{"items": [...], "next_cursor": "..."}`.
  / Cursor pagination: pass `next_cursor` back as `cursor`.
* Mỗi yêu cầu có `X-Request-ID` (gửi lên hoặc được sinh). / Every response carries
  `X-Request-ID`.
* gRPC -> HTTP: INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403,
  NOT_FOUND 404 (bài đã gỡ / retracted story: 410), ALREADY_EXISTS / ABORTED /
  FAILED_PRECONDITION 409, RESOURCE_EXHAUSTED 429, UNAVAILABLE 503 (tệp quá lớn, vượt
  hạn mức / file too large, quota exceeded: 413; loại tệp / file type: 415),
  DEADLINE_EXCEEDED 504, còn lại / anything else 500.
"""

TAGS: list[dict[str, Any]] = [
    {"name": "stories", "description": "Bài viết, phiên bản, so sánh / stories, revisions, diffs"},
    {
        "name": "workflow",
        "description": "Quy trình duyệt, đăng, đính chính, gỡ bài / review, publish, "
        "correct, retract, fast-track",
    },
    {"name": "review", "description": "Hàng chờ duyệt / review queues"},
    {"name": "comments", "description": "Nhận xét khi duyệt / review comments"},
    {"name": "audit", "description": "Nhật ký duyệt / audit log"},
    {"name": "search", "description": "Tìm kiếm cho biên tập / staff search"},
    {"name": "sections", "description": "Chuyên mục / site sections"},
    {"name": "policy", "description": "Quy định duyệt của đơn vị / approval policy"},
    {"name": "freezes", "description": "Tạm dừng đăng / publishing freezes"},
    {
        "name": "media",
        "description": "Tải lên thẳng kho lưu trữ, tệp, bộ ảnh, bản dẫn xuất / uploads "
        "straight to object storage, assets, galleries, renditions",
    },
    {"name": "me", "description": "Người dùng hiện tại / the signed-in user"},
    {
        "name": "public",
        "description": "API công khai cho cổng tin (không đăng nhập, có ETag) / public "
        "portal API (anonymous, cacheable)",
    },
]


def required_roles(route: APIRoute) -> tuple[str, ...] | None:
    """The roles a route's tenant check admits; None if it has no tenant check."""
    for dependency in route.dependant.dependencies:
        roles = getattr(dependency.call, "required_roles", None)
        if roles is not None:
            return tuple(roles)
    return None


def api_routes(app: FastAPI) -> list[APIRoute]:
    return [r for r in all_routes(app.routes) if isinstance(r, APIRoute)]


def _document_roles(app: FastAPI) -> None:
    for route in api_routes(app):
        roles = required_roles(route)
        if roles is None:
            continue
        text = ", ".join(roles) if roles else "mọi thành viên / any member"
        route.openapi_extra = {**(route.openapi_extra or {}), "x-required-roles": list(roles)}
        note = f"\n\nVai trò cần có / required roles: {text} (platform-admin: mọi đơn vị / any)."
        route.description = (route.description or "") + note


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    # The schema writes "{path}" where the route says "{path:path}" (a convertor).
    tenant_scoped = {
        (method, CONVERTOR.sub(r"{\1}", route.path))
        for route in api_routes(app)
        if required_roles(route) is not None
        for method in route.methods or ()
    }
    app.openapi_schema = openapi.finish(schema, tenant_scoped)
    return app.openapi_schema


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    cache = PublicCache(settings.cache)
    state = GatewayState(
        settings=settings,
        authenticator=Authenticator(settings.keycloak, cache_size=settings.auth.token_cache_size),
        cache=cache,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.backends = Backends(settings)
        if settings.cache.enabled and settings.cache.invalidate_from_kafka:
            state.invalidator = CacheInvalidator(
                settings.kafka,
                cache,
                group=instance_group(settings.cache.group_prefix),
                topic=settings.cache.events_topic,
            ).start()
        else:
            cache.mark_ready()
        settle_heap(settings.gc)
        log.info(
            "gateway started",
            extra={
                "content": settings.content.target,
                "editorial": settings.editorial.target,
                "media": settings.media.target,
                "cache": settings.cache.enabled,
            },
        )
        try:
            yield
        finally:
            if state.invalidator is not None:
                state.invalidator.stop()
                state.invalidator = None
            cache.mark_unready()
            await state.backends.close()
            state.backends = None

    app = FastAPI(
        title="Newsroom Gateway API",
        version=API_VERSION,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        # We trace with our own traceparent propagation and count with Prometheus; no
        # OpenTelemetry provider is configured, so skip FastAPI's per-request OTel checks.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.gateway = state
    install_error_handlers(app)
    # Added last = outermost: request context wraps the cache's fast path.
    app.add_middleware(
        PublicCacheMiddleware, cache=cache, cache_control=public.cache_control_value(settings)
    )
    app.add_middleware(RequestContextMiddleware, request_id_max_len=settings.request_id_max_len)
    # The public read API first: it takes most of the traffic, and routes match in order.
    for module in (public, stories, workflow, comments, tenant, media, me, ops):
        app.include_router(module.router)
    app.include_router(media.public_router)
    app.include_router(public.sites_router)
    app.include_router(stories.staff_router)
    _document_roles(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app
