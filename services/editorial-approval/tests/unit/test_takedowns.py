from __future__ import annotations

from datetime import UTC, datetime

from editorial_approval_service.workflow.models import Takedown, TakedownTarget
from newsroom_core.enums import TakedownTargetKind, TakedownTargetStatus


def test_targets_are_stored_as_the_json_they_always_were() -> None:
    portal = TakedownTarget(TakedownTargetKind.PORTAL)
    assert portal.to_json() == {"kind": "portal", "status": "pending"}
    at = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    post = TakedownTarget(
        TakedownTargetKind.SOCIAL_POST,
        TakedownTargetStatus.CONFIRMED,
        channel_id="fb-tkv",
        post_job_id="job-1",
        external_post_id="123_456",
        confirmed_at=at,
    )
    stored = post.to_json()
    assert stored == {
        "kind": "social_post",
        "status": "confirmed",
        "channel_id": "fb-tkv",
        "post_job_id": "job-1",
        "external_post_id": "123_456",
        "confirmed_at": "2026-03-01T07:30:00+00:00",
    }
    assert TakedownTarget.from_json(stored) == post
    row = Takedown(tenant="halong", story_id="s1", reason="x", requested_by_id="u1")
    row.targets = [portal.to_json(), stored]
    assert row.target_list == [portal, post]
