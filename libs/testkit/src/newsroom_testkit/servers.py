"""Loopback servers for tests: a free port, and an ASGI app served by uvicorn on its own
thread (the portal and the gateway in browser and HTTP tests, as deployed: over HTTP)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import httpx


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadServer:
    """A uvicorn server on its own thread and event loop (lifespan included)."""

    def __init__(self, app: Any, port: int) -> None:
        import uvicorn  # only the HTTP-serving helpers need it

        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.port = port
        self.thread = threading.Thread(target=self._run, name=f"uvicorn-{port}", daemon=True)

    def _run(self) -> None:
        asyncio.run(self.server.serve())

    def start(self, ready_path: str = "/healthz", timeout_s: float = 60) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.server.started:
                try:
                    if httpx.get(f"http://127.0.0.1:{self.port}{ready_path}").status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
            time.sleep(0.1)
        raise RuntimeError(f"server on port {self.port} did not become ready")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
