"""The /metrics, /healthz and /readyz HTTP endpoint every process exposes."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from newsroom_core.metrics import REGISTRY

log = logging.getLogger(__name__)

ReadinessCheck = Callable[[], bool]


class OpsHttpServer:
    """Serves metrics and probes on a background thread.

    ``/healthz`` answers 200 while the process runs; ``/readyz`` runs every named
    readiness check and answers 503 with the failing names when one fails. ``advisory``
    checks are reported beside them (``"advisory": {...}``) without changing the answer:
    they name a dependency the process works around (Kafka behind the outbox), so taking
    the process out of rotation for it would only turn a delay into an outage.
    """

    def __init__(
        self,
        host: str,
        port: int,
        checks: Mapping[str, ReadinessCheck] | None = None,
        advisory: Mapping[str, ReadinessCheck] | None = None,
    ) -> None:
        self.checks: dict[str, ReadinessCheck] = dict(checks or {})
        self.advisory: dict[str, ReadinessCheck] = dict(advisory or {})
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="ops-http", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> OpsHttpServer:
        self._thread.start()
        log.info("ops http listening", extra={"port": self.port})
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def readiness(self, checks: Mapping[str, ReadinessCheck] | None = None) -> dict[str, bool]:
        results: dict[str, bool] = {}
        for name, check in (self.checks if checks is None else checks).items():
            try:
                results[name] = bool(check())
            except Exception:  # a failing check means not ready, never a crash
                log.warning("readiness check failed", extra={"check": name}, exc_info=True)
                results[name] = False
        return results

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    self._send(200, CONTENT_TYPE_LATEST, generate_latest(REGISTRY))
                elif path == "/healthz":
                    self._send(200, "application/json", b'{"status":"ok"}')
                elif path == "/readyz":
                    results = outer.readiness()
                    ready = all(results.values())
                    report: dict[str, object] = {"ready": ready, "checks": results}
                    if outer.advisory:
                        report["advisory"] = outer.readiness(outer.advisory)
                    body = json.dumps(report).encode()
                    self._send(200 if ready else 503, "application/json", body)
                else:
                    self._send(404, "application/json", b'{"error":"not found"}')

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the prober gave up waiting (a busy machine); it will ask again

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        return Handler
