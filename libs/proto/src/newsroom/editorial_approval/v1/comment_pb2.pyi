import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CommentAnchor(_message.Message):
    __slots__ = ("field", "quote", "start_offset", "end_offset")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    START_OFFSET_FIELD_NUMBER: _ClassVar[int]
    END_OFFSET_FIELD_NUMBER: _ClassVar[int]
    field: str
    quote: str
    start_offset: int
    end_offset: int
    def __init__(self, field: _Optional[str] = ..., quote: _Optional[str] = ..., start_offset: _Optional[int] = ..., end_offset: _Optional[int] = ...) -> None: ...

class Comment(_message.Message):
    __slots__ = ("id", "story_id", "tenant", "revision", "author", "body", "anchor", "created_at", "resolved", "resolved_by", "resolved_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    story_id: str
    tenant: str
    revision: int
    author: _actor_pb2.Actor
    body: str
    anchor: CommentAnchor
    created_at: _timestamp_pb2.Timestamp
    resolved: bool
    resolved_by: _actor_pb2.Actor
    resolved_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., revision: _Optional[int] = ..., author: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., body: _Optional[str] = ..., anchor: _Optional[_Union[CommentAnchor, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved: _Optional[bool] = ..., resolved_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
