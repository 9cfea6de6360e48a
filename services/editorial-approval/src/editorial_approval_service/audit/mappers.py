"""Audit record <-> proto."""

from __future__ import annotations

from editorial_approval_service.audit.models import AuditAction, AuditRecord
from editorial_approval_service.shared.mappers import ROLES, state_value, stored_actor, timestamp
from editorial_approval_service.shared.models import Role
from newsroom.editorial_approval.v1 import audit_pb2

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


def audit_record(value: AuditRecord) -> audit_pb2.AuditRecord:
    return audit_pb2.AuditRecord(
        id=str(value.id),
        tenant=value.tenant,
        story_id=value.story_id,
        actor=stored_actor(value.actor_id, value.actor_username, value.actor_name),
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
