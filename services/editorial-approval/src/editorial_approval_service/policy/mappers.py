"""Policy and stage <-> proto."""

from __future__ import annotations

from typing import Any

from editorial_approval_service.policy.models import Policy, Stage
from editorial_approval_service.shared.mappers import (
    ROLES,
    role_from_proto,
    role_value,
    stored_actor,
    timestamp,
)
from newsroom.editorial_approval.v1 import policy_pb2


def stage(value: Stage) -> policy_pb2.ApprovalStage:
    return policy_pb2.ApprovalStage(role=ROLES[value.role], name=value.name)


def stage_from_proto(value: Any) -> Stage:
    return Stage(role=role_from_proto(value.role), name=value.name)


def policy(value: Policy) -> policy_pb2.Policy:
    return policy_pb2.Policy(
        tenant=value.tenant,
        stages=[stage(s) for s in value.stage_list],
        official_statement_role=role_value(value.official_statement_role),
        updated_at=timestamp(value.updated_at),
        updated_by=stored_actor(
            value.updated_by_id, value.updated_by_username, value.updated_by_name
        ),
    )
