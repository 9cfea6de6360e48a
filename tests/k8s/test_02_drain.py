"""A gateway pod deleted under steady load drains without failing a request.

What a real cluster does is done for real: the endpoint controller marks the deleted
pod's endpoint not ready at once, the kubelet runs the preStop sleep before SIGTERM, and
uvicorn finishes what is in flight and exits. What this one-node cluster lacks is a
kube-proxy, so the load generator plays the load balancer: it watches the Service's
EndpointSlices and applies a propagation lag, as kube-proxy does, and stops sending to an endpoint
that is not ready. The lag is shorter than the preStop delay, which is the point of the
delay. With hostNetwork there is one gateway per node port, so the replacement starts
once the old pod is gone; the balancer waits for it (no request is sent to nothing).
"""

from __future__ import annotations

import http.client
import subprocess
import threading
import time
from dataclasses import dataclass, field

import k8s_local as kl

LB_LAG_S = 1.0  # how late the "load balancer" learns of an endpoint change (< preStop)
CLIENTS = 4
PATH = "/public/v1/tenants/halong/"


@dataclass
class Balancer:
    """Follows the gateway Service's EndpointSlices (a watch, as kube-proxy does) and
    routes LB_LAG_S late."""

    ready_until: float = field(default=float("inf"))
    history: list[tuple[float, bool]] = field(default_factory=list)

    def on_slice(self, _kind: str, endpoint_slice: dict) -> None:
        now = time.monotonic()
        ready = any(
            (e.get("conditions") or {}).get("ready") for e in endpoint_slice.get("endpoints") or []
        )
        if not self.history or self.history[-1][1] != ready:
            self.history.append((now, ready))
        self.ready_until = float("inf") if ready else min(self.ready_until, now + LB_LAG_S)

    def routes(self) -> bool:
        return time.monotonic() < self.ready_until


@dataclass
class Outcome:
    at: float
    ok: bool
    detail: str


def hit(port: int) -> Outcome:
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", PATH, headers={"Connection": "close"})
        response = connection.getresponse()
        response.read()
        return Outcome(start, response.status == 200, f"HTTP {response.status}")
    except OSError as error:
        return Outcome(start, False, repr(error))
    finally:
        connection.close()


def test_a_deleted_gateway_pod_drains_under_steady_load(release: kl.Release) -> None:
    [old] = release.pods("gateway")
    old_name = old["metadata"]["name"]
    pre_stop = old["spec"]["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pre_stop > LB_LAG_S
    balancer = Balancer()
    watch = kl.Watch(
        release.namespace,
        "endpointslices",
        f"kubernetes.io/service-name={release.name}-newsroom-gateway",
        balancer.on_slice,
    )
    outcomes: list[Outcome] = []
    done = threading.Event()

    def load() -> None:
        while not done.is_set():
            if balancer.routes():
                outcomes.append(hit(release.ports["gateway"]["http"]))
            else:
                time.sleep(0.05)

    threads = [threading.Thread(target=load, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    kl.wait_for(lambda: len(outcomes) >= 30, 60, "steady load")
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
    done.set()
    watch.stop()
    for thread in threads:
        thread.join(timeout=15)
    shutdown_log, _ = logs.communicate(timeout=30)

    failures = [o for o in outcomes if not o.ok]
    assert failures == [], failures[:5]
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
