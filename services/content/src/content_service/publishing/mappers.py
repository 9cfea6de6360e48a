"""Published snapshots -> protobuf (the portal's story and its summaries)."""

from __future__ import annotations

from content_service.common import timestamp
from content_service.publishing.models import PublishedStory
from content_service.publishing.repository import PublishedView
from content_service.stories.mappers import media_to_pb, story_type_to_pb, visibility_to_pb
from newsroom.content.v1 import published_story_pb2


def _tags(story: PublishedStory | PublishedView) -> list[published_story_pb2.Tag]:
    return [
        published_story_pb2.Tag(slug=slug, name=name)
        for slug, name in zip(story.tag_slugs, story.tags, strict=False)
    ]


def published_to_pb(story: PublishedStory | PublishedView) -> published_story_pb2.PublishedStory:
    """From the model or the portal's read path (same attribute names)."""
    return published_story_pb2.PublishedStory(
        tenant=story.tenant,
        story_id=str(story.story_id),
        slug=story.slug,
        headline=story.headline,
        summary=story.summary,
        body_html=story.body_html,
        byline=story.byline,
        section_slug=story.section_slug,
        section_name=story.section_name,
        tags=_tags(story),
        type=story_type_to_pb(story.type),
        visibility=visibility_to_pb(story.visibility),
        language=story.language,
        media=media_to_pb(story.media),
        revision=story.revision,
        published_at=timestamp(story.published_at),
        updated_at=timestamp(story.updated_at),
        correction_note=story.correction_note,
        etag=story.etag,
    )


def published_summary_to_pb(story: PublishedStory) -> published_story_pb2.PublishedStorySummary:
    lead = media_to_pb(story.media[:1])
    return published_story_pb2.PublishedStorySummary(
        tenant=story.tenant,
        story_id=str(story.story_id),
        slug=story.slug,
        headline=story.headline,
        summary=story.summary,
        byline=story.byline,
        section_slug=story.section_slug,
        section_name=story.section_name,
        type=story_type_to_pb(story.type),
        visibility=visibility_to_pb(story.visibility),
        language=story.language,
        lead_media=lead[0] if lead else None,
        published_at=timestamp(story.published_at),
        updated_at=timestamp(story.updated_at),
        tags=_tags(story),
    )
