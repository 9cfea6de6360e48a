"""Assets and their versions: module-level functions with a keyword-only ``session``;
never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from media_asset_service.assets.models import COUNTED_STATUSES, Asset, AssetVersion
from media_asset_service.errors import asset_not_found, version_not_found


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError):
        return False
    return True


def get_asset(*, session: Session, asset_id: str, for_update: bool = False) -> Asset | None:
    if not is_uuid(asset_id):
        return None
    query = select(Asset).where(Asset.id == asset_id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def get_asset_or_raise(
    *, session: Session, tenant: str, asset_id: str, for_update: bool = False
) -> Asset:
    """The live asset of ``tenant``; ASSET_NOT_FOUND for unknown, deleted and other
    tenants' assets alike (a tenant cannot even learn that another's asset exists)."""
    asset = get_asset(session=session, asset_id=asset_id, for_update=for_update)
    if asset is None or asset.tenant != tenant or asset.deleted_at is not None:
        raise asset_not_found(asset_id)
    return asset


def get_version(
    *, session: Session, asset_id: str, number: int, for_update: bool = False
) -> AssetVersion | None:
    query = select(AssetVersion).where(
        AssetVersion.asset_id == asset_id, AssetVersion.number == number
    )
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def get_version_or_raise(
    *, session: Session, asset: Asset, number: int, for_update: bool = False
) -> AssetVersion:
    """Version ``number`` (0: the current one) of ``asset``; VERSION_NOT_FOUND."""
    wanted = number or asset.current_version
    version = get_version(session=session, asset_id=asset.id, number=wanted, for_update=for_update)
    if version is None:
        raise version_not_found(asset.id, wanted)
    return version


def latest_ready_version(*, session: Session, asset_id: str) -> AssetVersion | None:
    return session.exec(
        select(AssetVersion)
        .where(AssetVersion.asset_id == asset_id, AssetVersion.status == "ready")
        .order_by(col(AssetVersion.number).desc())
        .limit(1)
    ).first()


def versions_of(*, session: Session, asset_id: str) -> Sequence[AssetVersion]:
    return session.exec(
        select(AssetVersion)
        .where(AssetVersion.asset_id == asset_id)
        .order_by(col(AssetVersion.number))
    ).all()


def versions_by_key(
    *, session: Session, keys: Sequence[tuple[str, int]]
) -> dict[tuple[str, int], AssetVersion]:
    if not keys:
        return {}
    rows = session.exec(
        select(AssetVersion).where(
            or_(
                *(
                    and_(col(AssetVersion.asset_id) == a, col(AssetVersion.number) == n)
                    for a, n in keys
                )
            )
        )
    ).all()
    return {(v.asset_id, v.number): v for v in rows}


def assets_by_id(*, session: Session, ids: Sequence[str]) -> dict[str, Asset]:
    wanted = [i for i in ids if is_uuid(i)]
    if not wanted:
        return {}
    rows = session.exec(select(Asset).where(col(Asset.id).in_(wanted))).all()
    return {a.id: a for a in rows}


def list_assets(
    *,
    session: Session,
    tenant: str,
    kind: str,
    status: str,
    words: Sequence[str] = (),
    after: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[tuple[Asset, AssetVersion]]:
    """Newest first, live assets of ``tenant`` with their current version; with ``words``,
    only those whose text holds every word (see ``_searchable``)."""
    query = (
        select(Asset, AssetVersion)
        .join(
            AssetVersion,
            and_(
                col(AssetVersion.asset_id) == col(Asset.id),
                col(AssetVersion.number) == col(Asset.current_version),
            ),
        )
        .where(Asset.tenant == tenant, col(Asset.deleted_at).is_(None))
    )
    if kind:
        query = query.where(Asset.kind == kind)
    if status:
        query = query.where(AssetVersion.status == status)
    if words:
        haystack = _folded(_searchable())
        query = query.where(*(func.strpos(haystack, _folded(word)) > 0 for word in words))
    if after is not None:
        stamp, ident = after
        query = query.where(
            or_(
                col(Asset.created_at) < stamp,
                and_(col(Asset.created_at) == stamp, col(Asset.id) < ident),
            )
        )
    query = query.order_by(col(Asset.created_at).desc(), col(Asset.id).desc()).limit(limit)
    return [(a, v) for a, v in session.exec(query).all()]


def _folded(text: ColumnElement[str] | str) -> ColumnElement[str]:
    """Lower case without accents (migration 0002's ``newsroom_unaccent``): "Đà Nẵng" and
    "da nang" fold alike. Unaccent first: ``lower`` of a non-ASCII capital depends on the
    database's locale, of ASCII it does not."""
    return func.lower(func.newsroom_unaccent(text))


def _searchable() -> ColumnElement[str]:
    """The text a library search looks in: title, caption and alt text in both languages,
    credit, the current version's file name and the uploader's name."""
    meta = col(Asset.meta)
    parts = [
        meta[field][lang].astext
        for field in ("title", "caption", "alt_text")
        for lang in ("vi", "en")
    ]
    return func.concat_ws(
        " ",
        *parts,
        meta["credit"].astext,
        col(AssetVersion.filename),
        col(Asset.created_by_name),
        col(Asset.created_by_username),
    )


def used_bytes(*, session: Session, tenant: str) -> int:
    """Originals of live assets' versions that count against the quota."""
    total = session.exec(
        select(func.coalesce(func.sum(AssetVersion.size_bytes), 0))
        .join(Asset, col(Asset.id) == AssetVersion.asset_id)
        .where(
            AssetVersion.tenant == tenant,
            col(Asset.deleted_at).is_(None),
            col(AssetVersion.status).in_([s.value for s in COUNTED_STATUSES]),
        )
    ).one()
    return int(total)
