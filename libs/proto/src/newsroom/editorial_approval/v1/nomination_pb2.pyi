import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Nomination(_message.Message):
    __slots__ = ("id", "story_id", "source_tenant", "source_revision", "target_tenant", "nominated_by", "note", "nominated_at", "group_story_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TENANT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_REVISION_FIELD_NUMBER: _ClassVar[int]
    TARGET_TENANT_FIELD_NUMBER: _ClassVar[int]
    NOMINATED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    NOMINATED_AT_FIELD_NUMBER: _ClassVar[int]
    GROUP_STORY_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    story_id: str
    source_tenant: str
    source_revision: int
    target_tenant: str
    nominated_by: _actor_pb2.Actor
    note: str
    nominated_at: _timestamp_pb2.Timestamp
    group_story_id: str
    def __init__(self, id: _Optional[str] = ..., story_id: _Optional[str] = ..., source_tenant: _Optional[str] = ..., source_revision: _Optional[int] = ..., target_tenant: _Optional[str] = ..., nominated_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., note: _Optional[str] = ..., nominated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., group_story_id: _Optional[str] = ...) -> None: ...
