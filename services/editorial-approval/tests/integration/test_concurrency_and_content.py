"""Optimistic locking between concurrent reviewers, and what the content service says."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest

from editorial_approval_service import wiring
from editorial_approval_service.content_client import GrpcStoryDirectory
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom_core.errors import Conflict, DomainError, Unavailable
from newsroom_core.grpc.client import make_channel
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import IDENTITY_KEY, as_user, failure

pytestmark = [pytest.mark.postgres]


def test_concurrent_approvals_of_one_stage_cannot_both_count(desk: Desk, editorial: Any) -> None:
    """Two editors approve the editor stage at once: without the version check both would
    advance a stage and the story would skip the board."""
    story_id = desk.story()
    desk.submit(story_id)
    paused = threading.Event()
    resume = threading.Event()

    def slow_clock() -> datetime:
        # Called inside the approval transaction, after the workflow was read.
        if threading.current_thread().name == "slow-reviewer" and not resume.is_set():
            paused.set()
            resume.wait(10)
        return datetime.now(UTC)

    slow_service = wiring.use_cases(
        editorial.sessions,
        GrpcStoryDirectory(make_channel("127.0.0.1:1", identity_key=IDENTITY_KEY)),
        events_topic=editorial.events_topic,
        group_tenant="tkv",
        clock=slow_clock,
    )
    outcome: list[BaseException | str] = []

    def slow_approval() -> None:
        try:
            slow_service.review.approve(
                desk.editor, tenant=desk.tenant, story_id=story_id, revision=1
            )
            outcome.append("approved")
        except BaseException as exc:  # collected for the assertion below
            outcome.append(exc)

    thread = threading.Thread(target=slow_approval, name="slow-reviewer")
    thread.start()
    assert paused.wait(10)
    assert desk.approve(desk.editor2, story_id).state == wf.WORKFLOW_STATE_IN_REVIEW
    resume.set()
    thread.join(10)

    assert len(outcome) == 1 and isinstance(outcome[0], Conflict)
    assert outcome[0].reason == "CONFLICT"
    after = desk.workflow(story_id)
    assert after.current_stage == 1, "the board stage still awaits its decision"
    assert [d.decided_by.user_id for d in after.decisions] == [desk.editor2.user_id]


def test_content_answers_are_mapped(desk: Desk) -> None:
    unknown = pb.SubmitRequest(
        tenant=desk.tenant, story_id="00000000-0000-0000-0000-000000000000", revision=1
    )
    assert failure(desk.editor, desk.editorial.Submit, unknown) == ("NOT_FOUND", "STORY_NOT_FOUND")
    dead = GrpcStoryDirectory(
        make_channel("127.0.0.1:1", identity_key=IDENTITY_KEY, default_deadline_s=0.5)
    )
    with pytest.raises(DomainError) as err:
        dead.get_story(desk.tenant, "any")
    assert isinstance(err.value, Unavailable) and err.value.reason == "CONTENT_UNAVAILABLE"


def test_stale_revision_on_submit_and_approve(desk: Desk) -> None:
    story_id = desk.story()
    revision = desk.revise(story_id)
    assert failure(
        desk.contributor,
        desk.editorial.Submit,
        pb.SubmitRequest(tenant=desk.tenant, story_id=story_id, revision=1),
    ) == ("FAILED_PRECONDITION", "STALE_REVISION")
    desk.submit(story_id, revision)
    assert failure(
        desk.editor,
        desk.editorial.Approve,
        pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1),
    ) == ("FAILED_PRECONDITION", "STALE_REVISION")
    # Submitting twice is not a transition the table knows.
    assert failure(
        desk.contributor,
        desk.editorial.Submit,
        pb.SubmitRequest(tenant=desk.tenant, story_id=story_id, revision=revision),
    ) == ("FAILED_PRECONDITION", "INVALID_TRANSITION")


def _revision(desk: Desk, story_id: str, number: int) -> Any:
    request = content_pb.GetRevisionRequest(tenant=desk.tenant, story_id=story_id, number=number)
    return as_user(desk.contributor, desk.content.GetRevision, request).revision


@pytest.mark.parametrize("how", ["submit", "fast-track"])
def test_pinning_a_revision_seals_it_against_the_authors_autosaves(desk: Desk, how: str) -> None:
    """The author autosaves (folding into working revision 2), the revision is pinned for
    review or published by the board; the author's next autosave must start revision 3,
    never rewrite what the reviewers see."""
    story_id = desk.story()
    working = desk.revise(story_id, autosave=True, body="<p>Bản gửi duyệt.</p>")
    assert desk.revise(story_id, autosave=True, body="<p>Bản gửi duyệt, sửa.</p>") == working
    if how == "submit":
        desk.submit(story_id, working)
    else:
        request = pb.FastTrackRequest(
            tenant=desk.tenant,
            story_id=story_id,
            revision=working,
            action=wf.FAST_TRACK_ACTION_PUBLISH,
            reason="tin khẩn (breaking news)",
        )
        as_user(desk.board, desk.editorial.FastTrack, request)
    after = desk.revise(story_id, autosave=True, body="<p>Sửa sau khi ghim.</p>")
    assert after == working + 1
    assert _revision(desk, story_id, working).body_html == "<p>Bản gửi duyệt, sửa.</p>"
    assert desk.workflow(story_id).revision == working
