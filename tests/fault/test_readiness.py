"""Readiness and 503s while a dependency is down, and recovery without a restart.

A PostgreSQL and a Kafka of this module's own; content, editorial-approval, their outbox
relays (separate processes) and the gateway as ``make dev`` runs them, tokens from the
shared Keycloak. Each test takes one dependency away and checks what every process says
meanwhile (``/readyz``, the gateway's answers), brings it back (``infra.sh up <c>`` or a
fresh process) and checks that everything is ready and working again by itself: no
process is restarted except the one that was killed.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import httpx
import psycopg
import pytest

from newsroom_core.db import libpq_dsn
from newsroom_core.localstack import state_dir
from newsroom_testkit.faults.stack import Platform, PrivateInfra, until
from newsroom_testkit.gateway import Tokens, bearer, problem

pytestmark = [
    pytest.mark.fault,
    pytest.mark.slow,
    pytest.mark.heavy,
    pytest.mark.keycloak,
    pytest.mark.timeout(900),
]

TENANT = "halong"
# long enough for a loaded two-core machine; the tests poll, they never time anything
WAIT_S = 90.0


@pytest.fixture(scope="module")
def platform(keycloak_url: str, request: pytest.FixtureRequest) -> Iterator[Platform]:
    root = state_dir() / "faults" / f"readiness-{uuid.uuid4().hex[:6]}"
    failed_before = request.session.testsfailed
    infra = PrivateInfra(root / "state")
    platform = Platform(infra, keycloak_url=keycloak_url, logs=root / "logs")
    try:
        infra.up("postgres", "kafka")
        platform.start()
        yield platform
    finally:
        platform.stop()
        infra.down()
    if request.session.testsfailed == failed_before:
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(f"private stack kept for inspection: {root}")


@pytest.fixture(scope="module")
def gateway(platform: Platform, keycloak_url: str) -> Iterator[Callable[..., httpx.Response]]:
    tokens = Tokens(keycloak_url)
    with httpx.Client(base_url=platform.gateway_url, timeout=15) as http:

        def call(method: str, path: str, role: str = "contributor", **kw: Any) -> httpx.Response:
            token = tokens(f"{TENANT}.{role}")
            return http.request(method, path, headers=bearer(token), **kw)

        yield call


def readyz(platform: Platform, name: str) -> tuple[int, dict[str, Any]]:
    """A process's /readyz: its status and body (0 and {} when nothing answered)."""
    url = platform.procs[name].ready_url
    try:
        reply = httpx.get(url, timeout=3)
    except httpx.HTTPError:
        return 0, {}
    return reply.status_code, json.loads(reply.text or "{}")


def create_story(gateway: Callable[..., httpx.Response]) -> httpx.Response:
    key = uuid.uuid4().hex[:8]
    body = {
        "type": "news",
        "headline": f"Tin sự cố {key}",
        "slug": f"su-co-{key}",
        "summary": "Tóm tắt",
        "body_html": "<p>Nội dung.</p>",
    }
    return gateway("POST", f"/v1/tenants/{TENANT}/stories", json=body)


def assert_unavailable(reply: httpx.Response) -> None:
    """503 + Retry-After (seconds) + a problem+json body."""
    assert reply.status_code == 503, reply.text
    assert reply.headers.get("retry-after", "").isdigit(), reply.headers
    assert problem(reply)["status"] == 503


def starts(platform: Platform) -> dict[str, int]:
    return {name: proc.starts for name, proc in platform.procs.items()}


def all_ready(platform: Platform) -> bool:
    return all(readyz(platform, name)[0] == 200 for name in platform.names)


