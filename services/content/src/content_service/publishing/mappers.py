"""Published snapshots -> protobuf (the portal's story and its summaries)."""

from __future__ import annotations

from typing import Any

from content_service.media.items import item_to_pb
from content_service.publishing.models import PublishedStory
from content_service.publishing.repository import PublishedView
from content_service.stories.mappers import media_to_pb
from newsroom.content.v1 import published_story_pb2, story_pb2
from newsroom_core.enums import to_proto
from newsroom_core.timestamps import to_timestamp


def _listed_fields(story: PublishedStory | PublishedView) -> dict[str, Any]:
    """What a portal listing shows of a story (the full story shows more)."""
    return {
        "tenant": story.tenant,
        "story_id": str(story.story_id),
        "slug": story.slug,
        "headline": story.headline,
        "summary": story.summary,
        "byline": story.byline,
        "section_slug": story.section_slug,
        "section_name": story.section_name,
        "type": to_proto(story_pb2.StoryType, story.type),
        "visibility": to_proto(story_pb2.Visibility, story.visibility),
        "language": story.language,
        "published_at": to_timestamp(story.published_at),
        "updated_at": to_timestamp(story.updated_at),
    }


def _tags(story: PublishedStory | PublishedView) -> list[published_story_pb2.Tag]:
    return [
        published_story_pb2.Tag(slug=slug, name=name)
        for slug, name in zip(story.tag_slugs, story.tags, strict=False)
    ]


def published_to_pb(story: PublishedStory | PublishedView) -> published_story_pb2.PublishedStory:
    """From the model or the portal's read path (same attribute names)."""
    return published_story_pb2.PublishedStory(
        **_listed_fields(story),
        body_html=story.body_html,
        tags=_tags(story),
        media=media_to_pb(story.media),
        media_items=[item_to_pb(m) for m in story.media],
        revision=story.revision,
        correction_note=story.correction_note,
        etag=story.etag,
    )


def published_summary_to_pb(story: PublishedStory) -> published_story_pb2.PublishedStorySummary:
    lead = media_to_pb(story.media[:1])
    return published_story_pb2.PublishedStorySummary(
        **_listed_fields(story),
        lead_media=lead[0] if lead else None,
        lead_media_item=item_to_pb(story.media[0]) if story.media else None,
        tags=_tags(story),
    )
