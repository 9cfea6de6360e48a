"""Tenants, sections and tags: module-level functions with a keyword-only ``session``;
never commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from content_service.errors import section_not_found, tenant_not_found
from content_service.tenants.models import Section, Tag, Tenant
from content_service.text import parse_uuid

# --- tenants ----------------------------------------------------------------------------


def get_tenant(*, session: Session, slug: str) -> Tenant | None:
    return session.get(Tenant, slug)


def get_tenant_or_raise(*, session: Session, slug: str) -> Tenant:
    tenant = get_tenant(session=session, slug=slug)
    if tenant is None:
        raise tenant_not_found(slug)
    return tenant


def insert_tenant(*, session: Session, tenant: Tenant) -> bool:
    """Insert unless the slug exists; True when this call created it."""
    created = session.execute(
        insert(Tenant)
        .values(**tenant.model_dump())
        .on_conflict_do_nothing(index_elements=["slug"])
        .returning(col(Tenant.slug))
    ).first()
    return created is not None


def list_tenants(*, session: Session, after: str | None, limit: int) -> Sequence[Tenant]:
    query = select(Tenant).order_by(col(Tenant.slug)).limit(limit)
    if after is not None:
        query = query.where(col(Tenant.slug) > after)
    return session.exec(query).all()


# --- sections ---------------------------------------------------------------------------


def get_section(*, session: Session, tenant: str, section_id: uuid.UUID) -> Section | None:
    section = session.get(Section, section_id)
    return section if section is not None and section.tenant == tenant else None


def get_section_id_or_raise(*, session: Session, tenant: str, section_id: str) -> uuid.UUID | None:
    """The id of ``tenant``'s section ``section_id`` names; None for no section (empty);
    SECTION_NOT_FOUND when it names none of the tenant's."""
    if not section_id:
        return None
    ident = parse_uuid(section_id)
    if ident is None or get_section(session=session, tenant=tenant, section_id=ident) is None:
        raise section_not_found(section_id)
    return ident


def get_section_by_slug(*, session: Session, tenant: str, slug: str) -> Section | None:
    return session.exec(
        select(Section).where(Section.tenant == tenant, Section.slug == slug)
    ).first()


def list_sections(*, session: Session, tenant: str) -> Sequence[Section]:
    return session.exec(
        select(Section)
        .where(Section.tenant == tenant)
        .order_by(
            col(Section.parent_id).asc().nulls_first(),
            col(Section.position),
            col(Section.slug),
        )
    ).all()


# --- tags -------------------------------------------------------------------------------


def upsert_tags(*, session: Session, tenant: str, tags: Iterable[tuple[str, str]]) -> None:
    """Register (slug, name) pairs; the first spelling of a tag wins."""
    rows = [{"tenant": tenant, "slug": slug, "name": name} for slug, name in tags]
    if rows:
        session.execute(insert(Tag).values(rows).on_conflict_do_nothing())
