import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.common.v1 import story_ref_pb2 as _story_ref_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StoryType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STORY_TYPE_UNSPECIFIED: _ClassVar[StoryType]
    STORY_TYPE_NEWS: _ClassVar[StoryType]
    STORY_TYPE_FEATURE: _ClassVar[StoryType]
    STORY_TYPE_GALLERY: _ClassVar[StoryType]
    STORY_TYPE_VIDEO: _ClassVar[StoryType]
    STORY_TYPE_OPINION: _ClassVar[StoryType]
    STORY_TYPE_OFFICIAL_STATEMENT: _ClassVar[StoryType]

class Visibility(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VISIBILITY_UNSPECIFIED: _ClassVar[Visibility]
    VISIBILITY_PUBLIC: _ClassVar[Visibility]
    VISIBILITY_INTERNAL: _ClassVar[Visibility]

class StoryStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STORY_STATUS_UNSPECIFIED: _ClassVar[StoryStatus]
    STORY_STATUS_DRAFT: _ClassVar[StoryStatus]
    STORY_STATUS_SUBMITTED: _ClassVar[StoryStatus]
    STORY_STATUS_IN_REVIEW: _ClassVar[StoryStatus]
    STORY_STATUS_CHANGES_REQUESTED: _ClassVar[StoryStatus]
    STORY_STATUS_APPROVED: _ClassVar[StoryStatus]
    STORY_STATUS_SCHEDULED: _ClassVar[StoryStatus]
    STORY_STATUS_PUBLISHED: _ClassVar[StoryStatus]
    STORY_STATUS_CORRECTED: _ClassVar[StoryStatus]
    STORY_STATUS_RETRACTED: _ClassVar[StoryStatus]
STORY_TYPE_UNSPECIFIED: StoryType
STORY_TYPE_NEWS: StoryType
STORY_TYPE_FEATURE: StoryType
STORY_TYPE_GALLERY: StoryType
STORY_TYPE_VIDEO: StoryType
STORY_TYPE_OPINION: StoryType
STORY_TYPE_OFFICIAL_STATEMENT: StoryType
VISIBILITY_UNSPECIFIED: Visibility
VISIBILITY_PUBLIC: Visibility
VISIBILITY_INTERNAL: Visibility
STORY_STATUS_UNSPECIFIED: StoryStatus
STORY_STATUS_DRAFT: StoryStatus
STORY_STATUS_SUBMITTED: StoryStatus
STORY_STATUS_IN_REVIEW: StoryStatus
STORY_STATUS_CHANGES_REQUESTED: StoryStatus
STORY_STATUS_APPROVED: StoryStatus
STORY_STATUS_SCHEDULED: StoryStatus
STORY_STATUS_PUBLISHED: StoryStatus
STORY_STATUS_CORRECTED: StoryStatus
STORY_STATUS_RETRACTED: StoryStatus

class StoryMedia(_message.Message):
    __slots__ = ("asset_id", "caption", "credit", "asset_version")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    ASSET_VERSION_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    caption: str
    credit: str
    asset_version: int
    def __init__(self, asset_id: _Optional[str] = ..., caption: _Optional[str] = ..., credit: _Optional[str] = ..., asset_version: _Optional[int] = ...) -> None: ...

class MediaProblem(_message.Message):
    __slots__ = ("asset_id", "reason")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    reason: str
    def __init__(self, asset_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Story(_message.Message):
    __slots__ = ("id", "tenant", "type", "visibility", "language", "headline", "slug", "slugline", "byline", "summary", "body_html", "section_id", "tags", "media", "author", "status", "current_revision", "published_revision", "created_at", "updated_at", "published_at", "syndicated_from", "version", "working_revision")
    ID_FIELD_NUMBER: _ClassVar[int]
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
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_REVISION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    SYNDICATED_FROM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    WORKING_REVISION_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    type: StoryType
    visibility: Visibility
    language: str
    headline: str
    slug: str
    slugline: str
    byline: str
    summary: str
    body_html: str
    section_id: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    media: _containers.RepeatedCompositeFieldContainer[StoryMedia]
    author: _actor_pb2.Actor
    status: StoryStatus
    current_revision: int
    published_revision: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    published_at: _timestamp_pb2.Timestamp
    syndicated_from: _story_ref_pb2.StoryRef
    version: int
    working_revision: int
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., type: _Optional[_Union[StoryType, str]] = ..., visibility: _Optional[_Union[Visibility, str]] = ..., language: _Optional[str] = ..., headline: _Optional[str] = ..., slug: _Optional[str] = ..., slugline: _Optional[str] = ..., byline: _Optional[str] = ..., summary: _Optional[str] = ..., body_html: _Optional[str] = ..., section_id: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., media: _Optional[_Iterable[_Union[StoryMedia, _Mapping]]] = ..., author: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., status: _Optional[_Union[StoryStatus, str]] = ..., current_revision: _Optional[int] = ..., published_revision: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., syndicated_from: _Optional[_Union[_story_ref_pb2.StoryRef, _Mapping]] = ..., version: _Optional[int] = ..., working_revision: _Optional[int] = ...) -> None: ...

class Revision(_message.Message):
    __slots__ = ("story_id", "number", "type", "visibility", "language", "headline", "slug", "slugline", "byline", "summary", "body_html", "section_id", "tags", "media", "author", "created_at", "note", "updated_at", "saves")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
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
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SAVES_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    number: int
    type: StoryType
    visibility: Visibility
    language: str
    headline: str
    slug: str
    slugline: str
    byline: str
    summary: str
    body_html: str
    section_id: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    media: _containers.RepeatedCompositeFieldContainer[StoryMedia]
    author: _actor_pb2.Actor
    created_at: _timestamp_pb2.Timestamp
    note: str
    updated_at: _timestamp_pb2.Timestamp
    saves: int
    def __init__(self, story_id: _Optional[str] = ..., number: _Optional[int] = ..., type: _Optional[_Union[StoryType, str]] = ..., visibility: _Optional[_Union[Visibility, str]] = ..., language: _Optional[str] = ..., headline: _Optional[str] = ..., slug: _Optional[str] = ..., slugline: _Optional[str] = ..., byline: _Optional[str] = ..., summary: _Optional[str] = ..., body_html: _Optional[str] = ..., section_id: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., media: _Optional[_Iterable[_Union[StoryMedia, _Mapping]]] = ..., author: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., note: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., saves: _Optional[int] = ...) -> None: ...

class FieldDiff(_message.Message):
    __slots__ = ("field", "old_value", "new_value", "unified_diff")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    OLD_VALUE_FIELD_NUMBER: _ClassVar[int]
    NEW_VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_DIFF_FIELD_NUMBER: _ClassVar[int]
    field: str
    old_value: str
    new_value: str
    unified_diff: str
    def __init__(self, field: _Optional[str] = ..., old_value: _Optional[str] = ..., new_value: _Optional[str] = ..., unified_diff: _Optional[str] = ...) -> None: ...
