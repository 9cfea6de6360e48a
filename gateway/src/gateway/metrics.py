"""Gateway metrics, registered on the process's one registry (``newsroom_core.metrics``)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from newsroom_core.metrics import LATENCY_BUCKETS, REGISTRY

HTTP_REQUESTS = Counter(
    "newsroom_gateway_http_requests_total",
    "HTTP requests answered by the gateway, by route template, method and status code.",
    ["route", "method", "code"],
    registry=REGISTRY,
)
HTTP_DURATION = Histogram(
    "newsroom_gateway_http_request_duration_seconds",
    "Time from request to the end of the response, by route template and method.",
    ["route", "method"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
UPSTREAM_CALLS = Counter(
    "newsroom_gateway_upstream_calls_total",
    "gRPC calls from the gateway to services, by service, method and status code.",
    ["service", "method", "code"],
    registry=REGISTRY,
)
UPSTREAM_DURATION = Histogram(
    "newsroom_gateway_upstream_call_duration_seconds",
    "Duration of gRPC calls from the gateway to services.",
    ["service", "method"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
TOKEN_CHECKS = Counter(
    "newsroom_gateway_token_checks_total",
    "Bearer tokens checked, by outcome (cached, verified, rejected).",
    ["outcome"],
    registry=REGISTRY,
)
CACHE_LOOKUPS = Counter(
    "newsroom_gateway_cache_lookups_total",
    "Public read cache lookups, by result (hit, miss, coalesced, bypass).",
    ["result"],
    registry=REGISTRY,
)
# the children, resolved once: lookups are counted on every public request
CACHE_HIT, CACHE_MISS, CACHE_COALESCED, CACHE_BYPASS = (
    CACHE_LOOKUPS.labels(result) for result in ("hit", "miss", "coalesced", "bypass")
)
CACHE_INVALIDATIONS = Counter(
    "newsroom_gateway_cache_invalidations_total",
    "Tenant invalidations of the public read cache, by cause (event type or manual).",
    ["cause"],
    registry=REGISTRY,
)
CACHE_ENTRIES = Gauge(
    "newsroom_gateway_cache_entries",
    "Entries held by the public read cache.",
    registry=REGISTRY,
)
LIVE_SUBSCRIBERS = Gauge(
    "newsroom_gateway_live_subscribers",
    "Open Server-Sent Events connections of the newsroom app (GET /v1/events).",
    registry=REGISTRY,
)
LIVE_EVENTS = Counter(
    "newsroom_gateway_live_events_total",
    "Editorial events turned into live notices, by kind (submitted, approved, ...).",
    ["kind"],
    registry=REGISTRY,
)
