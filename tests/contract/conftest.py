"""The gateway as its own process (``python -m gateway`` on a loopback port) in front of
this suite's content and editorial-approval services, for tools that speak HTTP to it from
outside, as a client generated from the OpenAPI would.

A process of its own, not a thread here: the services' gRPC, relay and consumer threads
share this process's GIL, and a gateway event loop among them answered every request
~40 ms late.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.settings import GatewaySettings

START_TIMEOUT_S = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="package")
def contract_stack(stack_factory: Callable[[str], AbstractContextManager[Any]]) -> Iterator[Any]:
    with stack_factory("contract") as stack:
        yield stack


@pytest.fixture(scope="package")
def gateway_url(
    contract_stack: Any,
    gateway_settings_factory: Callable[[object, str], GatewaySettings],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    settings = gateway_settings_factory(contract_stack, "contract.gateway.cache")
    port = free_port()
    env = {
        **os.environ,
        "GATEWAY_HTTP__HOST": "127.0.0.1",
        "GATEWAY_HTTP__PORT": str(port),
        "GATEWAY_CONTENT__TARGET": settings.content.target,
        "GATEWAY_EDITORIAL__TARGET": settings.editorial.target,
        "GATEWAY_MEDIA__TARGET": settings.media.target,
        "GATEWAY_KEYCLOAK__URL": settings.keycloak.url,
        "GATEWAY_KAFKA__BOOTSTRAP": settings.kafka.bootstrap,
        "GATEWAY_CACHE__EVENTS_TOPIC": settings.cache.events_topic,
        "GATEWAY_CACHE__GROUP_PREFIX": settings.cache.group_prefix,
        # The live stream ends after a second, so a client reads it whole like any response.
        "GATEWAY_LIVE__EVENTS_TOPIC": settings.live.events_topic,
        "GATEWAY_LIVE__CLIENT_PREFIX": settings.live.client_prefix,
        "GATEWAY_LIVE__MAX_STREAM_S": "1",
        "GATEWAY_IDENTITY__SECRET": settings.identity.secret.get_secret_value(),
        "GATEWAY_LOG__LEVEL": "WARNING",
    }
    log: Path = tmp_path_factory.mktemp("gateway") / "gateway.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway"], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        # Ready once its channels, JWKS and cache consumer are up: slow on a loaded machine.
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert process.poll() is None, f"gateway exited: {log.read_text()}"
            assert time.monotonic() < deadline, f"gateway did not start: {log.read_text()}"
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield url
    finally:  # also when it never became ready: no gateway outlives the session
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
