"""How long a rollout takes on the local cluster (issue 8's targets).

1. ``helm upgrade`` of each component to a new image tag, one at a time, on a release of
   the local profile on the real node: from the command to every new pod Ready (the
   release's migration hook Jobs included, as every upgrade runs them). Baseline in the same
   run: a no-op ``helm upgrade`` (same values: hooks, no rollout), so the ratio shows what
   the rollout itself costs on this machine today.
2. The fleet: the group plus 30 subsidiaries installed with ``--wait`` into the same
   apiserver, their pods on kwok's simulated nodes. Baseline in the same run: one
   release installed alone, and the fleet's time as a fraction of 31 of those in a row.

Targets: every upgrade <= 120 s, fleet <= 300 s. Starts what it needs (the cluster); the
stack comes from ``make bench`` (infra-up). Ends with the standard line.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import k8s_local as kl  # noqa: E402

TARGET_UPGRADE_S = 120.0
TARGET_FLEET_S = 300.0
PORTS = {
    "content": {"grpc": 15071, "http": 19121},
    "editorialApproval": {"grpc": 15072, "http": 19122},
    "gateway": {"http": 18020},
    "portal": {"http": 19127, "web": 18100},
    "mediaAsset": {"grpc": 15073, "http": 19123},
    "mediaWorker": {"http": 19124},
    "newsroom": {"http": 18101},
}
TAG, NEXT = "bench", "bench-next"


def main() -> int:
    subprocess.run([str(kl.K8S_SH), "up"], check=True)
    kl.build_images(TAG)
    for name in kl.IMAGES:
        subprocess.run(
            [
                str(kl.K8S_SH),
                "images-tag",
                f"localhost/newsroom/{name}:{TAG}",
                f"localhost/newsroom/{name}:{NEXT}",
            ],
            check=True,
        )
    run_id = f"bench{uuid.uuid4().hex[:6]}"
    with tempfile.TemporaryDirectory() as tmp:
        values = Path(tmp) / "ports.yaml"
        kl.write_release_values(values, run_id, PORTS)
        release = kl.Release("nrbench", f"nrbench-{run_id}", PORTS, run_id, values)
        kl.ensure_secrets(release.namespace)
        try:
            print(f"install: {release.install(TAG):.1f}s", flush=True)
            noop = release.upgrade()
            print(f"no-op upgrade (baseline): {noop:.1f}s", flush=True)
            upgrades = {}
            for component in kl.COMPONENTS:
                upgrades[component] = release.upgrade(f"{component}.image.tag={NEXT}")
                print(f"upgrade {component}: {upgrades[component]:.1f}s", flush=True)
        finally:
            release.uninstall()
            kl.kubectl("delete", "namespace", release.namespace, "--wait=false")
        kl.fake_nodes(4, "kwok-bench")
        names: list[str] = []
        try:
            single_dir = Path(tmp) / "single"
            single_dir.mkdir()
            start = time.perf_counter()
            [(name, files)] = kl.fleet_values(single_dir, "kwok-bench")[:1]
            kl.helm(
                "install",
                "solo",
                str(kl.helm_check_chart()),
                "-n",
                "bench-fleet-solo",
                "--create-namespace",
                *[a for f in files for a in ("-f", str(f))],
                # as kl.install_fleet: this apiserver has no Prometheus Operator CRDs
                "--set",
                "metrics.serviceMonitor.enabled=false",
                "--set",
                "metrics.prometheusRule.enabled=false",
                "--wait",
                "--timeout",
                "5m",
            )
            single = time.perf_counter() - start
            kl.helm("uninstall", "solo", "-n", "bench-fleet-solo", "--wait")
            kl.kubectl("delete", "namespace", "bench-fleet-solo", "--wait=false")
            print(f"one release on kwok (baseline): {single:.1f}s", flush=True)
            fleet, names = kl.install_fleet(
                Path(tmp), namespace_prefix="bench-fleet-", node_set="kwok-bench"
            )
            unavailable = kl.fleet_unavailable(names, "bench-fleet-")
            print(
                f"fleet: {len(names)} releases in {fleet:.1f}s, unavailable: {unavailable}",
                flush=True,
            )
        finally:
            if names:
                kl.uninstall_fleet(names, "bench-fleet-")
            kl.delete_fake_nodes("kwok-bench")
    slowest = max(upgrades.values())
    ok = slowest <= TARGET_UPGRADE_S and fleet <= TARGET_FLEET_S and not unavailable
    figures = " ".join(f"{kl.kebab(c)}={s:.0f}s" for c, s in upgrades.items())
    line = (
        f"rollout: upgrade {figures} (max {slowest:.0f}s = {slowest / noop:.1f}x the no-op "
        f"upgrade's {noop:.0f}s); fleet 31 releases {fleet:.0f}s = "
        f"{fleet / (31 * single):.2f}x of 31 single installs ({single:.0f}s each)"
    )
    target = f"(target upgrade <= {TARGET_UPGRADE_S:.0f} s, fleet <= {TARGET_FLEET_S:.0f} s)"
    print(f"{line} {target} {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
