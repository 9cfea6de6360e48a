"""Protobuf <-> story models (used by the gRPC API and the event builders)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from content_service.common import actor_to_pb, timestamp
from content_service.stories.diff import FieldChange
from content_service.stories.models import MediaItem, Story, StoryDraft, StoryRevision
from newsroom.common.v1 import story_ref_pb2
from newsroom.content.v1 import story_pb2

# --- enums: stored as lower-case names ("news", "public", "in_review") ------------------


def _enum_to_str(enum: Any, prefix: str, value: int) -> str:
    if value == 0:
        return ""
    try:
        return str(enum.Name(value)).removeprefix(prefix).lower()
    except ValueError:
        return ""


def _str_to_enum(enum: Any, prefix: str, value: str) -> Any:
    if not value:
        return 0
    try:
        return enum.Value(prefix + value.upper())
    except ValueError:
        return 0


def story_type_to_str(value: int) -> str:
    return _enum_to_str(story_pb2.StoryType, "STORY_TYPE_", value)


def story_type_to_pb(value: str) -> story_pb2.StoryType:
    result: story_pb2.StoryType = _str_to_enum(story_pb2.StoryType, "STORY_TYPE_", value)
    return result


def visibility_to_str(value: int) -> str:
    return _enum_to_str(story_pb2.Visibility, "VISIBILITY_", value)


def visibility_to_pb(value: str) -> story_pb2.Visibility:
    result: story_pb2.Visibility = _str_to_enum(story_pb2.Visibility, "VISIBILITY_", value)
    return result


def status_to_str(value: int) -> str:
    return _enum_to_str(story_pb2.StoryStatus, "STORY_STATUS_", value)


def status_to_pb(value: str) -> story_pb2.StoryStatus:
    result: story_pb2.StoryStatus = _str_to_enum(story_pb2.StoryStatus, "STORY_STATUS_", value)
    return result


def media_to_pb(media: Sequence[dict[str, str]]) -> list[story_pb2.StoryMedia]:
    return [
        story_pb2.StoryMedia(
            asset_id=m.get("asset_id", ""), caption=m.get("caption", ""), credit=m.get("credit", "")
        )
        for m in media
    ]


# --- requests -> models -----------------------------------------------------------------


def draft_from_request(request: Any) -> StoryDraft:
    """CreateStoryRequest / UpdateStoryRequest editable fields as a StoryDraft."""
    return StoryDraft(
        type=story_type_to_str(request.type),
        visibility=visibility_to_str(request.visibility),
        language=request.language,
        headline=request.headline,
        slug=request.slug,
        slugline=request.slugline,
        byline=request.byline,
        summary=request.summary,
        body_html=request.body_html,
        section_id=request.section_id,
        tags=list(request.tags),
        media=[
            MediaItem(asset_id=m.asset_id, caption=m.caption, credit=m.credit)
            for m in request.media
        ],
        note=getattr(request, "note", ""),
    )


# --- models -> protobuf -----------------------------------------------------------------


def _editable_fields(value: Story | StoryRevision) -> dict[str, Any]:
    """The fields a story and each of its revisions share (what an editor can change)."""
    return {
        "type": story_type_to_pb(value.type),
        "visibility": visibility_to_pb(value.visibility),
        "language": value.language,
        "headline": value.headline,
        "slug": value.slug,
        "slugline": value.slugline,
        "byline": value.byline,
        "summary": value.summary,
        "body_html": value.body_html,
        "section_id": str(value.section_id) if value.section_id else "",
        "tags": value.tags,
        "media": media_to_pb(value.media),
        "author": actor_to_pb(value.author_id, value.author_username, value.author_name),
    }


def story_to_pb(story: Story) -> story_pb2.Story:
    message = story_pb2.Story(
        id=str(story.id),
        tenant=story.tenant,
        **_editable_fields(story),
        status=status_to_pb(story.status),
        current_revision=story.current_revision,
        published_revision=story.published_revision,
        created_at=timestamp(story.created_at),
        updated_at=timestamp(story.updated_at),
        published_at=timestamp(story.published_at),
    )
    if story.syndicated_from_tenant and story.syndicated_from_story_id:
        message.syndicated_from.CopyFrom(
            story_ref_pb2.StoryRef(
                tenant=story.syndicated_from_tenant,
                story_id=str(story.syndicated_from_story_id),
            )
        )
    return message


def revision_to_pb(revision: StoryRevision) -> story_pb2.Revision:
    return story_pb2.Revision(
        story_id=str(revision.story_id),
        number=revision.number,
        **_editable_fields(revision),
        created_at=timestamp(revision.created_at),
        note=revision.note,
    )


def field_change_to_pb(change: FieldChange) -> story_pb2.FieldDiff:
    return story_pb2.FieldDiff(
        field=change.field,
        old_value=change.old_value,
        new_value=change.new_value,
        unified_diff=change.unified_diff,
    )
