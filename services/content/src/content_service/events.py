"""Outbound content events (payloads of content.events.v1) and inbound ce_types."""

from __future__ import annotations

from datetime import datetime

from content_service.common import actor_to_pb, timestamp
from content_service.mappers import story_type_to_pb, visibility_to_pb
from content_service.models import PublishedStory, Story
from newsroom.common.v1 import story_ref_pb2
from newsroom.content.v1 import content_events_pb2

STORY_CREATED = "newsroom.content.story.created.v1"
STORY_REVISED = "newsroom.content.story.revised.v1"
STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"

# Inbound: editorial_approval.events.v1
WORKFLOW_TRANSITIONED = "newsroom.editorial_approval.workflow.transitioned.v1"
PUBLISH_REQUESTED = "newsroom.editorial_approval.story.publish_requested.v1"
CORRECTION_REQUESTED = "newsroom.editorial_approval.story.correction_requested.v1"
RETRACTION_REQUESTED = "newsroom.editorial_approval.story.retraction_requested.v1"
STORY_NOMINATED = "newsroom.editorial_approval.story.nominated.v1"


def media_asset_ids(media: list[dict[str, str]]) -> list[str]:
    return [m["asset_id"] for m in media if m.get("asset_id")]


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


def story_published(
    snapshot: PublishedStory, *, fast_track: bool
) -> content_events_pb2.StoryPublished:
    return content_events_pb2.StoryPublished(
        story_id=str(snapshot.story_id),
        tenant=snapshot.tenant,
        slug=snapshot.slug,
        revision=snapshot.revision,
        headline=snapshot.headline,
        section_slug=snapshot.section_slug,
        type=story_type_to_pb(snapshot.type),
        visibility=visibility_to_pb(snapshot.visibility),
        published_at=timestamp(snapshot.published_at),
        fast_track=fast_track,
        media_asset_ids=media_asset_ids(snapshot.media),
    )


def story_corrected(
    snapshot: PublishedStory, *, fast_track: bool
) -> content_events_pb2.StoryCorrected:
    return content_events_pb2.StoryCorrected(
        story_id=str(snapshot.story_id),
        tenant=snapshot.tenant,
        slug=snapshot.slug,
        revision=snapshot.revision,
        correction_note=snapshot.correction_note,
        corrected_at=timestamp(snapshot.updated_at),
        fast_track=fast_track,
        media_asset_ids=media_asset_ids(snapshot.media),
    )


def story_retracted(
    story: Story,
    *,
    slug: str,
    reason: str,
    retracted_at: datetime,
    actor_id: str,
    actor_username: str,
    actor_name: str,
    fast_track: bool,
    media: list[dict[str, str]],
    takedown_id: str,
) -> content_events_pb2.StoryRetracted:
    return content_events_pb2.StoryRetracted(
        story_id=str(story.id),
        tenant=story.tenant,
        slug=slug,
        reason=reason,
        retracted_at=timestamp(retracted_at),
        actor=actor_to_pb(actor_id, actor_username, actor_name),
        fast_track=fast_track,
        media_asset_ids=media_asset_ids(media),
        takedown_id=takedown_id,
    )
