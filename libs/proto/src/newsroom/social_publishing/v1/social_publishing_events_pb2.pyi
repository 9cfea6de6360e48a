import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.social_publishing.v1 import channel_pb2 as _channel_pb2
from newsroom.social_publishing.v1 import post_job_pb2 as _post_job_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PostPublished(_message.Message):
    __slots__ = ("post_job_id", "tenant", "story_id", "channel_id", "platform", "external_post_id", "external_url", "attempts", "published_at")
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_POST_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_URL_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    post_job_id: str
    tenant: str
    story_id: str
    channel_id: str
    platform: _channel_pb2.Platform
    external_post_id: str
    external_url: str
    attempts: int
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, post_job_id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., platform: _Optional[_Union[_channel_pb2.Platform, str]] = ..., external_post_id: _Optional[str] = ..., external_url: _Optional[str] = ..., attempts: _Optional[int] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PostFailed(_message.Message):
    __slots__ = ("post_job_id", "tenant", "story_id", "channel_id", "platform", "error", "attempts", "will_retry", "at")
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    WILL_RETRY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    post_job_id: str
    tenant: str
    story_id: str
    channel_id: str
    platform: _channel_pb2.Platform
    error: str
    attempts: int
    will_retry: bool
    at: _timestamp_pb2.Timestamp
    def __init__(self, post_job_id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., platform: _Optional[_Union[_channel_pb2.Platform, str]] = ..., error: _Optional[str] = ..., attempts: _Optional[int] = ..., will_retry: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TakedownStarted(_message.Message):
    __slots__ = ("story_id", "tenant", "posts", "at")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    POSTS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    posts: _containers.RepeatedCompositeFieldContainer[_post_job_pb2.PostJob]
    at: _timestamp_pb2.Timestamp
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., posts: _Optional[_Iterable[_Union[_post_job_pb2.PostJob, _Mapping]]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PostDeleted(_message.Message):
    __slots__ = ("post_job_id", "tenant", "story_id", "channel_id", "platform", "external_post_id", "deleted_at")
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_POST_ID_FIELD_NUMBER: _ClassVar[int]
    DELETED_AT_FIELD_NUMBER: _ClassVar[int]
    post_job_id: str
    tenant: str
    story_id: str
    channel_id: str
    platform: _channel_pb2.Platform
    external_post_id: str
    deleted_at: _timestamp_pb2.Timestamp
    def __init__(self, post_job_id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., platform: _Optional[_Union[_channel_pb2.Platform, str]] = ..., external_post_id: _Optional[str] = ..., deleted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PostDeleteFailed(_message.Message):
    __slots__ = ("post_job_id", "tenant", "story_id", "channel_id", "platform", "external_post_id", "error", "attempts", "will_retry", "at")
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_POST_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    WILL_RETRY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    post_job_id: str
    tenant: str
    story_id: str
    channel_id: str
    platform: _channel_pb2.Platform
    external_post_id: str
    error: str
    attempts: int
    will_retry: bool
    at: _timestamp_pb2.Timestamp
    def __init__(self, post_job_id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., platform: _Optional[_Union[_channel_pb2.Platform, str]] = ..., external_post_id: _Optional[str] = ..., error: _Optional[str] = ..., attempts: _Optional[int] = ..., will_retry: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
