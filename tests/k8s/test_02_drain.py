"""A gateway pod deleted under steady load drains without failing a request.

What a real cluster does is done for real: the endpoint controller marks the deleted
pod's endpoint not ready at once, the kubelet runs the preStop sleep before SIGTERM, and
uvicorn finishes what is in flight and exits. What this one-node cluster lacks is a
kube-proxy: tools/steady_load.py's balancer stands in for it (an EndpointSlice watch with a
propagation lag shorter than the preStop delay, which is the point of the delay).
"""

from __future__ import annotations

import subprocess
import time

import k8s_local as kl
from steady_load import LB_LAG_S, SteadyLoad


def test_a_deleted_gateway_pod_drains_under_steady_load(release: kl.Release) -> None:
    [old] = release.pods("gateway")
    old_name = old["metadata"]["name"]
    pre_stop = old["spec"]["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pre_stop > LB_LAG_S
    with SteadyLoad(release) as load:
        logs = subprocess.Popen(
            [
                kl.kubectl_bin(),
                "--kubeconfig",
                kl.kubeconfig(),
                "-n",
                release.namespace,
                "logs",
                "-f",
                old_name,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        deleted_at = time.monotonic()
        kl.kubectl("-n", release.namespace, "delete", "pod", old_name, "--wait=false")

        def replaced() -> bool:
            pods = [p for p in release.pods("gateway") if p["metadata"]["name"] != old_name]
            return any(
                c["type"] == "Ready" and c["status"] == "True"
                for p in pods
                for c in p["status"].get("conditions", [])
            )

        kl.wait_for(replaced, 120, "a Ready replacement gateway pod")
        resumed_at = time.monotonic()
        time.sleep(3)
    outcomes, balancer = load.outcomes, load.balancer
    shutdown_log, _ = logs.communicate(timeout=30)

    assert load.failures() == [], load.failures()[:5]
    before = [o for o in outcomes if o.at < deleted_at]
    during_pre_stop = [o for o in outcomes if deleted_at <= o.at < deleted_at + pre_stop]
    after = [o for o in outcomes if o.at > resumed_at]
    assert len(before) >= 30 and after, (len(before), len(after))
    # readiness went false first: the endpoint was out while the pod still served
    unready_at = next(t for t, ready in balancer.history if not ready and t >= deleted_at - 0.2)
    assert unready_at - deleted_at < pre_stop
    assert any(o.at > unready_at for o in during_pre_stop), (
        "no request reached the pod after it went unready"
    )
    # graceful shutdown after the preStop sleep: uvicorn's own lines, and a clean exit
    assert "Shutting down" in shutdown_log and "Finished server process" in shutdown_log, (
        shutdown_log[-2000:]
    )
    print(
        f"drain: {len(outcomes)} requests, 0 failed; endpoint unready "
        f"{unready_at - deleted_at:.2f}s after "
        f"the delete; {len(during_pre_stop)} served during the {pre_stop}s preStop; "
        f"replacement Ready {resumed_at - deleted_at:.1f}s after the delete"
    )
