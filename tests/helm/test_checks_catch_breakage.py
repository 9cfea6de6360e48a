"""Each step of `make helm-check` fails on a chart broken the way that step exists to
catch: a check that passes whatever the chart says would be worthless."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helm_check import (
    CHART,
    VALUES_DIR,
    CheckFailed,
    ValuesSet,
    dry_run_server,
    lint,
    render,
    validate_offline,
)

GROUP = ValuesSet("broken", "check-broken", (VALUES_DIR / "group.yaml",))
SELECTOR = """  selector:
    matchLabels:
      {{- include "newsroom.selectorLabels" (list $root $key) | nindent 6 }}
  strategy:"""


def test_lint_passes_the_chart_and_fails_a_broken_template(
    broken_chart: Callable[..., Path],
) -> None:
    lint(CHART, [GROUP])
    chart = broken_chart("templates/components.yaml", "{{- end }}\n{{- end }}", "{{- end }}")
    with pytest.raises(CheckFailed, match="helm lint"):
        lint(chart, [GROUP])


def test_offline_validation_fails_an_unknown_field(broken_chart: Callable[..., Path]) -> None:
    assert validate_offline(render(CHART, GROUP)) == []
    chart = broken_chart(
        "templates/_workload.tpl", "revisionHistoryLimit: 5", "revisionHistoryLimits: 5"
    )
    errors = validate_offline(render(chart, GROUP))
    assert errors and all("revisionHistoryLimits" in e for e in errors)


def test_offline_validation_fails_a_wrong_type(broken_chart: Callable[..., Path]) -> None:
    chart = broken_chart(
        "templates/_workload.tpl",
        "automountServiceAccountToken: false\n---",
        'automountServiceAccountToken: "no"\n---',
    )
    assert any("ServiceAccount" in e for e in validate_offline(render(chart, GROUP)))


def test_the_server_dry_run_catches_what_schemas_cannot(broken_chart: Callable[..., Path]) -> None:
    """A Deployment whose selector misses its pods' labels is valid by the schema and
    refused by the apiserver."""
    good = {
        GROUP.release: [
            {**d, "metadata": {**d["metadata"], "namespace": GROUP.namespace}}
            for d in render(CHART, GROUP)
        ]
    }
    assert dry_run_server(good) == []
    chart = broken_chart(
        "templates/_workload.tpl",
        SELECTOR,
        SELECTOR.replace(
            '{{- include "newsroom.selectorLabels" (list $root $key) | nindent 6 }}',
            "app: someone-else",
        ),
    )
    docs = render(chart, GROUP)
    assert validate_offline(docs) == []
    bad = {
        GROUP.release: [
            {**d, "metadata": {**d["metadata"], "namespace": GROUP.namespace}} for d in docs
        ]
    }
    errors = dry_run_server(bad)
    assert any("selector" in e and "does not match" in e for e in errors), errors