def test_postgres_down_unready_503_then_ready_without_restarts(
    platform: Platform, gateway: Callable[..., httpx.Response]
) -> None:
    assert until(lambda: all_ready(platform), WAIT_S)
    before = starts(platform)
    platform.infra.kill("postgres")

    for name in ("content", "editorial-approval", "content-relay", "editorial-relay"):
        status, body = until(partial(readyz, platform, name), WAIT_S, done=lambda r: r[0] == 503)
        assert status == 503 and body["checks"]["db"] is False, (name, body)
    # the gateway stays in rotation to say so: 503, Retry-After, problem+json
    assert readyz(platform, "gateway")[0] == 200
    assert_unavailable(create_story(gateway))
    assert_unavailable(gateway("GET", f"/v1/tenants/{TENANT}/stories"))

    platform.infra.up("postgres")
    assert until(lambda: all_ready(platform), WAIT_S), {
        n: readyz(platform, n) for n in platform.names
    }
    # the pools dropped their dead connections: the first write after works
    created = create_story(gateway)
    assert created.status_code == 201, created.text
    assert not dead(platform)
    assert starts(platform) == before, "a process had to be restarted"


def test_kafka_down_relays_unready_writes_still_work_then_published(
    platform: Platform, gateway: Callable[..., httpx.Response]
) -> None:
    assert until(lambda: all_ready(platform), WAIT_S)
    before = starts(platform)
    platform.infra.kill("kafka")

    for relay in ("content-relay", "editorial-relay"):
        status, body = until(partial(readyz, platform, relay), WAIT_S, done=lambda x: x[0] == 503)
        assert status == 503 and body["checks"]["kafka"] is False, (relay, body)
    # the services keep taking writes (the outbox holds the events); their consumers'
    # trouble shows as advisory
    status, body = until(
        lambda: readyz(platform, "content"),
        WAIT_S,
        done=lambda r: r[1].get("advisory", {}).get("editorial-consumer") is False,
    )
    assert status == 200 and body["advisory"]["editorial-consumer"] is False, body
    created = create_story(gateway)
    assert created.status_code == 201, created.text
    assert outbox_rows(platform) > 0, "the event of a write made while Kafka is down waits"

    platform.infra.up("kafka")
    assert until(lambda: all_ready(platform), WAIT_S), {
        n: readyz(platform, n) for n in platform.names
    }
    assert until(lambda: outbox_rows(platform) == 0, WAIT_S), "the relay never caught up"
    status, body = until(
        lambda: readyz(platform, "content"),
        WAIT_S,
        done=lambda r: all(r[1].get("advisory", {}).values()),
    )
    assert all(body["advisory"].values()), body
    assert not dead(platform)
    assert starts(platform) == before, "a process had to be restarted"


def test_service_down_gateway_unready_and_503_then_back(
    platform: Platform, gateway: Callable[..., httpx.Response]
) -> None:
    assert until(lambda: all_ready(platform), WAIT_S)
    content = platform.procs["content"]
    content.kill()

    status, body = until(lambda: readyz(platform, "gateway"), WAIT_S, done=lambda r: r[0] == 503)
    assert status == 503 and body["checks"]["content"] is False, body
    assert_unavailable(gateway("GET", f"/v1/tenants/{TENANT}/stories"))
    assert_unavailable(create_story(gateway))

    platform.restart("content")
    assert until(lambda: readyz(platform, "gateway")[0] == 200, WAIT_S)
    listed = until(
        lambda: gateway("GET", f"/v1/tenants/{TENANT}/stories"),
        WAIT_S,
        done=lambda r: r.status_code == 200,
    )
    assert listed.status_code == 200, listed.text
    assert platform.procs["gateway"].starts == 1, "the gateway reconnects by itself"


def dead(platform: Platform) -> list[str]:
    return [name for name, proc in platform.procs.items() if not proc.alive]


def outbox_rows(platform: Platform) -> int:
    total = 0
    for service in ("content", "editorial-approval"):
        with psycopg.connect(libpq_dsn(platform.database_url(service))) as conn:
            row = conn.execute("SELECT count(*) FROM outbox_event").fetchone()
        total += int(row[0]) if row else 0
    return total
