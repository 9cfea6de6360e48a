"""Per-request context carried through logs, metrics and outgoing calls."""

from __future__ import annotations

import contextvars
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
trace_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace_id", default=None)
span_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("span_id", default=None)
tenant_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("tenant", default=None)

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True, slots=True)
class TraceContext:
    trace_id: str
    span_id: str
    sampled: bool = True

    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-{'01' if self.sampled else '00'}"

    def child(self) -> TraceContext:
        return TraceContext(self.trace_id, _span_id(), self.sampled)


# Random (not secret) ids like OpenTelemetry's generator: no syscall per span. Never all
# zeros, which W3C trace context forbids.
def _span_id() -> str:
    return f"{random.getrandbits(64) or 1:016x}"


def _trace_id() -> str:
    return f"{random.getrandbits(128) or 1:032x}"


def parse_traceparent(value: str | None) -> TraceContext | None:
    """Parse a W3C ``traceparent`` header; None when absent or malformed."""
    if not value:
        return None
    match = _TRACEPARENT.match(value.strip().lower())
    if match is None or match.group(1) == "0" * 32 or match.group(2) == "0" * 16:
        return None
    return TraceContext(match.group(1), match.group(2), match.group(3) == "01")


def new_trace() -> TraceContext:
    return TraceContext(_trace_id(), _span_id())


def current_trace() -> TraceContext:
    """The active trace as a child span, or a new trace when there is none."""
    trace_id = trace_id_var.get()
    if trace_id is None:
        return new_trace()
    return TraceContext(trace_id, _span_id())


def new_request_id() -> str:
    """32 random hex digits (like a trace id: unique, not secret; no syscall)."""
    return f"{random.getrandbits(128):032x}"


@contextmanager
def bound(
    *,
    request_id: str | None = None,
    trace: TraceContext | None = None,
    tenant: str | None = None,
) -> Iterator[None]:
    """Bind request id, trace and tenant for the duration of a block."""
    tokens: list[tuple[contextvars.ContextVar[str | None], contextvars.Token[str | None]]] = []
    if request_id is not None:
        tokens.append((request_id_var, request_id_var.set(request_id)))
    if trace is not None:
        tokens.append((trace_id_var, trace_id_var.set(trace.trace_id)))
        tokens.append((span_id_var, span_id_var.set(trace.span_id)))
    if tenant is not None:
        tokens.append((tenant_var, tenant_var.set(tenant)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)
