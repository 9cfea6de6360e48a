"""Workflow, decision, comment, nomination and takedown <-> proto."""

from __future__ import annotations

from typing import Any

from editorial_approval_service.policy.mappers import stage
from editorial_approval_service.workflow.models import (
    Comment,
    Nomination,
    StageDecision,
    Takedown,
    Workflow,
    WorkflowView,
)
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import (
    comment_pb2,
    editorial_approval_service_pb2,
    nomination_pb2,
    policy_pb2,
    takedown_pb2,
    workflow_pb2,
)
from newsroom_core.actors import stored_actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp


def decision(value: StageDecision) -> workflow_pb2.StageDecision:
    return workflow_pb2.StageDecision(
        stage=value.stage,
        role=to_proto(policy_pb2.ApprovalRole, value.role),
        decided_by=stored_actor_to_pb(
            value.decided_by_id, value.decided_by_username, value.decided_by_name
        ),
        decision=to_proto(workflow_pb2.Decision, value.decision),
        revision=value.revision,
        decided_at=to_timestamp(value.decided_at),
        comment=value.comment,
    )


def workflow(value: Workflow, decisions: list[StageDecision]) -> workflow_pb2.Workflow:
    return workflow_pb2.Workflow(
        story_id=value.story_id,
        tenant=value.tenant,
        state=to_proto(workflow_pb2.WorkflowState, value.state),
        story_type=to_proto(story_pb2.StoryType, value.story_type),
        author_id=value.author_id,
        revision=value.revision,
        stages=[stage(s) for s in value.stage_list],
        current_stage=value.current_stage,
        decisions=[decision(d) for d in decisions],
        scheduled_at=to_timestamp(value.scheduled_at),
        embargo_until=to_timestamp(value.embargo_until),
        fast_track=value.fast_track,
        frozen_hold=value.frozen_hold,
        updated_at=to_timestamp(value.updated_at),
        headline=value.headline,
        submitted_at=to_timestamp(value.submitted_at),
        published_revision=value.published_revision,
    )


def comment(value: Comment) -> comment_pb2.Comment:
    anchor: comment_pb2.CommentAnchor | None = None
    if value.anchor is not None:
        anchor = comment_pb2.CommentAnchor(
            field=str(value.anchor.get("field", "")),
            quote=str(value.anchor.get("quote", "")),
            start_offset=int(value.anchor.get("start_offset", 0)),
            end_offset=int(value.anchor.get("end_offset", 0)),
        )
    return comment_pb2.Comment(
        id=value.id,
        story_id=value.story_id,
        tenant=value.tenant,
        revision=value.revision,
        author=stored_actor_to_pb(value.author_id, value.author_username, value.author_name),
        body=value.body,
        anchor=anchor,
        created_at=to_timestamp(value.created_at),
        resolved=value.resolved,
        resolved_by=stored_actor_to_pb(
            value.resolved_by_id, value.resolved_by_username, value.resolved_by_name
        ),
        resolved_at=to_timestamp(value.resolved_at),
    )


def view(value: WorkflowView) -> workflow_pb2.Workflow:
    return workflow(value.workflow, value.decisions)


def anchor_from_proto(
    request: editorial_approval_service_pb2.AddCommentRequest,
) -> dict[str, Any] | None:
    if not request.HasField("anchor"):
        return None
    anchor = request.anchor
    return {
        "field": anchor.field,
        "quote": anchor.quote,
        "start_offset": anchor.start_offset,
        "end_offset": anchor.end_offset,
    }


def nomination(value: Nomination) -> nomination_pb2.Nomination:
    return nomination_pb2.Nomination(
        id=value.id,
        story_id=value.story_id,
        source_tenant=value.tenant,
        source_revision=value.source_revision,
        target_tenant=value.target_tenant,
        nominated_by=stored_actor_to_pb(
            value.nominated_by_id, value.nominated_by_username, value.nominated_by_name
        ),
        note=value.note,
        nominated_at=to_timestamp(value.nominated_at),
        group_story_id=value.group_story_id,
    )


def takedown(value: Takedown) -> takedown_pb2.Takedown:
    targets = [
        takedown_pb2.TakedownTarget(
            kind=to_proto(takedown_pb2.TakedownTargetKind, target.kind),
            status=to_proto(takedown_pb2.TakedownTargetStatus, target.status),
            channel_id=target.channel_id,
            channel_name=target.channel_name,
            post_job_id=target.post_job_id,
            external_post_id=target.external_post_id,
            detail=target.detail,
            confirmed_at=to_timestamp(target.confirmed_at),
        )
        for target in value.target_list
    ]
    return takedown_pb2.Takedown(
        id=value.id,
        tenant=value.tenant,
        story_id=value.story_id,
        reason=value.reason,
        fast_track=value.fast_track,
        requested_by=stored_actor_to_pb(
            value.requested_by_id, value.requested_by_username, value.requested_by_name
        ),
        requested_at=to_timestamp(value.requested_at),
        targets=targets,
        complete=value.complete,
        updated_at=to_timestamp(value.updated_at),
    )
