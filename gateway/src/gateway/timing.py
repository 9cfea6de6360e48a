"""Where a signed-in request's time went, for the browser: ``Server-Timing``.

The request context middleware opens a ``RequestTiming`` per ``/v1`` request; the gRPC
client adds each upstream call's duration to it; the response carries
``Server-Timing: upstream;dur=<ms>, gateway;dur=<ms>`` (W3C Server Timing), which the
browser exposes as ``PerformanceResourceTiming.serverTiming`` (cross-origin too, with
``Timing-Allow-Origin``). The newsroom app's benchmark splits an autosave's round trip
with it: browser and network, the gateway's own work, content's answer.
"""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass, field


@dataclass
class RequestTiming:
    started: float = field(default_factory=time.perf_counter)
    upstream_s: float = 0.0

    def header(self) -> bytes:
        total_ms = (time.perf_counter() - self.started) * 1000
        upstream_ms = self.upstream_s * 1000
        return f"upstream;dur={upstream_ms:.1f}, gateway;dur={total_ms:.1f}".encode()


current: contextvars.ContextVar[RequestTiming | None] = contextvars.ContextVar(
    "request_timing", default=None
)


def add_upstream(seconds: float) -> None:
    timing = current.get()
    if timing is not None:
        timing.upstream_s += seconds
