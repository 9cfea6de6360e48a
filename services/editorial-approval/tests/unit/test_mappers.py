"""Rows -> proto (the page-token and enum-table tests moved to libs/core with the code)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from editorial_approval_service.policy import mappers as policy_mappers
from editorial_approval_service.workflow import mappers as workflow_mappers
from editorial_approval_service.workflow.models import Workflow
from newsroom.editorial_approval.v1 import policy_pb2, workflow_pb2
from newsroom_core.enums import ApprovalRole
from newsroom_core.errors import InvalidArgument


def test_every_approval_role_of_a_request_is_known() -> None:
    values = [v for v in policy_pb2.ApprovalRole.values() if v != 0]
    assert {policy_mappers.role_from_proto(v) for v in values} == set(ApprovalRole)
    with pytest.raises(InvalidArgument):
        policy_mappers.role_from_proto(policy_pb2.APPROVAL_ROLE_UNSPECIFIED)


def test_workflow_message_carries_embargo_only_when_embargoed() -> None:
    at = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    row = Workflow(
        story_id="s1",
        tenant="halong",
        state="scheduled",
        author_id="u1",
        revision=3,
        stages=[{"role": "editor", "name": "Desk"}],
        scheduled_at=at,
        embargo=False,
    )
    message = workflow_mappers.workflow(row, [])
    assert message.state == workflow_pb2.WORKFLOW_STATE_SCHEDULED
    assert message.scheduled_at.ToDatetime(tzinfo=UTC) == at
    assert not message.HasField("embargo_until")
    row.embargo = True
    assert workflow_mappers.workflow(row, []).embargo_until.ToDatetime(tzinfo=UTC) == at
