"""Metadata keys shared by clients and servers, and the caller-identity context."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from newsroom_core.context import current_trace, request_id_var, tenant_var
from newsroom_core.errors import Unauthenticated
from newsroom_core.identity import Identity, encode_identity

REQUEST_ID = "x-request-id"
TRACEPARENT = "traceparent"
TENANT = "x-newsroom-tenant"

identity_var: contextvars.ContextVar[Identity | None] = contextvars.ContextVar(
    "identity", default=None
)


def current_identity() -> Identity:
    """The verified caller of the current gRPC call; Unauthenticated if there is none."""
    identity = identity_var.get()
    if identity is None:
        raise Unauthenticated("no caller identity on the call", reason="IDENTITY_MISSING")
    return identity


def optional_identity() -> Identity | None:
    return identity_var.get()


@contextmanager
def acting_as(identity: Identity | None) -> Iterator[None]:
    """Calls made through ``grpc.client.make_channel`` channels inside the block carry
    ``identity``, signed (the CLI provisioning as the platform, tests calling as a user)."""
    token = identity_var.set(identity)
    try:
        yield
    finally:
        identity_var.reset(token)


def outgoing_metadata(
    identity: Identity | None = None,
    *,
    key: bytes | None = None,
    extra: Iterable[tuple[str, str]] = (),
) -> Sequence[tuple[str, str]]:
    """Metadata for an outgoing call: request id, trace context, tenant and identity."""
    md: list[tuple[str, str]] = [(TRACEPARENT, current_trace().traceparent())]
    request_id = request_id_var.get()
    if request_id:
        md.append((REQUEST_ID, request_id))
    tenant = tenant_var.get()
    if tenant:
        md.append((TENANT, tenant))
    if identity is not None and key is not None:
        md.extend(encode_identity(identity, key))
    md.extend(extra)
    return md
