"""Proto translation every aggregate's mappers use: timestamps, actors, roles, states."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from editorial_approval_service.shared.models import Actor, Role, WorkflowState
from newsroom.common.v1 import actor_pb2
from newsroom.editorial_approval.v1 import policy_pb2, workflow_pb2
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


def stored_actor(
    user_id: str | None, username: str | None, name: str | None
) -> actor_pb2.Actor | None:
    """An actor from a row's ``*_id``, ``*_username``, ``*_name`` columns; None when unset."""
    if not user_id:
        return None
    return actor_pb2.Actor(user_id=user_id, username=username or "", display_name=name or "")
