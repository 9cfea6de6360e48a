"""The media read model and the stories and snapshots that show a media asset:
module-level functions with a keyword-only ``session``; never commits."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel import Session, col, select

from content_service.media.models import MediaAssetCopy, MediaVersionCopy


def get_asset(*, session: Session, asset_id: str) -> MediaAssetCopy | None:
    return session.get(MediaAssetCopy, asset_id)


def get_version(*, session: Session, asset_id: str, version: int) -> MediaVersionCopy | None:
    return session.get(MediaVersionCopy, (asset_id, version))


def assets_and_versions(
    *, session: Session, keys: Sequence[tuple[str, int]]
) -> tuple[dict[str, MediaAssetCopy], dict[tuple[str, int], MediaVersionCopy]]:
    ids = sorted({a for a, _ in keys})
    if not ids:
        return {}, {}
    assets = session.exec(select(MediaAssetCopy).where(col(MediaAssetCopy.asset_id).in_(ids))).all()
    versions = session.exec(
        select(MediaVersionCopy).where(col(MediaVersionCopy.asset_id).in_(ids))
    ).all()
    wanted = set(keys)
    return (
        {a.asset_id: a for a in assets},
        {(v.asset_id, v.version): v for v in versions if (v.asset_id, v.version) in wanted},
    )


def snapshots_showing(*, session: Session, asset_id: str, version: int) -> list[uuid.UUID]:
    """Published snapshots whose media (galleries' items included) show the version."""
    rows = session.execute(
        text(
            "SELECT story_id FROM published_story WHERE jsonb_path_exists("
            "media, '$.** ? (@.asset_id == $a && @.version == $v)', CAST(:vars AS jsonb))"
        ),
        {"vars": json.dumps({"a": asset_id, "v": version})},
    )
    return [uuid.UUID(str(r[0])) for r in rows]


def stories_pinning_older(
    *, session: Session, tenant: str, asset_id: str, version: int
) -> list[uuid.UUID]:
    """Stories whose current media pin an older version of the asset."""
    rows = session.execute(
        text(
            "SELECT id FROM story WHERE tenant = :tenant AND jsonb_path_exists("
            "media, '$[*] ? (@.asset_id == $a && @.asset_version < $v)', CAST(:vars AS jsonb))"
        ),
        {"tenant": tenant, "vars": json.dumps({"a": asset_id, "v": version})},
    )
    return [uuid.UUID(str(r[0])) for r in rows]
