"""helm uninstall leaves nothing of the release behind."""

from __future__ import annotations

import k8s_local as kl


def leftovers(namespace: str, release: str) -> list[str]:
    kinds = kl.kubectl("api-resources", "--verbs=list", "--namespaced", "-o", "name").split()
    skip = {"events", "events.events.k8s.io", "secrets"}  # Secrets: the existingSecrets we made
    found = []
    for kind in kinds:
        if kind in skip:
            continue
        names = kl.kubectl("-n", namespace, "get", kind, "-o", "name", check=False).split()
        found += [n for n in names if release in n.split("/", 1)[1]]
    return found


def test_uninstall_leaves_nothing(release: kl.Release) -> None:
    assert leftovers(release.namespace, release.name)  # the check sees the release's objects
    release.uninstall()
    kl.wait_for(lambda: not leftovers(release.namespace, release.name), 120, "objects deleted")
    assert kl.helm("list", "-n", release.namespace, "-q").strip() == ""
    assert kl.kubectl_json("-n", release.namespace, "get", "pods")["items"] == []
