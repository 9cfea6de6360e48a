import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.common.v1 import story_ref_pb2 as _story_ref_pb2
from newsroom.content.v1 import story_pb2 as _story_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StoryCreated(_message.Message):
    __slots__ = ("story_id", "tenant", "type", "headline", "author", "created_at", "syndicated_from", "nomination_id")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    SYNDICATED_FROM_FIELD_NUMBER: _ClassVar[int]
    NOMINATION_ID_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    type: _story_pb2.StoryType
    headline: str
    author: _actor_pb2.Actor
    created_at: _timestamp_pb2.Timestamp
    syndicated_from: _story_ref_pb2.StoryRef
    nomination_id: str
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., headline: _Optional[str] = ..., author: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., syndicated_from: _Optional[_Union[_story_ref_pb2.StoryRef, _Mapping]] = ..., nomination_id: _Optional[str] = ...) -> None: ...

class StoryRevised(_message.Message):
    __slots__ = ("story_id", "tenant", "revision", "author", "revised_at", "version", "coalesced")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    REVISED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    COALESCED_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    revision: int
    author: _actor_pb2.Actor
    revised_at: _timestamp_pb2.Timestamp
    version: int
    coalesced: bool
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., revision: _Optional[int] = ..., author: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., revised_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ..., coalesced: _Optional[bool] = ...) -> None: ...

class StoryPublished(_message.Message):
    __slots__ = ("story_id", "tenant", "slug", "revision", "headline", "section_slug", "type", "visibility", "published_at", "fast_track", "media_asset_ids", "media")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SECTION_SLUG_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    slug: str
    revision: int
    headline: str
    section_slug: str
    type: _story_pb2.StoryType
    visibility: _story_pb2.Visibility
    published_at: _timestamp_pb2.Timestamp
    fast_track: bool
    media_asset_ids: _containers.RepeatedScalarFieldContainer[str]
    media: _containers.RepeatedCompositeFieldContainer[_story_pb2.StoryMedia]
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., slug: _Optional[str] = ..., revision: _Optional[int] = ..., headline: _Optional[str] = ..., section_slug: _Optional[str] = ..., type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., visibility: _Optional[_Union[_story_pb2.Visibility, str]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fast_track: _Optional[bool] = ..., media_asset_ids: _Optional[_Iterable[str]] = ..., media: _Optional[_Iterable[_Union[_story_pb2.StoryMedia, _Mapping]]] = ...) -> None: ...

class StoryCorrected(_message.Message):
    __slots__ = ("story_id", "tenant", "slug", "revision", "correction_note", "corrected_at", "fast_track", "media_asset_ids", "media")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CORRECTION_NOTE_FIELD_NUMBER: _ClassVar[int]
    CORRECTED_AT_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    slug: str
    revision: int
    correction_note: str
    corrected_at: _timestamp_pb2.Timestamp
    fast_track: bool
    media_asset_ids: _containers.RepeatedScalarFieldContainer[str]
    media: _containers.RepeatedCompositeFieldContainer[_story_pb2.StoryMedia]
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., slug: _Optional[str] = ..., revision: _Optional[int] = ..., correction_note: _Optional[str] = ..., corrected_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fast_track: _Optional[bool] = ..., media_asset_ids: _Optional[_Iterable[str]] = ..., media: _Optional[_Iterable[_Union[_story_pb2.StoryMedia, _Mapping]]] = ...) -> None: ...

class StoryRetracted(_message.Message):
    __slots__ = ("story_id", "tenant", "slug", "reason", "retracted_at", "actor", "fast_track", "media_asset_ids", "takedown_id")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RETRACTED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    TAKEDOWN_ID_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    slug: str
    reason: str
    retracted_at: _timestamp_pb2.Timestamp
    actor: _actor_pb2.Actor
    fast_track: bool
    media_asset_ids: _containers.RepeatedScalarFieldContainer[str]
    takedown_id: str
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., slug: _Optional[str] = ..., reason: _Optional[str] = ..., retracted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., fast_track: _Optional[bool] = ..., media_asset_ids: _Optional[_Iterable[str]] = ..., takedown_id: _Optional[str] = ...) -> None: ...

class StoryMediaUpdated(_message.Message):
    __slots__ = ("story_id", "tenant", "slug", "revision", "at")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    slug: str
    revision: int
    at: _timestamp_pb2.Timestamp
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., slug: _Optional[str] = ..., revision: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TenantProvisioned(_message.Message):
    __slots__ = ("tenant", "name", "default_language", "group_tenant", "provisioned_at")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    GROUP_TENANT_FIELD_NUMBER: _ClassVar[int]
    PROVISIONED_AT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    name: str
    default_language: str
    group_tenant: bool
    provisioned_at: _timestamp_pb2.Timestamp
    def __init__(self, tenant: _Optional[str] = ..., name: _Optional[str] = ..., default_language: _Optional[str] = ..., group_tenant: _Optional[bool] = ..., provisioned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
