import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.content.v1 import story_pb2 as _story_pb2
from newsroom.media_asset.v1 import asset_pb2 as _asset_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FeedFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FEED_FORMAT_UNSPECIFIED: _ClassVar[FeedFormat]
    FEED_FORMAT_RSS: _ClassVar[FeedFormat]
    FEED_FORMAT_ATOM: _ClassVar[FeedFormat]
FEED_FORMAT_UNSPECIFIED: FeedFormat
FEED_FORMAT_RSS: FeedFormat
FEED_FORMAT_ATOM: FeedFormat

class Tag(_message.Message):
    __slots__ = ("slug", "name")
    SLUG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    slug: str
    name: str
    def __init__(self, slug: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class PublishedStory(_message.Message):
    __slots__ = ("tenant", "story_id", "slug", "headline", "summary", "body_html", "byline", "section_slug", "section_name", "tags", "type", "visibility", "language", "media", "revision", "published_at", "updated_at", "correction_note", "etag", "media_items")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_HTML_FIELD_NUMBER: _ClassVar[int]
    BYLINE_FIELD_NUMBER: _ClassVar[int]
    SECTION_SLUG_FIELD_NUMBER: _ClassVar[int]
    SECTION_NAME_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CORRECTION_NOTE_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    slug: str
    headline: str
    summary: str
    body_html: str
    byline: str
    section_slug: str
    section_name: str
    tags: _containers.RepeatedCompositeFieldContainer[Tag]
    type: _story_pb2.StoryType
    visibility: _story_pb2.Visibility
    language: str
    media: _containers.RepeatedCompositeFieldContainer[_story_pb2.StoryMedia]
    revision: int
    published_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    correction_note: str
    etag: str
    media_items: _containers.RepeatedCompositeFieldContainer[PublishedMedia]
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., slug: _Optional[str] = ..., headline: _Optional[str] = ..., summary: _Optional[str] = ..., body_html: _Optional[str] = ..., byline: _Optional[str] = ..., section_slug: _Optional[str] = ..., section_name: _Optional[str] = ..., tags: _Optional[_Iterable[_Union[Tag, _Mapping]]] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., visibility: _Optional[_Union[_story_pb2.Visibility, str]] = ..., language: _Optional[str] = ..., media: _Optional[_Iterable[_Union[_story_pb2.StoryMedia, _Mapping]]] = ..., revision: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., correction_note: _Optional[str] = ..., etag: _Optional[str] = ..., media_items: _Optional[_Iterable[_Union[PublishedMedia, _Mapping]]] = ...) -> None: ...

class PublishedStorySummary(_message.Message):
    __slots__ = ("tenant", "story_id", "slug", "headline", "summary", "byline", "section_slug", "section_name", "type", "visibility", "language", "lead_media", "published_at", "updated_at", "tags", "lead_media_item")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BYLINE_FIELD_NUMBER: _ClassVar[int]
    SECTION_SLUG_FIELD_NUMBER: _ClassVar[int]
    SECTION_NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LEAD_MEDIA_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    LEAD_MEDIA_ITEM_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    slug: str
    headline: str
    summary: str
    byline: str
    section_slug: str
    section_name: str
    type: _story_pb2.StoryType
    visibility: _story_pb2.Visibility
    language: str
    lead_media: _story_pb2.StoryMedia
    published_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    tags: _containers.RepeatedCompositeFieldContainer[Tag]
    lead_media_item: PublishedMedia
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., slug: _Optional[str] = ..., headline: _Optional[str] = ..., summary: _Optional[str] = ..., byline: _Optional[str] = ..., section_slug: _Optional[str] = ..., section_name: _Optional[str] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., visibility: _Optional[_Union[_story_pb2.Visibility, str]] = ..., language: _Optional[str] = ..., lead_media: _Optional[_Union[_story_pb2.StoryMedia, _Mapping]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tags: _Optional[_Iterable[_Union[Tag, _Mapping]]] = ..., lead_media_item: _Optional[_Union[PublishedMedia, _Mapping]] = ...) -> None: ...

class SearchHit(_message.Message):
    __slots__ = ("story", "rank", "snippet_html")
    STORY_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    SNIPPET_HTML_FIELD_NUMBER: _ClassVar[int]
    story: PublishedStorySummary
    rank: float
    snippet_html: str
    def __init__(self, story: _Optional[_Union[PublishedStorySummary, _Mapping]] = ..., rank: _Optional[float] = ..., snippet_html: _Optional[str] = ...) -> None: ...

class MediaFile(_message.Message):
    __slots__ = ("url", "width", "height", "content_type")
    URL_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    url: str
    width: int
    height: int
    content_type: str
    def __init__(self, url: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., content_type: _Optional[str] = ...) -> None: ...

class MediaSubtitle(_message.Message):
    __slots__ = ("language", "label", "url")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    language: str
    label: str
    url: str
    def __init__(self, language: _Optional[str] = ..., label: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class PublishedMedia(_message.Message):
    __slots__ = ("asset_id", "version", "kind", "title", "caption", "credit", "alt", "width", "height", "renditions", "card", "poster", "hls_url", "duration_ms", "subtitles", "thumbnails_vtt_url", "download_url", "items")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    ALT_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    RENDITIONS_FIELD_NUMBER: _ClassVar[int]
    CARD_FIELD_NUMBER: _ClassVar[int]
    POSTER_FIELD_NUMBER: _ClassVar[int]
    HLS_URL_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    SUBTITLES_FIELD_NUMBER: _ClassVar[int]
    THUMBNAILS_VTT_URL_FIELD_NUMBER: _ClassVar[int]
    DOWNLOAD_URL_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    version: int
    kind: _asset_pb2.AssetKind
    title: str
    caption: str
    credit: str
    alt: str
    width: int
    height: int
    renditions: _containers.RepeatedCompositeFieldContainer[MediaFile]
    card: MediaFile
    poster: MediaFile
    hls_url: str
    duration_ms: int
    subtitles: _containers.RepeatedCompositeFieldContainer[MediaSubtitle]
    thumbnails_vtt_url: str
    download_url: str
    items: _containers.RepeatedCompositeFieldContainer[PublishedMedia]
    def __init__(self, asset_id: _Optional[str] = ..., version: _Optional[int] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., title: _Optional[str] = ..., caption: _Optional[str] = ..., credit: _Optional[str] = ..., alt: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., renditions: _Optional[_Iterable[_Union[MediaFile, _Mapping]]] = ..., card: _Optional[_Union[MediaFile, _Mapping]] = ..., poster: _Optional[_Union[MediaFile, _Mapping]] = ..., hls_url: _Optional[str] = ..., duration_ms: _Optional[int] = ..., subtitles: _Optional[_Iterable[_Union[MediaSubtitle, _Mapping]]] = ..., thumbnails_vtt_url: _Optional[str] = ..., download_url: _Optional[str] = ..., items: _Optional[_Iterable[_Union[PublishedMedia, _Mapping]]] = ...) -> None: ...
