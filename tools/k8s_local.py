"""The local cluster from Python: kubectl and helm with the cluster's kubeconfig, a
release of the chart's local profile, and a fleet of releases on kwok's simulated nodes.

Used by tests/k8s and bench/rollout.py. The cluster itself is started by
``deploy/local/k8s.sh up`` (``make k8s-up``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helm_check import (  # noqa: E402
    CHART,
    LOCAL_VALUES,
    VALUES_DIR,
    helm_bin,
    k8s_state_dir,
    kubeconfig,
    kubectl_bin,
    state_dir,
    subsidiary_values,
)

ROOT = Path(__file__).resolve().parent.parent
K8S_SH = ROOT / "deploy/local/k8s.sh"


def chart_components() -> tuple[str, ...]:
    """The chart's component keys (top-level maps with an envPrefix), enabled by default."""
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    return tuple(
        key
        for key, value in values.items()
        if isinstance(value, dict) and "envPrefix" in value and value.get("enabled")
    )


COMPONENTS = chart_components()
# The images `make images` builds (deploy/images/images.txt, first column).
IMAGES = [
    line.split()[0]
    for line in (ROOT / "deploy/images/images.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
KWOK_TAINT = {"key": "kwok.x-k8s.io/node", "value": "fake", "effect": "NoSchedule"}


def kebab(key: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in key)


class CommandFailed(Exception):
    pass


def sh(cmd: Sequence[str], *, timeout: float = 600, check: bool = True) -> str:
    result = subprocess.run(
        list(cmd),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "KUBECONFIG": kubeconfig()},
    )
    if check and result.returncode != 0:
        raise CommandFailed(
            f"{' '.join(cmd[:4])}...: {result.stderr.strip() or result.stdout.strip()}"
        )
    return result.stdout


def kubectl(*args: str, timeout: float = 120, check: bool = True) -> str:
    return sh([kubectl_bin(), "--kubeconfig", kubeconfig(), *args], timeout=timeout, check=check)


def apply(docs: list[dict[str, Any]]) -> str:
    """kubectl apply of objects given as dicts; kubectl's report."""
    return subprocess.run(
        [kubectl_bin(), "--kubeconfig", kubeconfig(), "apply", "-f", "-"],
        input=yaml.safe_dump_all(docs),
        text=True,
        check=True,
        capture_output=True,
    ).stdout


def kubectl_json(*args: str) -> Any:
    return json.loads(kubectl(*args, "-o", "json"))


def helm(*args: str, timeout: float = 900) -> str:
    return sh([helm_bin(), "--kubeconfig", kubeconfig(), *args], timeout=timeout)


def node_ready(name: str = "localhost") -> bool:
    try:
        node = kubectl_json("get", "node", name)
    except CommandFailed:
        return False
    conditions = node.get("status", {}).get("conditions") or []
    return any(c["type"] == "Ready" and c["status"] == "True" for c in conditions)


def wait_for(
    predicate: Callable[[], bool], timeout_s: float, what: str, interval_s: float = 0.5
) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout_s:.0f}s")
        time.sleep(interval_s)


def build_images(tag: str) -> None:
    """``make images`` for TAG, imported into the node's containerd."""
    subprocess.run([str(K8S_SH), "images", tag], check=True)


@dataclass
class Release:
    """A release of the local profile on the real node, on ports of its own."""

    name: str
    namespace: str
    ports: dict[str, dict[str, int]]
    run_id: str
    values_file: Path
    extra: list[str] = field(default_factory=list)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']['http']}"

    @property
    def topic_prefix(self) -> str:
        return release_prefixes(self.run_id)[1]

    @property
    def portal_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['portal']['web']}"

    def cli_env(self) -> dict[str, str]:
        return {
            "NEWSROOM_CONTENT_TARGET": f"127.0.0.1:{self.ports['content']['grpc']}",
            "NEWSROOM_EDITORIAL_TARGET": f"127.0.0.1:{self.ports['editorialApproval']['grpc']}",
            "NEWSROOM_GATEWAY_URL": self.gateway_url,
            "NEWSROOM_IDENTITY_SECRET": identity_key(),
        }

    def helm_args(self, tag: str) -> list[str]:
        return [
            self.name,
            str(CHART),
            "-n",
            self.namespace,
            "--create-namespace",
            "-f",
            str(LOCAL_VALUES),
            "-f",
            str(self.values_file),
            "--set",
            f"image.tag={tag}",
            *self.extra,
        ]

    def install(self, tag: str, timeout: str = "5m") -> float:
        start = time.perf_counter()
        helm("upgrade", "--install", *self.helm_args(tag), "--wait", "--timeout", timeout)
        self.rolled_out()
        return time.perf_counter() - start

    def rolled_out(self, timeout: str = "300s") -> None:
        """Every Deployment's new pods Ready. `helm --wait` alone accepts a Deployment
        with maxUnavailable pods missing, which is all of them in the local profile
        (one replica, maxUnavailable 1)."""
        kubectl(
            "-n",
            self.namespace,
            "rollout",
            "status",
            "deployment",
            "--timeout",
            timeout,
            timeout=330,
        )

    def upgrade(self, *sets: str, timeout: str = "5m") -> float:
        start = time.perf_counter()
        args = [a for s in sets for a in ("--set", s)]
        helm(
            "upgrade",
            self.name,
            str(CHART),
            "-n",
            self.namespace,
            "--reuse-values",
            *args,
            "--wait",
            "--timeout",
            timeout,
        )
        self.rolled_out()
        return time.perf_counter() - start

    def pods(self, component: str | None = None) -> list[dict[str, Any]]:
        selector = f"app.kubernetes.io/instance={self.name}"
        if component:
            selector += f",app.kubernetes.io/component={kebab(component)}"
        items: list[dict[str, Any]] = kubectl_json(
            "-n", self.namespace, "get", "pods", "-l", selector
        )["items"]
        return items

    def uninstall(self) -> None:
        helm("uninstall", self.name, "-n", self.namespace, "--wait", "--timeout", "3m")


