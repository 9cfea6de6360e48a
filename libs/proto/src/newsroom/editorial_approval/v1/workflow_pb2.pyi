import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.content.v1 import story_pb2 as _story_pb2
from newsroom.editorial_approval.v1 import policy_pb2 as _policy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WorkflowState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WORKFLOW_STATE_UNSPECIFIED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_DRAFT: _ClassVar[WorkflowState]
    WORKFLOW_STATE_SUBMITTED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_IN_REVIEW: _ClassVar[WorkflowState]
    WORKFLOW_STATE_CHANGES_REQUESTED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_APPROVED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_SCHEDULED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_PUBLISHED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_CORRECTED: _ClassVar[WorkflowState]
    WORKFLOW_STATE_RETRACTED: _ClassVar[WorkflowState]

class Decision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DECISION_UNSPECIFIED: _ClassVar[Decision]
    DECISION_APPROVED: _ClassVar[Decision]
    DECISION_CHANGES_REQUESTED: _ClassVar[Decision]

class FastTrackAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FAST_TRACK_ACTION_UNSPECIFIED: _ClassVar[FastTrackAction]
    FAST_TRACK_ACTION_PUBLISH: _ClassVar[FastTrackAction]
    FAST_TRACK_ACTION_CORRECT: _ClassVar[FastTrackAction]
    FAST_TRACK_ACTION_RETRACT: _ClassVar[FastTrackAction]
WORKFLOW_STATE_UNSPECIFIED: WorkflowState
WORKFLOW_STATE_DRAFT: WorkflowState
WORKFLOW_STATE_SUBMITTED: WorkflowState
WORKFLOW_STATE_IN_REVIEW: WorkflowState
WORKFLOW_STATE_CHANGES_REQUESTED: WorkflowState
WORKFLOW_STATE_APPROVED: WorkflowState
WORKFLOW_STATE_SCHEDULED: WorkflowState
WORKFLOW_STATE_PUBLISHED: WorkflowState
WORKFLOW_STATE_CORRECTED: WorkflowState
WORKFLOW_STATE_RETRACTED: WorkflowState
DECISION_UNSPECIFIED: Decision
DECISION_APPROVED: Decision
DECISION_CHANGES_REQUESTED: Decision
FAST_TRACK_ACTION_UNSPECIFIED: FastTrackAction
FAST_TRACK_ACTION_PUBLISH: FastTrackAction
FAST_TRACK_ACTION_CORRECT: FastTrackAction
FAST_TRACK_ACTION_RETRACT: FastTrackAction

class StageDecision(_message.Message):
    __slots__ = ("stage", "role", "decided_by", "decision", "revision", "decided_at", "comment")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    stage: int
    role: _policy_pb2.ApprovalRole
    decided_by: _actor_pb2.Actor
    decision: Decision
    revision: int
    decided_at: _timestamp_pb2.Timestamp
    comment: str
    def __init__(self, stage: _Optional[int] = ..., role: _Optional[_Union[_policy_pb2.ApprovalRole, str]] = ..., decided_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., decision: _Optional[_Union[Decision, str]] = ..., revision: _Optional[int] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., comment: _Optional[str] = ...) -> None: ...

class Workflow(_message.Message):
    __slots__ = ("story_id", "tenant", "state", "story_type", "author_id", "revision", "stages", "current_stage", "decisions", "scheduled_at", "embargo_until", "fast_track", "frozen_hold", "updated_at", "headline", "submitted_at", "published_revision")
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STORY_TYPE_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STAGE_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    EMBARGO_UNTIL_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    FROZEN_HOLD_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_REVISION_FIELD_NUMBER: _ClassVar[int]
    story_id: str
    tenant: str
    state: WorkflowState
    story_type: _story_pb2.StoryType
    author_id: str
    revision: int
    stages: _containers.RepeatedCompositeFieldContainer[_policy_pb2.ApprovalStage]
    current_stage: int
    decisions: _containers.RepeatedCompositeFieldContainer[StageDecision]
    scheduled_at: _timestamp_pb2.Timestamp
    embargo_until: _timestamp_pb2.Timestamp
    fast_track: bool
    frozen_hold: bool
    updated_at: _timestamp_pb2.Timestamp
    headline: str
    submitted_at: _timestamp_pb2.Timestamp
    published_revision: int
    def __init__(self, story_id: _Optional[str] = ..., tenant: _Optional[str] = ..., state: _Optional[_Union[WorkflowState, str]] = ..., story_type: _Optional[_Union[_story_pb2.StoryType, str]] = ..., author_id: _Optional[str] = ..., revision: _Optional[int] = ..., stages: _Optional[_Iterable[_Union[_policy_pb2.ApprovalStage, _Mapping]]] = ..., current_stage: _Optional[int] = ..., decisions: _Optional[_Iterable[_Union[StageDecision, _Mapping]]] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., embargo_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fast_track: _Optional[bool] = ..., frozen_hold: _Optional[bool] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., headline: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_revision: _Optional[int] = ...) -> None: ...
