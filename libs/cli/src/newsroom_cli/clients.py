"""gRPC stubs of the content and editorial-approval services, called as a given identity."""

from __future__ import annotations

from typing import Any

import grpc

from newsroom.content.v1 import content_service_pb2_grpc
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2_grpc
from newsroom_cli.settings import CliSettings
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import SYSTEM

CONTENT_SERVICE = "newsroom.content.v1.ContentService"
EDITORIAL_SERVICE = "newsroom.editorial_approval.v1.EditorialApprovalService"
# Codes meaning "the service is not there" rather than "it said no".
UNREACHABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


def as_system() -> Any:
    """The platform itself (realm role platform-admin), for provisioning."""
    return acting_as(SYSTEM)


class Services:
    """One channel per service; stubs are cheap, channels are closed by ``close``."""

    def __init__(self, settings: CliSettings) -> None:
        self.settings = settings
        key = settings.identity_key
        self._content_channel = make_channel(
            settings.content_target,
            service=CONTENT_SERVICE,
            idempotent_methods=["GetTenant", "ListTenants", "ListSections", "ListStories"],
            identity_key=key,
            default_deadline_s=settings.grpc_deadline_s,
        )
        self._editorial_channel = make_channel(
            settings.editorial_target,
            service=EDITORIAL_SERVICE,
            idempotent_methods=["GetPolicy", "GetWorkflow"],
            identity_key=key,
            default_deadline_s=settings.grpc_deadline_s,
        )
        self.content: Any = content_service_pb2_grpc.ContentServiceStub(  # type: ignore[no-untyped-call]
            self._content_channel
        )
        self.editorial: Any = editorial_approval_service_pb2_grpc.EditorialApprovalServiceStub(  # type: ignore[no-untyped-call]
            self._editorial_channel
        )

    def close(self) -> None:
        self._content_channel.close()
        self._editorial_channel.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def unreachable(exc: grpc.RpcError) -> bool:
    code = exc.code() if hasattr(exc, "code") else None
    return code in UNREACHABLE


def describe(exc: grpc.RpcError) -> str:
    """``CODE REASON: message`` of a failed call."""
    code = exc.code().name if hasattr(exc, "code") else "UNKNOWN"
    details = exc.details() if hasattr(exc, "details") else str(exc)
    try:
        reason = error_reason(exc)
    except Exception:  # a transport failure carries no status details
        reason = None
    return f"{code}{' ' + reason if reason else ''}: {details}"
