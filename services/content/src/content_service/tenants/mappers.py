"""Tenant and section models -> protobuf."""

from __future__ import annotations

from content_service.tenants.models import Section, Tenant
from newsroom.content.v1 import tenant_pb2
from newsroom_core.timestamps import to_timestamp


def tenant_to_pb(tenant: Tenant) -> tenant_pb2.Tenant:
    return tenant_pb2.Tenant(
        slug=tenant.slug,
        name=tenant.name,
        default_language=tenant.default_language,
        group_tenant=tenant.group_tenant,
        created_at=to_timestamp(tenant.created_at),
    )


def section_to_pb(section: Section) -> tenant_pb2.Section:
    return tenant_pb2.Section(
        id=str(section.id),
        tenant=section.tenant,
        slug=section.slug,
        name=section.name,
        description=section.description,
        parent_id=str(section.parent_id) if section.parent_id else "",
        position=section.position,
    )
