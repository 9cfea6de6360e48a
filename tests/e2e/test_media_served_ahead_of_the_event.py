"""A published story's image is served to readers the moment content has published it,
before the media service hears of the publication: the portal shows the story as soon as
content commits it, and content's StoryPublished event reaches the media service a moment
later. Here the media service's content consumer is stopped, so it never hears: only
asking content (IsMediaShown) can answer. A retraction, told by content too, stops it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import grpc
import pytest

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as media_pb
from newsroom.media_asset.v1.media_asset_service_pb2_grpc import MediaAssetServiceStub
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.events.kafka import make_producer
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.settings import KafkaSettings
from newsroom_media.testing import make_photo
from newsroom_testkit.editorial_events import publish_requested, retraction_requested, send
from newsroom_testkit.identities import IDENTITY_KEY, member
from newsroom_testkit.media import get_asset, upload, wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.s3, pytest.mark.slow]

TENANT = "halong"


@pytest.fixture
def stack(stack_factory: Callable[[str], AbstractContextManager[Any]]) -> Iterator[Any]:
    """A stack of its own: this test stops the media service's content consumer."""
    with stack_factory("early") as stack:
        yield stack


def test_an_image_is_served_before_the_media_service_hears_of_the_publication(
    stack: Any, kafka_settings: KafkaSettings, tmp_path: Path
) -> None:
    stack.media.workers["content-consumer"].stop()
    media = MediaAssetServiceStub(  # type: ignore[no-untyped-call]
        make_channel(stack.media.grpc.address, identity_key=IDENTITY_KEY)
    )
    content = ContentServiceStub(  # type: ignore[no-untyped-call]
        make_channel(stack.content.grpc.address, identity_key=IDENTITY_KEY)
    )
    author = member(TENANT, "contributor")
    photo = make_photo(tmp_path / "mo-than.jpg", width=1600, height=1067)
    asset = upload(media, author, TENANT, photo, content_type="image/jpeg")

    def ready() -> bool:
        version = get_asset(media, author, TENANT, asset.id).version
        return version.status == asset_pb2.ASSET_STATUS_READY

    wait_for(ready, timeout_s=120)
    [card] = [
        r.path
        for r in get_asset(media, author, TENANT, asset.id).version.renditions
        if r.role == asset_pb2.RENDITION_ROLE_CARD
    ]
    with acting_as(author):
        story = content.CreateStory(
            content_pb.CreateStoryRequest(
                tenant=TENANT,
                type=story_pb2.STORY_TYPE_NEWS,
                headline="Ảnh đến trước tin",
                body_html="<p>Ảnh.</p>",
                media=[story_pb2.StoryMedia(asset_id=asset.id)],
            )
        ).story

    def reader_fetch() -> grpc.RpcError | media_pb.ResolveFileResponse:
        request = media_pb.ResolveFileRequest(
            tenant=TENANT, asset_id=asset.id, version=1, path=card
        )
        try:
            reply: media_pb.ResolveFileResponse = media.ResolveFile(request)  # anonymous
        except grpc.RpcError as exc:
            return exc
        return reply  # what the gateway's public media route turns into a redirect

    refused = reader_fetch()
    assert isinstance(refused, grpc.RpcError) and error_reason(refused) == "MEDIA_NOT_PUBLISHED"

    producer = make_producer(kafka_settings, client_id="test-editorial")

    def order(event: CloudEvent) -> None:
        send(producer, stack.topics.editorial, event)

    order(publish_requested(TENANT, story.id, 1))

    def on_portal() -> bool:
        request = content_pb.GetPublishedStoryRequest(tenant=TENANT, slug=story.slug)
        try:
            content.GetPublishedStory(request)
        except grpc.RpcError:
            return False
        return True

    wait_for(on_portal, timeout_s=60)
    served = reader_fetch()
    assert isinstance(served, media_pb.ResolveFileResponse), error_reason(served)
    assert served.redirect_url and served.content_type == "image/jpeg"

    order(retraction_requested(TENANT, story.id, "Ảnh sai", by=member(TENANT, "board")))

    def gone() -> bool:
        answer = reader_fetch()
        return isinstance(answer, grpc.RpcError) and error_reason(answer) == "MEDIA_NOT_PUBLISHED"

    wait_for(gone, timeout_s=60)
    producer.close()
