"""Model <-> proto translation: enums both ways and every message the API returns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from editorial_approval_service.content_client import STORY_TYPE_VALUES
from editorial_approval_service.models import (
    Actor,
    AuditAction,
    AuditRecord,
    Comment,
    Decision,
    FastTrackAction,
    Freeze,
    FreezeScope,
    Nomination,
    Policy,
    Role,
    Stage,
    StageDecision,
    StoryType,
    Takedown,
    TakedownTargetKind,
    TakedownTargetStatus,
    Workflow,
    WorkflowState,
)
from newsroom.common.v1 import actor_pb2
from newsroom.editorial_approval.v1 import (
    audit_pb2,
    comment_pb2,
    freeze_pb2,
    nomination_pb2,
    policy_pb2,
    takedown_pb2,
    workflow_pb2,
)
from newsroom_core.errors import InvalidArgument

STATES: dict[WorkflowState, workflow_pb2.WorkflowState] = {
    WorkflowState.DRAFT: workflow_pb2.WORKFLOW_STATE_DRAFT,
    WorkflowState.SUBMITTED: workflow_pb2.WORKFLOW_STATE_SUBMITTED,
    WorkflowState.IN_REVIEW: workflow_pb2.WORKFLOW_STATE_IN_REVIEW,
    WorkflowState.CHANGES_REQUESTED: workflow_pb2.WORKFLOW_STATE_CHANGES_REQUESTED,
    WorkflowState.APPROVED: workflow_pb2.WORKFLOW_STATE_APPROVED,
    WorkflowState.SCHEDULED: workflow_pb2.WORKFLOW_STATE_SCHEDULED,
    WorkflowState.PUBLISHED: workflow_pb2.WORKFLOW_STATE_PUBLISHED,
    WorkflowState.CORRECTED: workflow_pb2.WORKFLOW_STATE_CORRECTED,
    WorkflowState.RETRACTED: workflow_pb2.WORKFLOW_STATE_RETRACTED,
}
ROLES: dict[Role, policy_pb2.ApprovalRole] = {
    Role.CONTRIBUTOR: policy_pb2.APPROVAL_ROLE_CONTRIBUTOR,
    Role.EDITOR: policy_pb2.APPROVAL_ROLE_EDITOR,
    Role.BOARD: policy_pb2.APPROVAL_ROLE_BOARD,
    Role.SPOKESPERSON: policy_pb2.APPROVAL_ROLE_SPOKESPERSON,
    Role.TENANT_ADMIN: policy_pb2.APPROVAL_ROLE_TENANT_ADMIN,
    Role.PLATFORM_ADMIN: policy_pb2.APPROVAL_ROLE_PLATFORM_ADMIN,
}
ROLE_OF: dict[int, Role] = {int(v): k for k, v in ROLES.items()}
DECISIONS: dict[Decision, workflow_pb2.Decision] = {
    Decision.APPROVED: workflow_pb2.DECISION_APPROVED,
    Decision.CHANGES_REQUESTED: workflow_pb2.DECISION_CHANGES_REQUESTED,
}
ACTIONS: dict[AuditAction, audit_pb2.AuditAction] = {
    AuditAction.SUBMIT: audit_pb2.AUDIT_ACTION_SUBMIT,
    AuditAction.APPROVE: audit_pb2.AUDIT_ACTION_APPROVE,
    AuditAction.REQUEST_CHANGES: audit_pb2.AUDIT_ACTION_REQUEST_CHANGES,
    AuditAction.SCHEDULE: audit_pb2.AUDIT_ACTION_SCHEDULE,
    AuditAction.UNSCHEDULE: audit_pb2.AUDIT_ACTION_UNSCHEDULE,
    AuditAction.PUBLISH: audit_pb2.AUDIT_ACTION_PUBLISH,
    AuditAction.CORRECT: audit_pb2.AUDIT_ACTION_CORRECT,
    AuditAction.RETRACT: audit_pb2.AUDIT_ACTION_RETRACT,
    AuditAction.NOMINATE: audit_pb2.AUDIT_ACTION_NOMINATE,
    AuditAction.SET_POLICY: audit_pb2.AUDIT_ACTION_SET_POLICY,
    AuditAction.SET_FREEZE: audit_pb2.AUDIT_ACTION_SET_FREEZE,
    AuditAction.LIFT_FREEZE: audit_pb2.AUDIT_ACTION_LIFT_FREEZE,
}
SCOPES: dict[FreezeScope, freeze_pb2.FreezeScope] = {
    FreezeScope.TENANT: freeze_pb2.FREEZE_SCOPE_TENANT,
    FreezeScope.GROUP: freeze_pb2.FREEZE_SCOPE_GROUP,
}
SCOPE_OF: dict[int, FreezeScope] = {int(v): k for k, v in SCOPES.items()}
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


def state_value(state: str | None) -> workflow_pb2.WorkflowState:
    if not state:
        return workflow_pb2.WORKFLOW_STATE_UNSPECIFIED
    return STATES[WorkflowState(state)]


def role_value(role: str | None) -> policy_pb2.ApprovalRole:
    if not role:
        return policy_pb2.APPROVAL_ROLE_UNSPECIFIED
    return ROLES[Role(role)]


def role_from_proto(value: int) -> Role:
    role = ROLE_OF.get(value)
    if role is None:
        raise InvalidArgument("vai trò không hợp lệ (role required)", reason="ROLE_REQUIRED")
    return role


def timestamp(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def from_timestamp(value: Timestamp) -> datetime | None:
    if value.seconds == 0 and value.nanos == 0:
        return None
    return value.ToDatetime(tzinfo=UTC)


def actor(value: Actor) -> actor_pb2.Actor:
    return actor_pb2.Actor(
        user_id=value.user_id, username=value.username, display_name=value.display_name
    )


def _actor(user_id: str | None, username: str | None, name: str | None) -> actor_pb2.Actor | None:
    if not user_id:
        return None
    return actor_pb2.Actor(user_id=user_id, username=username or "", display_name=name or "")


def stage(value: Stage) -> policy_pb2.ApprovalStage:
    return policy_pb2.ApprovalStage(role=ROLES[value.role], name=value.name)


def stage_from_proto(value: Any) -> Stage:
    return Stage(role=role_from_proto(value.role), name=value.name)


def decision(value: StageDecision) -> workflow_pb2.StageDecision:
    return workflow_pb2.StageDecision(
        stage=value.stage,
        role=role_value(value.role),
        decided_by=_actor(value.decided_by_id, value.decided_by_username, value.decided_by_name),
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


def policy(value: Policy) -> policy_pb2.Policy:
    return policy_pb2.Policy(
        tenant=value.tenant,
        stages=[stage(s) for s in value.stage_list],
        official_statement_role=role_value(value.official_statement_role),
        updated_at=timestamp(value.updated_at),
        updated_by=_actor(value.updated_by_id, value.updated_by_username, value.updated_by_name),
    )


def audit_record(value: AuditRecord) -> audit_pb2.AuditRecord:
    return audit_pb2.AuditRecord(
        id=str(value.id),
        tenant=value.tenant,
        story_id=value.story_id,
        actor=_actor(value.actor_id, value.actor_username, value.actor_name),
        actor_roles=[ROLES[Role(r)] for r in value.actor_roles if r in Role._value2member_map_],
        action=ACTIONS[AuditAction(value.action)],
        from_state=state_value(value.from_state),
        to_state=state_value(value.to_state),
        reason=value.reason,
        revision=value.revision,
        at=timestamp(value.at),
        request_id=value.request_id,
        fast_track=value.fast_track,
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
        author=_actor(value.author_id, value.author_username, value.author_name),
        body=value.body,
        anchor=anchor,
        created_at=timestamp(value.created_at),
        resolved=value.resolved,
        resolved_by=_actor(
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


def freeze(value: Freeze) -> freeze_pb2.Freeze:
    return freeze_pb2.Freeze(
        id=value.id,
        scope=SCOPES[FreezeScope(value.scope)],
        tenant=value.tenant,
        active=value.active,
        reason=value.reason,
        set_by=_actor(value.set_by_id, value.set_by_username, value.set_by_name),
        set_at=timestamp(value.set_at),
        lifted_by=_actor(value.lifted_by_id, value.lifted_by_username, value.lifted_by_name),
        lifted_at=timestamp(value.lifted_at),
        lift_reason=value.lift_reason,
    )


def nomination(value: Nomination) -> nomination_pb2.Nomination:
    return nomination_pb2.Nomination(
        id=value.id,
        story_id=value.story_id,
        source_tenant=value.tenant,
        source_revision=value.source_revision,
        target_tenant=value.target_tenant,
        nominated_by=_actor(
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
        requested_by=_actor(
            value.requested_by_id, value.requested_by_username, value.requested_by_name
        ),
        requested_at=timestamp(value.requested_at),
        targets=targets,
        complete=value.complete,
        updated_at=timestamp(value.updated_at),
    )
