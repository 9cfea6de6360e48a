from __future__ import annotations

import json
from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from gateway import mappers, schemas
from newsroom.content.v1 import published_story_pb2, story_pb2
from newsroom.editorial_approval.v1 import policy_pb2, workflow_pb2
from newsroom.media_asset.v1 import asset_pb2
from newsroom_core.enums import from_proto, to_proto
from newsroom_core.identity import Identity


def test_enums_round_trip_through_their_proto_values() -> None:
    for member in schemas.StoryType:
        value = to_proto(story_pb2.StoryType, member)
        assert value != 0
        assert from_proto(schemas.StoryType, value) is member
    for role in schemas.ApprovalRole:
        number = to_proto(policy_pb2.ApprovalRole, role)
        assert from_proto(schemas.ApprovalRole, number) is role
    assert to_proto(policy_pb2.ApprovalRole, schemas.ApprovalRole.TENANT_ADMIN) == (
        policy_pb2.APPROVAL_ROLE_TENANT_ADMIN
    )
    state = mappers.workflow_state(workflow_pb2.WORKFLOW_STATE_IN_REVIEW)
    assert state is schemas.StoryStatus.IN_REVIEW


def test_unspecified_and_unknown_enum_values_are_null() -> None:
    assert from_proto(schemas.StoryType, 0) is None
    assert from_proto(schemas.StoryType, 999) is None
    assert to_proto(story_pb2.StoryType, None) == 0


def test_story_maps_timestamps_and_optional_fields() -> None:
    message = story_pb2.Story(
        id="s1",
        tenant="halong",
        type=story_pb2.STORY_TYPE_NEWS,
        headline="Truyền thông",
        status=story_pb2.STORY_STATUS_DRAFT,
        current_revision=1,
    )
    message.author.user_id = "u1"
    message.author.username = "halong.contributor"
    message.created_at.FromDatetime(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    story = mappers.story(message)
    assert story.type is schemas.StoryType.NEWS
    assert story.status is schemas.StoryStatus.DRAFT
    assert story.created_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert story.published_at is None and story.section_id is None
    assert story.syndicated_from is None
    assert story.author is not None and story.author.username == "halong.contributor"


def test_create_request_carries_every_field() -> None:
    body = schemas.StoryCreate(
        type=schemas.StoryType.OFFICIAL_STATEMENT,
        visibility=schemas.Visibility.INTERNAL,
        headline="Thông cáo",
        tags=["a", "b"],
        media=[schemas.StoryMedia(asset_id="m1", caption="c")],
    )
    request = mappers.create_story_request("halong", body)
    assert request.tenant == "halong"
    assert request.type == story_pb2.STORY_TYPE_OFFICIAL_STATEMENT
    assert request.visibility == story_pb2.VISIBILITY_INTERNAL
    assert list(request.tags) == ["a", "b"]
    assert request.media[0].asset_id == "m1"


def test_me_lists_tenants_and_roles_sorted() -> None:
    identity = Identity(
        "u1",
        "halong.editor",
        "Biên tập",
        tenant_roles={"uongbi": frozenset({"board"}), "halong": frozenset({"editor", "board"})},
    )
    me = mappers.me(identity)
    assert [t.tenant for t in me.tenants] == ["halong", "uongbi"]
    assert me.tenants[0].roles == ["board", "editor"]
    assert not me.platform_admin


def _file(url: str, width: int, height: int, kind: str) -> published_story_pb2.MediaFile:
    return published_story_pb2.MediaFile(url=url, width=width, height=height, content_type=kind)


IMAGE_ITEM = published_story_pb2.PublishedMedia(
    asset_id="a1",
    version=3,
    kind=asset_pb2.ASSET_KIND_IMAGE,
    title="Lò chợ",
    caption='Ảnh "thợ" mỏ',
    credit="TTXVN",
    alt="Công nhân",
    width=4000,
    height=3000,
    renditions=[
        _file("https://m/w320.webp", 320, 240, "image/webp"),
        _file("https://m/w320.jpg", 320, 240, "image/jpeg"),
    ],
    card=_file("https://m/card.jpg", 1200, 675, "image/jpeg"),
)
GALLERY_ITEM = published_story_pb2.PublishedMedia(
    asset_id="g1", version=2, kind=asset_pb2.ASSET_KIND_GALLERY, items=[IMAGE_ITEM]
)
VIDEO_ITEM = published_story_pb2.PublishedMedia(
    asset_id="v1",
    version=1,
    kind=asset_pb2.ASSET_KIND_VIDEO,
    width=1920,
    height=1080,
    poster=_file("https://m/poster.jpg", 1920, 1080, "image/jpeg"),
    hls_url="https://m/hls/master.m3u8",
    duration_ms=10_000,
    subtitles=[published_story_pb2.MediaSubtitle(language="vi", label="Tiếng Việt", url="u")],
    thumbnails_vtt_url="https://m/thumbs/thumbs.vtt",
)


def test_lean_published_story_json_equals_the_pydantic_model_json() -> None:
    full = published_story_pb2.PublishedStory(
        tenant="halong",
        story_id="s1",
        slug="khanh-thanh",
        headline='Khánh thành "dây chuyền" \\ mới\n\t\x01 😀',
        summary="Tóm tắt / summary",
        body_html="<p>Nội dung</p><script>x</script>\u2028",
        byline="Phóng viên",
        section_slug="tin-tuc",
        section_name="Tin tức",
        tags=[
            published_story_pb2.Tag(slug="than", name="Than"),
            published_story_pb2.Tag(slug="moi", name="Mỏ"),
        ],
        type=story_pb2.STORY_TYPE_OFFICIAL_STATEMENT,
        visibility=story_pb2.VISIBILITY_PUBLIC,
        language="vi",
        media=[
            story_pb2.StoryMedia(asset_id="a1", caption="Ảnh", credit="TTXVN"),
            story_pb2.StoryMedia(asset_id="a2"),
        ],
        media_items=[IMAGE_ITEM, GALLERY_ITEM, VIDEO_ITEM],
        revision=7,
        published_at=Timestamp(seconds=1714557600, nanos=123456789),
        updated_at=Timestamp(seconds=1714557600),
        correction_note="Đính chính",
    )
    samples = [
        full,
        published_story_pb2.PublishedStory(),  # everything empty, enums unspecified
        published_story_pb2.PublishedStory(
            tenant="uongbi", visibility=story_pb2.VISIBILITY_INTERNAL
        ),
        published_story_pb2.PublishedStory(
            published_at=Timestamp(seconds=0, nanos=0), updated_at=Timestamp(nanos=500_000_000)
        ),
    ]
    for message in samples:
        lean = mappers.published_story_json(message)
        assert lean == mappers.published_story(message).model_dump_json().encode()
    assert b'"type":"official_statement"' in mappers.published_story_json(full)
    media = json.loads(mappers.published_story_json(full))["media"]
    assert [m["kind"] for m in media] == ["image", "gallery", "video"]
    assert media[1]["items"][0]["alt"] == "Công nhân"
    assert media[0]["hls_url"] is None and media[2]["card"] is None
