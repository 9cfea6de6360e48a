"""`make helm-check`: every check of the chart, with its time, ending with the total.

1. ``helm lint`` with every values file;
2. ``helm template`` of the local profile, the group, the two example subsidiaries and 30
   generated subsidiaries (a release each);
3. offline validation of every rendered object against the Kubernetes 1.37 schemas
   (kubernetes-validate, strict: unknown fields are errors);
4. ``kubectl apply --dry-run=server`` of all of it against the local apiserver, which
   catches what schemas cannot (selector/label mismatches, requests above limits);
5. the chart's unit tests (``pytest tests/helm``): security context on every pod,
   NetworkPolicies, no Secret from a literal, per-subsidiary tenant and hosts, disabling a
   component, the schema's refusals, and each check above failing on a broken chart.

The functions are imported by tests/helm, which runs them on deliberately broken charts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "deploy/helm/newsroom"
VALUES_DIR = ROOT / "deploy/helm/values"
LOCAL_VALUES = CHART / "ci/local-values.yaml"
KUBE_VERSION = "1.37.2"
GENERATED_SUBSIDIARIES = 30
# Kinds the apiserver and kubernetes-validate know without CRDs.
CRD_KINDS = {"ServiceMonitor", "PrometheusRule"}
DRY_RUN_PROCESSES = 4
Doc = dict[str, Any]


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsroom"
    return Path(os.environ.get("NEWSROOM_CACHE", default)).resolve()


def state_dir() -> Path:
    return Path(os.environ.get("NEWSROOM_STATE", ROOT / ".local")).resolve()


def helm_bin() -> str:
    return str(cache_dir() / f"helm-{os.environ.get('NEWSROOM_HELM_VERSION', 'v3.22.0')}/bin/helm")


def kubectl_bin() -> str:
    version = os.environ.get("NEWSROOM_KUBE_VERSION", "v1.37.2")
    return str(cache_dir() / f"kube-{version}/bin/kubectl")


def k8s_state_dir() -> Path:
    """The local cluster's state: always this clone's (deploy/local/k8s/cluster.sh)."""
    return Path(os.environ.get("NEWSROOM_K8S_STATE", ROOT / ".local/k8s")).resolve()


def kubeconfig() -> str:
    return str(k8s_state_dir() / "kubeconfig")


@dataclass(frozen=True)
class ValuesSet:
    """One release to render: its name, namespace and values files (in order)."""

    release: str
    namespace: str
    files: tuple[Path, ...]


def subsidiary_values(index: int) -> str:
    slug = f"sub{index:02d}"
    return yaml.safe_dump(
        {
            "tenant": {"slug": slug, "displayName": f"Đơn vị thành viên {index:02d}"},
            "postgresql": {"username": f"newsroom_{slug}", "databasePrefix": f"{slug}_"},
            "kafka": {"topicPrefix": f"{slug}."},
            "s3": {"bucket": f"newsroom-{slug}"},
            "gateway": {
                "ingress": {
                    "host": f"api.news.{slug}.tkv.example",
                    "tlsSecret": f"api-news-{slug}-tls",
                }
            },
        },
        allow_unicode=True,
    )


def values_sets(workdir: Path, generated: int = GENERATED_SUBSIDIARIES) -> list[ValuesSet]:
    group = VALUES_DIR / "group.yaml"
    sets = [
        ValuesSet("local", "check-local", (LOCAL_VALUES,)),
        ValuesSet("tkv", "check-tkv", (group,)),
    ]
    for path in sorted(VALUES_DIR.glob("*.yaml")):
        if path.name != "group.yaml":
            sets.append(ValuesSet(path.stem, f"check-{path.stem}", (group, path)))
    for index in range(1, generated + 1):
        path = workdir / f"sub{index:02d}.yaml"
        path.write_text(subsidiary_values(index))
        sets.append(ValuesSet(path.stem, f"check-{path.stem}", (group, path)))
    return sets


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


class CheckFailed(Exception):
    pass


def lint(chart: Path, sets: Iterable[ValuesSet]) -> None:
    for values in dict.fromkeys(v.files for v in sets):
        args = [a for f in values for a in ("-f", str(f))]
        result = run(
            [helm_bin(), "lint", "--strict", str(chart), "--kube-version", KUBE_VERSION, *args]
        )
        if result.returncode != 0:
            raise CheckFailed(f"helm lint {' '.join(args)}:\n{result.stdout}{result.stderr}")


def render(chart: Path, values: ValuesSet, *extra: str) -> list[Doc]:
    args = [a for f in values.files for a in ("-f", str(f))]
    result = run(
        [
            helm_bin(),
            "template",
            values.release,
            str(chart),
            "--namespace",
            values.namespace,
            "--kube-version",
            KUBE_VERSION,
            *args,
            *extra,
        ]
    )
    if result.returncode != 0:
        raise CheckFailed(f"helm template {values.release}: {result.stderr.strip()}")
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def render_all(chart: Path, sets: list[ValuesSet]) -> dict[str, list[Doc]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        rendered = list(pool.map(lambda v: render(chart, v), sets))
    return {v.release: docs for v, docs in zip(sets, rendered, strict=True)}


@cache
def _validator(kind: str, api_version: str) -> Any:
    """kubernetes-validate's strict schema for one kind, parsed once (the library's own
    ``validate`` re-reads the schema and its definitions for every object)."""
    import jsonschema
    from kubernetes_validate import utils
    from referencing import Registry, Resource

    version = KUBE_VERSION.rsplit(".", 1)[0]
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    schema_dir = f"v{version}.0-local-strict"
    schema = utils.schema_contents(
        f"kubernetes-json-schema/{schema_dir}/{kind.lower()}-{group_version}.json", version
    )
    definitions = utils.schema_contents(
        f"kubernetes-json-schema/{schema_dir}/_definitions.json", version
    )
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


def validate_offline(docs: Iterable[Doc]) -> list[str]:
    """Every object of a kind the schemas know, against Kubernetes' strict JSON schema
    (kubernetes-validate's bundle: unknown fields and wrong types are errors)."""
    errors = []
    for doc in docs:
        if doc["kind"] in CRD_KINDS:
            continue
        try:
            validator = _validator(doc["kind"], doc["apiVersion"])
        except FileNotFoundError:
            errors.append(
                f"{doc['kind']} {doc['apiVersion']}: no schema in Kubernetes {KUBE_VERSION}"
            )
            continue
        for error in validator.iter_errors(doc):
            path = ".".join(str(p) for p in error.absolute_path)
            errors.append(f"{doc['kind']}/{doc['metadata']['name']} {path}: {error.message}")
    return errors


def dry_run_server(rendered: dict[str, list[Doc]]) -> list[str]:
    """``kubectl apply --dry-run=server`` of every release, each into its namespace."""
    errors = []
    namespaces = sorted(
        {d["metadata"].get("namespace", "") for docs in rendered.values() for d in docs} - {""}
    )
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "all.yaml"
        docs = [
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}} for ns in namespaces
        ]
        manifest.write_text(yaml.safe_dump_all(docs))
        created = run([kubectl_bin(), "--kubeconfig", kubeconfig(), "apply", "-f", str(manifest)])
        if created.returncode != 0:
            raise CheckFailed(f"cannot create the check namespaces: {created.stderr}")
        objects = [d for docs in rendered.values() for d in docs if d["kind"] not in CRD_KINDS]
        # a few kubectl processes at once: the apiserver answers them in parallel
        chunks = [objects[i::DRY_RUN_PROCESSES] for i in range(DRY_RUN_PROCESSES)]

        def apply(index: int) -> list[str]:
            path = Path(tmp) / f"chunk-{index}.yaml"
            path.write_text(yaml.safe_dump_all(chunks[index]))
            result = run(
                [
                    kubectl_bin(),
                    "--kubeconfig",
                    kubeconfig(),
                    "apply",
                    "--dry-run=server",
                    "-f",
                    str(path),
                    "-o",
                    "name",
                ]
            )
            return (
                []
                if result.returncode == 0
                else [ln for ln in result.stderr.splitlines() if ln.strip()]
            )

        with ThreadPoolExecutor(max_workers=DRY_RUN_PROCESSES) as pool:
            errors = [
                e
                for found in pool.map(apply, [i for i, c in enumerate(chunks) if c])
                for e in found
            ]
    return errors


