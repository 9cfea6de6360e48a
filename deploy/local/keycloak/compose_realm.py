#!/usr/bin/env python3
"""Writes the realm the local stack imports: the deployable realm plus dev overlays.

    compose_realm.py BASE.json OUT.json [OVERLAY.json ...]

``newsroom-realm.json`` is what a deployment imports: realm settings, roles, the
``tenants`` root group, the ``newsroom-web`` (browser login only) and ``newsroom-gateway``
clients. The files in ``dev/`` add what only a dev or test realm may have: the demo
tenants' groups, the demo users (password ``demo1234``) and the ``newsroom-test`` client
that allows the password grant. Keycloak imports one file per realm (a second file of the
same realm is skipped), so the overlays are merged here before the import.

Merge rules: objects merge key by key (the overlay wins on plain values); lists of objects
that carry ``clientId``, ``username`` or ``name`` merge item by item on that key (new items
are appended); any other list is the union, in order. Standard library only: it runs
before anything is installed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

KEYS = ("clientId", "username", "name")


def _key(item: Any) -> tuple[str, Any] | None:
    if isinstance(item, dict):
        for key in KEYS:
            if key in item:
                return key, item[key]
    return None


def merge(base: Any, overlay: Any) -> Any:
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(overlay, list):
        merged_list = list(base)
        for item in overlay:
            key = _key(item)
            at = next((i for i, old in enumerate(merged_list) if key and _key(old) == key), None)
            if at is not None:
                merged_list[at] = merge(merged_list[at], item)
            elif item not in merged_list:
                merged_list.append(item)
        return merged_list
    return overlay


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    base_path, out_path, *overlays = argv
    with open(base_path, encoding="utf-8") as handle:
        realm = json.load(handle)
    for path in overlays:
        with open(path, encoding="utf-8") as handle:
            overlay = json.load(handle)
        if overlay.get("realm", realm["realm"]) != realm["realm"]:
            print(f"{path}: overlay of realm {overlay['realm']!r}, not {realm['realm']!r}")
            return 1
        realm = merge(realm, overlay)
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(realm, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
