"""Freeze and freeze scope <-> proto."""

from __future__ import annotations

from editorial_approval_service.freezes.models import Freeze, FreezeScope
from editorial_approval_service.shared.mappers import stored_actor, timestamp
from newsroom.editorial_approval.v1 import freeze_pb2

SCOPES: dict[FreezeScope, freeze_pb2.FreezeScope] = {
    FreezeScope.TENANT: freeze_pb2.FREEZE_SCOPE_TENANT,
    FreezeScope.GROUP: freeze_pb2.FREEZE_SCOPE_GROUP,
}
SCOPE_OF: dict[int, FreezeScope] = {int(v): k for k, v in SCOPES.items()}


def freeze(value: Freeze) -> freeze_pb2.Freeze:
    return freeze_pb2.Freeze(
        id=value.id,
        scope=SCOPES[FreezeScope(value.scope)],
        tenant=value.tenant,
        active=value.active,
        reason=value.reason,
        set_by=stored_actor(value.set_by_id, value.set_by_username, value.set_by_name),
        set_at=timestamp(value.set_at),
        lifted_by=stored_actor(value.lifted_by_id, value.lifted_by_username, value.lifted_by_name),
        lifted_at=timestamp(value.lifted_at),
        lift_reason=value.lift_reason,
    )
