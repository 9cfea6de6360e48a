"""Editorial events drive the public read model: publish, correct, retract, mirror status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
from sqlalchemy import Engine

from content_service.publishing.events import (
    STORY_CORRECTED,
    STORY_PUBLISHED,
    STORY_RETRACTED,
)
from content_service.publishing.service import PublishedFilter
from content_service.wiring import ContentAggregates
from newsroom.content.v1 import content_events_pb2, published_story_pb2, story_pb2
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom.editorial_approval.v1 import workflow_pb2
from newsroom_core.db import SessionFactory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import Identity
from newsroom_testkit.editorial_events import (
    correction_requested,
    publish_requested,
    retraction_requested,
    transitioned,
)
from newsroom_testkit.identities import member
from newsroom_testkit.media import MediaService, new_asset
from newsroom_testkit.outbox import deliver, outbox_rows

pytestmark = [pytest.mark.postgres]

BASE_URL = "https://news.tkv.vn/portal"


def test_publish_correct_retract_lifecycle(
    stub: ContentServiceStub,
    content: ContentAggregates,
    router: EventRouter,
    sessions: SessionFactory,
    engine: Engine,
    tenant_factory: Callable[..., str],
    media: MediaService,
) -> None:
    tenant = tenant_factory("life")
    author = member(tenant, "contributor")
    image = new_asset(media, author, tenant)
    with acting_as(author):
        story = stub.CreateStory(
            pb.CreateStoryRequest(
                tenant=tenant,
                type=story_pb2.STORY_TYPE_NEWS,
                headline="Than Hạ Long ứng phó bão Yagi",
                summary="Công nhân trực 24/24",
                body_html="<p>Bản nháp một.</p>",
                tags=["Bão Yagi"],
                media=[story_pb2.StoryMedia(asset_id=image)],
            )
        ).story
        stub.UpdateStory(
            pb.UpdateStoryRequest(
                tenant=tenant,
                story_id=story.id,
                expected_revision=1,
                type=story_pb2.STORY_TYPE_NEWS,
                headline="Than Hạ Long ứng phó bão Yagi",
                summary="Công nhân trực 24/24",
                body_html="<p>Bản duyệt hai.</p>",
                tags=["Bão Yagi"],
                media=[story_pb2.StoryMedia(asset_id=image)],
            )
        )
    slug = story.slug
    assert_not_public(stub, tenant, slug, "STORY_NOT_FOUND")

    published_at = datetime.now(UTC)
    order = publish_requested(tenant, story.id, 2, at=published_at)
    deliver(sessions, router, order)
    deliver(sessions, router, order)  # redelivered without the processed-id table
    deliver(sessions, router, publish_requested(tenant, story.id, 2))  # published "again"

    public = stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=slug)).story
    assert public.revision == 2 and public.body_html == "<p>Bản duyệt hai.</p>"
    assert [(t.slug, t.name) for t in public.tags] == [("bao-yagi", "Bão Yagi")]
    assert public.etag.startswith('"') and public.correction_note == ""
    assert public.published_at.ToDatetime(tzinfo=UTC) == published_at
    published = outbox_rows(engine, story.id, STORY_PUBLISHED)
    assert len(published) == 1, "StoryPublished exactly once per (story, revision)"
    event = content_events_pb2.StoryPublished.FromString(published[0]["payload"])
    assert (event.revision, event.slug, list(event.media_asset_ids)) == (2, slug, [image])
    assert [(m.asset_id, m.asset_version) for m in event.media] == [(image, 1)]
    # what the media service asks before its copy of that event arrives
    assert shown(stub, tenant, image, 1)
    assert not shown(stub, tenant, image, 2), "only the pinned version"
    assert not shown(stub, tenant_factory("other"), image, 1), "only in the story's tenant"
    with acting_as(author):
        staff_view = stub.GetStory(pb.GetStoryRequest(tenant=tenant, story_id=story.id)).story
        # A published story stays editable: that is how a correction is prepared.
        revised = stub.UpdateStory(
            pb.UpdateStoryRequest(
                tenant=tenant,
                story_id=story.id,
                expected_revision=2,
                type=story_pb2.STORY_TYPE_NEWS,
                headline="Than Hạ Long ứng phó bão Yagi",
                summary="Công nhân trực 24/24",
                body_html="<p>Bản đính chính ba.</p>",
                tags=["Bão Yagi"],
            )
        ).story
    assert staff_view.status == story_pb2.STORY_STATUS_PUBLISHED
    assert staff_view.published_revision == 2 and staff_view.HasField("published_at")
    assert revised.current_revision == 3
    still = stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=slug)).story
    assert still.revision == 2, "saving does not change the public copy"

    correction = correction_requested(tenant, story.id, 3, "Sửa số liệu đoạn 1")
    deliver(sessions, router, correction)
    deliver(sessions, router, correction)
    corrected = stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=slug)).story
    assert corrected.revision == 3 and corrected.body_html == "<p>Bản đính chính ba.</p>"
    assert corrected.correction_note == "Sửa số liệu đoạn 1"
    assert corrected.published_at == public.published_at, "first publication time is kept"
    assert corrected.etag != public.etag
    assert len(outbox_rows(engine, story.id, STORY_CORRECTED)) == 1
    assert not shown(stub, tenant, image, 1), "the correction shows no media"

    found = stub.SearchPublishedStories(
        pb.SearchPublishedStoriesRequest(tenant=tenant, query="bao yagi")
    ).hits
    assert [h.story.story_id for h in found] == [story.id]
    feed_before = stub.GetFeed(pb.GetFeedRequest(tenant=tenant, base_url=BASE_URL)).body
    assert slug.encode() in feed_before

    board = member(tenant, "board")
    retraction = retraction_requested(
        tenant, story.id, "Thông tin chưa được kiểm chứng", by=board, takedown_id="td-1"
    )
    deliver(sessions, router, retraction)
    deliver(sessions, router, retraction)
    assert_not_public(stub, tenant, slug, "STORY_RETRACTED")
    listed = content.publishing.list_published(None, tenant, PublishedFilter(), 50, "")
    assert [p.slug for p in listed.items] == []
    hits = stub.SearchPublishedStories(
        pb.SearchPublishedStoriesRequest(tenant=tenant, query="bão Yagi")
    ).hits
    assert list(hits) == []
    feed = stub.GetFeed(pb.GetFeedRequest(tenant=tenant, base_url=BASE_URL)).body
    assert slug.encode() not in feed
    retracted = outbox_rows(engine, story.id, STORY_RETRACTED)
    assert len(retracted) == 1
    gone = content_events_pb2.StoryRetracted.FromString(retracted[0]["payload"])
    assert gone.reason == "Thông tin chưa được kiểm chứng" and gone.takedown_id == "td-1"
    assert gone.actor.user_id == board.user_id and gone.slug == slug
    with acting_as(author):
        final = stub.GetStory(pb.GetStoryRequest(tenant=tenant, story_id=story.id)).story
        locked = stub_error(
            lambda: stub.UpdateStory(
                pb.UpdateStoryRequest(
                    tenant=tenant,
                    story_id=story.id,
                    expected_revision=3,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline="Đăng lại",
                )
            )
        )
    assert final.status == story_pb2.STORY_STATUS_RETRACTED
    assert locked.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert error_reason(locked) == "STORY_RETRACTED"
    deliver(sessions, router, publish_requested(tenant, story.id, 3))
    assert_not_public(stub, tenant, slug, "STORY_RETRACTED")
    assert len(outbox_rows(engine, story.id, STORY_PUBLISHED)) == 1


def test_status_mirror_ignores_stale_transitions(
    stub: ContentServiceStub,
    router: EventRouter,
    sessions: SessionFactory,
    tenant_factory: Callable[..., str],
) -> None:
    tenant = tenant_factory("mirror")
    author = member(tenant, "contributor")
    with acting_as(author):
        story = stub.CreateStory(
            pb.CreateStoryRequest(tenant=tenant, type=story_pb2.STORY_TYPE_NEWS, headline="Lịch")
        ).story
    t0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    ws = workflow_pb2

    def status() -> int:
        with acting_as(author):
            reply = stub.GetStory(pb.GetStoryRequest(tenant=tenant, story_id=story.id))
        return int(reply.story.status)

    deliver(sessions, router, transitioned(tenant, story.id, ws.WORKFLOW_STATE_SUBMITTED, at=t0))
    assert status() == story_pb2.STORY_STATUS_SUBMITTED
    scheduled = transitioned(
        tenant, story.id, ws.WORKFLOW_STATE_SCHEDULED, at=t0 + timedelta(minutes=10)
    )
    deliver(sessions, router, scheduled)
    deliver(  # arrives late: older than what the mirror already shows
        sessions,
        router,
        transitioned(tenant, story.id, ws.WORKFLOW_STATE_IN_REVIEW, at=t0 + timedelta(minutes=5)),
    )
    assert status() == story_pb2.STORY_STATUS_SCHEDULED
    with acting_as(author):
        locked = stub_error(
            lambda: stub.UpdateStory(
                pb.UpdateStoryRequest(
                    tenant=tenant,
                    story_id=story.id,
                    expected_revision=1,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline="Sửa khi đã lên lịch",
                )
            )
        )
    assert error_reason(locked) == "STORY_LOCKED"
    deliver(
        sessions,
        router,
        transitioned(
            tenant, story.id, ws.WORKFLOW_STATE_CHANGES_REQUESTED, at=t0 + timedelta(minutes=20)
        ),
    )
    assert status() == story_pb2.STORY_STATUS_CHANGES_REQUESTED
    # Another tenant's event for this story id is not applied.
    deliver(
        sessions,
        router,
        transitioned("khac", story.id, ws.WORKFLOW_STATE_APPROVED, at=t0 + timedelta(hours=1)),
    )
    assert status() == story_pb2.STORY_STATUS_CHANGES_REQUESTED


def shown(stub: ContentServiceStub, tenant: str, asset_id: str, version: int) -> bool:
    request = pb.IsMediaShownRequest(tenant=tenant, asset_id=asset_id, version=version)
    return bool(stub.IsMediaShown(request).shown)


def stub_error(call: Callable[[], object]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value


def assert_not_public(stub: ContentServiceStub, tenant: str, slug: str, reason: str) -> None:
    err = stub_error(
        lambda: stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=slug))
    )
    assert err.code() is grpc.StatusCode.NOT_FOUND
    assert error_reason(err) == reason


def test_preview_is_what_publishing_would_store_and_stores_nothing(
    stub: ContentServiceStub,
    router: EventRouter,
    sessions: SessionFactory,
    tenant_factory: Callable[..., str],
    media: MediaService,
) -> None:
    tenant, other = tenant_factory("prev"), tenant_factory("prevx")
    author = member(tenant, "contributor")
    image = new_asset(media, author, tenant)

    def draft(body: str) -> dict[str, Any]:
        return {
            "tenant": tenant,
            "type": story_pb2.STORY_TYPE_NEWS,
            "headline": "Xem trước bài Cẩm Phả",
            "summary": "Tóm tắt",
            "body_html": body,
            "tags": ["Cẩm Phả"],
            "media": [story_pb2.StoryMedia(asset_id=image)],
        }

    def preview(
        revision: int = 0, who: Identity = author, in_tenant: str = tenant
    ) -> published_story_pb2.PublishedStory:
        with acting_as(who):
            request = pb.PreviewStoryRequest(tenant=in_tenant, story_id=story.id, revision=revision)
            reply: pb.PreviewStoryResponse = stub.PreviewStory(request)
        return reply.story

    with acting_as(author):
        story = stub.CreateStory(pb.CreateStoryRequest(**draft("<p>Một.</p>"))).story
        stub.UpdateStory(
            pb.UpdateStoryRequest(story_id=story.id, expected_revision=1, **draft("<p>Hai.</p>"))
        )
    current = preview()
    assert (current.revision, current.body_html) == (2, "<p>Hai.</p>")
    assert [(t.slug, t.name) for t in current.tags] == [("cam-pha", "Cẩm Phả")]
    assert [m.asset_id for m in current.media_items] == [image]
    assert preview(1).body_html == "<p>Một.</p>"
    assert_not_public(stub, tenant, story.slug, "STORY_NOT_FOUND")  # nothing stored

    # Publishing revision 2 stores what its preview showed.
    deliver(sessions, router, publish_requested(tenant, story.id, 2))
    public = stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=story.slug))
    fields = ("slug", "headline", "summary", "body_html", "revision", "media_items", "tags")
    assert [getattr(public.story, f) for f in fields] == [getattr(current, f) for f in fields]

    missing = stub_error(lambda: preview(9))
    assert (missing.code(), error_reason(missing)) == (
        grpc.StatusCode.NOT_FOUND,
        "REVISION_NOT_FOUND",
    )
    outsider = stub_error(lambda: preview(who=member(other, "board")))
    assert outsider.code() is grpc.StatusCode.PERMISSION_DENIED
    elsewhere = stub_error(lambda: preview(who=member(other, "board"), in_tenant=other))
    assert (elsewhere.code(), error_reason(elsewhere)) == (
        grpc.StatusCode.NOT_FOUND,
        "STORY_NOT_FOUND",
    )
