"""Workflow, decision, comment, nomination and takedown <-> proto."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from editorial_approval_service.content_client import STORY_TYPE_VALUES
from editorial_approval_service.policy.mappers import stage
from editorial_approval_service.shared.mappers import (
    role_value,
    state_value,
    stored_actor,
    timestamp,
)
from editorial_approval_service.shared.models import StoryType
from editorial_approval_service.workflow.models import (
    Comment,
    Decision,
    FastTrackAction,
    Nomination,
    StageDecision,
    Takedown,
    TakedownTargetKind,
    TakedownTargetStatus,
    Workflow,
)
from newsroom.editorial_approval.v1 import comment_pb2, nomination_pb2, takedown_pb2, workflow_pb2

DECISIONS: dict[Decision, workflow_pb2.Decision] = {
    Decision.APPROVED: workflow_pb2.DECISION_APPROVED,
    Decision.CHANGES_REQUESTED: workflow_pb2.DECISION_CHANGES_REQUESTED,
}
FAST_TRACK_OF: dict[int, FastTrackAction] = {
    workflow_pb2.FAST_TRACK_ACTION_PUBLISH: FastTrackAction.PUBLISH,
    workflow_pb2.FAST_TRACK_ACTION_CORRECT: FastTrackAction.CORRECT,
    workflow_pb2.FAST_TRACK_ACTION_RETRACT: FastTrackAction.RETRACT,
}
TARGET_KINDS: dict[TakedownTargetKind, takedown_pb2.TakedownTargetKind] = {
    TakedownTargetKind.PORTAL: takedown_pb2.TAKEDOWN_TARGET_KIND_PORTAL,
    TakedownTargetKind.SEARCH: takedown_pb2.TAKEDOWN_TARGET_KIND_SEARCH,
    TakedownTargetKind.FEEDS: takedown_pb2.TAKEDOWN_TARGET_KIND_FEEDS,
    TakedownTargetKind.SOCIAL_POST: takedown_pb2.TAKEDOWN_TARGET_KIND_SOCIAL_POST,
}
TARGET_STATUSES: dict[TakedownTargetStatus, takedown_pb2.TakedownTargetStatus] = {
    TakedownTargetStatus.PENDING: takedown_pb2.TAKEDOWN_TARGET_STATUS_PENDING,
    TakedownTargetStatus.CONFIRMED: takedown_pb2.TAKEDOWN_TARGET_STATUS_CONFIRMED,
    TakedownTargetStatus.FAILED: takedown_pb2.TAKEDOWN_TARGET_STATUS_FAILED,
}


def decision(value: StageDecision) -> workflow_pb2.StageDecision:
    return workflow_pb2.StageDecision(
        stage=value.stage,
        role=role_value(value.role),
        decided_by=stored_actor(
            value.decided_by_id, value.decided_by_username, value.decided_by_name
        ),
        decision=DECISIONS[Decision(value.decision)],
        revision=value.revision,
        decided_at=timestamp(value.decided_at),
        comment=value.comment,
    )


def workflow(value: Workflow, decisions: list[StageDecision]) -> workflow_pb2.Workflow:
    return workflow_pb2.Workflow(
        story_id=value.story_id,
        tenant=value.tenant,
        state=state_value(value.state),
        story_type=STORY_TYPE_VALUES[StoryType(value.story_type)],
        author_id=value.author_id,
        revision=value.revision,
        stages=[stage(s) for s in value.stage_list],
        current_stage=value.current_stage,
        decisions=[decision(d) for d in decisions],
        scheduled_at=timestamp(value.scheduled_at),
        embargo_until=timestamp(value.embargo_until),
        fast_track=value.fast_track,
        frozen_hold=value.frozen_hold,
        updated_at=timestamp(value.updated_at),
        headline=value.headline,
        submitted_at=timestamp(value.submitted_at),
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
        author=stored_actor(value.author_id, value.author_username, value.author_name),
        body=value.body,
        anchor=anchor,
        created_at=timestamp(value.created_at),
        resolved=value.resolved,
        resolved_by=stored_actor(
            value.resolved_by_id, value.resolved_by_username, value.resolved_by_name
        ),
        resolved_at=timestamp(value.resolved_at),
    )


def anchor_from_proto(request: Any) -> dict[str, Any] | None:
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
        nominated_by=stored_actor(
            value.nominated_by_id, value.nominated_by_username, value.nominated_by_name
        ),
        note=value.note,
        nominated_at=timestamp(value.nominated_at),
        group_story_id=value.group_story_id,
    )


def takedown(value: Takedown) -> takedown_pb2.Takedown:
    targets = []
    for target in value.targets:
        confirmed_at = target.get("confirmed_at")
        targets.append(
            takedown_pb2.TakedownTarget(
                kind=TARGET_KINDS[TakedownTargetKind(target["kind"])],
                status=TARGET_STATUSES[TakedownTargetStatus(target["status"])],
                channel_id=str(target.get("channel_id", "")),
                channel_name=str(target.get("channel_name", "")),
                post_job_id=str(target.get("post_job_id", "")),
                external_post_id=str(target.get("external_post_id", "")),
                detail=str(target.get("detail", "")),
                confirmed_at=timestamp(
                    datetime.fromisoformat(confirmed_at) if confirmed_at else None
                ),
            )
        )
    return takedown_pb2.Takedown(
        id=value.id,
        tenant=value.tenant,
        story_id=value.story_id,
        reason=value.reason,
        fast_track=value.fast_track,
        requested_by=stored_actor(
            value.requested_by_id, value.requested_by_username, value.requested_by_name
        ),
        requested_at=timestamp(value.requested_at),
        targets=targets,
        complete=value.complete,
        updated_at=timestamp(value.updated_at),
    )
