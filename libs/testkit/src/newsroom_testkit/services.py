"""The services under test in-process: a gRPC server on port 0 that verifies the test
identity key, and the tenants content provisions."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from content_service.tenants.models import TenantCreate
from content_service.wiring import ContentAggregates
from newsroom_core.grpc.server import GrpcServer, ServiceBinding
from newsroom_core.settings import GrpcSettings
from newsroom_testkit.identities import IDENTITY_KEY, PLATFORM


def serve(*bindings: ServiceBinding) -> GrpcServer:
    """Started; the caller stops it (``stop(0)``)."""
    return GrpcServer(
        GrpcSettings(port=0, shutdown_grace_s=1), list(bindings), identity_key=IDENTITY_KEY
    ).start()


def tenant_factory(content: ContentAggregates) -> Callable[..., str]:
    """``create(label, group=False)``: a fresh tenant (unique slug) with content's default
    sections, provisioned by the platform admin; its slug."""

    def create(label: str = "t", *, group: bool = False) -> str:
        slug = f"{label}-{uuid.uuid4().hex[:8]}"
        content.tenants.create_tenant(
            PLATFORM, TenantCreate(slug=slug, name=f"Đơn vị {label}", group_tenant=group)
        )
        return slug

    return create
