"""Crisis fast-track, corrections and retractions (takedowns), with the real content
service applying our events and answering with its own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from editorial_approval_service import events
from editorial_approval_service.consumers import (
    POST_DELETED,
    TAKEDOWN_STARTED,
)
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import freeze_pb2, policy_pb2, takedown_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom.social_publishing.v1 import post_job_pb2
from newsroom.social_publishing.v1 import social_publishing_events_pb2 as social
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import as_user, failure, member
from newsroom_testkit.outbox import audit_trail, deliver, outbox_events

pytestmark = [pytest.mark.postgres]

SOCIAL_SOURCE = "/newsroom/social-publishing"


def fast_track(desk: Desk, story_id: str, action: int, **fields: Any) -> pb.FastTrackRequest:
    return pb.FastTrackRequest(tenant=desk.tenant, story_id=story_id, action=action, **fields)  # type: ignore[arg-type]


def published_story(desk: Desk) -> str:
    story_id = desk.story()
    assert desk.pass_review(story_id).state == wf.WORKFLOW_STATE_PUBLISHED
    return story_id


def test_fast_track_publish_skips_remaining_stages(desk: Desk, editorial: Any) -> None:
    story_id = desk.story()
    desk.submit(story_id)
    desk.approve(desk.editor, story_id)
    publish = fast_track(desk, story_id, wf.FAST_TRACK_ACTION_PUBLISH, revision=1)
    assert failure(desk.board, desk.editorial.FastTrack, publish) == (
        "INVALID_ARGUMENT",
        "REASON_REQUIRED",
    )
    publish.reason = "Bão đổ bộ: cần đăng ngay"
    assert failure(desk.editor2, desk.editorial.FastTrack, publish) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    stale = fast_track(desk, story_id, wf.FAST_TRACK_ACTION_PUBLISH, revision=2, reason="x")
    assert failure(desk.board, desk.editorial.FastTrack, stale) == (
        "FAILED_PRECONDITION",
        "STALE_REVISION",
    )
    done = as_user(desk.board, desk.editorial.FastTrack, publish).workflow
    assert (done.state, done.fast_track, done.published_revision) == (
        wf.WORKFLOW_STATE_PUBLISHED,
        True,
        1,
    )
    orders = outbox_events(editorial.engine, story_id, events.PUBLISH_REQUESTED)
    assert len(orders) == 1
    assert orders[0].parse(ev.PublishRequested).fast_track
    with editorial.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT action, reason, fast_track FROM audit_record"
                " WHERE story_id = :s AND to_state = 'published'"
            ),
            {"s": story_id},
        ).one()
    assert tuple(row) == ("publish", "Bão đổ bộ: cần đăng ngay", True)


def test_fast_track_never_by_the_author_and_works_on_drafts(desk: Desk) -> None:
    own = desk.story(author=desk.board)
    request = fast_track(desk, own, wf.FAST_TRACK_ACTION_PUBLISH, revision=1, reason="Khẩn")
    assert failure(desk.board, desk.editorial.FastTrack, request) == (
        "FAILED_PRECONDITION",
        "FOUR_EYES_VIOLATION",
    )
    # A draft nobody submitted yet: a second board member can still fast-track it.
    done = as_user(desk.board2, desk.editorial.FastTrack, request).workflow
    assert done.state == wf.WORKFLOW_STATE_PUBLISHED and done.author_id == desk.board.user_id
    again = fast_track(desk, own, wf.FAST_TRACK_ACTION_PUBLISH, revision=1, reason="Khẩn")
    assert failure(desk.board2, desk.editorial.FastTrack, again) == (
        "FAILED_PRECONDITION",
        "INVALID_TRANSITION",
    )


def test_fast_track_official_statement_needs_spokesperson_signoff(
    desk: Desk, tenant_factory: Any, content_stub: Any, editorial: Any
) -> None:
    story_id = desk.story(story_type=story_pb2.STORY_TYPE_OFFICIAL_STATEMENT)
    desk.submit(story_id)
    desk.approve(desk.editor, story_id)
    request = fast_track(desk, story_id, wf.FAST_TRACK_ACTION_PUBLISH, revision=1, reason="Khẩn")
    assert failure(desk.board, desk.editorial.FastTrack, request) == (
        "FAILED_PRECONDITION",
        "SPOKESPERSON_SIGNOFF_REQUIRED",
    )
    assert desk.workflow(story_id).state == wf.WORKFLOW_STATE_IN_REVIEW

    # A tenant whose policy puts the spokesperson before the board: once they signed
    # off, the board may fast-track the rest.
    other = Desk(tenant_factory("camau"), content_stub, editorial.stub)
    as_user(
        other.tenant_admin,
        other.editorial.SetPolicy,
        pb.SetPolicyRequest(
            tenant=other.tenant,
            stages=[
                policy_pb2.ApprovalStage(role=policy_pb2.APPROVAL_ROLE_EDITOR),
                policy_pb2.ApprovalStage(role=policy_pb2.APPROVAL_ROLE_SPOKESPERSON),
                policy_pb2.ApprovalStage(role=policy_pb2.APPROVAL_ROLE_BOARD),
            ],
        ),
    )
    statement = other.story(story_type=story_pb2.STORY_TYPE_OFFICIAL_STATEMENT)
    assert len(other.submit(statement).stages) == 3, "no second spokesperson stage"
    other.approve(other.editor, statement)
    other.approve(other.spokesperson, statement)
    done = as_user(
        other.board,
        other.editorial.FastTrack,
        fast_track(other, statement, wf.FAST_TRACK_ACTION_PUBLISH, revision=1, reason="Khẩn"),
    ).workflow
    assert done.state == wf.WORKFLOW_STATE_PUBLISHED and done.fast_track


def test_correction_normal_and_fast_track(
    desk: Desk, editorial: Any, content_router: Any, content_sessions: Any
) -> None:
    story_id = published_story(desk)
    deliver(
        content_sessions,
        content_router,
        *outbox_events(editorial.engine, story_id),
    )  # content publishes revision 1
    revision = desk.revise(story_id, author=desk.contributor, body="<p>Số liệu đã sửa.</p>")

    correct = pb.CorrectRequest(tenant=desk.tenant, story_id=story_id, revision=revision)
    assert failure(desk.editor, desk.editorial.Correct, correct) == (
        "INVALID_ARGUMENT",
        "CORRECTION_NOTE_REQUIRED",
    )
    correct.correction_note = "Sửa số liệu sản lượng"
    assert failure(desk.contributor, desk.editorial.Correct, correct) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    stale = pb.CorrectRequest(
        tenant=desk.tenant, story_id=story_id, revision=1, correction_note="x"
    )
    assert failure(desk.editor, desk.editorial.Correct, stale) == (
        "FAILED_PRECONDITION",
        "STALE_REVISION",
    )
    # A tenant freeze stops normal corrections, not crisis ones.
    freeze = pb.SetFreezeRequest(
        tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_TENANT, reason="Tạm dừng"
    )
    as_user(desk.board, desk.editorial.SetFreeze, freeze)
    assert failure(desk.editor, desk.editorial.Correct, correct) == (
        "FAILED_PRECONDITION",
        "PUBLISHING_FROZEN",
    )
    as_user(
        desk.board,
        desk.editorial.LiftFreeze,
        pb.LiftFreezeRequest(tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_TENANT),
    )
    corrected = as_user(desk.editor, desk.editorial.Correct, correct).workflow
    assert (corrected.state, corrected.published_revision) == (wf.WORKFLOW_STATE_CORRECTED, 2)
    assert not corrected.fast_track

    third = desk.revise(story_id, author=desk.contributor, body="<p>Sửa lần hai.</p>")
    no_note = fast_track(
        desk, story_id, wf.FAST_TRACK_ACTION_CORRECT, revision=third, reason="Sai nghiêm trọng"
    )
    assert failure(desk.board, desk.editorial.FastTrack, no_note) == (
        "INVALID_ARGUMENT",
        "CORRECTION_NOTE_REQUIRED",
    )
    no_note.correction_note = "Đính chính tên người phát ngôn"
    again = as_user(desk.board, desk.editorial.FastTrack, no_note).workflow
    assert (again.state, again.published_revision, again.fast_track) == (
        wf.WORKFLOW_STATE_CORRECTED,
        3,
        True,
    )
    orders: list[Any] = [
        e.parse(ev.CorrectionRequested)
        for e in outbox_events(editorial.engine, story_id, events.CORRECTION_REQUESTED)
    ]
    assert [(o.revision, o.correction_note, o.fast_track) for o in orders] == [
        (2, "Sửa số liệu sản lượng", False),
        (3, "Đính chính tên người phát ngôn", True),
    ]
    # Content applies the corrections: the public copy is revision 3.
    deliver(content_sessions, content_router, *outbox_events(editorial.engine, story_id))
    slug = as_user(
        desk.editor,
        desk.content.GetStory,
        content_pb.GetStoryRequest(tenant=desk.tenant, story_id=story_id),
    ).story.slug
    public = desk.content.GetPublishedStory(
        content_pb.GetPublishedStoryRequest(tenant=desk.tenant, slug=slug)
    ).story
    assert public.revision == 3 and public.correction_note == "Đính chính tên người phát ngôn"


def social_event(message: Any, ce_type: str, tenant: str, story_id: str) -> CloudEvent:
    return new_event(message, type=ce_type, source=SOCIAL_SOURCE, subject=story_id, tenant=tenant)


def test_retraction_and_takedown_progress(
    desk: Desk,
    editorial: Any,
    content_router: Any,
    content_sessions: Any,
    content_engine: Any,
) -> None:
    story_id = published_story(desk)
    deliver(content_sessions, content_router, *outbox_events(editorial.engine, story_id))
    missing = pb.GetTakedownRequest(tenant=desk.tenant, story_id=story_id)
    assert failure(desk.editor, desk.editorial.GetTakedown, missing) == (
        "NOT_FOUND",
        "TAKEDOWN_NOT_FOUND",
    )

    retract = pb.RetractRequest(tenant=desk.tenant, story_id=story_id)
    assert failure(desk.board, desk.editorial.Retract, retract) == (
        "INVALID_ARGUMENT",
        "REASON_REQUIRED",
    )
    retract.reason = "Thông tin chưa được kiểm chứng"
    assert failure(desk.editor, desk.editorial.Retract, retract) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    reply = as_user(desk.board, desk.editorial.Retract, retract)
    assert reply.workflow.state == wf.WORKFLOW_STATE_RETRACTED
    takedown = reply.takedown
    assert [(t.kind, t.status) for t in takedown.targets] == [
        (takedown_pb2.TAKEDOWN_TARGET_KIND_PORTAL, takedown_pb2.TAKEDOWN_TARGET_STATUS_PENDING),
        (takedown_pb2.TAKEDOWN_TARGET_KIND_SEARCH, takedown_pb2.TAKEDOWN_TARGET_STATUS_PENDING),
        (takedown_pb2.TAKEDOWN_TARGET_KIND_FEEDS, takedown_pb2.TAKEDOWN_TARGET_STATUS_PENDING),
    ]
    assert not takedown.complete and not takedown.fast_track
    orders = outbox_events(editorial.engine, story_id, events.RETRACTION_REQUESTED)
    assert [o.parse(ev.RetractionRequested).takedown_id for o in orders] == [takedown.id]
    assert failure(desk.board2, desk.editorial.Retract, retract) == (
        "FAILED_PRECONDITION",
        "INVALID_TRANSITION",
    )

    # Content takes the story down and answers with StoryRetracted(takedown_id).
    deliver(content_sessions, content_router, *orders)
    with content_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT * FROM outbox_event WHERE ce_subject = :s"
                " AND ce_type = 'newsroom.content.story.retracted.v1'"
            ),
            {"s": story_id},
        ).all()
    assert len(rows) == 1
    retracted = CloudEvent(
        id=str(rows[0].event_id),
        type=rows[0].ce_type,
        source=rows[0].ce_source,
        subject=rows[0].ce_subject,
        tenant=rows[0].tenant,
        data=bytes(rows[0].payload),
    )
    ours = editorial.aggregates.router()
    deliver(editorial.sessions, ours, retracted, retracted)  # redelivery changes nothing
    progress = as_user(desk.editor, desk.editorial.GetTakedown, missing).takedown
    assert all(t.status == takedown_pb2.TAKEDOWN_TARGET_STATUS_CONFIRMED for t in progress.targets)
    assert not progress.complete, "social publishing has not listed its posts yet"

    post = post_job_pb2.PostJob(id="job-1", channel_id="fb-page", external_post_id="123")
    started = social.TakedownStarted(story_id=story_id, tenant=desk.tenant, posts=[post])
    deliver(
        editorial.sessions, ours, social_event(started, TAKEDOWN_STARTED, desk.tenant, story_id)
    )
    listed = as_user(desk.editor, desk.editorial.GetTakedown, missing).takedown
    assert listed.targets[-1].kind == takedown_pb2.TAKEDOWN_TARGET_KIND_SOCIAL_POST
    assert listed.targets[-1].status == takedown_pb2.TAKEDOWN_TARGET_STATUS_PENDING
    assert not listed.complete
    deleted = social.PostDeleted(
        post_job_id="job-1", tenant=desk.tenant, story_id=story_id, channel_id="fb-page"
    )
    deleted.deleted_at.FromDatetime(datetime.now(UTC))
    deliver(editorial.sessions, ours, social_event(deleted, POST_DELETED, desk.tenant, story_id))
    done = as_user(desk.editor, desk.editorial.GetTakedown, missing).takedown
    assert done.complete and len(done.targets) == 4
    assert [(a, f, t) for a, f, t, _ in audit_trail(editorial.engine, story_id)][-1] == (
        "retract",
        "published",
        "retracted",
    )


def test_fast_track_retract_of_scheduled_story(desk: Desk, editorial: Any) -> None:
    story_id = desk.story()
    desk.submit(story_id)
    desk.approve(desk.editor, story_id)
    as_user(
        desk.editor,
        desk.editorial.Schedule,
        pb.ScheduleRequest(
            tenant=desk.tenant,
            story_id=story_id,
            revision=1,
            publish_at=datetime(2099, 1, 1, tzinfo=UTC),
        ),
    )
    assert desk.approve(desk.board, story_id).state == wf.WORKFLOW_STATE_SCHEDULED
    outsider = member(desk.tenant, "editor")
    request = fast_track(
        desk, story_id, wf.FAST_TRACK_ACTION_RETRACT, reason="Nguồn tin sai sự thật"
    )
    assert failure(outsider, desk.editorial.FastTrack, request)[1] == "ROLE_REQUIRED"
    reply = as_user(desk.board2, desk.editorial.FastTrack, request)
    assert reply.workflow.state == wf.WORKFLOW_STATE_RETRACTED and reply.workflow.fast_track
    assert reply.takedown.complete and list(reply.takedown.targets) == [], "never public"
    assert not reply.workflow.HasField("scheduled_at")
    order = outbox_events(editorial.engine, story_id, events.RETRACTION_REQUESTED)[0]
    assert order.parse(ev.RetractionRequested).fast_track
