"""Live updates over Server-Sent Events (the newsroom app's queue counts and notices)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from gateway.deps import CurrentIdentity, State
from gateway.errors import ApiError
from gateway.live import LiveHub
from gateway.openapi import problem_response

router = APIRouter(prefix="/v1", tags=["live"])

HUB_KEY = "live"


def hub_of(state: State) -> LiveHub:
    hub = state.extra.get(HUB_KEY)
    if not isinstance(hub, LiveHub):
        raise ApiError(404, "Không có luồng sự kiện (live updates disabled).", reason="NOT_FOUND")
    return hub


@router.get(
    "/events",
    summary="Cập nhật trực tiếp / live updates (Server-Sent Events)",
    description="Luồng `text/event-stream`: mỗi sự kiện `story` là JSON {id, kind, tenant, "
    "story_id, state, queue_role, author_id, actor_id, actor_name, reason, revision, at}, "
    "chỉ của các đơn vị và vai trò của người gọi; gửi lại `Last-Event-ID` để nhận tiếp. "
    "/ A `text/event-stream` of `story` events scoped to the caller's tenants and roles; "
    "send `Last-Event-ID` to resume. The stream ends after a few minutes: reconnect.",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Luồng sự kiện / the event stream",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
        404: problem_response(404, ("NOT_FOUND",)),
    },
)
async def events(
    identity: CurrentIdentity,
    state: State,
    request: Request,
    last_event_id: Annotated[str | None, Header(max_length=100)] = None,
) -> StreamingResponse:
    hub = hub_of(state)
    settings = state.settings.live
    subscription = hub.subscribe(identity, last_event_id or "")

    async def stream() -> AsyncIterator[bytes]:
        deadline = time.monotonic() + settings.max_stream_s
        try:
            yield b": connected\nretry: 3000\n\n"
            while (left := deadline - time.monotonic()) > 0:
                if await request.is_disconnected():
                    return
                try:
                    notice = await asyncio.wait_for(
                        subscription.queue.get(), timeout=min(settings.heartbeat_s, left)
                    )
                except TimeoutError:
                    yield b": ping\n\n"
                    continue
                if notice is None:  # the subscriber fell behind: close, it resumes
                    return
                data = json.dumps(notice.as_dict(), ensure_ascii=False)
                yield f"id: {notice.id}\nevent: story\ndata: {data}\n\n".encode()
        finally:
            hub.unsubscribe(subscription)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
