"""Content-specific metrics (on the platform registry)."""

from __future__ import annotations

from prometheus_client import Counter

from newsroom_core.metrics import REGISTRY

STORY_EVENTS = Counter(
    "newsroom_content_events_emitted_total",
    "Content events written to the outbox, by kind (created, revised, published, ...).",
    ["kind"],
    registry=REGISTRY,
)


def count_event(ce_type: str) -> None:
    """``EventSink.counted``: ``newsroom.content.story.published.v1`` counts as published."""
    STORY_EVENTS.labels(ce_type.rsplit(".", 2)[-2]).inc()
