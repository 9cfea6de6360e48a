import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.editorial_approval.v1 import policy_pb2 as _policy_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AuditAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIT_ACTION_UNSPECIFIED: _ClassVar[AuditAction]
    AUDIT_ACTION_SUBMIT: _ClassVar[AuditAction]
    AUDIT_ACTION_APPROVE: _ClassVar[AuditAction]
    AUDIT_ACTION_REQUEST_CHANGES: _ClassVar[AuditAction]
    AUDIT_ACTION_SCHEDULE: _ClassVar[AuditAction]
    AUDIT_ACTION_UNSCHEDULE: _ClassVar[AuditAction]
    AUDIT_ACTION_PUBLISH: _ClassVar[AuditAction]
    AUDIT_ACTION_CORRECT: _ClassVar[AuditAction]
    AUDIT_ACTION_RETRACT: _ClassVar[AuditAction]
    AUDIT_ACTION_NOMINATE: _ClassVar[AuditAction]
    AUDIT_ACTION_SET_POLICY: _ClassVar[AuditAction]
    AUDIT_ACTION_SET_FREEZE: _ClassVar[AuditAction]
    AUDIT_ACTION_LIFT_FREEZE: _ClassVar[AuditAction]
    AUDIT_ACTION_CHANGE_ROLES: _ClassVar[AuditAction]
AUDIT_ACTION_UNSPECIFIED: AuditAction
AUDIT_ACTION_SUBMIT: AuditAction
AUDIT_ACTION_APPROVE: AuditAction
AUDIT_ACTION_REQUEST_CHANGES: AuditAction
AUDIT_ACTION_SCHEDULE: AuditAction
AUDIT_ACTION_UNSCHEDULE: AuditAction
AUDIT_ACTION_PUBLISH: AuditAction
AUDIT_ACTION_CORRECT: AuditAction
AUDIT_ACTION_RETRACT: AuditAction
AUDIT_ACTION_NOMINATE: AuditAction
AUDIT_ACTION_SET_POLICY: AuditAction
AUDIT_ACTION_SET_FREEZE: AuditAction
AUDIT_ACTION_LIFT_FREEZE: AuditAction
AUDIT_ACTION_CHANGE_ROLES: AuditAction

class AuditRecord(_message.Message):
    __slots__ = ("id", "tenant", "story_id", "actor", "actor_roles", "action", "from_state", "to_state", "reason", "revision", "at", "request_id", "fast_track", "subject", "roles_before", "roles_after")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLES_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    FAST_TRACK_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLES_BEFORE_FIELD_NUMBER: _ClassVar[int]
    ROLES_AFTER_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    story_id: str
    actor: _actor_pb2.Actor
    actor_roles: _containers.RepeatedScalarFieldContainer[_policy_pb2.ApprovalRole]
    action: AuditAction
    from_state: _workflow_pb2.WorkflowState
    to_state: _workflow_pb2.WorkflowState
    reason: str
    revision: int
    at: _timestamp_pb2.Timestamp
    request_id: str
    fast_track: bool
    subject: _actor_pb2.Actor
    roles_before: _containers.RepeatedScalarFieldContainer[_policy_pb2.ApprovalRole]
    roles_after: _containers.RepeatedScalarFieldContainer[_policy_pb2.ApprovalRole]
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., actor: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., actor_roles: _Optional[_Iterable[_Union[_policy_pb2.ApprovalRole, str]]] = ..., action: _Optional[_Union[AuditAction, str]] = ..., from_state: _Optional[_Union[_workflow_pb2.WorkflowState, str]] = ..., to_state: _Optional[_Union[_workflow_pb2.WorkflowState, str]] = ..., reason: _Optional[str] = ..., revision: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., request_id: _Optional[str] = ..., fast_track: _Optional[bool] = ..., subject: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., roles_before: _Optional[_Iterable[_Union[_policy_pb2.ApprovalRole, str]]] = ..., roles_after: _Optional[_Iterable[_Union[_policy_pb2.ApprovalRole, str]]] = ...) -> None: ...
