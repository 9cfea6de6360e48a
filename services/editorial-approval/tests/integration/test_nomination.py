"""Syndication: a subsidiary's published story is nominated to the group tenant; content
copies it there and the copy enters the group's own review queue."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from editorial_approval_service import events
from editorial_approval_service.consumers import STORY_CREATED
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import policy_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom_core.events.envelope import CloudEvent
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import as_user, failure
from newsroom_testkit.outbox import audit_trail, deliver, outbox_events

pytestmark = [pytest.mark.postgres]


def content_events(engine: Engine, ce_type: str, tenant: str) -> list[CloudEvent]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT * FROM outbox_event WHERE ce_type = :t AND tenant = :tenant ORDER BY id"),
            {"t": ce_type, "tenant": tenant},
        ).all()
    return [
        CloudEvent(
            id=str(r.event_id),
            type=r.ce_type,
            source=r.ce_source,
            subject=r.ce_subject,
            tenant=r.tenant,
            data=bytes(r.payload),
        )
        for r in rows
    ]


def test_nominate_published_story_to_group_tenant(
    desk: Desk,
    editorial: Any,
    group_tenant: str,
    tenant_factory: Any,
    content_router: Any,
    content_sessions: Any,
    content_engine: Engine,
) -> None:
    draft = desk.story(headline="Bài chưa đăng")
    story_id = desk.story(headline="Than Hạ Long vượt kế hoạch quý III")
    desk.pass_review(story_id)
    deliver(content_sessions, content_router, *outbox_events(editorial.engine, story_id))

    def nominate(story: str, target: str) -> pb.NominateRequest:
        return pb.NominateRequest(
            tenant=desk.tenant, story_id=story, target_tenant=target, note="Đáng đưa lên tập đoàn"
        )

    assert failure(desk.contributor, desk.editorial.Nominate, nominate(story_id, group_tenant)) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    assert failure(desk.editor, desk.editorial.Nominate, nominate(story_id, desk.tenant)) == (
        "INVALID_ARGUMENT",
        "SAME_TENANT",
    )
    sibling = tenant_factory("uongbi")
    assert failure(desk.editor, desk.editorial.Nominate, nominate(story_id, sibling)) == (
        "FAILED_PRECONDITION",
        "NOT_GROUP_TENANT",
    )
    desk.submit(draft)
    assert failure(desk.editor, desk.editorial.Nominate, nominate(draft, group_tenant)) == (
        "FAILED_PRECONDITION",
        "INVALID_TRANSITION",
    )

    reply = as_user(desk.editor, desk.editorial.Nominate, nominate(story_id, group_tenant))
    nomination = reply.nomination
    assert (nomination.source_tenant, nomination.target_tenant, nomination.source_revision) == (
        desk.tenant,
        group_tenant,
        1,
    )
    assert reply.workflow.state == wf.WORKFLOW_STATE_PUBLISHED, "source state unchanged"
    assert failure(desk.board, desk.editorial.Nominate, nominate(story_id, group_tenant)) == (
        "FAILED_PRECONDITION",
        "ALREADY_NOMINATED",
    )
    emitted = outbox_events(editorial.engine, story_id, events.STORY_NOMINATED)
    assert len(emitted) == 1
    message: Any = emitted[0].parse(ev.StoryNominated)
    assert message.nomination_id == nomination.id
    assert (message.source.tenant, message.source.story_id) == (desk.tenant, story_id)
    assert audit_trail(editorial.engine, story_id)[-1] == (
        "nominate",
        "published",
        "published",
        desk.editor.username,
    )

    # Content copies the story into the group tenant and announces the copy...
    deliver(content_sessions, content_router, *emitted)
    created = [
        e
        for e in content_events(content_engine, STORY_CREATED, group_tenant)
        if e.subject != story_id
    ]
    assert len(created) == 1
    copy_id = created[0].subject
    # ...and the copy enters the group's review queue (redelivery changes nothing).
    ours = editorial.aggregates.router()
    deliver(editorial.sessions, ours, created[0], created[0])
    group = Desk(group_tenant, desk.content, desk.editorial)
    queue = as_user(
        group.editor,
        group.editorial.ListQueue,
        pb.ListQueueRequest(tenant=group_tenant, role=policy_pb2.APPROVAL_ROLE_EDITOR),
    ).workflows
    assert [(w.story_id, w.state) for w in queue] == [(copy_id, wf.WORKFLOW_STATE_SUBMITTED)]
    assert queue[0].author_id == desk.contributor.user_id, "four eyes follow the author"
    with editorial.engine.connect() as conn:
        recorded = conn.execute(
            text("SELECT group_story_id FROM nomination WHERE id = :id"), {"id": nomination.id}
        ).scalar_one()
    assert recorded == copy_id
    # The group's own editors and board review the copy like any story.
    group.approve(group.editor, copy_id)
    assert group.approve(group.board, copy_id).state == wf.WORKFLOW_STATE_PUBLISHED
