from __future__ import annotations

import json
import urllib.error
import urllib.request

from newsroom_core.http import OpsHttpServer
from newsroom_core.metrics import OUTBOX_PUBLISHED


def get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_metrics_health_and_readiness() -> None:
    state = {"db": True}
    server = OpsHttpServer("127.0.0.1", 0, {"db": lambda: state["db"]}).start()
    try:
        OUTBOX_PUBLISHED.labels("http-test", "content.events.v1").inc()
        status, body = get(server.port, "/metrics")
        assert status == 200
        assert b'newsroom_outbox_published_total{service="http-test"' in body
        assert get(server.port, "/healthz")[0] == 200
        assert get(server.port, "/readyz") == (
            200,
            json.dumps({"ready": True, "checks": {"db": True}}).encode(),
        )
        state["db"] = False
        status, body = get(server.port, "/readyz")
        assert status == 503
        assert json.loads(body)["checks"] == {"db": False}
    finally:
        server.stop()


def test_advisory_checks_are_reported_without_gating() -> None:
    """Kafka down behind the outbox: reported, but the process stays in rotation."""
    kafka = {"up": True}
    server = OpsHttpServer(
        "127.0.0.1", 0, {"db": lambda: True}, advisory={"outbox-relay": lambda: kafka["up"]}
    ).start()
    try:
        kafka["up"] = False
        status, body = get(server.port, "/readyz")
        assert status == 200
        assert json.loads(body) == {
            "ready": True,
            "checks": {"db": True},
            "advisory": {"outbox-relay": False},
        }
    finally:
        server.stop()