def _key_file(name: str) -> str:
    """A random key made once per cluster state dir (``<state>/<name>``, mode 600)."""
    path = k8s_state_dir() / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(os.urandom(32).hex())
    return path.read_text().strip()


def identity_key() -> str:
    return _key_file("identity.key")


def release_prefixes(run_id: str) -> tuple[str, str]:
    """(database prefix, topic and consumer-group prefix) of a release for RUN_ID: they
    carry the id, so the test run's sweep and leftovers check find what it made."""
    return f"t_{run_id}_k8s_", f"test.{run_id}.k8s."


def write_release_values(path: Path, run_id: str, ports: dict[str, dict[str, int]]) -> None:
    database_prefix, topic_prefix = release_prefixes(run_id)
    values: dict[str, Any] = {
        "postgresql": {"databasePrefix": database_prefix},
        "kafka": {"topicPrefix": topic_prefix},
        # the run's own bucket (the media service creates it; the run's sweep removes it)
        "s3": {"bucket": f"test-{run_id}-k8s"},
    }
    for component, component_ports in ports.items():
        values[component] = {
            "ports": {
                "grpc": component_ports.get("grpc", 0),
                "http": component_ports["http"],
                "web": component_ports.get("web", 0),
            }
        }
    path.write_text(yaml.safe_dump(values))


def infra_env() -> dict[str, str]:
    env_file = state_dir() / "infra.env"
    lines = env_file.read_text().splitlines() if env_file.exists() else []
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def secrets(namespace: str) -> list[dict[str, Any]]:
    """The Secrets the local profile names (existingSecret): the Keycloak clients' secrets
    from the stack's infra.env (the dev realm's when it has none), the identity key and the
    portal's session key, each made once per cluster state dir."""
    env = infra_env()
    return [
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}},
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "newsroom-keycloak", "namespace": namespace},
            "stringData": {
                "newsroom-gateway": env.get(
                    "NEWSROOM_KEYCLOAK_GATEWAY_SECRET", "newsroom-gateway-dev-secret"
                ),
                "newsroom-portal": env.get(
                    "NEWSROOM_KEYCLOAK_PORTAL_SECRET", "newsroom-portal-dev-secret"
                ),
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "newsroom-identity", "namespace": namespace},
            "stringData": {"identity-key": identity_key()},
        },
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "newsroom-portal", "namespace": namespace},
            "stringData": {"session-secret": _key_file("portal-session.key")},
        },
    ]


def ensure_secrets(namespace: str) -> bool:
    """Applies ``secrets(namespace)``; True when a Secret was created or changed."""
    report = apply(secrets(namespace))
    return any(
        line.startswith("secret/") and line.endswith((" configured", " created"))
        for line in report.splitlines()
    )


# ---------------------------------------------------------------------------- fleet


def fake_nodes(count: int, prefix: str = "kwok") -> None:
    """COUNT nodes that kwok runs (annotation kwok.x-k8s.io/node=fake), tainted so only
    the fleet's pods land there; named and labelled by PREFIX (test and bench apart).
    Starts kwok first (built on first use: it is not part of the cluster `make test` uses)."""
    sh([str(K8S_SH), "kwok"], timeout=1800)
    docs = []
    for index in range(count):
        name = f"{prefix}-node-{index}"
        docs.append(
            {
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {
                    "name": name,
                    "annotations": {"kwok.x-k8s.io/node": "fake"},
                    "labels": {
                        "type": "kwok",
                        "newsroom.io/kwok-set": prefix,
                        "kubernetes.io/hostname": name,
                        "topology.kubernetes.io/zone": f"zone-{index % 3}",
                    },
                },
                "spec": {"taints": [KWOK_TAINT]},
                "status": {
                    "allocatable": {"cpu": "32", "memory": "256Gi", "pods": "110"},
                    "capacity": {"cpu": "32", "memory": "256Gi", "pods": "110"},
                },
            }
        )
    apply(docs)
    wait_for(
        lambda: all(node_ready(f"{prefix}-node-{i}") for i in range(count)), 60, "kwok nodes Ready"
    )


