"""A CycloneDX 1.5 SBOM of one built image, read from its root filesystem.

Lists what is really in the image rather than what a lockfile asked for: the Debian
packages still recorded in ``/var/lib/dpkg/status`` (prune_rootfs.py keeps that file
true), every distribution in the service's venv (``*.dist-info``), the interpreter when it
is not a Debian package (python:3.11-slim builds its own), tini, and the npm packages an
image carries (the portal's hls.js, from its package.json; the packages the newsroom app's
bundle is built from, the non-dev entries of its package-lock.json). Stdlib only, so
``make images`` can run it before any project venv exists.

    python3 deploy/images/sbom.py --rootfs DIR --image NAME:TAG --config JSON --out FILE
"""

from __future__ import annotations

import argparse
import email.parser
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

VENV_SITE = "opt/newsroom/lib/python3.11/site-packages"
NPM_MANIFESTS = "opt/newsroom/share"
# The newsroom app's lockfile: its bundle holds the runtime (non-dev) packages
APP_LOCK = "opt/newsroom-app/package-lock.json"


def debian_packages(rootfs: Path) -> list[dict[str, Any]]:
    status = rootfs / "var/lib/dpkg/status"
    if not status.exists():
        return []
    found = []
    for stanza in status.read_text().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line)
        if "Package" not in fields or "installed" not in fields.get("Status", ""):
            continue
        name, version = fields["Package"], fields.get("Version", "")
        arch = fields.get("Architecture", "all")
        found.append(
            {
                "type": "library" if name.startswith("lib") else "application",
                "bom-ref": f"pkg:deb/debian/{name}@{version}?arch={arch}",
                "name": name,
                "version": version,
                "purl": f"pkg:deb/debian/{name}@{version}?arch={arch}&distro=debian-12",
            }
        )
    return found


def python_distributions(rootfs: Path) -> list[dict[str, Any]]:
    site = rootfs / VENV_SITE
    found = []
    for meta in sorted(site.glob("*.dist-info/METADATA")):
        headers = email.parser.HeaderParser().parsestr(meta.read_text(errors="replace"))
        name, version = headers["Name"], headers["Version"]
        component: dict[str, Any] = {
            "type": "library",
            "bom-ref": f"pkg:pypi/{name.lower()}@{version}",
            "name": name,
            "version": version,
            "purl": f"pkg:pypi/{name.lower().replace('_', '-')}@{version}",
        }
        expression = headers.get("License-Expression")
        if expression:
            component["licenses"] = [{"expression": expression}]
        found.append(component)
    return found


def npm_packages(rootfs: Path) -> list[dict[str, Any]]:
    """npm packages copied into the image, each with its ``<name>.package.json``, and
    those bundled into the newsroom app (its lockfile's runtime entries)."""
    manifests = [
        json.loads(manifest.read_text())
        for manifest in sorted((rootfs / NPM_MANIFESTS).glob("*/*.package.json"))
    ]
    lock = rootfs / APP_LOCK
    if lock.is_file():
        for path, entry in sorted(json.loads(lock.read_text())["packages"].items()):
            if path and not entry.get("dev") and "version" in entry:
                name = entry.get("name") or path.rsplit("node_modules/", 1)[-1]
                manifests.append({**entry, "name": name})
    found, seen = [], set()
    for package in manifests:
        name, version = package["name"], package["version"]
        if (name, version) in seen:  # one version nested in several places
            continue
        seen.add((name, version))
        component: dict[str, Any] = {
            "type": "library",
            "bom-ref": f"pkg:npm/{name}@{version}",
            "name": name,
            "version": version,
            "purl": f"pkg:npm/{name}@{version}",
        }
        if isinstance(package.get("license"), str):
            component["licenses"] = [{"expression": package["license"]}]
        found.append(component)
    return found


def extra_components(config: dict[str, Any], debs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    env = dict(item.split("=", 1) for item in config.get("Env") or [] if "=" in item)
    names = {d["name"] for d in debs}
    found = []
    if "python3.11-minimal" not in names and env.get("PYTHON_VERSION"):
        version = env["PYTHON_VERSION"]
        found.append(
            {
                "type": "application",
                "bom-ref": f"pkg:generic/cpython@{version}",
                "name": "cpython",
                "version": version,
                "purl": f"pkg:generic/cpython@{version}",
            }
        )
    if "tini" not in names:
        found.append(
            {"type": "application", "bom-ref": "pkg:generic/tini", "name": "tini", "version": ""}
        )
    return found


def build(rootfs: Path, image: str, config: dict[str, Any]) -> dict[str, Any]:
    name, _, tag = image.rpartition(":")
    labels = config.get("Labels") or {}
    debs = debian_packages(rootfs)
    components = (
        debs + python_distributions(rootfs) + npm_packages(rootfs) + extra_components(config, debs)
    )
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {"components": [{"type": "application", "name": "newsroom-sbom"}]},
            "component": {
                "type": "container",
                "bom-ref": image,
                "name": name,
                "version": tag,
                "properties": [
                    {"name": key, "value": value}
                    for key, value in sorted(labels.items())
                    if key.startswith("org.opencontainers.image.")
                ],
            },
        },
        "components": components,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rootfs", type=Path, required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--config", default="{}", help="the image's OCI config as JSON")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    document = build(args.rootfs, args.image, json.loads(args.config or "{}"))
    args.out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
