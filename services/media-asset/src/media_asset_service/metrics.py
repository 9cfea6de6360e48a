"""Media metrics (names: newsroom_media_asset_<noun>_<unit>[_total]); the service and the
worker each register theirs on the platform registry of their own process."""

from __future__ import annotations

import time

from prometheus_client import Counter, Gauge, Histogram

from newsroom_core.metrics import REGISTRY

EVENTS = Counter(
    "newsroom_media_asset_events_emitted_total",
    "Media events written to the outbox, by kind (uploaded, version_ready, ...).",
    ["kind"],
    registry=REGISTRY,
)
UPLOADS = Counter(
    "newsroom_media_asset_uploads_total",
    "Upload sessions by outcome (started, completed, rejected, aborted, abandoned).",
    ["outcome"],
    registry=REGISTRY,
)
JOBS = Counter(
    "newsroom_media_asset_jobs_total",
    "Worker jobs ended, by kind and outcome (done, retried, failed, rejected, lease_lost).",
    ["kind", "outcome"],
    registry=REGISTRY,
)
JOBS_RUNNING = Gauge(
    "newsroom_media_asset_jobs_running",
    "Jobs this worker is running now.",
    registry=REGISTRY,
)
JOBS_STUCK = Counter(
    "newsroom_media_asset_jobs_stuck_total",
    "Jobs stopped because they made no progress for stuck_after_s.",
    ["kind"],
    registry=REGISTRY,
)
RENDER_SECONDS = Histogram(
    "newsroom_media_asset_render_seconds",
    "Time newsroom_media took to make one version's renditions, by kind.",
    ["kind"],
    buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
    registry=REGISTRY,
)


def now() -> float:
    return time.monotonic()


def count_event(ce_type: str) -> None:
    """``EventSink.counted``: ``newsroom.media_asset.asset.uploaded.v1`` counts as uploaded."""
    EVENTS.labels(ce_type.rsplit(".", 2)[-2]).inc()
