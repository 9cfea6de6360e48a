"""The story lifecycle: every allowed state change, in one table.

```
draft -> submitted -> in_review -> approved -> scheduled -> published
            ^             |                                   |   \\
            +-- changes_requested                  corrected <-+    retracted (takedown)
```
A use case may chain transitions in one transaction (final approval: in_review ->
approved -> published); each step is audited and emitted on its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from editorial_approval_service.workflow.models import Workflow
from newsroom_core.enums import WorkflowState as S
from newsroom_core.errors import FailedPrecondition

# Normal transitions: any use case whose own rules allow it may take these.
TRANSITIONS: Mapping[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.CHANGES_REQUESTED}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.CHANGES_REQUESTED}),
    S.CHANGES_REQUESTED: frozenset({S.SUBMITTED}),
    S.APPROVED: frozenset({S.SCHEDULED, S.PUBLISHED, S.RETRACTED}),
    # scheduled -> scheduled is a reschedule; scheduled -> approved an unschedule.
    S.SCHEDULED: frozenset({S.SCHEDULED, S.APPROVED, S.PUBLISHED, S.RETRACTED}),
    S.PUBLISHED: frozenset({S.CORRECTED, S.RETRACTED}),
    # A corrected story can be corrected again.
    S.CORRECTED: frozenset({S.CORRECTED, S.RETRACTED}),
    S.RETRACTED: frozenset(),
}

# Crisis fast-track (board or platform admin) may also publish before every stage passed.
FAST_TRACK_TRANSITIONS: Mapping[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.PUBLISHED}),
    S.SUBMITTED: frozenset({S.PUBLISHED}),
    S.IN_REVIEW: frozenset({S.PUBLISHED}),
    S.CHANGES_REQUESTED: frozenset({S.PUBLISHED}),
}

# States in which the public portal shows the story.
PUBLIC_STATES = frozenset({S.PUBLISHED, S.CORRECTED})
# States in which the story waits for a reviewer.
REVIEW_STATES = frozenset({S.SUBMITTED, S.IN_REVIEW})


def allowed(from_state: S, to_state: S, *, fast_track: bool = False) -> bool:
    if to_state in TRANSITIONS.get(from_state, frozenset()):
        return True
    return fast_track and to_state in FAST_TRACK_TRANSITIONS.get(from_state, frozenset())


def check(from_state: S, to_state: S, *, fast_track: bool = False) -> None:
    """FAILED_PRECONDITION reason=INVALID_TRANSITION unless the table allows it."""
    if not allowed(from_state, to_state, fast_track=fast_track):
        raise FailedPrecondition(
            f"không thể chuyển trạng thái {from_state.value} -> {to_state.value} "
            f"(transition not allowed)",
            reason="INVALID_TRANSITION",
            metadata={"from": from_state.value, "to": to_state.value},
        )


def require_state(workflow: Workflow, allowed: frozenset[S], action: str) -> S:
    """The workflow's state; INVALID_TRANSITION when ``action`` is not allowed in it."""
    state = S(workflow.state)
    if state not in allowed:
        raise FailedPrecondition(
            f"không thể {action} khi bài ở trạng thái {state.value} (invalid transition)",
            reason="INVALID_TRANSITION",
            metadata={"from": state.value, "action": action},
        )
    return state
