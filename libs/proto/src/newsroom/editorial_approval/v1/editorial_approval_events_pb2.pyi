import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.common.v1 import story_ref_pb2 as _story_ref_pb2
from newsroom.editorial_approval.v1 import freeze_pb2 as _freeze_pb2
from newsroom.editorial_approval.v1 import policy_pb2 as _policy_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WorkflowTransitioned(_message.Message):
    __slots__ = ("story_id", "tenant", "from_state", "to_state", "actor", "reason", "revision", "at", "fast_track", "awaiting_role", "author_id")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    AWAITING_ROLE_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_ID_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    from_state: _workflow_pb2.WorkflowState
    to_state: _workflow_pb2.WorkflowState
    actor: _actor_pb2.Actor
    reason: str
    revision: int
    at: _timestamp_pb2.Timestamp
    fast_track: bool
    awaiting_role: _policy_pb2.ApprovalRole
    author_id: str
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., from_state: _Optional[_Union[_workflow_pb2.WorkflowState, str]] = ..., to_state: _Optional[_Union[_workflow_pb2.WorkflowState, str]] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., reason: _Optional[str] = ..., revision: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fast_track: _Optional[bool] = ..., awaiting_role: _Optional[_Union[_policy_pb2.ApprovalRole, str]] = ..., author_id: _Optional[str] = ...) -> None: ...

class PublishRequested(_message.Message):
    __slots__ = ("story_id", "tenant", "revision", "fast_track", "requested_by", "at")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    revision: int
    fast_track: bool
    requested_by: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., revision: _Optional[int] = ..., fast_track: _Optional[bool] = ..., requested_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CorrectionRequested(_message.Message):
    __slots__ = ("story_id", "tenant", "revision", "correction_note", "fast_track", "actor", "at")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CORRECTION_NOTE_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    revision: int
    correction_note: str
    fast_track: bool
    actor: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., revision: _Optional[int] = ..., correction_note: _Optional[str] = ..., fast_track: _Optional[bool] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RetractionRequested(_message.Message):
    __slots__ = ("story_id", "tenant", "reason", "actor", "fast_track", "at", "takedown_id")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    TAKEDOWN_ID_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    reason: str
    actor: _actor_pb2.Actor
    fast_track: bool
    at: _timestamp_pb2.Timestamp
    takedown_id: str
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., reason: _Optional[str] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., fast_track: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., takedown_id: _Optional[str] = ...) -> None: ...

class StoryScheduled(_message.Message):
    __slots__ = ("story_id", "tenant", "revision", "publish_at", "embargo", "actor", "at")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_AT_FIELD_NUMBER: _ClassVar[int]
    EMBARGO_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    revision: int
    publish_at: _timestamp_pb2.Timestamp
    embargo: bool
    actor: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., revision: _Optional[int] = ..., publish_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., embargo: _Optional[bool] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FreezeChanged(_message.Message):
    __slots__ = ("freeze_id", "scope", "tenant", "active", "reason", "actor", "at")
    FREEZE_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    freeze_id: str
    scope: _freeze_pb2.FreezeScope
    tenant: str
    active: bool
    reason: str
    actor: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, freeze_id: _Optional[str] = ..., scope: _Optional[_Union[_freeze_pb2.FreezeScope, str]] = ..., tenant: _Optional[str] = ..., active: _Optional[bool] = ..., reason: _Optional[str] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StoryNominated(_message.Message):
    __slots__ = ("nomination_id", "source", "source_revision", "target_tenant", "nominated_by", "note", "at")
    NOMINATION_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_REVISION_FIELD_NUMBER: _ClassVar[int]
    TARGET_TENANT_FIELD_NUMBER: _ClassVar[int]
    NOMINATED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    nomination_id: str
    source: _story_ref_pb2.StoryRef
    source_revision: int
    target_tenant: str
    nominated_by: _actor_pb2.Actor
    note: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, nomination_id: _Optional[str] = ..., source: _Optional[_Union[_story_ref_pb2.StoryRef, _Mapping]] = ..., source_revision: _Optional[int] = ..., target_tenant: _Optional[str] = ..., nominated_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., note: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
