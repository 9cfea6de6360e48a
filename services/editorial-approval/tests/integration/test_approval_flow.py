"""Submit -> review -> publish over gRPC against the real content service and database."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from editorial_approval_service import events
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import policy_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom_testkit.desk import Desk
from newsroom_testkit.identities import PLATFORM, as_user, failure, member
from newsroom_testkit.outbox import audit_trail, outbox_events

pytestmark = [pytest.mark.postgres]


def test_full_approval_path_publishes_once(desk: Desk, editorial: Any) -> None:
    story_id = desk.story()

    submitted = desk.submit(story_id)
    assert submitted.state == wf.WORKFLOW_STATE_SUBMITTED
    assert [s.role for s in submitted.stages] == [
        policy_pb2.APPROVAL_ROLE_EDITOR,
        policy_pb2.APPROVAL_ROLE_BOARD,
    ]
    assert submitted.author_id == desk.contributor.user_id
    assert submitted.headline == "Than Hạ Long ứng phó bão Yagi"

    approve = pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    # The author can never approve; another contributor lacks the stage's role.
    assert failure(desk.contributor, desk.editorial.Approve, approve) == (
        "FAILED_PRECONDITION",
        "FOUR_EYES_VIOLATION",
    )
    assert failure(desk.contributor2, desk.editorial.Approve, approve) == (
        "PERMISSION_DENIED",
        "NOT_STAGE_APPROVER",
    )
    # The board cannot take the editor's stage.
    assert failure(desk.board, desk.editorial.Approve, approve) == (
        "PERMISSION_DENIED",
        "NOT_STAGE_APPROVER",
    )

    in_review = desk.approve(desk.editor, story_id, comment="Ổn, chuyển ban biên tập")
    assert in_review.state == wf.WORKFLOW_STATE_IN_REVIEW
    assert in_review.current_stage == 1

    published = desk.approve(desk.board, story_id)
    assert published.state == wf.WORKFLOW_STATE_PUBLISHED
    assert published.published_revision == 1
    assert published.current_stage == 2
    assert [(d.role, d.decision) for d in published.decisions] == [
        (policy_pb2.APPROVAL_ROLE_EDITOR, wf.DECISION_APPROVED),
        (policy_pb2.APPROVAL_ROLE_BOARD, wf.DECISION_APPROVED),
    ]
    assert published.decisions[0].comment == "Ổn, chuyển ban biên tập"

    requests = outbox_events(editorial.engine, story_id, events.PUBLISH_REQUESTED)
    assert len(requests) == 1, "PublishRequested exactly once"
    order: Any = requests[0].parse(ev.PublishRequested)
    assert (order.tenant, order.revision, order.fast_track) == (desk.tenant, 1, False)
    assert order.requested_by.user_id == desk.board.user_id

    transitions: list[Any] = [
        e.parse(ev.WorkflowTransitioned)
        for e in outbox_events(editorial.engine, story_id, events.WORKFLOW_TRANSITIONED)
    ]
    assert [(t.from_state, t.to_state) for t in transitions] == [
        (wf.WORKFLOW_STATE_DRAFT, wf.WORKFLOW_STATE_SUBMITTED),
        (wf.WORKFLOW_STATE_SUBMITTED, wf.WORKFLOW_STATE_IN_REVIEW),
        (wf.WORKFLOW_STATE_IN_REVIEW, wf.WORKFLOW_STATE_APPROVED),
        (wf.WORKFLOW_STATE_APPROVED, wf.WORKFLOW_STATE_PUBLISHED),
    ]
    assert transitions[0].awaiting_role == policy_pb2.APPROVAL_ROLE_EDITOR
    assert transitions[1].awaiting_role == policy_pb2.APPROVAL_ROLE_BOARD

    assert audit_trail(editorial.engine, story_id) == [
        ("submit", "draft", "submitted", desk.contributor.username),
        ("approve", "submitted", "in_review", desk.editor.username),
        ("approve", "in_review", "approved", desk.board.username),
        ("publish", "approved", "published", desk.board.username),
    ]
    log = as_user(
        desk.editor,
        desk.editorial.ListAuditLog,
        pb.ListAuditLogRequest(tenant=desk.tenant, story_id=story_id),
    ).records
    assert [r.to_state for r in log] == [
        wf.WORKFLOW_STATE_PUBLISHED,
        wf.WORKFLOW_STATE_APPROVED,
        wf.WORKFLOW_STATE_IN_REVIEW,
        wf.WORKFLOW_STATE_SUBMITTED,
    ], "newest first"
    assert log[-1].actor.user_id == desk.contributor.user_id
    assert list(log[-1].actor_roles) == [policy_pb2.APPROVAL_ROLE_CONTRIBUTOR]
    assert all(r.revision == 1 for r in log)

    # Nothing more to approve: the story is out.
    assert failure(desk.editor2, desk.editorial.Approve, approve) == (
        "FAILED_PRECONDITION",
        "INVALID_TRANSITION",
    )


def test_same_person_cannot_approve_two_stages(desk: Desk) -> None:
    story_id = desk.story()
    desk.submit(story_id)
    editor_and_board = member(desk.tenant, "editor", "board", name="chief")
    desk.approve(editor_and_board, story_id)
    request = pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(editor_and_board, desk.editorial.Approve, request) == (
        "FAILED_PRECONDITION",
        "SAME_APPROVER",
    )
    assert desk.workflow(story_id).state == wf.WORKFLOW_STATE_IN_REVIEW


def test_editor_who_wrote_the_story_cannot_approve_it(desk: Desk) -> None:
    story_id = desk.story(author=desk.editor)
    desk.submit(story_id, who=desk.editor)
    request = pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(desk.editor, desk.editorial.Approve, request) == (
        "FAILED_PRECONDITION",
        "FOUR_EYES_VIOLATION",
    )
    assert desk.approve(desk.editor2, story_id).state == wf.WORKFLOW_STATE_IN_REVIEW


def test_request_changes_then_resubmit_new_revision(desk: Desk, editorial: Any) -> None:
    story_id = desk.story()
    desk.submit(story_id)
    desk.approve(desk.editor, story_id)

    no_reason = pb.RequestChangesRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(desk.board, desk.editorial.RequestChanges, no_reason) == (
        "INVALID_ARGUMENT",
        "REASON_REQUIRED",
    )
    request = pb.RequestChangesRequest(
        tenant=desk.tenant, story_id=story_id, revision=1, reason="Thiếu nguồn trích dẫn"
    )
    changes = as_user(desk.board, desk.editorial.RequestChanges, request).workflow
    assert changes.state == wf.WORKFLOW_STATE_CHANGES_REQUESTED
    assert changes.current_stage == 0
    assert changes.decisions[-1].decision == wf.DECISION_CHANGES_REQUESTED
    assert changes.decisions[-1].comment == "Thiếu nguồn trích dẫn"

    # Reviewers cannot act on it now; the author edits and resubmits the NEW revision.
    assert failure(
        desk.editor,
        desk.editorial.Approve,
        pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1),
    ) == ("FAILED_PRECONDITION", "INVALID_TRANSITION")
    revision = desk.revise(story_id)
    assert revision == 2
    stale = pb.SubmitRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(desk.contributor, desk.editorial.Submit, stale) == (
        "FAILED_PRECONDITION",
        "STALE_REVISION",
    )
    resubmitted = desk.submit(story_id, revision)
    assert (resubmitted.state, resubmitted.revision) == (wf.WORKFLOW_STATE_SUBMITTED, 2)
    assert resubmitted.current_stage == 0

    # Reviewing the old revision is refused; the same editor may approve the new round.
    old = pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(desk.editor, desk.editorial.Approve, old) == (
        "FAILED_PRECONDITION",
        "STALE_REVISION",
    )
    desk.approve(desk.editor, story_id, revision)
    published = desk.approve(desk.board, story_id, revision)
    assert (published.state, published.published_revision) == (wf.WORKFLOW_STATE_PUBLISHED, 2)
    assert len(published.decisions) == 4, "a resubmission keeps the history"

    orders = outbox_events(editorial.engine, story_id, events.PUBLISH_REQUESTED)
    assert [e.parse(ev.PublishRequested).revision for e in orders] == [2]
    assert [(a, f, t) for a, f, t, _ in audit_trail(editorial.engine, story_id)] == [
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "in_review"),
        ("request_changes", "in_review", "changes_requested"),
        ("submit", "changes_requested", "submitted"),
        ("approve", "submitted", "in_review"),
        ("approve", "in_review", "approved"),
        ("publish", "approved", "published"),
    ]


def test_official_statement_needs_spokesperson(desk: Desk, editorial: Any) -> None:
    story_id = desk.story(story_type=story_pb2.STORY_TYPE_OFFICIAL_STATEMENT)
    submitted = desk.submit(story_id)
    assert submitted.story_type == story_pb2.STORY_TYPE_OFFICIAL_STATEMENT
    assert [s.role for s in submitted.stages] == [
        policy_pb2.APPROVAL_ROLE_EDITOR,
        policy_pb2.APPROVAL_ROLE_BOARD,
        policy_pb2.APPROVAL_ROLE_SPOKESPERSON,
    ]
    desk.approve(desk.editor, story_id)
    after_board = desk.approve(desk.board, story_id)
    assert after_board.state == wf.WORKFLOW_STATE_IN_REVIEW, "awaiting the spokesperson"
    assert after_board.current_stage == 2
    assert outbox_events(editorial.engine, story_id, events.PUBLISH_REQUESTED) == []
    queue = as_user(
        desk.spokesperson,
        desk.editorial.ListQueue,
        pb.ListQueueRequest(tenant=desk.tenant, role=policy_pb2.APPROVAL_ROLE_SPOKESPERSON),
    )
    assert [w.story_id for w in queue.workflows] == [story_id]

    request = pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    assert failure(desk.board2, desk.editorial.Approve, request) == (
        "PERMISSION_DENIED",
        "NOT_STAGE_APPROVER",
    )
    published = desk.approve(desk.spokesperson, story_id)
    assert published.state == wf.WORKFLOW_STATE_PUBLISHED
    assert len(outbox_events(editorial.engine, story_id, events.PUBLISH_REQUESTED)) == 1


def test_tenant_scope_and_roles(desk: Desk, tenant_factory: Any) -> None:
    story_id = desk.story()
    other_tenant = tenant_factory("uongbi")
    outsider = member(other_tenant, "editor", "board")
    submit = pb.SubmitRequest(tenant=desk.tenant, story_id=story_id, revision=1)
    # A token of tenant B can never act on tenant A, even naming tenant A.
    assert failure(outsider, desk.editorial.Submit, submit)[0] == "PERMISSION_DENIED"
    desk.submit(story_id)
    for call, request in (
        (
            desk.editorial.Approve,
            pb.ApproveRequest(tenant=desk.tenant, story_id=story_id, revision=1),
        ),
        (desk.editorial.GetWorkflow, pb.GetWorkflowRequest(tenant=desk.tenant, story_id=story_id)),
        (desk.editorial.ListAuditLog, pb.ListAuditLogRequest(tenant=desk.tenant)),
        (desk.editorial.GetPolicy, pb.GetPolicyRequest(tenant=desk.tenant)),
    ):
        assert failure(outsider, call, request) == ("PERMISSION_DENIED", "TENANT_MISMATCH")
    # Naming its own tenant does not reach tenant A's story either.
    assert failure(
        outsider,
        desk.editorial.GetWorkflow,
        pb.GetWorkflowRequest(tenant=other_tenant, story_id=story_id),
    ) == ("NOT_FOUND", "WORKFLOW_NOT_FOUND")
    # Another contributor of the same tenant may not submit someone else's story.
    assert failure(desk.contributor2, desk.editorial.Submit, submit) == (
        "PERMISSION_DENIED",
        "NOT_AUTHOR",
    )
    # No identity at all.
    assert failure(None, desk.editorial.GetPolicy, pb.GetPolicyRequest(tenant=desk.tenant)) == (
        "UNAUTHENTICATED",
        "IDENTITY_MISSING",
    )
    # Contributors do not read the audit log.
    assert failure(
        desk.contributor, desk.editorial.ListAuditLog, pb.ListAuditLogRequest(tenant=desk.tenant)
    ) == ("PERMISSION_DENIED", "ROLE_REQUIRED")


def test_policy_default_and_custom(desk: Desk) -> None:
    get = pb.GetPolicyRequest(tenant=desk.tenant)
    default = as_user(desk.contributor, desk.editorial.GetPolicy, get).policy
    assert [s.role for s in default.stages] == [
        policy_pb2.APPROVAL_ROLE_EDITOR,
        policy_pb2.APPROVAL_ROLE_BOARD,
    ]
    assert default.official_statement_role == policy_pb2.APPROVAL_ROLE_SPOKESPERSON

    board_only = pb.SetPolicyRequest(
        tenant=desk.tenant,
        stages=[policy_pb2.ApprovalStage(role=policy_pb2.APPROVAL_ROLE_BOARD, name="Ban BT")],
    )
    assert failure(desk.editor, desk.editorial.SetPolicy, board_only) == (
        "PERMISSION_DENIED",
        "ROLE_REQUIRED",
    )
    for bad in (
        pb.SetPolicyRequest(tenant=desk.tenant),
        pb.SetPolicyRequest(
            tenant=desk.tenant,
            stages=[policy_pb2.ApprovalStage(role=policy_pb2.APPROVAL_ROLE_CONTRIBUTOR)],
        ),
    ):
        assert failure(desk.tenant_admin, desk.editorial.SetPolicy, bad) == (
            "INVALID_ARGUMENT",
            "INVALID_POLICY",
        )
    stored = as_user(desk.tenant_admin, desk.editorial.SetPolicy, board_only).policy
    assert [s.role for s in stored.stages] == [policy_pb2.APPROVAL_ROLE_BOARD]
    assert stored.updated_by.user_id == desk.tenant_admin.user_id
    assert as_user(desk.editor, desk.editorial.GetPolicy, get).policy == stored
    assert as_user(PLATFORM, desk.editorial.SetPolicy, board_only).policy.stages == stored.stages

    # One stage: a single board approval publishes.
    story_id = desk.story()
    assert [s.role for s in desk.submit(story_id).stages] == [policy_pb2.APPROVAL_ROLE_BOARD]
    assert desk.approve(desk.board, story_id).state == wf.WORKFLOW_STATE_PUBLISHED


def test_audit_log_is_append_only(desk: Desk, editorial: Any) -> None:
    story_id = desk.story()
    desk.submit(story_id)
    with editorial.engine.connect() as conn:
        for statement in (
            "UPDATE audit_record SET reason = 'rewritten' WHERE story_id = :s",
            "DELETE FROM audit_record WHERE story_id = :s",
        ):
            with pytest.raises(DBAPIError, match="append-only"):
                with conn.begin():
                    conn.execute(text(statement), {"s": story_id})
    assert len(audit_trail(editorial.engine, story_id)) == 1