def delete_fake_nodes(prefix: str = "kwok") -> None:
    selector = f"newsroom.io/kwok-set={prefix}"
    kubectl("delete", "node", "-l", selector, "--ignore-not-found", "--wait=false")


def fleet_values(workdir: Path, node_set: str = "kwok") -> list[tuple[str, list[Path]]]:
    """The group plus 30 subsidiaries, each scheduled onto kwok's nodes."""
    placement = workdir / "kwok-placement.yaml"
    placement.write_text(
        yaml.safe_dump(
            {
                key: {
                    "nodeSelector": {"newsroom.io/kwok-set": node_set},
                    "tolerations": [{**KWOK_TAINT, "operator": "Equal"}],
                }
                for key in COMPONENTS
            }
        )
    )
    group = VALUES_DIR / "group.yaml"
    releases = [("tkv", [group, placement])]
    for index in range(1, 31):
        path = workdir / f"sub{index:02d}.yaml"
        path.write_text(subsidiary_values(index))
        releases.append((f"sub{index:02d}", [group, path, placement]))
    return releases


def install_fleet(
    workdir: Path, concurrency: int = 31, namespace_prefix: str = "fleet-", node_set: str = "kwok"
) -> tuple[float, list[str]]:
    """helm install --wait every release of the fleet, all at once by default (each helm
    mostly waits on its hook Jobs and rollouts; six at a time made the fleet five rounds of
    one release's time); (seconds, release names)."""
    releases = fleet_values(workdir, node_set)

    def install(item: tuple[str, list[Path]]) -> str:
        name, files = item
        args = [a for f in files for a in ("-f", str(f))]
        helm(
            "install",
            name,
            str(CHART),
            "-n",
            f"{namespace_prefix}{name}",
            "--create-namespace",
            *args,
            "--set",
            "metrics.serviceMonitor.enabled=false",
            "--set",
            "metrics.prometheusRule.enabled=false",
            "--wait",
            "--timeout",
            "5m",
        )
        return name

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        names = list(pool.map(install, releases))
    return time.perf_counter() - start, names


def fleet_unavailable(names: Sequence[str], namespace_prefix: str = "fleet-") -> list[str]:
    """Deployments of the fleet that are not Available."""
    missing = []
    for name in names:
        namespace = f"{namespace_prefix}{name}"
        for deployment in kubectl_json("-n", namespace, "get", "deployments")["items"]:
            conditions = {
                c["type"]: c["status"] for c in deployment["status"].get("conditions", [])
            }
            if conditions.get("Available") != "True":
                missing.append(f"{namespace}/{deployment['metadata']['name']}")
    return missing


def uninstall_fleet(names: Sequence[str], namespace_prefix: str = "fleet-") -> None:
    def uninstall(name: str) -> None:
        namespace = f"{namespace_prefix}{name}"
        helm("uninstall", name, "-n", namespace, "--wait", "--timeout", "3m")
        kubectl("delete", "namespace", namespace, "--wait=false", "--ignore-not-found")

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(uninstall, names))


def iter_docs(text: str) -> Iterator[dict[str, Any]]:
    yield from (d for d in yaml.safe_load_all(text) if d)


def helm_check_chart() -> Path:
    """The chart's folder (for callers that import this module alone)."""
    return CHART


class Watch:
    """``kubectl get KIND --watch`` as a stream of (event type, object), read on a thread;
    ON_EVENT runs for each. The apiserver pushes changes: no polling lag."""

    def __init__(
        self, namespace: str, kind: str, selector: str, on_event: Callable[[str, Any], None]
    ) -> None:
        self.process = subprocess.Popen(
            [
                kubectl_bin(),
                "--kubeconfig",
                kubeconfig(),
                "-n",
                namespace,
                "get",
                kind,
                "-l",
                selector,
                "--watch",
                "--output-watch-events",
                "-o",
                "json",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.on_event = on_event
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.process.stdout
        decoder, buffer = json.JSONDecoder(), ""
        for line in self.process.stdout:
            buffer += line
            while buffer.strip():
                try:
                    event, end = decoder.raw_decode(buffer.lstrip())
                except json.JSONDecodeError:
                    break
                buffer = buffer.lstrip()[end:]
                self.on_event(event["type"], event["object"])

    def stop(self) -> None:
        self.process.terminate()
        self.thread.join(timeout=10)


def main(argv: list[str]) -> int:
    """``python tools/k8s_local.py secrets NAMESPACE``: what ``make k8s-deploy`` runs; prints
    ``changed`` when a Secret changed (running pods then need a restart)."""
    if len(argv) != 2 or argv[0] != "secrets":
        print("usage: python tools/k8s_local.py secrets NAMESPACE", file=sys.stderr)
        return 2
    print("changed" if ensure_secrets(argv[1]) else "unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
