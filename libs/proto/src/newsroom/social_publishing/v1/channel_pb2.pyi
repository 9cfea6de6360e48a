import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Platform(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLATFORM_UNSPECIFIED: _ClassVar[Platform]
    PLATFORM_FACEBOOK_PAGE: _ClassVar[Platform]
    PLATFORM_YOUTUBE: _ClassVar[Platform]
    PLATFORM_ZALO_OA: _ClassVar[Platform]
    PLATFORM_TELEGRAM_CHANNEL: _ClassVar[Platform]
    PLATFORM_X: _ClassVar[Platform]

class ChannelStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_STATUS_UNSPECIFIED: _ClassVar[ChannelStatus]
    CHANNEL_STATUS_CONNECTED: _ClassVar[ChannelStatus]
    CHANNEL_STATUS_NEEDS_RECONNECT: _ClassVar[ChannelStatus]
    CHANNEL_STATUS_DISCONNECTED: _ClassVar[ChannelStatus]
PLATFORM_UNSPECIFIED: Platform
PLATFORM_FACEBOOK_PAGE: Platform
PLATFORM_YOUTUBE: Platform
PLATFORM_ZALO_OA: Platform
PLATFORM_TELEGRAM_CHANNEL: Platform
PLATFORM_X: Platform
CHANNEL_STATUS_UNSPECIFIED: ChannelStatus
CHANNEL_STATUS_CONNECTED: ChannelStatus
CHANNEL_STATUS_NEEDS_RECONNECT: ChannelStatus
CHANNEL_STATUS_DISCONNECTED: ChannelStatus

class Channel(_message.Message):
    __slots__ = ("id", "tenant", "platform", "display_name", "external_account_id", "status", "connected_by", "connected_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_BY_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    platform: Platform
    display_name: str
    external_account_id: str
    status: ChannelStatus
    connected_by: _actor_pb2.Actor
    connected_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., platform: _Optional[_Union[Platform, str]] = ..., display_name: _Optional[str] = ..., external_account_id: _Optional[str] = ..., status: _Optional[_Union[ChannelStatus, str]] = ..., connected_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., connected_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
