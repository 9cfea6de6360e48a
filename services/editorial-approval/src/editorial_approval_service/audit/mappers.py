"""Audit record -> proto."""

from __future__ import annotations

from editorial_approval_service.audit.models import AuditRecord
from newsroom.editorial_approval.v1 import audit_pb2, policy_pb2, workflow_pb2
from newsroom_core.actors import stored_actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp


def audit_record(value: AuditRecord) -> audit_pb2.AuditRecord:
    roles = [to_proto(policy_pb2.ApprovalRole, r) for r in value.actor_roles]
    return audit_pb2.AuditRecord(
        id=str(value.id),
        tenant=value.tenant,
        story_id=value.story_id,
        actor=stored_actor_to_pb(value.actor_id, value.actor_username, value.actor_name),
        # a stored role the enum does not have is left out rather than sent as UNSPECIFIED
        actor_roles=[r for r in roles if r],
        action=to_proto(audit_pb2.AuditAction, value.action),
        from_state=to_proto(workflow_pb2.WorkflowState, value.from_state),
        to_state=to_proto(workflow_pb2.WorkflowState, value.to_state),
        reason=value.reason,
        revision=value.revision,
        at=to_timestamp(value.at),
        request_id=value.request_id,
        fast_track=value.fast_track,
    )
