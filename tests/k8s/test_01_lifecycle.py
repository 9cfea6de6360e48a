"""Every pod Ready from images built here, hardened, probed and fenced as the chart says;
the story-lifecycle walk of tests/e2e, unchanged, against the gateway pod (the same test
functions, here fed by the release's pods instead of in-process services); then the
portal pod renders the group's site from the gateway pod."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import httpx
import k8s_local as kl

from portal.testing import parse_head


def _e2e_module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        f"e2e_{name}", Path(__file__).parents[1] / f"e2e/test_{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_e2e = _e2e_module("story_lifecycle")
_media = _e2e_module("media_lifecycle")

pytestmark = _e2e.pytestmark


def test_every_pod_is_ready_from_images_built_here(release: kl.Release) -> None:
    pods = release.pods()
    assert {p["metadata"]["labels"]["app.kubernetes.io/component"] for p in pods} == {
        "content",
        "editorial-approval",
        "gateway",
        "portal",
        "media-asset",
        "media-worker",
        "newsroom",
    }
    for pod in pods:
        assert pod["status"]["phase"] == "Running"
        [status] = pod["status"]["containerStatuses"]
        assert status["ready"] and status["image"].startswith("localhost/newsroom/"), status


def test_the_running_pods_are_hardened_probed_and_fenced(release: kl.Release) -> None:
    """What the chart tests prove of the rendered manifests, read back from the objects
    the apiserver admitted and the kubelet runs: the hardening, the probes on /healthz and
    /readyz, and one NetworkPolicy selecting each component's pods."""
    pods = release.pods()
    for pod in pods:
        name = pod["metadata"]["name"]
        security = pod["spec"]["securityContext"]
        assert security["runAsNonRoot"] is True and security["runAsUser"] != 0, name
        assert security["seccompProfile"]["type"] == "RuntimeDefault", name
        [container] = pod["spec"]["containers"]
        hardened = container["securityContext"]
        assert hardened["readOnlyRootFilesystem"] is True, name
        assert hardened["allowPrivilegeEscalation"] is False, name
        assert hardened["capabilities"]["drop"] == ["ALL"], name
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz", name
        # the kubelet probes loopback, never the node's other addresses (hostNetwork)
        assert {
            container[probe]["httpGet"]["host"]
            for probe in ("startupProbe", "livenessProbe", "readinessProbe")
        } == {"127.0.0.1"}, name
    policies = kl.kubectl_json("-n", release.namespace, "get", "networkpolicies")["items"]
    selected = {
        p["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
        for p in policies
        if p["metadata"]["labels"].get("app.kubernetes.io/instance") == release.name
    }
    assert selected == {p["metadata"]["labels"]["app.kubernetes.io/component"] for p in pods}
    for policy in policies:
        assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}, policy["metadata"]


test_story_lifecycle = _e2e.test_story_lifecycle
test_official_statement_needs_the_spokesperson = _e2e.test_official_statement_needs_the_spokesperson
# a photo through the gateway pod to the store, renditions by the worker pod (ffmpeg and
# libvips in the media image), shown, replaced, re-approved and retracted
test_photo_upload_publish_replace_reapprove_retract = (
    _media.test_photo_upload_publish_replace_reapprove_retract
)


def test_the_newsroom_app_pod_is_pointed_at_the_gateway_pod(release: kl.Release) -> None:
    """The app's settings come from the chart (publicUrls), and the gateway admits the
    app's origin (CORS__ORIGINS from the app's URL)."""
    app_url = f"http://127.0.0.1:{release.ports['newsroom']['http']}"
    config = httpx.get(f"{app_url}/config.json", timeout=30).json()
    assert config["apiBase"] == release.gateway_url
    assert config["portalUrl"] == release.portal_url
    assert config["clientId"] == "newsroom-web"
    page = httpx.get(f"{app_url}/t/halong/queue", timeout=30)
    assert page.status_code == 200 and '<div id="root"' in page.text
    assert "connect-src 'self' " + release.gateway_url in page.headers["content-security-policy"]
    preflight = httpx.options(
        f"{release.gateway_url}/v1/me",
        headers={
            "Origin": app_url,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
        timeout=30,
    )
    assert preflight.headers.get("access-control-allow-origin") == app_url


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
