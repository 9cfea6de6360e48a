"""The story-lifecycle walk of tests/e2e, unchanged, against the gateway pod: the same
test functions, here fed by the release's pods instead of in-process services."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import k8s_local as kl

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
    }
    for pod in pods:
        assert pod["status"]["phase"] == "Running"
        [status] = pod["status"]["containerStatuses"]
        assert status["ready"] and status["image"].startswith("localhost/newsroom/"), status


test_story_lifecycle = _e2e.test_story_lifecycle
test_official_statement_needs_the_spokesperson = _e2e.test_official_statement_needs_the_spokesperson
