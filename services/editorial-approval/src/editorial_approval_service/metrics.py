"""Service-specific metrics (names: newsroom_editorial_approval_<noun>_<unit>[_total])."""

from __future__ import annotations

from prometheus_client import Counter

from newsroom_core.metrics import REGISTRY

TRANSITIONS = Counter(
    "newsroom_editorial_approval_transitions_total",
    "Workflow state changes, by target state and whether they were a crisis fast-track.",
    ["to_state", "fast_track"],
    registry=REGISTRY,
)
SCHEDULED_PUBLICATIONS = Counter(
    "newsroom_editorial_approval_scheduled_publications_total",
    "Scheduled stories the scheduler published.",
    registry=REGISTRY,
)
FROZEN_HOLDS = Counter(
    "newsroom_editorial_approval_frozen_holds_total",
    "Due scheduled stories a publishing freeze started holding.",
    registry=REGISTRY,
)
SCHEDULER_ERRORS = Counter(
    "newsroom_editorial_approval_scheduler_errors_total",
    "Scheduler passes that failed and were retried.",
    registry=REGISTRY,
)
