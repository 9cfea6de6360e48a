"""Outbound tenant events (payloads of content.events.v1)."""

from __future__ import annotations

from content_service.common import timestamp
from content_service.tenants.models import Tenant
from newsroom.content.v1 import content_events_pb2

TENANT_PROVISIONED = "newsroom.content.tenant.provisioned.v1"


def tenant_provisioned(tenant: Tenant) -> content_events_pb2.TenantProvisioned:
    return content_events_pb2.TenantProvisioned(
        tenant=tenant.slug,
        name=tenant.name,
        default_language=tenant.default_language,
        group_tenant=tenant.group_tenant,
        provisioned_at=timestamp(tenant.created_at),
    )
