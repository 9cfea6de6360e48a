"""Schedules, embargoes, the scheduler worker and publishing freezes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from editorial_approval_service import events
from editorial_approval_service.scheduler import Scheduler
from editorial_approval_service.settings import SchedulerSettings
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import freeze_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import PLATFORM, as_user, failure
from newsroom_testkit.outbox import audit_trail, outbox_events

pytestmark = [pytest.mark.postgres]


def stamp(at: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(at)
    return ts


def soon(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


def schedule(desk: Desk, story_id: str, at: datetime, *, embargo: bool = False) -> Any:
    request = pb.ScheduleRequest(
        tenant=desk.tenant, story_id=story_id, revision=1, publish_at=stamp(at), embargo=embargo
    )
    return as_user(desk.editor, desk.editorial.Schedule, request).workflow


def scheduled_story(desk: Desk, at: datetime | float, *, embargo: bool = False) -> str:
    """Submitted, scheduled during review, then approved: SCHEDULED. A number ``at`` is
    seconds after the Schedule call itself (so a loaded machine cannot make it past)."""
    story_id = desk.story()
    desk.submit(story_id)
    desk.approve(desk.editor, story_id)
    schedule(desk, story_id, soon(at) if isinstance(at, float | int) else at, embargo=embargo)
    assert desk.approve(desk.board, story_id).state == wf.WORKFLOW_STATE_SCHEDULED
    return story_id


def wait_until(condition: Callable[[], bool], timeout_s: float = 15) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.05)


def state(desk: Desk, story_id: str) -> int:
    return int(desk.workflow(story_id).state)


def test_schedule_unschedule_embargo_and_manual_publish(desk: Desk, editorial: Any) -> None:
    later = soon(3600)
    story_id = scheduled_story(desk, later, embargo=True)
    scheduled = desk.workflow(story_id)
    assert scheduled.scheduled_at.ToDatetime(tzinfo=UTC) == later
    assert scheduled.embargo_until == scheduled.scheduled_at
    notes = outbox_events(editorial.engine, story_id, events.STORY_SCHEDULED)
    assert len(notes) == 1
    note: Any = notes[0].parse(ev.StoryScheduled)
    assert note.embargo and note.publish_at == scheduled.scheduled_at

    publish = pb.PublishRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(desk.editor, desk.editorial.Publish, publish) == (
        "FAILED_PRECONDITION",
        "EMBARGO_ACTIVE",
    )
    assert failure(
        desk.contributor,
        desk.editorial.Schedule,
        pb.ScheduleRequest(
            tenant=desk.tenant, story_id=story_id, revision=1, publish_at=stamp(later)
        ),
    ) == ("PERMISSION_DENIED", "ROLE_REQUIRED")

    unscheduled = as_user(
        desk.editor,
        desk.editorial.Unschedule,
        pb.UnscheduleRequest(tenant=desk.tenant, story_id=story_id, reason="Chờ số liệu"),
    ).workflow
    assert unscheduled.state == wf.WORKFLOW_STATE_APPROVED
    assert not unscheduled.HasField("scheduled_at") and not unscheduled.HasField("embargo_until")

    past = pb.ScheduleRequest(
        tenant=desk.tenant, story_id=story_id, revision=1, publish_at=stamp(soon(-60))
    )
    assert failure(desk.editor, desk.editorial.Schedule, past) == (
        "INVALID_ARGUMENT",
        "PUBLISH_AT_IN_PAST",
    )
    again = schedule(desk, story_id, soon(3600))
    assert again.state == wf.WORKFLOW_STATE_SCHEDULED and not again.HasField("embargo_until")

    published = as_user(desk.board, desk.editorial.Publish, publish).workflow
    assert published.state == wf.WORKFLOW_STATE_PUBLISHED
    assert not published.HasField("scheduled_at")
    assert len(outbox_events(editorial.engine, story_id, events.PUBLISH_REQUESTED)) == 1
    assert len(outbox_events(editorial.engine, story_id, events.STORY_SCHEDULED)) == 2
    trail = [(a, f, t) for a, f, t, _ in audit_trail(editorial.engine, story_id)]
    assert trail[-6:] == [
        ("schedule", "in_review", "in_review"),
        ("approve", "in_review", "approved"),
        ("schedule", "approved", "scheduled"),
        ("unschedule", "scheduled", "approved"),
        ("schedule", "approved", "scheduled"),
        ("publish", "scheduled", "published"),
    ]


def test_scheduler_publishes_due_story_exactly_once(
    editorial_factory: Callable[..., Any], content_stub: Any, tenant_factory: Callable[..., str]
) -> None:
    fresh = editorial_factory()
    desk = Desk(tenant_factory("halong"), content_stub, fresh.stub)
    due = [scheduled_story(desk, 0.6) for _ in range(6)]
    not_yet = scheduled_story(desk, soon(3600))

    workers = [
        Scheduler(fresh.aggregates.publication, SchedulerSettings(interval_s=0.05, batch_size=2))
        for _ in range(3)
    ]
    threads = [threading.Thread(target=w.run) for w in workers]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: all(state(desk, s) == wf.WORKFLOW_STATE_PUBLISHED for s in due))
        time.sleep(0.3)  # more passes by every worker: nothing may publish twice
    finally:
        for worker in workers:
            worker.stop()
        for thread in threads:
            thread.join(5)
    for story_id in due:
        orders = outbox_events(fresh.engine, story_id, events.PUBLISH_REQUESTED)
        assert len(orders) == 1, f"{story_id} published {len(orders)} times"
        order: Any = orders[0].parse(ev.PublishRequested)
        assert order.requested_by.user_id == "system" and order.revision == 1
        publishes = [t for t in audit_trail(fresh.engine, story_id) if t[2] == "published"]
        assert publishes == [("publish", "scheduled", "published", "system")]
    assert state(desk, not_yet) == wf.WORKFLOW_STATE_SCHEDULED


def test_tenant_freeze_holds_due_schedule_until_lifted(
    editorial_factory: Callable[..., Any], content_stub: Any, tenant_factory: Callable[..., str]
) -> None:
    fresh = editorial_factory()
    desk = Desk(tenant_factory("halong"), content_stub, fresh.stub)
    neighbour = Desk(tenant_factory("uongbi"), content_stub, fresh.stub)
    scheduler = Scheduler(fresh.aggregates.publication, SchedulerSettings())

    freeze = pb.SetFreezeRequest(
        tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_TENANT, reason="Sự cố an toàn lò"
    )
    assert failure(desk.editor, desk.editorial.SetFreeze, freeze) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    assert failure(
        desk.board,
        desk.editorial.SetFreeze,
        pb.SetFreezeRequest(tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_TENANT),
    ) == ("INVALID_ARGUMENT", "REASON_REQUIRED")
    held_id = scheduled_story(desk, 0.4)
    other_id = scheduled_story(neighbour, 0.4)
    frozen = as_user(desk.board, desk.editorial.SetFreeze, freeze).freeze
    assert frozen.active and frozen.tenant == desk.tenant
    assert as_user(desk.board2, desk.editorial.SetFreeze, freeze).freeze.id == frozen.id, (
        "idempotent while active"
    )

    time.sleep(0.5)  # both are due now
    scheduler.tick()
    scheduler.tick()
    assert state(neighbour, other_id) == wf.WORKFLOW_STATE_PUBLISHED, "other tenants go on"
    held = desk.workflow(held_id)
    assert held.state == wf.WORKFLOW_STATE_SCHEDULED and held.frozen_hold
    assert outbox_events(fresh.engine, held_id, events.PUBLISH_REQUESTED) == []
    publish = pb.PublishRequest(tenant=desk.tenant, story_id=held_id, revision=1)
    assert failure(desk.board, desk.editorial.Publish, publish) == (
        "FAILED_PRECONDITION",
        "PUBLISHING_FROZEN",
    )
    listed = as_user(
        desk.contributor,
        desk.editorial.ListFreezes,
        pb.ListFreezesRequest(tenant=desk.tenant, active_only=True),
    ).freezes
    assert [f.id for f in listed] == [frozen.id]

    lift = pb.LiftFreezeRequest(
        tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_TENANT, reason="Đã kiểm soát"
    )
    lifted = as_user(desk.board, desk.editorial.LiftFreeze, lift).freeze
    assert not lifted.active and lifted.lifted_by.user_id == desk.board.user_id
    assert lifted.lift_reason == "Đã kiểm soát"
    assert failure(desk.board, desk.editorial.LiftFreeze, lift) == ("NOT_FOUND", "FREEZE_NOT_FOUND")
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0
    released = desk.workflow(held_id)
    assert released.state == wf.WORKFLOW_STATE_PUBLISHED and not released.frozen_hold
    assert len(outbox_events(fresh.engine, held_id, events.PUBLISH_REQUESTED)) == 1
    changes: list[Any] = [
        e.parse(ev.FreezeChanged)
        for e in outbox_events(fresh.engine, frozen.id, events.FREEZE_CHANGED)
    ]
    assert [(c.active, c.scope) for c in changes] == [
        (True, freeze_pb2.FREEZE_SCOPE_TENANT),
        (False, freeze_pb2.FREEZE_SCOPE_TENANT),
    ]
    history = as_user(
        desk.editor, desk.editorial.ListFreezes, pb.ListFreezesRequest(tenant=desk.tenant)
    ).freezes
    assert [(f.id, f.active) for f in history] == [(frozen.id, False)]


def test_group_freeze_is_platform_admin_only_and_holds_final_approvals(
    editorial_factory: Callable[..., Any], content_stub: Any, tenant_factory: Callable[..., str]
) -> None:
    fresh = editorial_factory()
    desk = Desk(tenant_factory("halong"), content_stub, fresh.stub)
    scheduler = Scheduler(fresh.aggregates.publication, SchedulerSettings())
    group = pb.SetFreezeRequest(
        tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_GROUP, reason="Tang lễ quốc gia"
    )
    assert failure(desk.board, desk.editorial.SetFreeze, group) == (
        "PERMISSION_DENIED",
        "PLATFORM_ADMIN_REQUIRED",
    )
    frozen = as_user(PLATFORM, desk.editorial.SetFreeze, group).freeze
    assert frozen.scope == freeze_pb2.FREEZE_SCOPE_GROUP and frozen.tenant == ""

    # A final approval during a freeze does not publish: it is held, not dropped.
    story_id = desk.story()
    desk.submit(story_id)
    desk.approve(desk.editor, story_id)
    held = desk.approve(desk.board, story_id)
    assert held.state == wf.WORKFLOW_STATE_SCHEDULED and held.frozen_hold
    scheduler.tick()
    assert state(desk, story_id) == wf.WORKFLOW_STATE_SCHEDULED

    # A crisis fast-track ignores the freeze.
    urgent = desk.story(headline="Thông báo khẩn")
    fast = as_user(
        desk.board,
        desk.editorial.FastTrack,
        pb.FastTrackRequest(
            tenant=desk.tenant,
            story_id=urgent,
            action=wf.FAST_TRACK_ACTION_PUBLISH,
            reason="Khủng hoảng truyền thông",
            revision=1,
        ),
    ).workflow
    assert fast.state == wf.WORKFLOW_STATE_PUBLISHED and fast.fast_track

    lift = pb.LiftFreezeRequest(tenant=desk.tenant, scope=freeze_pb2.FREEZE_SCOPE_GROUP)
    assert failure(desk.board, desk.editorial.LiftFreeze, lift)[1] == "PLATFORM_ADMIN_REQUIRED"
    as_user(PLATFORM, desk.editorial.LiftFreeze, lift)
    assert scheduler.tick() == 1
    assert state(desk, story_id) == wf.WORKFLOW_STATE_PUBLISHED
    assert len(outbox_events(fresh.engine, story_id, events.PUBLISH_REQUESTED)) == 1
