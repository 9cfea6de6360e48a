"""The portal's Prometheus metrics (newsroom_core's registry, served on the ops port)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from newsroom_core.metrics import REGISTRY

PAGE_REQUESTS = Counter(
    "newsroom_portal_requests_total",
    "Portal responses by page type and status",
    ["page", "code"],
    registry=REGISTRY,
)
PAGE_SECONDS = Histogram(
    "newsroom_portal_render_seconds",
    "Time to build an uncached page (gateway calls and rendering)",
    ["page"],
    registry=REGISTRY,
)
PAGE_CACHE = Counter(
    "newsroom_portal_page_cache_total",
    "Page cache lookups and invalidations",
    ["outcome"],
    registry=REGISTRY,
)
SIGN_INS = Counter(
    "newsroom_portal_sign_ins_total",
    "Staff sign-ins by outcome",
    ["outcome"],
    registry=REGISTRY,
)
