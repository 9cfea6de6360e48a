"""web/newsroom/serve.py as the chart runs it: settings from the `newsroom` component's
variables, /readyz and /metrics for the probes and the ServiceMonitor."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsroom_cli import webapp
from newsroom_testkit.servers import free_port


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        assert process.poll() is None, "serve.py exited"
        try:
            if httpx.get(f"{url}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "serve.py did not answer /healthz"
        time.sleep(0.1)


@pytest.fixture
def app_root(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><title>Newsroom</title>")
    return tmp_path


@pytest.fixture
def served(app_root: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        # what deploy/helm/newsroom writes into the component's ConfigMap
        "NEWSROOM_APP_HTTP__HOST": "127.0.0.1",
        "NEWSROOM_APP_HTTP__PORT": str(port),
        "NEWSROOM_APP_ROOT": str(app_root),
        "NEWSROOM_APP_GATEWAY_URL": "https://api.news.tkv.example/",
        "NEWSROOM_APP_OIDC__URL": "http://keycloak.infra:8080",
        "NEWSROOM_APP_OIDC__PUBLIC_URL": "https://sso.tkv.example",
        "NEWSROOM_APP_OIDC__REALM": "tkv",
        "NEWSROOM_APP_OIDC__CLIENT_ID": "newsroom-web",
        "NEWSROOM_APP_PORTAL_URL": "https://news.tkv.example",
        "NEWSROOM_APP_STORAGE_URL": "https://s3.tkv.example",
    }
    process = subprocess.Popen(
        [sys.executable, str(webapp.SERVER)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_config_comes_from_the_charts_variables(served: str) -> None:
    response = httpx.get(f"{served}/config.json")
    assert response.json() == {
        "apiBase": "https://api.news.tkv.example",
        # the browser's Keycloak: the public URL, not the in-cluster one
        "keycloakUrl": "https://sso.tkv.example",
        "realm": "tkv",
        "clientId": "newsroom-web",
        "portalUrl": "https://news.tkv.example",
        "renewBeforeSeconds": 60,
    }
    csp = response.headers["content-security-policy"]
    assert "connect-src 'self' https://api.news.tkv.example https://sso.tkv.example" in csp
    assert "https://s3.tkv.example" in csp


def test_readiness_follows_the_built_app_and_metrics_count_responses(
    served: str, app_root: Path
) -> None:
    assert httpx.get(f"{served}/readyz").status_code == 200
    assert httpx.get(f"{served}/t/tkv/queue").status_code == 200  # an app route
    assert httpx.get(f"{served}/assets/missing.js").status_code == 404
    (app_root / "index.html").unlink()
    assert httpx.get(f"{served}/readyz").status_code == 503
    metrics = httpx.get(f"{served}/metrics")
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = metrics.text.splitlines()
    assert 'newsroom_app_http_responses_total{status="404"} 1' in lines
    assert 'newsroom_app_http_responses_total{status="503"} 1' in lines
    ok = next(
        line for line in lines if line.startswith('newsroom_app_http_responses_total{status="200"}')
    )
    assert int(ok.rsplit(" ", 1)[1]) >= 3  # healthz, readyz, the app route
