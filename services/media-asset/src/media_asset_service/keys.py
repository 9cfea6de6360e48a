"""Where an asset's objects live in the bucket (DESIGN.md: ``tenants/<slug>/assets/<id>/``).

```
tenants/<slug>/assets/<id>/v<n>/original                  the uploaded file
tenants/<slug>/assets/<id>/v<n>/renditions/<run>/<path>   one processing run's outputs
<public prefix>tenants/<slug>/assets/<id>/v<n>/<path>     public copies (public delivery)
```
A processing run writes under its own ``<run>`` prefix; the version points at that prefix
only once every file is there (one database commit), so a killed or failed run's files
are never served and are deleted by the next run. Names a user typed never appear here.
"""

from __future__ import annotations

from newsroom_core.storage import tenant_prefix


def asset_root(tenant: str, asset_id: str) -> str:
    return f"{tenant_prefix(tenant)}assets/{asset_id}/"


def version_root(tenant: str, asset_id: str, version: int) -> str:
    return f"{asset_root(tenant, asset_id)}v{version}/"


def original_key(tenant: str, asset_id: str, version: int) -> str:
    return f"{version_root(tenant, asset_id, version)}original"


def renditions_root(tenant: str, asset_id: str, version: int) -> str:
    return f"{version_root(tenant, asset_id, version)}renditions/"


def run_prefix(tenant: str, asset_id: str, version: int, run: str) -> str:
    return f"{renditions_root(tenant, asset_id, version)}{run}/"


def served_path(tenant: str, asset_id: str, version: int, path: str) -> str:
    """A file's path below the delivery base URL (and below the public prefix)."""
    return f"{tenant_prefix(tenant)}assets/{asset_id}/v{version}/{path}"


def public_key(public_prefix: str, tenant: str, asset_id: str, version: int, path: str) -> str:
    return f"{public_prefix}{served_path(tenant, asset_id, version, path)}"


def public_version_prefix(public_prefix: str, tenant: str, asset_id: str, version: int) -> str:
    return f"{public_prefix}{version_root(tenant, asset_id, version)}"
