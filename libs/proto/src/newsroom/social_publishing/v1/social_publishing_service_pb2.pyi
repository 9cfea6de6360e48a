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

class OAuthGrant(_message.Message):
    __slots__ = ("authorization_code", "redirect_uri", "code_verifier")
    AUTHORIZATION_CODE_FIELD_NUMBER: _ClassVar[int]
    REDIRECT_URI_FIELD_NUMBER: _ClassVar[int]
    CODE_VERIFIER_FIELD_NUMBER: _ClassVar[int]
    authorization_code: str
    redirect_uri: str
    code_verifier: str
    def __init__(self, authorization_code: _Optional[str] = ..., redirect_uri: _Optional[str] = ..., code_verifier: _Optional[str] = ...) -> None: ...

class ConnectChannelRequest(_message.Message):
    __slots__ = ("tenant", "platform", "display_name", "external_account_id", "oauth_grant", "bot_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    OAUTH_GRANT_FIELD_NUMBER: _ClassVar[int]
    BOT_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    platform: _channel_pb2.Platform
    display_name: str
    external_account_id: str
    oauth_grant: OAuthGrant
    bot_token: str
    def __init__(self, tenant: _Optional[str] = ..., platform: _Optional[_Union[_channel_pb2.Platform, str]] = ..., display_name: _Optional[str] = ..., external_account_id: _Optional[str] = ..., oauth_grant: _Optional[_Union[OAuthGrant, _Mapping]] = ..., bot_token: _Optional[str] = ...) -> None: ...

class ConnectChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: _channel_pb2.Channel
    def __init__(self, channel: _Optional[_Union[_channel_pb2.Channel, _Mapping]] = ...) -> None: ...

class ListChannelsRequest(_message.Message):
    __slots__ = ("tenant", "page_size", "page_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    page_size: int
    page_token: str
    def __init__(self, tenant: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChannelsResponse(_message.Message):
    __slots__ = ("channels", "next_page_token")
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedCompositeFieldContainer[_channel_pb2.Channel]
    next_page_token: str
    def __init__(self, channels: _Optional[_Iterable[_Union[_channel_pb2.Channel, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DisconnectChannelRequest(_message.Message):
    __slots__ = ("tenant", "channel_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    channel_id: str
    def __init__(self, tenant: _Optional[str] = ..., channel_id: _Optional[str] = ...) -> None: ...

class DisconnectChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: _channel_pb2.Channel
    def __init__(self, channel: _Optional[_Union[_channel_pb2.Channel, _Mapping]] = ...) -> None: ...

class PlannedPost(_message.Message):
    __slots__ = ("channel_id", "copy", "link", "media_asset_ids", "scheduled_at")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    COPY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ASSET_IDS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    copy: str
    link: str
    media_asset_ids: _containers.RepeatedScalarFieldContainer[str]
    scheduled_at: _timestamp_pb2.Timestamp
    def __init__(self, channel_id: _Optional[str] = ..., copy: _Optional[str] = ..., link: _Optional[str] = ..., media_asset_ids: _Optional[_Iterable[str]] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PlanPostsRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "posts")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    POSTS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    posts: _containers.RepeatedCompositeFieldContainer[PlannedPost]
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., posts: _Optional[_Iterable[_Union[PlannedPost, _Mapping]]] = ...) -> None: ...

class PlanPostsResponse(_message.Message):
    __slots__ = ("post_jobs",)
    POST_JOBS_FIELD_NUMBER: _ClassVar[int]
    post_jobs: _containers.RepeatedCompositeFieldContainer[_post_job_pb2.PostJob]
    def __init__(self, post_jobs: _Optional[_Iterable[_Union[_post_job_pb2.PostJob, _Mapping]]] = ...) -> None: ...

class ListPostJobsRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "page_size", "page_token", "status")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    page_size: int
    page_token: str
    status: _post_job_pb2.PostJobStatus
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[_post_job_pb2.PostJobStatus, str]] = ...) -> None: ...

class ListPostJobsResponse(_message.Message):
    __slots__ = ("post_jobs", "next_page_token")
    POST_JOBS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    post_jobs: _containers.RepeatedCompositeFieldContainer[_post_job_pb2.PostJob]
    next_page_token: str
    def __init__(self, post_jobs: _Optional[_Iterable[_Union[_post_job_pb2.PostJob, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetPostJobRequest(_message.Message):
    __slots__ = ("tenant", "post_job_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    post_job_id: str
    def __init__(self, tenant: _Optional[str] = ..., post_job_id: _Optional[str] = ...) -> None: ...

class GetPostJobResponse(_message.Message):
    __slots__ = ("post_job",)
    POST_JOB_FIELD_NUMBER: _ClassVar[int]
    post_job: _post_job_pb2.PostJob
    def __init__(self, post_job: _Optional[_Union[_post_job_pb2.PostJob, _Mapping]] = ...) -> None: ...

class RetryPostJobRequest(_message.Message):
    __slots__ = ("tenant", "post_job_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    post_job_id: str
    def __init__(self, tenant: _Optional[str] = ..., post_job_id: _Optional[str] = ...) -> None: ...

class RetryPostJobResponse(_message.Message):
    __slots__ = ("post_job",)
    POST_JOB_FIELD_NUMBER: _ClassVar[int]
    post_job: _post_job_pb2.PostJob
    def __init__(self, post_job: _Optional[_Union[_post_job_pb2.PostJob, _Mapping]] = ...) -> None: ...
