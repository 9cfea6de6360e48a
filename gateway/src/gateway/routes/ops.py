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
    """Ready while both services answer and the realm's keys are known. Advisory (reported,
    not gating): Keycloak itself (known keys verify tokens without it) and the cache's
    invalidation consumer (without it the cache is bypassed, reads still work). A gateway
    taken out of rotation could not even answer 503 + Retry-After."""
    backends = state.upstreams
    content, editorial, media, keys, keycloak = await asyncio.gather(
        backends.content.serving(),
        backends.editorial.serving(),
        backends.media.serving(),
        asyncio.to_thread(state.authenticator.jwks_ready),
        asyncio.to_thread(state.authenticator.keycloak_reachable),
    )
    checks = {"content": content, "editorial-approval": editorial, "keycloak": keys}
    invalidator = state.invalidator
    advisory = {
        "keycloak": keycloak,
        "cache": state.cache.ready or not state.cache.enabled,
        "cache-invalidation": invalidator.healthy() if invalidator is not None else True,
    }
    ready = all(checks.values())
    # Advisory: without the media service stories still read and publish; only uploads
    # and media files answer 503, so it does not take the gateway out of rotation.
    advisory["media-asset"] = media
    return JSONResponse(
        {"ready": ready, "checks": checks, "advisory": advisory},
        status_code=200 if ready else 503,
    )


@router.get("/metrics")
async def metrics() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
