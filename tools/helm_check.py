"""`make helm-check`: every check of the chart, with its time, ending with the total.

1. ``helm lint`` with every values file, and the README's freshness;
2. ``helm template`` of the local profile, the group, the two example subsidiaries and 30
   generated subsidiaries (a release each), several helm processes at once;
3. offline validation of every rendered object against the Kubernetes 1.37 schemas
   (kubernetes-validate, strict: unknown fields are errors);
4. a server-side dry run of all of it against the local apiserver (each object created
   with ``dryRun=All`` and strict field validation, what ``kubectl apply --dry-run=server``
   sends for an object that does not exist yet), which catches what schemas cannot
   (selector/label mismatches, requests above limits). Straight to the apiserver's REST
   API on a few keep-alive connections: kubectl's own client work (its OpenAPI download,
   three-way patches) cost ten times the apiserver's;
5. the chart's unit tests (``pytest tests/helm``, in this process, with the renderings,
   schemas and helm already warm): security context on every pod, NetworkPolicies, no
   Secret from a literal, per-subsidiary tenant and hosts, disabling a component, the
   schema's refusals, and each check above failing on a broken chart. They run while the
   dry run waits on the apiserver.

Each step prints its wall time and this process' CPU time (the machine is shared: the CPU
figure is what the check itself costs). The functions are imported by tests/helm, which
runs them on deliberately broken charts.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "deploy/helm/newsroom"
VALUES_DIR = ROOT / "deploy/helm/values"
LOCAL_VALUES = CHART / "ci/local-values.yaml"
KUBE_VERSION = "1.37.2"
GENERATED_SUBSIDIARIES = 30
# Kinds the apiserver and kubernetes-validate know without CRDs.
CRD_KINDS = {"ServiceMonitor", "PrometheusRule"}
HELM_PROCESSES = 4
DRY_RUN_CONNECTIONS = 6
DRY_RUN_MANAGER = "newsroom-helm-check"
Doc = dict[str, Any]
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~7x faster


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
            "portal": {
                "ingress": {"host": f"news.{slug}.tkv.example", "tlsSecret": f"news-{slug}-tls"}
            },
            "newsroom": {
                "ingress": {
                    "host": f"newsroom.news.{slug}.tkv.example",
                    "tlsSecret": f"newsroom-news-{slug}-tls",
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
    return [d for d in yaml.load_all(result.stdout, Loader=YAML_LOADER) if d]


def render_all(chart: Path, sets: list[ValuesSet]) -> dict[str, list[Doc]]:
    with ThreadPoolExecutor(max_workers=HELM_PROCESSES) as pool:
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


class ApiServer:
    """The local apiserver's REST API with the kubeconfig's token, one keep-alive HTTPS
    connection per thread."""

    def __init__(self, config_path: str) -> None:
        config = yaml.safe_load(Path(config_path).read_text())
        cluster = config["clusters"][0]["cluster"]
        url = urlsplit(cluster["server"])
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 443
        self.token = config["users"][0]["user"]["token"]
        self.tls = ssl.create_default_context(cafile=cluster["certificate-authority"])
        self.local = threading.local()

    def request(
        self, method: str, path: str, body: Any = None, content_type: str = "application/json"
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        payload = None if body is None else json.dumps(body).encode()
        if payload is not None:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):  # a kept-alive connection the server closed: reconnect once
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = http.client.HTTPSConnection(
                    self.host, self.port, context=self.tls, timeout=60
                )
                self.local.connection = connection
            try:
                connection.request(method, path, payload, headers)
                response = connection.getresponse()
                data = response.read()
                return response.status, json.loads(data) if data else {}
            except (http.client.HTTPException, ConnectionError):
                connection.close()
                self.local.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @cache  # noqa: B019 - one discovery per process is the point
    def resources(self, api_version: str) -> dict[str, tuple[str, bool]]:
        """kind -> (resource name, namespaced) for one group/version."""
        path = "/api/v1" if api_version == "v1" else f"/apis/{api_version}"
        status, body = self.request("GET", path)
        if status != 200:
            raise CheckFailed(f"apiserver discovery of {api_version}: HTTP {status}")
        return {
            r["kind"]: (r["name"], r["namespaced"])
            for r in body["resources"]
            if "/" not in r["name"]
        }

    def collection(self, doc: Doc) -> str:
        plural, namespaced = self.resources(doc["apiVersion"])[doc["kind"]]
        prefix = "/api/v1" if doc["apiVersion"] == "v1" else f"/apis/{doc['apiVersion']}"
        if namespaced:
            return f"{prefix}/namespaces/{quote(doc['metadata']['namespace'])}/{plural}"
        return f"{prefix}/{plural}"


def dry_run_server(rendered: dict[str, list[Doc]]) -> list[str]:
    """Every release's objects created with ``dryRun=All`` and strict field validation on
    the local apiserver, into their namespaces (created for real, once)."""
    api = ApiServer(kubeconfig())
    namespaces = sorted(
        {d["metadata"].get("namespace", "") for docs in rendered.values() for d in docs} - {""}
    )
    for namespace in namespaces:
        status, body = api.request(
            "POST",
            "/api/v1/namespaces",
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}},
        )
        if status not in (201, 409):
            raise CheckFailed(f"cannot create namespace {namespace}: {body.get('message')}")
    objects = [d for docs in rendered.values() for d in docs if d["kind"] not in CRD_KINDS]
    query = f"?dryRun=All&fieldValidation=Strict&fieldManager={DRY_RUN_MANAGER}"

    def create(doc: Doc) -> str | None:
        status, body = api.request("POST", api.collection(doc) + query, doc)
        if status in (200, 201):
            return None
        where = doc["metadata"].get("namespace", "")
        return f"{doc['kind']}/{doc['metadata']['name']} ({where}): {body.get('message', status)}"

    with ThreadPoolExecutor(max_workers=DRY_RUN_CONNECTIONS) as pool:
        return [e for e in pool.map(create, objects) if e]


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
    cpu: float


@contextmanager
def timed(name: str, steps: list[Step]) -> Iterator[None]:
    start, cpu = time.perf_counter(), _cpu()
    yield
    steps.append(Step(name, time.perf_counter() - start, _cpu() - cpu))
    print(f"helm-check: {name}: {steps[-1].seconds:.1f}s (CPU {steps[-1].cpu:.1f}s)", flush=True)


def _cpu() -> float:
    """CPU seconds of this process and of the helm processes it has waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _timed_call(function: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    return function(*args), time.perf_counter() - start


def readme_check() -> None:
    import helm_readme

    text, missing = helm_readme.render()
    if missing:
        raise CheckFailed(f"values without a ## @param line: {', '.join(missing)}")
    if (CHART / "README.md").read_text() != text:
        raise CheckFailed(
            "deploy/helm/newsroom/README.md is stale: run python tools/helm_readme.py"
        )


def unit_tests() -> int:
    """pytest tests/helm in this process: only its own conftest (not the stack's fixtures
    of tests/conftest.py) and no plugin of the stack (newsroom_core's), which would cost
    more to import than the tests take."""
    sys.modules.setdefault("helm_check", sys.modules[__name__])
    import pytest

    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        return int(
            pytest.main(
                [
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "-p",
                    "pytest_timeout",
                    "--confcutdir",
                    str(ROOT / "tests/helm"),
                    str(ROOT / "tests/helm"),
                ]
            )
        )
    finally:
        os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)


