"""helm upgrade to a new image tag, under steady load on the gateway, converges with each
migration hook run once and no request failed; helm rollback brings the previous revision
back."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any

import k8s_local as kl
from steady_load import SteadyLoad

MIGRATING = ("content", "editorial-approval", "media-asset")


class JobWatch:
    """Every migration Job the namespace sees (a hook Job is deleted once it succeeds,
    so it is watched, not listed afterwards)."""

    def __init__(self, namespace: str) -> None:
        self.jobs: dict[str, dict[str, object]] = defaultdict(dict)
        self.watch = kl.Watch(namespace, "jobs", "app.kubernetes.io/part-of=newsroom", self.on_job)

    def on_job(self, _kind: str, job: dict[str, Any]) -> None:
        component = job["metadata"]["labels"].get("app.kubernetes.io/component", "")
        record = self.jobs[job["metadata"]["uid"]]
        record["component"] = component.removesuffix("-migrate")
        for key in ("succeeded", "failed"):
            record[key] = max(int(str(record.get(key, 0))), int(job["status"].get(key, 0)))

    def stop(self) -> list[dict[str, object]]:
        self.watch.stop()
        return list(self.jobs.values())


def images_of(release: kl.Release) -> set[str]:
    return {
        c["image"]
        for p in release.pods()
        for c in p["spec"]["containers"]
        if p["metadata"].get("deletionTimestamp") is None
    }


def test_upgrade_to_a_new_tag_runs_each_migration_once(
    release: kl.Release, images: tuple[str, str]
) -> None:
    next_tag = images[1]
    watch = JobWatch(release.namespace)
    with SteadyLoad(release) as load:
        seconds = release.upgrade(f"image.tag={next_tag}")
        upgraded_at = time.monotonic()
        kl.wait_for(load.balancer.routes, 60, "the new gateway pod in the balancer")
        time.sleep(2)
    jobs = watch.stop()
    assert load.failures() == [], load.failures()[:5]
    # the new gateway pod answered after the rollout (not only the old one before it)
    assert any(o.at > upgraded_at and o.ok for o in load.outcomes), len(load.outcomes)
    runs = {c: [j for j in jobs if j["component"] == c] for c in MIGRATING}
    assert {c: len(r) for c, r in runs.items()} == dict.fromkeys(MIGRATING, 1), jobs
    assert all(j["succeeded"] == 1 and j["failed"] == 0 for r in runs.values() for j in r), jobs
    kl.wait_for(
        lambda: all(i.endswith(f":{next_tag}") for i in images_of(release)), 60, "old pods gone"
    )
    assert len(images_of(release)) == len(kl.IMAGES)
    history = json.loads(kl.helm("history", release.name, "-n", release.namespace, "-o", "json"))
    assert [h["status"] for h in history][-1] == "deployed" and len(history) == 2
    print(
        f"upgrade: converged in {seconds:.1f}s under load ({len(load.outcomes)} requests, "
        "0 failed), one migration Job per database"
    )


def test_rollback_returns_to_the_first_revision(
    release: kl.Release, images: tuple[str, str]
) -> None:
    tag = images[0]
    kl.helm("rollback", release.name, "1", "-n", release.namespace, "--wait", "--timeout", "5m")
    release.rolled_out()
    kl.wait_for(
        lambda: all(i.endswith(f":{tag}") for i in images_of(release)), 60, "rolled back pods"
    )
    assert len(images_of(release)) == len(kl.IMAGES)
    history = json.loads(kl.helm("history", release.name, "-n", release.namespace, "-o", "json"))
    assert history[-1]["status"] == "deployed" and "Rollback to 1" in history[-1]["description"]
    live = [p for p in release.pods() if p["metadata"].get("deletionTimestamp") is None]
    assert len(live) == len(kl.COMPONENTS)  # one pod each (the workers share an image)
    for pod in live:
        assert all(c["ready"] for c in pod["status"]["containerStatuses"]), pod["metadata"]["name"]
