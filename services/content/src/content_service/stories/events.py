"""Outbound story events (payloads of content.events.v1)."""

from __future__ import annotations

from content_service.common import actor_to_pb, timestamp
from content_service.stories.mappers import story_type_to_pb
from content_service.stories.models import Story
from newsroom.common.v1 import story_ref_pb2
from newsroom.content.v1 import content_events_pb2

STORY_CREATED = "newsroom.content.story.created.v1"
STORY_REVISED = "newsroom.content.story.revised.v1"


def story_created(story: Story) -> content_events_pb2.StoryCreated:
    message = content_events_pb2.StoryCreated(
        story_id=str(story.id),
        tenant=story.tenant,
        type=story_type_to_pb(story.type),
        headline=story.headline,
        author=actor_to_pb(story.author_id, story.author_username, story.author_name),
        created_at=timestamp(story.created_at),
        nomination_id=story.nomination_id or "",
    )
    if story.syndicated_from_tenant and story.syndicated_from_story_id:
        message.syndicated_from.CopyFrom(
            story_ref_pb2.StoryRef(
                tenant=story.syndicated_from_tenant,
                story_id=str(story.syndicated_from_story_id),
            )
        )
    return message


def story_revised(
    story: Story, *, user_id: str, username: str, display_name: str
) -> content_events_pb2.StoryRevised:
    return content_events_pb2.StoryRevised(
        story_id=str(story.id),
        tenant=story.tenant,
        revision=story.current_revision,
        author=actor_to_pb(user_id, username, display_name),
        revised_at=timestamp(story.updated_at),
    )
