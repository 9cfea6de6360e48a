"""A subsidiary's published story nominated to the group tenant becomes a group draft."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from content_service.stories.events import STORY_CREATED
from newsroom.content.v1 import content_events_pb2, story_pb2
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom_core.db import SessionFactory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.metadata import acting_as
from newsroom_testkit.editorial_events import nominated, publish_requested
from newsroom_testkit.identities import PLATFORM, member
from newsroom_testkit.outbox import deliver, outbox_rows

pytestmark = [pytest.mark.postgres]


def test_nomination_copies_the_published_revision_into_the_group_tenant(
    stub: ContentServiceStub,
    router: EventRouter,
    sessions: SessionFactory,
    engine: Engine,
    tenant_factory: Callable[..., str],
) -> None:
    source, group = tenant_factory("src"), tenant_factory("tkv", group=True)
    author = member(source, "contributor")
    with acting_as(author):
        sections = stub.ListSections(pb.ListSectionsRequest(tenant=source)).sections
        story = stub.CreateStory(
            pb.CreateStoryRequest(
                tenant=source,
                type=story_pb2.STORY_TYPE_FEATURE,
                headline="Gương sáng thợ lò",
                body_html="<p>Bản được duyệt.</p>",
                section_id=next(s.id for s in sections if s.slug == "su-kien"),
                tags=["Thợ mỏ"],
            )
        ).story
    deliver(sessions, router, publish_requested(source, story.id, 1))
    with acting_as(author):  # a later unpublished draft must not leak into the copy
        stub.UpdateStory(
            pb.UpdateStoryRequest(
                tenant=source,
                story_id=story.id,
                expected_revision=1,
                type=story_pb2.STORY_TYPE_FEATURE,
                headline="Gương sáng thợ lò (nháp)",
                body_html="<p>Nháp chưa duyệt.</p>",
            )
        )
    nomination_id = str(uuid.uuid4())
    editor = member(source, "editor")
    event = nominated(
        source, story.id, group, nomination_id=nomination_id, note="Bài hay", by=editor
    )
    deliver(sessions, router, event)
    deliver(sessions, router, event)

    with acting_as(member(group, "editor")):
        copies = stub.ListStories(pb.ListStoriesRequest(tenant=group)).stories
        assert len(copies) == 1, "one copy per nomination"
        copy = copies[0]
        first = stub.GetRevision(pb.GetRevisionRequest(tenant=group, story_id=copy.id, number=1))
    assert copy.status == story_pb2.STORY_STATUS_SUBMITTED
    assert (copy.syndicated_from.tenant, copy.syndicated_from.story_id) == (source, story.id)
    assert copy.headline == "Gương sáng thợ lò" and copy.body_html == "<p>Bản được duyệt.</p>"
    assert copy.type == story_pb2.STORY_TYPE_FEATURE and list(copy.tags) == ["Thợ mỏ"]
    assert copy.slug == story.slug and copy.id != story.id
    assert copy.author.user_id == author.user_id, "the reporter keeps the credit"
    assert first.revision.author.user_id == editor.user_id
    assert "Bài hay" in first.revision.note
    with acting_as(member(group, "editor")):
        group_sections = stub.ListSections(pb.ListSectionsRequest(tenant=group)).sections
    assert copy.section_id == next(s.id for s in group_sections if s.slug == "su-kien")

    created = outbox_rows(engine, copy.id, STORY_CREATED)
    assert len(created) == 1 and created[0]["tenant"] == group
    message = content_events_pb2.StoryCreated.FromString(created[0]["payload"])
    assert message.nomination_id == nomination_id
    assert message.syndicated_from.story_id == story.id
    with acting_as(PLATFORM):
        source_story = stub.GetStory(pb.GetStoryRequest(tenant=source, story_id=story.id)).story
    assert source_story.current_revision == 2, "the source story is untouched"
