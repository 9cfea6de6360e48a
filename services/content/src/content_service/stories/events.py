"""Outbound story events (payloads of content.events.v1)."""

from __future__ import annotations

from content_service.stories.mappers import author_to_pb, syndicated_from
from content_service.stories.models import Story
from newsroom.content.v1 import content_events_pb2, story_pb2
from newsroom_core.actors import Actor, actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp

STORY_CREATED = "newsroom.content.story.created.v1"
STORY_REVISED = "newsroom.content.story.revised.v1"


def story_created(story: Story) -> content_events_pb2.StoryCreated:
    return content_events_pb2.StoryCreated(
        story_id=str(story.id),
        tenant=story.tenant,
        type=to_proto(story_pb2.StoryType, story.type),
        headline=story.headline,
        author=author_to_pb(story),
        created_at=to_timestamp(story.created_at),
        nomination_id=story.nomination_id or "",
        syndicated_from=syndicated_from(story),
    )


def story_revised(
    story: Story, *, by: Actor, coalesced: bool = False
) -> content_events_pb2.StoryRevised:
    return content_events_pb2.StoryRevised(
        story_id=str(story.id),
        tenant=story.tenant,
        revision=story.current_revision,
        author=actor_to_pb(by),
        revised_at=to_timestamp(story.updated_at),
        version=story.version,
        coalesced=coalesced,
    )
