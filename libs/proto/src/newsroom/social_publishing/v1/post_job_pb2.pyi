import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.social_publishing.v1 import channel_pb2 as _channel_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PostJobStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POST_JOB_STATUS_UNSPECIFIED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_PLANNED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_QUEUED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_PUBLISHING: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_PUBLISHED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_FAILED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_DELETING: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_DELETED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_HELD: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_CANCELLED: _ClassVar[PostJobStatus]
    POST_JOB_STATUS_DELETE_FAILED: _ClassVar[PostJobStatus]
POST_JOB_STATUS_UNSPECIFIED: PostJobStatus
POST_JOB_STATUS_PLANNED: PostJobStatus
POST_JOB_STATUS_QUEUED: PostJobStatus
POST_JOB_STATUS_PUBLISHING: PostJobStatus
POST_JOB_STATUS_PUBLISHED: PostJobStatus
POST_JOB_STATUS_FAILED: PostJobStatus
POST_JOB_STATUS_DELETING: PostJobStatus
POST_JOB_STATUS_DELETED: PostJobStatus
POST_JOB_STATUS_HELD: PostJobStatus
POST_JOB_STATUS_CANCELLED: PostJobStatus
POST_JOB_STATUS_DELETE_FAILED: PostJobStatus

class PostJob(_message.Message):
    __slots__ = ("id", "tenant", "story_id", "channel_id", "platform", "status", "approved_copy", "link", "media_asset_ids", "scheduled_at", "attempts", "external_post_id", "external_url", "last_error", "idempotency_key", "created_at", "updated_at", "published_at", "deleted_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    APPROVED_COPY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_POST_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_URL_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    DELETED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    story_id: str
    channel_id: str
    platform: _channel_pb2.Platform
    status: PostJobStatus
    approved_copy: str
    link: str
    media_asset_ids: _containers.RepeatedScalarFieldContainer[str]
    scheduled_at: _timestamp_pb2.Timestamp
    attempts: int
    external_post_id: str
    external_url: str
    last_error: str
    idempotency_key: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    published_at: _timestamp_pb2.Timestamp
    deleted_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., platform: _Optional[_Union[_channel_pb2.Platform, str]] = ..., status: _Optional[_Union[PostJobStatus, str]] = ..., approved_copy: _Optional[str] = ..., link: _Optional[str] = ..., media_asset_ids: _Optional[_Iterable[str]] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempts: _Optional[int] = ..., external_post_id: _Optional[str] = ..., external_url: _Optional[str] = ..., last_error: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deleted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