def main() -> int:
    steps: list[Step] = []
    start, start_cpu = time.perf_counter(), _cpu()
    with tempfile.TemporaryDirectory() as tmp:
        sets = values_sets(Path(tmp))
        print(
            f"helm-check: {len(sets)} values sets "
            f"(local, group, examples, {GENERATED_SUBSIDIARIES} generated)"
        )
        background = ThreadPoolExecutor(max_workers=1)
        try:
            with timed(
                f"helm lint x{len(sets) - GENERATED_SUBSIDIARIES}, helm template x{len(sets)}",
                steps,
            ):
                with ThreadPoolExecutor(max_workers=1) as linting:
                    linted = linting.submit(lint, CHART, sets[: len(sets) - GENERATED_SUBSIDIARIES])
                    rendered = with_namespace(render_all(CHART, sets), sets)
                    linted.result()
                readme_check()
            # the apiserver works while this process validates and runs the unit tests
            dry_run: Future[tuple[list[str], float]] = background.submit(
                _timed_call, dry_run_server, rendered
            )
            count = sum(len(d) for d in rendered.values())
            on_server = sum(d["kind"] not in CRD_KINDS for docs in rendered.values() for d in docs)
            with timed(f"kubernetes-validate of {count} objects", steps):
                errors = validate_offline(d for docs in rendered.values() for d in docs)
                if errors:
                    raise CheckFailed("offline validation:\n" + "\n".join(errors[:20]))
            with timed("chart unit tests (pytest tests/helm)", steps):
                tests = unit_tests()
            with timed("waiting for the server dry run", steps):
                errors, seconds = dry_run.result()
            steps.append(Step(f"server dry run of {on_server} objects", seconds, 0.0))
            print(
                f"helm-check: server dry run of {on_server} objects: {seconds:.1f}s "
                "(alongside the two steps before)",
                flush=True,
            )
            if errors:
                raise CheckFailed("server dry run:\n" + "\n".join(errors[:20]))
        except CheckFailed as failure:
            print(f"helm-check: FAILED: {failure}", file=sys.stderr)
            return 1
        finally:
            background.shutdown(wait=True)
    total, cpu = time.perf_counter() - start, _cpu() - start_cpu
    render_and_validate = sum(
        s.seconds for s in steps if "unit tests" not in s.name and "waiting" not in s.name
    )
    print(
        f"helm-check: rendering and validating {len(sets)} releases took "
        f"{render_and_validate:.1f}s; total {total:.1f}s, CPU {cpu:.1f}s here "
        f"(target < 60 s) {'PASS' if total < 60 else 'SLOW'}"
    )
    return tests


if __name__ == "__main__":
    sys.exit(main())
