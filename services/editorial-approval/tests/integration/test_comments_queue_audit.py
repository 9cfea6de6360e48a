"""Review comments, the per-role review queue and audit-log pagination."""

from __future__ import annotations

from typing import Any

import pytest

from newsroom.common.v1 import actor_pb2
from newsroom.editorial_approval.v1 import audit_pb2, comment_pb2, policy_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import as_user, failure, member

pytestmark = [pytest.mark.postgres]


def test_comments_on_a_revision(desk: Desk, tenant_factory: Any) -> None:
    story_id = desk.story()
    desk.submit(story_id)
    empty = pb.AddCommentRequest(tenant=desk.tenant, story_id=story_id, body="  ")
    assert failure(desk.editor, desk.editorial.AddComment, empty) == (
        "INVALID_ARGUMENT",
        "BODY_REQUIRED",
    )
    anchored = as_user(
        desk.editor,
        desk.editorial.AddComment,
        pb.AddCommentRequest(
            tenant=desk.tenant,
            story_id=story_id,
            body="Cần dẫn nguồn cho số liệu này",
            anchor=comment_pb2.CommentAnchor(
                field="body_html", quote="Bản nháp", start_offset=3, end_offset=11
            ),
        ),
    ).comment
    assert anchored.revision == 1, "defaults to the revision under review"
    assert anchored.anchor.quote == "Bản nháp" and anchored.anchor.end_offset == 11
    assert anchored.author.user_id == desk.editor.user_id
    reply = as_user(
        desk.contributor,
        desk.editorial.AddComment,
        pb.AddCommentRequest(
            tenant=desk.tenant, story_id=story_id, revision=1, body="Đã bổ sung nguồn"
        ),
    ).comment
    assert not reply.HasField("anchor")

    outsider = member(tenant_factory("uongbi"), "editor")
    assert failure(
        outsider,
        desk.editorial.ListComments,
        pb.ListCommentsRequest(tenant=desk.tenant, story_id=story_id),
    ) == ("PERMISSION_DENIED", "TENANT_MISMATCH")

    resolve = pb.ResolveCommentRequest(
        tenant=desk.tenant, story_id=story_id, comment_id=anchored.id
    )
    first = as_user(desk.contributor, desk.editorial.ResolveComment, resolve).comment
    second = as_user(desk.editor, desk.editorial.ResolveComment, resolve).comment
    assert first.resolved and first.resolved_by.user_id == desk.contributor.user_id
    assert second == first, "idempotent: the first resolution stands"
    assert failure(
        desk.editor,
        desk.editorial.ResolveComment,
        pb.ResolveCommentRequest(tenant=desk.tenant, story_id=story_id, comment_id="nope"),
    ) == ("NOT_FOUND", "COMMENT_NOT_FOUND")

    listing = pb.ListCommentsRequest(tenant=desk.tenant, story_id=story_id)
    open_only = as_user(desk.editor, desk.editorial.ListComments, listing).comments
    assert [c.id for c in open_only] == [reply.id]
    listing.include_resolved = True
    listing.page_size = 1
    page1 = as_user(desk.editor, desk.editorial.ListComments, listing)
    listing.page_token = page1.next_page_token
    page2 = as_user(desk.editor, desk.editorial.ListComments, listing)
    assert [c.id for c in [*page1.comments, *page2.comments]] == [anchored.id, reply.id]
    assert page1.next_page_token and page2.next_page_token == ""


def test_queue_per_role_oldest_first_without_own_stories(desk: Desk) -> None:
    stories = [desk.story(headline=f"Bài {i}") for i in range(3)]
    for story_id in stories:
        desk.submit(story_id)
    own = desk.story(author=desk.editor)
    desk.submit(own, who=desk.editor)
    desk.approve(desk.editor, stories[1])  # now awaits the board

    queue = pb.ListQueueRequest(
        tenant=desk.tenant, role=policy_pb2.APPROVAL_ROLE_EDITOR, page_size=1
    )
    seen: list[str] = []
    while True:
        page = as_user(desk.editor, desk.editorial.ListQueue, queue)
        seen.extend(w.story_id for w in page.workflows)
        if not page.next_page_token:
            break
        queue.page_token = page.next_page_token
    assert seen == [stories[0], stories[2]], "oldest first, never the caller's own story"
    editor2_queue = as_user(
        desk.editor2,
        desk.editorial.ListQueue,
        pb.ListQueueRequest(tenant=desk.tenant, role=policy_pb2.APPROVAL_ROLE_EDITOR),
    ).workflows
    assert [w.story_id for w in editor2_queue] == [stories[0], stories[2], own]
    board_queue = as_user(
        desk.board,
        desk.editorial.ListQueue,
        pb.ListQueueRequest(tenant=desk.tenant, role=policy_pb2.APPROVAL_ROLE_BOARD),
    ).workflows
    assert [(w.story_id, w.state) for w in board_queue] == [
        (stories[1], wf.WORKFLOW_STATE_IN_REVIEW)
    ]
    assert failure(
        desk.editor,
        desk.editorial.ListQueue,
        pb.ListQueueRequest(tenant=desk.tenant, role=policy_pb2.APPROVAL_ROLE_BOARD),
    ) == ("PERMISSION_DENIED", "ROLE_REQUIRED")
    assert failure(
        desk.editor,
        desk.editorial.ListQueue,
        pb.ListQueueRequest(
            tenant=desk.tenant, role=policy_pb2.APPROVAL_ROLE_EDITOR, page_token="x"
        ),
    ) == ("INVALID_ARGUMENT", "INVALID_PAGE_TOKEN")