def with_namespace(rendered: dict[str, list[Doc]], sets: list[ValuesSet]) -> dict[str, list[Doc]]:
    by_release = {v.release: v.namespace for v in sets}
    for release, docs in rendered.items():
        for doc in docs:
            doc["metadata"].setdefault("namespace", by_release[release])
    return rendered


@dataclass
class Step:
    name: str
    seconds: float


@contextmanager
def timed(name: str, steps: list[Step]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    steps.append(Step(name, time.perf_counter() - start))
    print(f"helm-check: {name}: {steps[-1].seconds:.1f}s", flush=True)


def main() -> int:
    steps: list[Step] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        sets = values_sets(Path(tmp))
        print(
            f"helm-check: {len(sets)} values sets "
            f"(local, group, examples, {GENERATED_SUBSIDIARIES} generated)"
        )
        try:
            with timed("helm lint", steps):
                lint(CHART, sets[: len(sets) - GENERATED_SUBSIDIARIES])
                readme = run([sys.executable, str(ROOT / "tools/helm_readme.py"), "--check"])
                if readme.returncode != 0:
                    raise CheckFailed(readme.stderr.strip())
            with timed(f"helm template x{len(sets)}", steps):
                rendered = with_namespace(render_all(CHART, sets), sets)
            count = sum(len(d) for d in rendered.values())
            with timed(f"kubernetes-validate of {count} objects", steps):
                errors = validate_offline(d for docs in rendered.values() for d in docs)
                if errors:
                    raise CheckFailed("offline validation:\n" + "\n".join(errors[:20]))
            with timed("kubectl apply --dry-run=server", steps):
                errors = dry_run_server(rendered)
                if errors:
                    raise CheckFailed("server dry run:\n" + "\n".join(errors[:20]))
        except CheckFailed as failure:
            print(f"helm-check: FAILED: {failure}", file=sys.stderr)
            return 1
    render_and_validate = sum(s.seconds for s in steps[1:])
    with timed("chart unit tests (pytest tests/helm)", steps):
        tests = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                str(ROOT / "tests/helm"),
            ],
            check=False,
        )
    total = time.perf_counter() - start
    print(
        f"helm-check: rendering and validating {len(sets)} releases took "
        f"{render_and_validate:.1f}s; "
        f"total {total:.1f}s (target < 60 s) {'PASS' if total < 60 else 'SLOW'}"
    )
    return tests.returncode


if __name__ == "__main__":
    sys.exit(main())
