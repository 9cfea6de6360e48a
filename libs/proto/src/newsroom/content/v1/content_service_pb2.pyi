import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.content.v1 import published_story_pb2 as _published_story_pb2
from newsroom.content.v1 import story_pb2 as _story_pb2
from newsroom.content.v1 import tenant_pb2 as _tenant_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateTenantRequest(_message.Message):
    __slots__ = ("tenant", "name", "default_language", "group_tenant")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    GROUP_TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    name: str
    default_language: str
    group_tenant: bool
    def __init__(self, tenant: _Optional[str] = ..., name: _Optional[str] = ..., default_language: _Optional[str] = ..., group_tenant: _Optional[bool] = ...) -> None: ...

class CreateTenantResponse(_message.Message):
    __slots__ = ("tenant", "sections", "created")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    tenant: _tenant_pb2.Tenant
    sections: _containers.RepeatedCompositeFieldContainer[_tenant_pb2.Section]
    created: bool
    def __init__(self, tenant: _Optional[_Union[_tenant_pb2.Tenant, _Mapping]] = ..., sections: _Optional[_Iterable[_Union[_tenant_pb2.Section, _Mapping]]] = ..., created: _Optional[bool] = ...) -> None: ...

class GetTenantRequest(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class GetTenantResponse(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: _tenant_pb2.Tenant
    def __init__(self, tenant: _Optional[_Union[_tenant_pb2.Tenant, _Mapping]] = ...) -> None: ...

class ListTenantsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTenantsResponse(_message.Message):
    __slots__ = ("tenants", "next_page_token")
    TENANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenants: _containers.RepeatedCompositeFieldContainer[_tenant_pb2.Tenant]
    next_page_token: str
    def __init__(self, tenants: _Optional[_Iterable[_Union[_tenant_pb2.Tenant, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateSectionRequest(_message.Message):
    __slots__ = ("tenant", "slug", "name", "description", "parent_id", "position")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    slug: str
    name: str
    description: str
    parent_id: str
    position: int
    def __init__(self, tenant: _Optional[str] = ..., slug: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., parent_id: _Optional[str] = ..., position: _Optional[int] = ...) -> None: ...

class CreateSectionResponse(_message.Message):
    __slots__ = ("section",)
    SECTION_FIELD_NUMBER: _ClassVar[int]
    section: _tenant_pb2.Section
    def __init__(self, section: _Optional[_Union[_tenant_pb2.Section, _Mapping]] = ...) -> None: ...

class ListSectionsRequest(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class ListSectionsResponse(_message.Message):
    __slots__ = ("sections",)
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    sections: _containers.RepeatedCompositeFieldContainer[_tenant_pb2.Section]
    def __init__(self, sections: _Optional[_Iterable[_Union[_tenant_pb2.Section, _Mapping]]] = ...) -> None: ...

class CreateStoryRequest(_message.Message):
    __slots__ = ("tenant", "type", "visibility", "language", "headline", "slug", "slugline", "byline", "summary", "body_html", "section_id", "tags", "media")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    SLUGLINE_FIELD_NUMBER: _ClassVar[int]
    BYLINE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_HTML_FIELD_NUMBER: _ClassVar[int]
    SECTION_ID_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    type: _story_pb2.StoryType
    visibility: _story_pb2.Visibility
    language: str
    headline: str
    slug: str
    slugline: str
    byline: str
    summary: str
    body_html: str
    section_id: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    media: _containers.RepeatedCompositeFieldContainer[_story_pb2.StoryMedia]
    def __init__(self, tenant: _Optional[str] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., visibility: _Optional[_Union[_story_pb2.Visibility, str]] = ..., language: _Optional[str] = ..., headline: _Optional[str] = ..., slug: _Optional[str] = ..., slugline: _Optional[str] = ..., byline: _Optional[str] = ..., summary: _Optional[str] = ..., body_html: _Optional[str] = ..., section_id: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., media: _Optional[_Iterable[_Union[_story_pb2.StoryMedia, _Mapping]]] = ...) -> None: ...

class CreateStoryResponse(_message.Message):
    __slots__ = ("story",)
    STORY_FIELD_NUMBER: _ClassVar[int]
    story: _story_pb2.Story
    def __init__(self, story: _Optional[_Union[_story_pb2.Story, _Mapping]] = ...) -> None: ...

class GetStoryRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "check_media")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    CHECK_MEDIA_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    check_media: bool
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., check_media: _Optional[bool] = ...) -> None: ...

class GetStoryResponse(_message.Message):
    __slots__ = ("story", "media_problems")
    STORY_FIELD_NUMBER: _ClassVar[int]
    MEDIA_PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    story: _story_pb2.Story
    media_problems: _containers.RepeatedCompositeFieldContainer[_story_pb2.MediaProblem]
    def __init__(self, story: _Optional[_Union[_story_pb2.Story, _Mapping]] = ..., media_problems: _Optional[_Iterable[_Union[_story_pb2.MediaProblem, _Mapping]]] = ...) -> None: ...

class UpdateStoryRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "expected_revision", "type", "visibility", "language", "headline", "slug", "slugline", "byline", "summary", "body_html", "section_id", "tags", "media", "note", "autosave", "expected_version")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REVISION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    SLUGLINE_FIELD_NUMBER: _ClassVar[int]
    BYLINE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_HTML_FIELD_NUMBER: _ClassVar[int]
    SECTION_ID_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    AUTOSAVE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    expected_revision: int
    type: _story_pb2.StoryType
    visibility: _story_pb2.Visibility
    language: str
    headline: str
    slug: str
    slugline: str
    byline: str
    summary: str
    body_html: str
    section_id: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    media: _containers.RepeatedCompositeFieldContainer[_story_pb2.StoryMedia]
    note: str
    autosave: bool
    expected_version: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., expected_revision: _Optional[int] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., visibility: _Optional[_Union[_story_pb2.Visibility, str]] = ..., language: _Optional[str] = ..., headline: _Optional[str] = ..., slug: _Optional[str] = ..., slugline: _Optional[str] = ..., byline: _Optional[str] = ..., summary: _Optional[str] = ..., body_html: _Optional[str] = ..., section_id: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., media: _Optional[_Iterable[_Union[_story_pb2.StoryMedia, _Mapping]]] = ..., note: _Optional[str] = ..., autosave: _Optional[bool] = ..., expected_version: _Optional[int] = ...) -> None: ...

class UpdateStoryResponse(_message.Message):
    __slots__ = ("story", "revision", "coalesced")
    STORY_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    COALESCED_FIELD_NUMBER: _ClassVar[int]
    story: _story_pb2.Story
    revision: _story_pb2.Revision
    coalesced: bool
    def __init__(self, story: _Optional[_Union[_story_pb2.Story, _Mapping]] = ..., revision: _Optional[_Union[_story_pb2.Revision, _Mapping]] = ..., coalesced: _Optional[bool] = ...) -> None: ...

class SealRevisionRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class SealRevisionResponse(_message.Message):
    __slots__ = ("story",)
    STORY_FIELD_NUMBER: _ClassVar[int]
    story: _story_pb2.Story
    def __init__(self, story: _Optional[_Union[_story_pb2.Story, _Mapping]] = ...) -> None: ...

class ListStoriesRequest(_message.Message):
    __slots__ = ("tenant", "page_size", "page_token", "status", "author_id", "section_id", "type")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_ID_FIELD_NUMBER: _ClassVar[int]
    SECTION_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    page_size: int
    page_token: str
    status: _story_pb2.StoryStatus
    author_id: str
    section_id: str
    type: _story_pb2.StoryType
    def __init__(self, tenant: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[_story_pb2.StoryStatus, str]] = ..., author_id: _Optional[str] = ..., section_id: _Optional[str] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ...) -> None: ...

class ListStoriesResponse(_message.Message):
    __slots__ = ("stories", "next_page_token")
    STORIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    stories: _containers.RepeatedCompositeFieldContainer[_story_pb2.Story]
    next_page_token: str
    def __init__(self, stories: _Optional[_Iterable[_Union[_story_pb2.Story, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRevisionsRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "page_size", "page_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    page_size: int
    page_token: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRevisionsResponse(_message.Message):
    __slots__ = ("revisions", "next_page_token")
    REVISIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    revisions: _containers.RepeatedCompositeFieldContainer[_story_pb2.Revision]
    next_page_token: str
    def __init__(self, revisions: _Optional[_Iterable[_Union[_story_pb2.Revision, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetRevisionRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "number")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    number: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., number: _Optional[int] = ...) -> None: ...

class GetRevisionResponse(_message.Message):
    __slots__ = ("revision",)
    REVISION_FIELD_NUMBER: _ClassVar[int]
    revision: _story_pb2.Revision
    def __init__(self, revision: _Optional[_Union[_story_pb2.Revision, _Mapping]] = ...) -> None: ...

class DiffRevisionsRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "from_revision", "to_revision")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_REVISION_FIELD_NUMBER: _ClassVar[int]
    TO_REVISION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    from_revision: int
    to_revision: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., from_revision: _Optional[int] = ..., to_revision: _Optional[int] = ...) -> None: ...

class DiffRevisionsResponse(_message.Message):
    __slots__ = ("story_id", "from_revision", "to_revision", "diffs")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_REVISION_FIELD_NUMBER: _ClassVar[int]
    TO_REVISION_FIELD_NUMBER: _ClassVar[int]
    DIFFS_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    from_revision: int
    to_revision: int
    diffs: _containers.RepeatedCompositeFieldContainer[_story_pb2.FieldDiff]
    def __init__(self, story_id: _Optional[str] = ..., from_revision: _Optional[int] = ..., to_revision: _Optional[int] = ..., diffs: _Optional[_Iterable[_Union[_story_pb2.FieldDiff, _Mapping]]] = ...) -> None: ...

class IsMediaShownRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "version")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    version: int
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class IsMediaShownResponse(_message.Message):
    __slots__ = ("shown",)
    SHOWN_FIELD_NUMBER: _ClassVar[int]
    shown: bool
    def __init__(self, shown: _Optional[bool] = ...) -> None: ...

class PreviewStoryRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class PreviewStoryResponse(_message.Message):
    __slots__ = ("story",)
    STORY_FIELD_NUMBER: _ClassVar[int]
    story: _published_story_pb2.PublishedStory
    def __init__(self, story: _Optional[_Union[_published_story_pb2.PublishedStory, _Mapping]] = ...) -> None: ...

class GetPublishedStoryRequest(_message.Message):
    __slots__ = ("tenant", "slug", "include_internal")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INTERNAL_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    slug: str
    include_internal: bool
    def __init__(self, tenant: _Optional[str] = ..., slug: _Optional[str] = ..., include_internal: _Optional[bool] = ...) -> None: ...

class GetPublishedStoryResponse(_message.Message):
    __slots__ = ("story",)
    STORY_FIELD_NUMBER: _ClassVar[int]
    story: _published_story_pb2.PublishedStory
    def __init__(self, story: _Optional[_Union[_published_story_pb2.PublishedStory, _Mapping]] = ...) -> None: ...

class ListPublishedStoriesRequest(_message.Message):
    __slots__ = ("tenant", "page_size", "page_token", "section_slug", "tag_slug", "type", "include_internal")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SECTION_SLUG_FIELD_NUMBER: _ClassVar[int]
    TAG_SLUG_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INTERNAL_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    page_size: int
    page_token: str
    section_slug: str
    tag_slug: str
    type: _story_pb2.StoryType
    include_internal: bool
    def __init__(self, tenant: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., section_slug: _Optional[str] = ..., tag_slug: _Optional[str] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., include_internal: _Optional[bool] = ...) -> None: ...

class ListPublishedStoriesResponse(_message.Message):
    __slots__ = ("stories", "next_page_token")
    STORIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    stories: _containers.RepeatedCompositeFieldContainer[_published_story_pb2.PublishedStorySummary]
    next_page_token: str
    def __init__(self, stories: _Optional[_Iterable[_Union[_published_story_pb2.PublishedStorySummary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListRelatedStoriesRequest(_message.Message):
    __slots__ = ("tenant", "slug", "page_size")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    slug: str
    page_size: int
    def __init__(self, tenant: _Optional[str] = ..., slug: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListRelatedStoriesResponse(_message.Message):
    __slots__ = ("stories",)
    STORIES_FIELD_NUMBER: _ClassVar[int]
    stories: _containers.RepeatedCompositeFieldContainer[_published_story_pb2.PublishedStorySummary]
    def __init__(self, stories: _Optional[_Iterable[_Union[_published_story_pb2.PublishedStorySummary, _Mapping]]] = ...) -> None: ...

class SearchPublishedStoriesRequest(_message.Message):
    __slots__ = ("tenant", "query", "page_size", "page_token", "include_internal", "section_slug")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INTERNAL_FIELD_NUMBER: _ClassVar[int]
    SECTION_SLUG_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    query: str
    page_size: int
    page_token: str
    include_internal: bool
    section_slug: str
    def __init__(self, tenant: _Optional[str] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., include_internal: _Optional[bool] = ..., section_slug: _Optional[str] = ...) -> None: ...

class SearchPublishedStoriesResponse(_message.Message):
    __slots__ = ("hits", "next_page_token")
    HITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[_published_story_pb2.SearchHit]
    next_page_token: str
    def __init__(self, hits: _Optional[_Iterable[_Union[_published_story_pb2.SearchHit, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetFeedRequest(_message.Message):
    __slots__ = ("tenant", "section_slug", "format", "base_url")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SECTION_SLUG_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    section_slug: str
    format: _published_story_pb2.FeedFormat
    base_url: str
    def __init__(self, tenant: _Optional[str] = ..., section_slug: _Optional[str] = ..., format: _Optional[_Union[_published_story_pb2.FeedFormat, str]] = ..., base_url: _Optional[str] = ...) -> None: ...

class GetFeedResponse(_message.Message):
    __slots__ = ("content_type", "body", "etag", "last_modified")
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    LAST_MODIFIED_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    body: bytes
    etag: str
    last_modified: _timestamp_pb2.Timestamp
    def __init__(self, content_type: _Optional[str] = ..., body: _Optional[bytes] = ..., etag: _Optional[str] = ..., last_modified: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSitemapRequest(_message.Message):
    __slots__ = ("tenant", "base_url", "news")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    NEWS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    base_url: str
    news: bool
    def __init__(self, tenant: _Optional[str] = ..., base_url: _Optional[str] = ..., news: _Optional[bool] = ...) -> None: ...

class GetSitemapResponse(_message.Message):
    __slots__ = ("content_type", "body", "etag", "last_modified")
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    LAST_MODIFIED_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    body: bytes
    etag: str
    last_modified: _timestamp_pb2.Timestamp
    def __init__(self, content_type: _Optional[str] = ..., body: _Optional[bytes] = ..., etag: _Optional[str] = ..., last_modified: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
