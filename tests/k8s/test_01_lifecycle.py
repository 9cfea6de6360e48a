"""Every pod Ready from images built here, hardened, probed and fenced as the chart says;
the story-lifecycle walk of tests/e2e, unchanged, against the gateway pod (the same test
functions, here fed by the release's pods instead of in-process services); then the
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
