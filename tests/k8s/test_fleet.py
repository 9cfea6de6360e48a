"""The group and 30 subsidiaries installed into one apiserver, their pods on kwok's
simulated nodes: every release's Deployments reach Available (and every migration hook
Job completes, or helm install --wait fails)."""

from __future__ import annotations

from pathlib import Path

import k8s_local as kl
import pytest

NODES = 4


@pytest.mark.usefixtures("cluster")
def test_the_fleet_of_31_releases_becomes_available(tmp_path: Path) -> None:
    kl.fake_nodes(NODES)
    names: list[str] = []
    try:
        seconds, names = kl.install_fleet(tmp_path)
        assert len(names) == 31
        assert kl.fleet_unavailable(names) == []
        deployments = sum(
            len(kl.kubectl_json("-n", f"fleet-{n}", "get", "deployments")["items"]) for n in names
        )
        assert deployments == 31 * len(kl.COMPONENTS)
        nodes = {
            p["spec"]["nodeName"]
            for p in kl.kubectl_json(
                "get",
                "pods",
                "-A",
                "-l",
                "app.kubernetes.io/name=newsroom,app.kubernetes.io/instance=tkv",
            )["items"]
        }
        assert nodes and all(n.startswith("kwok-node-") for n in nodes)
        print(f"fleet: 31 releases, {deployments} Deployments Available in {seconds:.0f}s")
    finally:
        if names:
            kl.uninstall_fleet(names)
        kl.delete_fake_nodes()
