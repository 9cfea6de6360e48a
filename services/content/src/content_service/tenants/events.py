"""Outbound tenant events (payloads of content.events.v1)."""

from __future__ import annotations

from content_service.tenants.models import Tenant
from newsroom.content.v1 import content_events_pb2
from newsroom_core.timestamps import to_timestamp

TENANT_PROVISIONED = "newsroom.content.tenant.provisioned.v1"


def tenant_provisioned(tenant: Tenant) -> content_events_pb2.TenantProvisioned:
    return content_events_pb2.TenantProvisioned(
        tenant=tenant.slug,
        name=tenant.name,
        default_language=tenant.default_language,
        group_tenant=tenant.group_tenant,
        provisioned_at=to_timestamp(tenant.created_at),
    )
