"""Every allowed and every forbidden transition of the story lifecycle."""

from __future__ import annotations

import itertools

import pytest

from editorial_approval_service.workflow import transitions
from newsroom_core.enums import WorkflowState as S
from newsroom_core.errors import FailedPrecondition

# Written out by hand from DESIGN.md's lifecycle, independently of the table under test.
NORMAL = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.IN_REVIEW),
    (S.SUBMITTED, S.CHANGES_REQUESTED),
    (S.IN_REVIEW, S.APPROVED),
    (S.IN_REVIEW, S.CHANGES_REQUESTED),
    (S.CHANGES_REQUESTED, S.SUBMITTED),
    (S.APPROVED, S.SCHEDULED),
    (S.APPROVED, S.PUBLISHED),
    (S.APPROVED, S.RETRACTED),
    (S.SCHEDULED, S.SCHEDULED),
    (S.SCHEDULED, S.APPROVED),
    (S.SCHEDULED, S.PUBLISHED),
    (S.SCHEDULED, S.RETRACTED),
    (S.PUBLISHED, S.CORRECTED),
    (S.PUBLISHED, S.RETRACTED),
    (S.CORRECTED, S.CORRECTED),
    (S.CORRECTED, S.RETRACTED),
}
FAST_TRACK_ONLY = {
    (S.DRAFT, S.PUBLISHED),
    (S.SUBMITTED, S.PUBLISHED),
    (S.IN_REVIEW, S.PUBLISHED),
    (S.CHANGES_REQUESTED, S.PUBLISHED),
}
ALL_PAIRS = list(itertools.product(S, S))


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_normal_transition_table(from_state: S, to_state: S) -> None:
    expected = (from_state, to_state) in NORMAL
    assert transitions.allowed(from_state, to_state) is expected
    if expected:
        transitions.check(from_state, to_state)
    else:
        with pytest.raises(FailedPrecondition) as err:
            transitions.check(from_state, to_state)
        assert err.value.reason == "INVALID_TRANSITION"
        assert err.value.metadata == {"from": from_state.value, "to": to_state.value}


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_fast_track_adds_only_early_publication(from_state: S, to_state: S) -> None:
    expected = (from_state, to_state) in NORMAL | FAST_TRACK_ONLY
    assert transitions.allowed(from_state, to_state, fast_track=True) is expected


def test_retracted_is_terminal_and_published_never_goes_back() -> None:
    assert not any(transitions.allowed(S.RETRACTED, s, fast_track=True) for s in S)
    for earlier in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.SCHEDULED):
        assert not transitions.allowed(S.PUBLISHED, earlier, fast_track=True)
        assert not transitions.allowed(S.CORRECTED, earlier, fast_track=True)


def test_every_state_is_in_the_table() -> None:
    assert set(transitions.TRANSITIONS) == set(S)
