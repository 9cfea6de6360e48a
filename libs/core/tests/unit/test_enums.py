"""The API's string enums mirror the proto enums (moved here with the mapping code from
content's story mappers and editorial-approval's shared mappers)."""

from __future__ import annotations

from enum import StrEnum

import pytest

from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import audit_pb2, policy_pb2, workflow_pb2
from newsroom_core import enums
from newsroom_core.enums import (
    ApprovalRole,
    AuditAction,
    StoryStatus,
    StoryType,
    Visibility,
    WorkflowState,
    from_proto,
    member_or_none,
    mirrors,
    story_status,
    to_proto,
)


def test_stored_enum_names_round_trip() -> None:
    for kind in StoryType:
        assert from_proto(StoryType, to_proto(story_pb2.StoryType, kind)) == kind
    for visibility in Visibility:
        assert from_proto(Visibility, to_proto(story_pb2.Visibility, visibility)) == visibility
    for status in StoryStatus:
        assert from_proto(StoryStatus, to_proto(story_pb2.StoryStatus, status)) == status
    assert from_proto(StoryType, 0) is None and to_proto(story_pb2.StoryType, "") == 0
    assert from_proto(StoryType, 99) is None and to_proto(story_pb2.StoryType, "podcast") == 0
    assert to_proto(story_pb2.StoryType, "official_statement") == (
        story_pb2.STORY_TYPE_OFFICIAL_STATEMENT
    )


def test_every_workflow_state_has_a_story_status() -> None:
    for name, value in workflow_pb2.WorkflowState.items():
        if value == 0:
            assert story_status(from_proto(WorkflowState, value)) is None
            continue
        status = story_status(from_proto(WorkflowState, value))
        assert status in set(StoryStatus), name
        assert story_pb2.StoryStatus.Name(to_proto(story_pb2.StoryStatus, status)) == name.replace(
            "WORKFLOW_STATE_", "STORY_STATUS_"
        )


def test_every_domain_enum_maps_to_a_distinct_proto_value() -> None:
    for cls, proto in (
        (WorkflowState, workflow_pb2.WorkflowState),
        (ApprovalRole, policy_pb2.ApprovalRole),
        (AuditAction, audit_pb2.AuditAction),
    ):
        numbers = sorted(to_proto(proto, member) for member in cls)
        assert numbers == [v for v in proto.values() if v != 0]
        assert {from_proto(cls, v) for v in numbers} == set(cls)


def test_roles_are_the_keycloak_role_names() -> None:
    assert ApprovalRole.TENANT_ADMIN.value == "tenant-admin"
    assert ApprovalRole.PLATFORM_ADMIN.value == "platform-admin"
    assert to_proto(policy_pb2.ApprovalRole, "tenant-admin") == (
        policy_pb2.APPROVAL_ROLE_TENANT_ADMIN
    )
    assert member_or_none(ApprovalRole, "tenant-admin") is ApprovalRole.TENANT_ADMIN
    assert member_or_none(ApprovalRole, "tenant_admin") is None
    assert member_or_none(ApprovalRole, "") is None


def test_an_enum_that_drifts_from_its_proto_is_refused_at_import() -> None:
    class MissingOne(StrEnum):
        NEWS = "news"

    with pytest.raises(TypeError, match="does not mirror"):
        mirrors(story_pb2.StoryType)(MissingOne)

    class WrongValue(StrEnum):
        PUBLIC = "Public"
        INTERNAL = "internal"

    with pytest.raises(TypeError, match="does not mirror"):
        mirrors(story_pb2.Visibility)(WrongValue)
    assert enums.from_proto(Visibility, story_pb2.VISIBILITY_PUBLIC) is Visibility.PUBLIC
