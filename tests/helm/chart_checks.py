"""Properties every rendering of the chart must have; each returns what violates it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

Doc = dict[str, Any]
SECRET_WORDS = ("SECRET", "PASSWORD", "ACCESS_KEY", "TOKEN")


def pod_templates(docs: list[Doc]) -> Iterator[tuple[str, Doc]]:
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
            yield f"{doc['kind']}/{doc['metadata']['name']}", doc["spec"]["template"]["spec"]


def unhardened_pods(docs: list[Doc]) -> list[str]:
    """Pods or containers without the hardened security context."""
    found = []
    for name, spec in pod_templates(docs):
        pod = spec.get("securityContext") or {}
        if (
            not pod.get("runAsNonRoot")
            or (pod.get("seccompProfile") or {}).get("type") != "RuntimeDefault"
        ):
            found.append(f"{name}: pod securityContext")
        if spec.get("automountServiceAccountToken") is not False:
            found.append(f"{name}: mounts a service account token")
        for container in spec["containers"] + spec.get("initContainers", []):
            ctx = container.get("securityContext") or {}
            if not (
                ctx.get("readOnlyRootFilesystem") is True
                and ctx.get("allowPrivilegeEscalation") is False
                and ctx.get("capabilities", {}).get("drop") == ["ALL"]
                and not ctx.get("privileged")
            ):
                found.append(f"{name}/{container['name']}: container securityContext")
            if not (container.get("resources") or {}).get("requests"):
                found.append(f"{name}/{container['name']}: no resource requests")
    return found


def component_of(doc: Doc) -> str:
    return str(doc["metadata"].get("labels", {}).get("app.kubernetes.io/component", ""))


def components_without_policy(docs: list[Doc]) -> list[str]:
    deployments = {component_of(d) for d in docs if d["kind"] == "Deployment"}
    policies = {
        d["spec"]["podSelector"]["matchLabels"].get("app.kubernetes.io/component")
        for d in docs
        if d["kind"] == "NetworkPolicy"
    }
    return sorted(deployments - policies)


def secrets_from_literals(docs: list[Doc]) -> list[str]:
    """Secret objects, or secret-looking settings given as plain values."""
    found = [f"Secret/{d['metadata']['name']}" for d in docs if d["kind"] == "Secret"]
    for doc in docs:
        if doc["kind"] == "ConfigMap":
            found += [
                f"ConfigMap/{doc['metadata']['name']}: {k}"
                for k in doc.get("data", {})
                if any(w in k.upper() for w in SECRET_WORDS)
            ]
    for name, spec in pod_templates(docs):
        for container in spec["containers"]:
            for env in container.get("env") or []:
                secretish = any(w in env["name"] for w in SECRET_WORDS)
                if secretish and "value" in env:
                    found.append(f"{name}: {env['name']} is a literal")
                # user:password@ in a URL (a host:port is no password)
                value = str(env.get("value", ""))
                if "://" in value and urlsplit(value).password and "$(" not in value:
                    found.append(f"{name}: {env['name']} carries a literal password")
    return found


def settings(docs: list[Doc], component: str) -> dict[str, str]:
    """The component's settings: its ConfigMap and the literal env of its container."""
    found: dict[str, str] = {}
    for doc in docs:
        if doc["kind"] == "ConfigMap" and component_of(doc) == component:
            found.update(doc["data"])
        if doc["kind"] == "Deployment" and component_of(doc) == component:
            for env in doc["spec"]["template"]["spec"]["containers"][0].get("env") or []:
                found[env["name"]] = env.get("value", "<from secret>")
    return found
