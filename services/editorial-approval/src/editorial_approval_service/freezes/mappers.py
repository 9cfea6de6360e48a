"""Freeze -> proto."""

from __future__ import annotations

from editorial_approval_service.freezes.models import Freeze
from newsroom.editorial_approval.v1 import freeze_pb2
from newsroom_core.actors import stored_actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp


def freeze(value: Freeze) -> freeze_pb2.Freeze:
    return freeze_pb2.Freeze(
        id=value.id,
        scope=to_proto(freeze_pb2.FreezeScope, value.scope),
        tenant=value.tenant,
        active=value.active,
        reason=value.reason,
        set_by=stored_actor_to_pb(value.set_by_id, value.set_by_username, value.set_by_name),
        set_at=to_timestamp(value.set_at),
        lifted_by=stored_actor_to_pb(
            value.lifted_by_id, value.lifted_by_username, value.lifted_by_name
        ),
        lifted_at=to_timestamp(value.lifted_at),
        lift_reason=value.lift_reason,
    )
