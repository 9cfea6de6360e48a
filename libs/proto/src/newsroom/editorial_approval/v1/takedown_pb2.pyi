import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TakedownTargetKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TAKEDOWN_TARGET_KIND_UNSPECIFIED: _ClassVar[TakedownTargetKind]
    TAKEDOWN_TARGET_KIND_PORTAL: _ClassVar[TakedownTargetKind]
    TAKEDOWN_TARGET_KIND_SEARCH: _ClassVar[TakedownTargetKind]
    TAKEDOWN_TARGET_KIND_FEEDS: _ClassVar[TakedownTargetKind]
    TAKEDOWN_TARGET_KIND_SOCIAL_POST: _ClassVar[TakedownTargetKind]

class TakedownTargetStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TAKEDOWN_TARGET_STATUS_UNSPECIFIED: _ClassVar[TakedownTargetStatus]
    TAKEDOWN_TARGET_STATUS_PENDING: _ClassVar[TakedownTargetStatus]
    TAKEDOWN_TARGET_STATUS_CONFIRMED: _ClassVar[TakedownTargetStatus]
    TAKEDOWN_TARGET_STATUS_FAILED: _ClassVar[TakedownTargetStatus]
TAKEDOWN_TARGET_KIND_UNSPECIFIED: TakedownTargetKind
TAKEDOWN_TARGET_KIND_PORTAL: TakedownTargetKind
TAKEDOWN_TARGET_KIND_SEARCH: TakedownTargetKind
TAKEDOWN_TARGET_KIND_FEEDS: TakedownTargetKind
TAKEDOWN_TARGET_KIND_SOCIAL_POST: TakedownTargetKind
TAKEDOWN_TARGET_STATUS_UNSPECIFIED: TakedownTargetStatus
TAKEDOWN_TARGET_STATUS_PENDING: TakedownTargetStatus
TAKEDOWN_TARGET_STATUS_CONFIRMED: TakedownTargetStatus
TAKEDOWN_TARGET_STATUS_FAILED: TakedownTargetStatus

class TakedownTarget(_message.Message):
    __slots__ = ("kind", "status", "channel_id", "channel_name", "post_job_id", "external_post_id", "detail", "confirmed_at")
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_NAME_FIELD_NUMBER: _ClassVar[int]
    POST_JOB_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_POST_ID_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_AT_FIELD_NUMBER: _ClassVar[int]
    kind: TakedownTargetKind
    status: TakedownTargetStatus
    channel_id: str
    channel_name: str
    post_job_id: str
    external_post_id: str
    detail: str
    confirmed_at: _timestamp_pb2.Timestamp
    def __init__(self, kind: _Optional[_Union[TakedownTargetKind, str]] = ..., status: _Optional[_Union[TakedownTargetStatus, str]] = ..., channel_id: _Optional[str] = ..., channel_name: _Optional[str] = ..., post_job_id: _Optional[str] = ..., external_post_id: _Optional[str] = ..., detail: _Optional[str] = ..., confirmed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Takedown(_message.Message):
    __slots__ = ("id", "tenant", "story_id", "reason", "fast_track", "requested_by", "requested_at", "targets", "complete", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    story_id: str
    reason: str
    fast_track: bool
    requested_by: _actor_pb2.Actor
    requested_at: _timestamp_pb2.Timestamp
    targets: _containers.RepeatedCompositeFieldContainer[TakedownTarget]
    complete: bool
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., reason: _Optional[str] = ..., fast_track: _Optional[bool] = ..., requested_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., targets: _Optional[_Iterable[_Union[TakedownTarget, _Mapping]]] = ..., complete: _Optional[bool] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
