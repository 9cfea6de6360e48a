import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SloState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SLO_STATE_UNSPECIFIED: _ClassVar[SloState]
    SLO_STATE_OK: _ClassVar[SloState]
    SLO_STATE_AT_RISK: _ClassVar[SloState]
    SLO_STATE_BREACHED: _ClassVar[SloState]
SLO_STATE_UNSPECIFIED: SloState
SLO_STATE_OK: SloState
SLO_STATE_AT_RISK: SloState
SLO_STATE_BREACHED: SloState

class ConsumerGroupStatus(_message.Message):
    __slots__ = ("topic", "consumer_group", "lag", "dlq_depth", "last_event_at", "last_committed_at", "slo_state")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_GROUP_FIELD_NUMBER: _ClassVar[int]
    LAG_FIELD_NUMBER: _ClassVar[int]
    DLQ_DEPTH_FIELD_NUMBER: _ClassVar[int]
    LAST_EVENT_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_COMMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    SLO_STATE_FIELD_NUMBER: _ClassVar[int]
    topic: str
    consumer_group: str
    lag: int
    dlq_depth: int
    last_event_at: _timestamp_pb2.Timestamp
    last_committed_at: _timestamp_pb2.Timestamp
    slo_state: SloState
    def __init__(self, topic: _Optional[str] = ..., consumer_group: _Optional[str] = ..., lag: _Optional[int] = ..., dlq_depth: _Optional[int] = ..., last_event_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_committed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., slo_state: _Optional[_Union[SloState, str]] = ...) -> None: ...

class OutboxStatus(_message.Message):
    __slots__ = ("service", "backlog", "oldest_age", "last_relayed_at", "slo_state")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    BACKLOG_FIELD_NUMBER: _ClassVar[int]
    OLDEST_AGE_FIELD_NUMBER: _ClassVar[int]
    LAST_RELAYED_AT_FIELD_NUMBER: _ClassVar[int]
    SLO_STATE_FIELD_NUMBER: _ClassVar[int]
    service: str
    backlog: int
    oldest_age: _duration_pb2.Duration
    last_relayed_at: _timestamp_pb2.Timestamp
    slo_state: SloState
    def __init__(self, service: _Optional[str] = ..., backlog: _Optional[int] = ..., oldest_age: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., last_relayed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., slo_state: _Optional[_Union[SloState, str]] = ...) -> None: ...

class Slo(_message.Message):
    __slots__ = ("name", "description", "objective", "current", "window", "state")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OBJECTIVE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    objective: float
    current: float
    window: _duration_pb2.Duration
    state: SloState
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., objective: _Optional[float] = ..., current: _Optional[float] = ..., window: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., state: _Optional[_Union[SloState, str]] = ...) -> None: ...

class PipelineStatus(_message.Message):
    __slots__ = ("state", "consumer_groups", "outboxes", "slos", "observed_at")
    STATE_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_GROUPS_FIELD_NUMBER: _ClassVar[int]
    OUTBOXES_FIELD_NUMBER: _ClassVar[int]
    SLOS_FIELD_NUMBER: _ClassVar[int]
    OBSERVED_AT_FIELD_NUMBER: _ClassVar[int]
    state: SloState
    consumer_groups: _containers.RepeatedCompositeFieldContainer[ConsumerGroupStatus]
    outboxes: _containers.RepeatedCompositeFieldContainer[OutboxStatus]
    slos: _containers.RepeatedCompositeFieldContainer[Slo]
    observed_at: _timestamp_pb2.Timestamp
    def __init__(self, state: _Optional[_Union[SloState, str]] = ..., consumer_groups: _Optional[_Iterable[_Union[ConsumerGroupStatus, _Mapping]]] = ..., outboxes: _Optional[_Iterable[_Union[OutboxStatus, _Mapping]]] = ..., slos: _Optional[_Iterable[_Union[Slo, _Mapping]]] = ..., observed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
