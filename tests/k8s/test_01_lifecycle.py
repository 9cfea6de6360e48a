"""The story-lifecycle walk of tests/e2e, unchanged, against the gateway pod: the same
test functions, here fed by the release's pods instead of in-process services; then the
portal pod renders the group's site from the gateway pod."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import httpx
import k8s_local as kl
from portal.testing import parse_head

_spec = importlib.util.spec_from_file_location(
    "e2e_story_lifecycle", Path(__file__).parents[1] / "e2e/test_story_lifecycle.py"
)
assert _spec and _spec.loader
_e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_e2e)

pytestmark = _e2e.pytestmark


def test_every_pod_is_ready_from_images_built_here(release: kl.Release) -> None:
    pods = release.pods()
    assert {p["metadata"]["labels"]["app.kubernetes.io/component"] for p in pods} == {
        "content",
        "editorial-approval",
        "gateway",
        "portal",
    }
    for pod in pods:
        assert pod["status"]["phase"] == "Running"
        [status] = pod["status"]["containerStatuses"]
        assert status["ready"] and status["image"].startswith("localhost/newsroom/"), status


test_story_lifecycle = _e2e.test_story_lifecycle
test_official_statement_needs_the_spokesperson = _e2e.test_official_statement_needs_the_spokesperson


def test_the_portal_pod_serves_the_sites_the_gateway_pod_lists(release: kl.Release) -> None:
    """The chart's wiring, end to end: the portal reaches the gateway (httpUpstreams), the
    gateway builds the sites' addresses on the portal's URL (publicUrls), and pages render
    in both languages (the image's pruned CLDR data keeps vi and en)."""
    home = httpx.get(f"{release.portal_url}/", timeout=30)
    assert home.status_code == 200, home.text[:500]
    assert home.headers["content-type"].startswith("text/html")
    assert parse_head(home.text).link("canonical")[0]["href"] == f"{release.portal_url}/"
    assert f'href="{release.portal_url}/halong"' in home.text
    halong = httpx.get(f"{release.portal_url}/halong", params={"lang": "en"}, timeout=30)
    assert halong.status_code == 200 and "Công ty Than Hạ Long" in halong.text
    assert '<html lang="en"' in halong.text
    ready = httpx.get(f"{release.portal_url}/readyz", timeout=30)
    assert ready.json() == {"ready": True, "checks": {"gateway": True, "cache": True}}
