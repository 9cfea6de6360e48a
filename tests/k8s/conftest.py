"""The chart installed on the real local cluster (make k8s-up), on ports of its own, against
the real local stack; the release the cluster tests share, in file order:
lifecycle -> drain -> upgrade/rollback -> uninstall. test_fleet.py (make test-fleet, not in
make test) installs 31 releases on kwok's simulated nodes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import k8s_local as kl  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from newsroom_core.db import drop_database  # noqa: E402
from newsroom_core.testing.run import RUN_ID  # noqa: E402
from newsroom_testkit.gateway import Tokens  # noqa: E402

# Ports of the test release (the `make k8s-deploy` one uses 15051/15052/15053/18000/18080/
# 18081/19101/...).
PORTS = {
    "content": {"grpc": 15061, "http": 19111},
    "editorialApproval": {"grpc": 15062, "http": 19112},
    "gateway": {"http": 18010},
    "portal": {"http": 19117, "web": 18090},
    "mediaAsset": {"grpc": 15063, "http": 19113},
    "mediaWorker": {"http": 19114},
    "newsroom": {"http": 18091},
}
TAG = "k8s-test"
NEXT_TAG = "k8s-test-next"
IMAGES = kl.IMAGES
TENANTS = [
    ("tkv", "Tập đoàn TKV", True),
    ("halong", "Công ty Than Hạ Long", False),
    ("uongbi", "Công ty Nhiệt điện Uông Bí", False),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The first test also pays for the images and the install; helm waits have their own limits.
    for item in items:
        item.add_marker(pytest.mark.timeout(1500))


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def cluster() -> None:
    if not kl.node_ready():
        pytest.fail("the local cluster's node is not Ready: run make k8s-up")


@pytest.fixture(scope="session")
def images(cluster: None) -> tuple[str, str]:
    """Every image built here and imported as TAG, and the same image as NEXT_TAG (what
    an upgrade to a new tag rolls out)."""
    kl.build_images(TAG)
    for name in IMAGES:
        kl.sh(
            [
                kl.ROOT / "deploy/local/k8s.sh",
                "images-tag",
                f"localhost/newsroom/{name}:{TAG}",
                f"localhost/newsroom/{name}:{NEXT_TAG}",
            ]
        )
    return TAG, NEXT_TAG


@pytest.fixture(scope="session")
def built_images(images: tuple[str, str]) -> dict[str, str]:
    """Each image's name in the build store, as this run's build named it (its content
    tag, from .local/images/built.txt): TAG exists in the node's containerd only."""
    lines = (ROOT / ".local/images/built.txt").read_text().split("\n")
    return {
        name: f"localhost/newsroom/{name}:{ctag}"
        for name, ctag in (line.split() for line in lines if line.strip())
    }


def provision(release: kl.Release) -> None:
    env = {**os.environ, **release.cli_env()}
    for slug, name, group in TENANTS:
        cmd = [str(ROOT / ".venv/bin/newsroom"), "tenant", "create", slug, "--name", name]
        result = subprocess.run(
            [*cmd, *(["--group-tenant"] if group else [])],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def release(
    images: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    pg_server_url: str,
    kafka_settings: object,
    keycloak_url: str,
) -> Iterator[kl.Release]:
    values = tmp_path_factory.mktemp("release") / "ports.yaml"
    kl.write_release_values(values, RUN_ID, PORTS)
    release = kl.Release("nrtest", f"nrtest-{RUN_ID}", PORTS, RUN_ID, values)
    remove_stale_releases()
    kl.ensure_secrets(release.namespace)
    try:
        release.install(images[0])
        provision(release)
        yield release
    finally:
        tear_down(release, pg_server_url)


def remove_stale_releases() -> None:
    """A run killed before its teardown leaves its release holding the test ports."""
    for stale in json.loads(kl.helm("list", "-A", "-o", "json") or "[]"):
        if stale["name"] == "nrtest" and stale["namespace"].startswith("nrtest-"):
            kl.helm("uninstall", "nrtest", "-n", stale["namespace"], "--wait", "--timeout", "2m")
            kl.kubectl("delete", "namespace", stale["namespace"], "--wait=false")


def tear_down(release: kl.Release, pg_server_url: str) -> None:
    try:
        if kl.helm("list", "-n", release.namespace, "-q").strip():
            release.uninstall()
    finally:
        kl.kubectl("delete", "namespace", release.namespace, "--wait=false", "--ignore-not-found")
        prefix = kl.release_prefixes(RUN_ID)[0]
        for database in ("newsroom_content", "newsroom_editorial_approval", "newsroom_media_asset"):
            url = make_url(pg_server_url).set(database=f"{prefix}{database}")
            drop_database(url.render_as_string(hide_password=False))


@pytest.fixture
async def client(release: kl.Release) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=release.gateway_url, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def tokens(keycloak_url: str) -> Tokens:
    return Tokens(keycloak_url)


@pytest.fixture(scope="session")
def stack(release: kl.Release) -> SimpleNamespace:
    """What the e2e walks read from their stack: the topic content's events go to, and
    the readers' media URLs (the gateway pod's public media route)."""
    return SimpleNamespace(
        topics=SimpleNamespace(content=f"{release.topic_prefix}content.events.v1"),
        media_base_url=f"{release.gateway_url}/public/v1/media",
    )
