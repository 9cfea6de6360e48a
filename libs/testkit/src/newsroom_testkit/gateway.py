"""Helpers for tests that drive the gateway against the real stack: tokens of the demo
users (the demo password lives here, in test-only code, and in the local realm), an
in-process gateway with its lifespan, problem+json checks, bounded polling."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from keycloak import KeycloakAdmin, KeycloakOpenID

from gateway.main import create_app
from gateway.settings import GatewaySettings
from newsroom_testkit.servers import http_status

DEMO_PASSWORD = "demo1234"
# The dev/test realm's password-grant client (deploy/local/keycloak/dev/); the web client
# newsroom-web allows browser login only.
TEST_CLIENT = "newsroom-test"


class Tokens:
    """Access tokens of demo users by password grant on the test client, cached until
    shortly before they expire."""

    def __init__(self, keycloak_url: str, realm: str = "newsroom", client_id: str = TEST_CLIENT):
        self.keycloak_url = keycloak_url.rstrip("/")
        self.realm = realm
        self.client_id = client_id
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def client(self, client_id: str | None = None) -> KeycloakOpenID:
        return KeycloakOpenID(
            server_url=self.keycloak_url + "/",
            realm_name=self.realm,
            client_id=client_id or self.client_id,
        )

    def grant(self, username: str, *, client_id: str | None = None) -> dict[str, Any]:
        return dict(self.client(client_id).token(username, DEMO_PASSWORD))

    def __call__(self, username: str, *, fresh: bool = False) -> str:
        """A cached token, or a new one (``fresh``: the cached one was refused)."""
        with self._lock:
            cached = self._cache.get(username)
            if cached is not None and not fresh and cached[1] - time.time() > 60:
                return cached[0]
        reply = self.grant(username)
        token = str(reply["access_token"])
        with self._lock:
            self._cache[username] = (token, time.time() + float(reply.get("expires_in", 60)))
        return token


def admin_client(keycloak_url: str, realm: str = "newsroom") -> KeycloakAdmin:
    """Keycloak admin REST as the master realm's admin (local stack credentials)."""
    return KeycloakAdmin(
        server_url=keycloak_url.rstrip("/") + "/",
        username="admin",
        password="admin",
        realm_name=realm,
        user_realm_name="master",
    )


def unused_target() -> str:
    """A loopback address nothing listens on (for an upstream a test does not need)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def gateway_client(
    settings: GatewaySettings, app: FastAPI | None = None
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """An in-process gateway (lifespan run) and an httpx client bound to it."""
    app = app or create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://gateway.test", timeout=30
        ) as client:
            yield app, client


async def eventually(
    check: Callable[[], Awaitable[bool]], *, timeout_s: float, interval_s: float = 0.05
) -> bool:
    """Poll ``check`` until it is true or ``timeout_s`` has passed (bounded loop)."""
    deadline = time.monotonic() + timeout_s
    while True:
        if await check():
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(interval_s)


def problem(response: httpx.Response) -> dict[str, Any]:
    """The problem+json body of an error response (asserting its media type and shape)."""
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("application/problem+json"), (
        response.status_code,
        response.text,
    )
    body: dict[str, Any] = response.json()
    for member in ("type", "title", "status", "detail", "instance", "reason", "request_id"):
        assert member in body, (member, body)
    assert body["status"] == response.status_code
    assert body["request_id"] == response.headers.get("x-request-id")
    return body


@contextmanager
def served_gateway(settings: GatewaySettings, *, ready_timeout_s: float = 60.0) -> Iterator[str]:
    """The gateway on a real loopback port (uvicorn in a thread, lifespan run), for
    clients that need HTTP: a browser, a benchmark. Yields its base URL."""
    import uvicorn  # only the HTTP-serving helpers need it

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=server.run, name="gateway-http", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout_s
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"gateway did not start on {url}")
            time.sleep(0.05)
        # A loaded machine may hold /readyz past a client timeout: that is "not yet".
        while http_status(f"{url}/readyz", timeout_s=5) != 200:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gateway on {url} not ready")
            time.sleep(0.1)
        yield url
    finally:
        server.should_exit = True
        thread.join(15)
