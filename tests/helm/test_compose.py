"""compose.yaml sets, for every component, exactly the settings variables the chart sets
(the chart being the reference: a variable added there must be added here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from chart_checks import component_of
from helm_check import ROOT, VALUES_DIR

# compose service -> the chart's component label
SERVICES = {
    "content": "content",
    "editorial-approval": "editorial-approval",
    "gateway": "gateway",
    "portal": "portal",
    "media-asset": "media-asset",
    "media-worker": "media-worker",
    "newsroom-app": "newsroom",
}
# Set by the chart only to build another variable (the DB URL's password).
CHART_ONLY = {"NEWSROOM_DB_PASSWORD"}


def chart_variables(docs: list[dict], component: str) -> set[str]:
    names: set[str] = set()
    for doc in docs:
        if doc["kind"] == "ConfigMap" and component_of(doc) == component:
            names |= set(doc["data"])
        if doc["kind"] == "Deployment" and component_of(doc) == component:
            names |= {
                e["name"] for e in doc["spec"]["template"]["spec"]["containers"][0].get("env") or []
            }
    return names - CHART_ONLY


def compose_variables(service: str) -> set[str]:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return set(compose["services"][service]["environment"])


def test_compose_sets_what_the_chart_sets(render: Callable[..., list[dict]]) -> None:
    docs = render(VALUES_DIR / "group.yaml")
    for service, component in SERVICES.items():
        assert compose_variables(service) == chart_variables(docs, component), service


def test_the_comparison_notices_a_missing_variable(
    render: Callable[..., list[dict]], tmp_path: Path
) -> None:
    docs = render(VALUES_DIR / "group.yaml", sets=("gateway.env.GATEWAY_NEW_SETTING=x",))
    assert compose_variables("gateway") != chart_variables(docs, "gateway")
    assert "GATEWAY_NEW_SETTING" in chart_variables(docs, "gateway") - compose_variables("gateway")