def test_audit_log_pages_newest_first_per_tenant_and_story(desk: Desk) -> None:
    first = desk.story()
    second = desk.story()
    desk.pass_review(first)
    desk.submit(second)
    as_user(
        desk.board,
        desk.editorial.SetPolicy,
        pb.SetPolicyRequest(
            tenant=desk.tenant,
            stages=[policy_pb2.ApprovalStage(role=policy_pb2.APPROVAL_ROLE_BOARD)],
        ),
    )
    request = pb.ListAuditLogRequest(tenant=desk.tenant, page_size=2)
    records: list[Any] = []
    while True:
        page = as_user(desk.tenant_admin, desk.editorial.ListAuditLog, request)
        records.extend(page.records)
        if not page.next_page_token:
            break
        request.page_token = page.next_page_token
    ids = [int(r.id) for r in records]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids) == 6
    assert records[0].story_id == "" and records[0].action == audit_pb2.AUDIT_ACTION_SET_POLICY
    assert [r.story_id for r in records[1:]] == [second] + [first] * 4
    only_second = as_user(
        desk.editor,
        desk.editorial.ListAuditLog,
        pb.ListAuditLogRequest(tenant=desk.tenant, story_id=second),
    ).records
    assert [(r.from_state, r.to_state) for r in only_second] == [
        (wf.WORKFLOW_STATE_DRAFT, wf.WORKFLOW_STATE_SUBMITTED)
    ]
    assert only_second[0].request_id, "the call's request id is kept"


def test_role_changes_are_recorded_by_tenant_admins_only(desk: Desk, tenant_factory: Any) -> None:
    subject = actor_pb2.Actor(user_id="u-role-1", username="halong.moi", display_name="Người Mới")
    change = pb.RecordRoleChangeRequest(
        tenant=desk.tenant,
        subject=subject,
        roles_before=[policy_pb2.APPROVAL_ROLE_CONTRIBUTOR],
        roles_after=[policy_pb2.APPROVAL_ROLE_EDITOR, policy_pb2.APPROVAL_ROLE_CONTRIBUTOR],
    )
    record = as_user(desk.tenant_admin, desk.editorial.RecordRoleChange, change).record
    assert record.action == audit_pb2.AUDIT_ACTION_CHANGE_ROLES
    assert (record.subject.user_id, record.subject.display_name) == ("u-role-1", "Người Mới")
    assert list(record.roles_before) == [policy_pb2.APPROVAL_ROLE_CONTRIBUTOR]
    assert list(record.roles_after) == [
        policy_pb2.APPROVAL_ROLE_CONTRIBUTOR,
        policy_pb2.APPROVAL_ROLE_EDITOR,
    ], "stored sorted, once each"
    assert record.actor.user_id == desk.tenant_admin.user_id
    listed = as_user(
        desk.board, desk.editorial.ListAuditLog, pb.ListAuditLogRequest(tenant=desk.tenant)
    ).records
    assert listed[0].id == record.id and listed[0].subject.username == "halong.moi"

    assert failure(desk.editor, desk.editorial.RecordRoleChange, change) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    outsider = member(tenant_factory("khac"), "tenant-admin")
    assert failure(outsider, desk.editorial.RecordRoleChange, change)[0] == "PERMISSION_DENIED"
    nobody = pb.RecordRoleChangeRequest(
        tenant=desk.tenant, roles_after=[policy_pb2.APPROVAL_ROLE_EDITOR]
    )
    assert failure(desk.tenant_admin, desk.editorial.RecordRoleChange, nobody) == (
        "INVALID_ARGUMENT",
        "SUBJECT_REQUIRED",
    )
