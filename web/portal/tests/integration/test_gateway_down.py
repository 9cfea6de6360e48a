"""With the gateway unreachable the portal answers its own styled 503, never a stack trace,
and keeps answering once the gateway is back (nothing of the outage is cached)."""

from __future__ import annotations

import socket

import httpx
import pytest

from portal.app import create_app
from portal.settings import GatewaySettings, PageCacheSettings, PortalSettings

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def dead_address() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


async def test_gateway_down_gives_a_styled_503_that_is_not_cached() -> None:
    portal = create_app(
        PortalSettings(
            gateway=GatewaySettings(url=dead_address(), timeout_s=1),
            cache=PageCacheSettings(invalidate_from_kafka=False),
        )
    )
    await portal.startup()
    try:
        transport = httpx.ASGITransport(app=portal)
        async with httpx.AsyncClient(transport=transport, base_url="http://portal.test") as client:
            for path in ("/", "/halong/bai-viet/x"):
                response = await client.get(path)
                assert response.status_code == 503
                assert response.headers["retry-after"] == "30"
                assert response.headers["cache-control"] == "private, no-store"
                assert "Trang tạm thời không truy cập được" in response.text
                assert "/static/portal." in response.text, "styled like the site"
                assert "Traceback" not in response.text
            assert len(portal.cache) == 0
            ready = await client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["gateway"] is False
            assert (await client.get("/healthz")).status_code == 200
    finally:
        await portal.shutdown()
