from __future__ import annotations

from datetime import UTC, datetime

import pytest

from editorial_approval_service.audit import mappers as audit_mappers
from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.shared import mappers, paging
from editorial_approval_service.shared.models import Role, WorkflowState
from editorial_approval_service.workflow import mappers as workflow_mappers
from editorial_approval_service.workflow.models import Workflow
from newsroom.editorial_approval.v1 import audit_pb2, policy_pb2, workflow_pb2
from newsroom_core.errors import InvalidArgument


def test_page_size_defaults_and_clamps() -> None:
    assert paging.page_size(0) == 50
    assert paging.page_size(-3) == 50
    assert paging.page_size(7) == 7
    assert paging.page_size(10_000) == 200


def test_page_token_round_trip_and_foreign_tokens() -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    token = paging.encode("queue", at, "story-1")
    assert paging.decode_time_key("queue", token) == (at, "story-1")
    assert paging.decode("queue", "") is None
    for bad in (paging.encode("audit", 5), "not-a-token!", "eyJ4Ijox"):
        with pytest.raises(InvalidArgument) as err:
            paging.decode("queue", bad)
        assert err.value.reason == "INVALID_PAGE_TOKEN"


def test_paginate_trims_the_lookahead_row() -> None:
    page = paging.paginate([1, 2, 3], 2, lambda n: (n,), "nums")
    assert page.items == [1, 2]
    assert paging.decode("nums", page.next_page_token) == [2]
    assert paging.paginate([1, 2], 2, lambda n: (n,), "nums").next_page_token == ""


def test_every_domain_enum_maps_to_a_distinct_proto_value() -> None:
    assert sorted(mappers.STATES.values()) == [
        v for v in workflow_pb2.WorkflowState.values() if v != 0
    ]
    assert sorted(mappers.ROLES.values()) == [v for v in policy_pb2.ApprovalRole.values() if v != 0]
    assert sorted(audit_mappers.ACTIONS.values()) == [
        v for v in audit_pb2.AuditAction.values() if v != 0
    ]
    assert set(mappers.STATES) == set(WorkflowState)
    assert set(audit_mappers.ACTIONS) == set(AuditAction)
    assert {mappers.role_from_proto(v) for v in mappers.ROLES.values()} == set(Role)
    with pytest.raises(InvalidArgument):
        mappers.role_from_proto(policy_pb2.APPROVAL_ROLE_UNSPECIFIED)


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
