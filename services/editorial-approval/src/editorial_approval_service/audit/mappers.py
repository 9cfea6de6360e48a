"""Audit record -> proto."""

from __future__ import annotations

from editorial_approval_service.audit.models import AuditRecord
from newsroom.editorial_approval.v1 import audit_pb2, policy_pb2, workflow_pb2
from newsroom_core.actors import stored_actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp


def _roles(values: list[str]) -> list[policy_pb2.ApprovalRole]:
    # a stored role the enum does not have is left out rather than sent as UNSPECIFIED
    return [r for r in (to_proto(policy_pb2.ApprovalRole, v) for v in values) if r]


def audit_record(value: AuditRecord) -> audit_pb2.AuditRecord:
    return audit_pb2.AuditRecord(
        id=str(value.id),
        tenant=value.tenant,
        story_id=value.story_id,
        actor=stored_actor_to_pb(value.actor_id, value.actor_username, value.actor_name),
        actor_roles=_roles(value.actor_roles),
        action=to_proto(audit_pb2.AuditAction, value.action),
        from_state=to_proto(workflow_pb2.WorkflowState, value.from_state),
        to_state=to_proto(workflow_pb2.WorkflowState, value.to_state),
        reason=value.reason,
        revision=value.revision,
        at=to_timestamp(value.at),
        request_id=value.request_id,
        fast_track=value.fast_track,
        subject=(
            stored_actor_to_pb(value.subject_id, value.subject_username, value.subject_name)
            if value.subject_id
            else None
        ),
        roles_before=_roles(value.roles_before),
        roles_after=_roles(value.roles_after),
    )
