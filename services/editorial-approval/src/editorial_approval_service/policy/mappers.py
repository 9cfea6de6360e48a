"""Policy, stage and approval role <-> proto."""

from __future__ import annotations

from editorial_approval_service.policy.models import Policy, Stage
from newsroom.editorial_approval.v1 import policy_pb2
from newsroom_core.actors import stored_actor_to_pb
from newsroom_core.enums import ApprovalRole, from_proto, to_proto
from newsroom_core.errors import InvalidArgument
from newsroom_core.timestamps import to_timestamp


def role_from_proto(value: int) -> ApprovalRole:
    """The role of a request; ROLE_REQUIRED for UNSPECIFIED or an unknown value."""
    role = from_proto(ApprovalRole, value)
    if role is None:
        raise InvalidArgument("vai trò không hợp lệ (role required)", reason="ROLE_REQUIRED")
    return role


def stage(value: Stage) -> policy_pb2.ApprovalStage:
    return policy_pb2.ApprovalStage(
        role=to_proto(policy_pb2.ApprovalRole, value.role), name=value.name
    )


def stage_from_proto(value: policy_pb2.ApprovalStage) -> Stage:
    return Stage(role=role_from_proto(value.role), name=value.name)


def policy(value: Policy) -> policy_pb2.Policy:
    return policy_pb2.Policy(
        tenant=value.tenant,
        stages=[stage(s) for s in value.stage_list],
        official_statement_role=to_proto(policy_pb2.ApprovalRole, value.official_statement_role),
        updated_at=to_timestamp(value.updated_at),
        updated_by=stored_actor_to_pb(
            value.updated_by_id, value.updated_by_username, value.updated_by_name
        ),
    )
