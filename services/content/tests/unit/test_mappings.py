from __future__ import annotations

from content_service.consumers import state_to_status
from content_service.stories.mappers import (
    status_to_pb,
    status_to_str,
    story_type_to_pb,
    story_type_to_str,
    visibility_to_pb,
    visibility_to_str,
)
from content_service.stories.models import StoryStatus, StoryType, Visibility
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import workflow_pb2


def test_every_workflow_state_has_a_story_status() -> None:
    for name, value in workflow_pb2.WorkflowState.items():
        if value == 0:
            assert state_to_status(value) == ""
            continue
        status = state_to_status(value)
        assert status in {s.value for s in StoryStatus}, name
        assert story_pb2.StoryStatus.Name(status_to_pb(status)) == name.replace(
            "WORKFLOW_STATE_", "STORY_STATUS_"
        )


def test_stored_enum_names_round_trip() -> None:
    for kind in StoryType:
        assert story_type_to_str(story_type_to_pb(kind)) == kind
    for visibility in Visibility:
        assert visibility_to_str(visibility_to_pb(visibility)) == visibility
    for status in StoryStatus:
        assert status_to_str(status_to_pb(status)) == status
    assert story_type_to_str(0) == "" and story_type_to_pb("") == 0
    assert story_type_to_str(99) == "" and story_type_to_pb("podcast") == 0
