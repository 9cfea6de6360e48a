"""Probes and metrics (not part of the public API contract)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from gateway.deps import State
from newsroom_core.metrics import REGISTRY

router = APIRouter(tags=["ops"], include_in_schema=False)


@router.get("/healthz")
async def healthz() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/readyz")
async def readyz(state: State) -> JSONResponse:
    backends = state.upstreams
    content, editorial, media, keycloak = await asyncio.gather(
        backends.content.serving(),
        backends.editorial.serving(),
        backends.media.serving(),
        asyncio.to_thread(state.authenticator.jwks_ready),
    )
    checks = {
        "content": content,
        "editorial-approval": editorial,
        "keycloak": keycloak,
        "cache": state.cache.ready or not state.cache.enabled,
    }
    ready = all(checks.values())
    # Advisory: without the media service stories still read and publish; only uploads
    # and media files answer 503, so it does not take the gateway out of rotation.
    report = {"ready": ready, "checks": checks, "advisory": {"media-asset": media}}
    return JSONResponse(report, status_code=200 if ready else 503)


@router.get("/metrics")
async def metrics() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
