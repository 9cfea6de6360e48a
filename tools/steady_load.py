"""Steady load on the gateway pod through a stand-in for kube-proxy.

The one-node cluster has no kube-proxy, so the load generator plays the load balancer: it
watches the gateway Service's EndpointSlices (as kube-proxy does), learns of a change
LB_LAG_S late, and stops sending to an endpoint that is not ready. With hostNetwork there
is one gateway per node port, so while one pod replaces another there is no endpoint and
the balancer waits (no request is sent to nothing). The drain test deletes the pod under
this load; the upgrade test rolls out a new image under it."""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field

import k8s_local as kl

LB_LAG_S = 1.0  # how late the "load balancer" learns of an endpoint change (< preStop)
CLIENTS = 4
PATH = "/public/v1/tenants/halong/"


@dataclass
class Balancer:
    """Follows the gateway Service's EndpointSlices and routes LB_LAG_S late."""

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


class SteadyLoad:
    """CLIENTS threads sending GET PATH to the release's gateway while the balancer routes;
    ``with SteadyLoad(release) as load:`` starts it and waits for 30 answers first."""

    def __init__(self, release: kl.Release) -> None:
        self.port = release.ports["gateway"]["http"]
        self.balancer = Balancer()
        self.outcomes: list[Outcome] = []
        self._done = threading.Event()
        self._watch = kl.Watch(
            release.namespace,
            "endpointslices",
            f"kubernetes.io/service-name={release.name}-newsroom-gateway",
            self.balancer.on_slice,
        )
        self._threads = [threading.Thread(target=self._load, daemon=True) for _ in range(CLIENTS)]

    def _load(self) -> None:
        while not self._done.is_set():
            if self.balancer.routes():
                self.outcomes.append(hit(self.port))
            else:
                time.sleep(0.05)

    def __enter__(self) -> SteadyLoad:
        for thread in self._threads:
            thread.start()
        kl.wait_for(lambda: len(self.outcomes) >= 30, 60, "steady load")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._watch.stop()
        for thread in self._threads:
            thread.join(timeout=15)

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]
