import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FreezeScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FREEZE_SCOPE_UNSPECIFIED: _ClassVar[FreezeScope]
    FREEZE_SCOPE_TENANT: _ClassVar[FreezeScope]
    FREEZE_SCOPE_GROUP: _ClassVar[FreezeScope]
FREEZE_SCOPE_UNSPECIFIED: FreezeScope
FREEZE_SCOPE_TENANT: FreezeScope
FREEZE_SCOPE_GROUP: FreezeScope

class Freeze(_message.Message):
    __slots__ = ("id", "scope", "tenant", "active", "reason", "set_by", "set_at", "lifted_by", "lifted_at", "lift_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SET_BY_FIELD_NUMBER: _ClassVar[int]
    SET_AT_FIELD_NUMBER: _ClassVar[int]
    LIFTED_BY_FIELD_NUMBER: _ClassVar[int]
    LIFTED_AT_FIELD_NUMBER: _ClassVar[int]
    LIFT_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    scope: FreezeScope
    tenant: str
    active: bool
    reason: str
    set_by: _actor_pb2.Actor
    set_at: _timestamp_pb2.Timestamp
    lifted_by: _actor_pb2.Actor
    lifted_at: _timestamp_pb2.Timestamp
    lift_reason: str
    def __init__(self, id: _Optional[str] = ..., scope: _Optional[_Union[FreezeScope, str]] = ..., tenant: _Optional[str] = ..., active: _Optional[bool] = ..., reason: _Optional[str] = ..., set_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., set_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lifted_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., lifted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lift_reason: _Optional[str] = ...) -> None: ...
