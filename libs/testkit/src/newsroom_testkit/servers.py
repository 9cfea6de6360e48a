"""Loopback servers for tests: a free port, and an ASGI app served by uvicorn on its own
thread (the portal and the gateway in browser and HTTP tests, as deployed: over HTTP)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import urllib.error
import urllib.request
from typing import Any


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_status(url: str, timeout_s: float = 2.0) -> int:
    """The status of a GET, or 0 when nothing answered (in time)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310 - loopback
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError, ValueError):
        return 0


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
        url = f"http://127.0.0.1:{self.port}{ready_path}"
        while time.monotonic() < deadline:
            if self.server.started and http_status(url, timeout_s=5) == 200:
                return self
            time.sleep(0.1)
        raise RuntimeError(f"server on port {self.port} did not become ready")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
