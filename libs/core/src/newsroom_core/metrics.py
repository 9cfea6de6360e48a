"""One Prometheus registry per process and the platform's shared metrics.

Names follow ``newsroom_<component>_<noun>_<unit>[_total]`` with bounded labels.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)
GCCollector(registry=REGISTRY)

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

GRPC_SERVER_REQUESTS = Counter(
    "newsroom_grpc_server_handled_total",
    "gRPC calls completed by the server, by method and status code.",
    ["service", "method", "code"],
    registry=REGISTRY,
)
GRPC_SERVER_ERRORS = Counter(
    "newsroom_grpc_server_errors_total",
    "gRPC calls that ended with a non-OK status.",
    ["service", "method", "code"],
    registry=REGISTRY,
)
GRPC_SERVER_LATENCY = Histogram(
    "newsroom_grpc_server_handling_seconds",
    "Server-side gRPC handling time.",
    ["service", "method"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
OUTBOX_PUBLISHED = Counter(
    "newsroom_outbox_published_total",
    "Events the outbox relay published to Kafka.",
    ["service", "topic"],
    registry=REGISTRY,
)
OUTBOX_BACKLOG = Gauge(
    "newsroom_outbox_backlog_events",
    "Events waiting in the outbox after the relay's last pass.",
    ["service"],
    registry=REGISTRY,
)
CONSUMER_EVENTS = Counter(
    "newsroom_consumer_events_total",
    "Events handled by idempotent consumers, by outcome (applied, duplicate, retried, dlq).",
    ["group", "topic", "outcome"],
    registry=REGISTRY,
)
CONSUMER_HANDLING = Histogram(
    "newsroom_consumer_handling_seconds",
    "Time to apply one event including its database transaction.",
    ["group", "topic"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
