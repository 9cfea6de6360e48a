"""Identities for in-process gRPC tests, and calls made as one of them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import grpc

from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import PLATFORM_ADMIN, Identity
from newsroom_core.settings import IdentitySettings

# The development signing key (the settings' default), shared by test servers and channels.
IDENTITY_KEY = IdentitySettings().secret.get_secret_value().encode()
PLATFORM = Identity(
    "platform-admin-1",
    "platform.admin",
    "Quản trị nền tảng",
    realm_roles=frozenset({PLATFORM_ADMIN}),
)


def member(tenant: str, *roles: str, name: str = "", user_id: str | None = None) -> Identity:
    """A staff identity of ``tenant`` holding ``roles`` (a fresh user id unless given)."""
    username = f"{tenant}.{name or (roles[0] if roles else 'staff')}"
    return Identity(
        user_id or f"{username}-{uuid.uuid4().hex[:6]}",
        username,
        f"Nhân viên {username}",
        tenant_roles={tenant: frozenset(roles)},
    )


def as_user(identity: Identity | None, call: Callable[[Any], Any], request: Any) -> Any:
    with acting_as(identity):
        return call(request)


def rpc_error(identity: Identity | None, call: Callable[[Any], Any], request: Any) -> grpc.RpcError:
    """The error a call fails with; AssertionError when it succeeds."""
    try:
        as_user(identity, call, request)
    except grpc.RpcError as exc:
        return exc
    raise AssertionError(f"expected {call} to fail")


def failure(identity: Identity | None, call: Callable[[Any], Any], request: Any) -> tuple[str, str]:
    """(status code name, ErrorInfo reason) of a failing call."""
    error = rpc_error(identity, call, request)
    return error.code().name, error_reason(error) or ""
