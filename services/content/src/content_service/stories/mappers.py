"""Protobuf <-> story models (used by the gRPC API and the event builders)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from content_service.stories.diff import FieldChange
from content_service.stories.models import MediaItem, Story, StoryDraft, StoryRevision
from newsroom.common.v1 import actor_pb2, story_ref_pb2
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1 import story_pb2
from newsroom_core.actors import Actor, actor_to_pb
from newsroom_core.enums import StoryType, Visibility, from_proto, to_proto
from newsroom_core.timestamps import to_timestamp


def media_to_pb(media: Sequence[dict[str, Any]]) -> list[story_pb2.StoryMedia]:
    """A revision's media entries, or a snapshot's media items (which keep the
    revision's own caption and credit beside the rendered ones)."""
    return [
        story_pb2.StoryMedia(
            asset_id=str(m.get("asset_id", "")),
            caption=str(m.get("placement_caption", m.get("caption", ""))),
            credit=str(m.get("placement_credit", m.get("credit", ""))),
            asset_version=int(m.get("asset_version") or m.get("version") or 0),
        )
        for m in media
    ]


def syndicated_from(story: Story) -> story_ref_pb2.StoryRef | None:
    """Where a syndicated copy came from; None for a story of its own tenant."""
    if story.syndicated_from_tenant and story.syndicated_from_story_id:
        return story_ref_pb2.StoryRef(
            tenant=story.syndicated_from_tenant, story_id=str(story.syndicated_from_story_id)
        )
    return None


def author_to_pb(value: Story | StoryRevision) -> actor_pb2.Actor:
    return actor_to_pb(Actor(value.author_id, value.author_username, value.author_name))


# --- requests -> models -----------------------------------------------------------------


def draft_from_request(request: pb.CreateStoryRequest | pb.UpdateStoryRequest) -> StoryDraft:
    """CreateStoryRequest / UpdateStoryRequest editable fields as a StoryDraft."""
    return StoryDraft(
        type=from_proto(StoryType, request.type) or "",
        visibility=from_proto(Visibility, request.visibility) or "",
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
            MediaItem(
                asset_id=m.asset_id,
                caption=m.caption,
                credit=m.credit,
                asset_version=m.asset_version,
            )
            for m in request.media
        ],
        note=request.note if isinstance(request, pb.UpdateStoryRequest) else "",
    )


# --- models -> protobuf -----------------------------------------------------------------


def _editable_fields(value: Story | StoryRevision) -> dict[str, Any]:
    """The fields a story and each of its revisions share (what an editor can change)."""
    return {
        "type": to_proto(story_pb2.StoryType, value.type),
        "visibility": to_proto(story_pb2.Visibility, value.visibility),
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
        "author": author_to_pb(value),
    }


def story_to_pb(story: Story) -> story_pb2.Story:
    return story_pb2.Story(
        id=str(story.id),
        tenant=story.tenant,
        **_editable_fields(story),
        status=to_proto(story_pb2.StoryStatus, story.status),
        current_revision=story.current_revision,
        published_revision=story.published_revision,
        created_at=to_timestamp(story.created_at),
        updated_at=to_timestamp(story.updated_at),
        published_at=to_timestamp(story.published_at),
        syndicated_from=syndicated_from(story),
        version=story.version,
        working_revision=story.working_revision,
    )


def revision_to_pb(revision: StoryRevision) -> story_pb2.Revision:
    return story_pb2.Revision(
        story_id=str(revision.story_id),
        number=revision.number,
        **_editable_fields(revision),
        created_at=to_timestamp(revision.created_at),
        note=revision.note,
        updated_at=to_timestamp(revision.updated_at),
        saves=revision.saves,
    )


def field_change_to_pb(change: FieldChange) -> story_pb2.FieldDiff:
    return story_pb2.FieldDiff(
        field=change.field,
        old_value=change.old_value,
        new_value=change.new_value,
        unified_diff=change.unified_diff,
    )
