"""Outbound publication events (payloads of content.events.v1) and the inbound
editorial_approval.events.v1 ce_types the consumer handles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from content_service.publishing.models import PublishedStory
from content_service.stories.mappers import media_to_pb
from content_service.stories.models import Story
from newsroom.content.v1 import content_events_pb2, story_pb2
from newsroom_core.actors import Actor, actor_to_pb
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp

STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"

# Inbound: editorial_approval.events.v1
WORKFLOW_TRANSITIONED = "newsroom.editorial_approval.workflow.transitioned.v1"
PUBLISH_REQUESTED = "newsroom.editorial_approval.story.publish_requested.v1"
CORRECTION_REQUESTED = "newsroom.editorial_approval.story.correction_requested.v1"
RETRACTION_REQUESTED = "newsroom.editorial_approval.story.retraction_requested.v1"
STORY_NOMINATED = "newsroom.editorial_approval.story.nominated.v1"


STORY_MEDIA_UPDATED = "newsroom.content.story.media_updated.v1"


def media_asset_ids(media: list[dict[str, Any]]) -> list[str]:
    return [str(m["asset_id"]) for m in media if m.get("asset_id")]


def media_refs(media: list[dict[str, Any]]) -> list[story_pb2.StoryMedia]:
    """The pinned versions a snapshot shows (the media service serves only those)."""
    return [m for m in media_to_pb(media) if m.asset_id]


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
        type=to_proto(story_pb2.StoryType, snapshot.type),
        visibility=to_proto(story_pb2.Visibility, snapshot.visibility),
        published_at=to_timestamp(snapshot.published_at),
        fast_track=fast_track,
        media_asset_ids=media_asset_ids(snapshot.media),
        media=media_refs(snapshot.media),
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
        corrected_at=to_timestamp(snapshot.updated_at),
        fast_track=fast_track,
        media_asset_ids=media_asset_ids(snapshot.media),
        media=media_refs(snapshot.media),
    )


def story_media_updated(
    snapshot: PublishedStory, *, at: datetime
) -> content_events_pb2.StoryMediaUpdated:
    return content_events_pb2.StoryMediaUpdated(
        story_id=str(snapshot.story_id),
        tenant=snapshot.tenant,
        slug=snapshot.slug,
        revision=snapshot.revision,
        at=to_timestamp(at),
    )


def story_retracted(
    story: Story,
    *,
    slug: str,
    reason: str,
    retracted_at: datetime,
    by: Actor,
    fast_track: bool,
    media: list[dict[str, Any]],
    takedown_id: str,
) -> content_events_pb2.StoryRetracted:
    return content_events_pb2.StoryRetracted(
        story_id=str(story.id),
        tenant=story.tenant,
        slug=slug,
        reason=reason,
        retracted_at=to_timestamp(retracted_at),
        actor=actor_to_pb(by),
        fast_track=fast_track,
        media_asset_ids=media_asset_ids(media),
        takedown_id=takedown_id,
    )
