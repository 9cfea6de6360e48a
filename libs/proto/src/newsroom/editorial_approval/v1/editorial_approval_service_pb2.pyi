import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.editorial_approval.v1 import audit_pb2 as _audit_pb2
from newsroom.editorial_approval.v1 import comment_pb2 as _comment_pb2
from newsroom.editorial_approval.v1 import freeze_pb2 as _freeze_pb2
from newsroom.editorial_approval.v1 import nomination_pb2 as _nomination_pb2
from newsroom.editorial_approval.v1 import policy_pb2 as _policy_pb2
from newsroom.editorial_approval.v1 import takedown_pb2 as _takedown_pb2
from newsroom.editorial_approval.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SubmitRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class SubmitResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class ApproveRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision", "comment")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    comment: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class ApproveResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class RequestChangesRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision", "reason")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    reason: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class RequestChangesResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class ScheduleRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision", "publish_at", "embargo")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_AT_FIELD_NUMBER: _ClassVar[int]
    EMBARGO_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    publish_at: _timestamp_pb2.Timestamp
    embargo: bool
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ..., publish_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., embargo: _Optional[bool] = ...) -> None: ...

class ScheduleResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class UnscheduleRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "reason")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    reason: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UnscheduleResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class PublishRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class PublishResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class FastTrackRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "action", "reason", "revision", "correction_note")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CORRECTION_NOTE_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    action: _workflow_pb2.FastTrackAction
    reason: str
    revision: int
    correction_note: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., action: _Optional[_Union[_workflow_pb2.FastTrackAction, str]] = ..., reason: _Optional[str] = ..., revision: _Optional[int] = ..., correction_note: _Optional[str] = ...) -> None: ...

class FastTrackResponse(_message.Message):
    __slots__ = ("workflow", "takedown")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    TAKEDOWN_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    takedown: _takedown_pb2.Takedown
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ..., takedown: _Optional[_Union[_takedown_pb2.Takedown, _Mapping]] = ...) -> None: ...

class RetractRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "reason")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    reason: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RetractResponse(_message.Message):
    __slots__ = ("workflow", "takedown")
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    TAKEDOWN_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    takedown: _takedown_pb2.Takedown
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ..., takedown: _Optional[_Union[_takedown_pb2.Takedown, _Mapping]] = ...) -> None: ...

class CorrectRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision", "correction_note")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CORRECTION_NOTE_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    correction_note: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ..., correction_note: _Optional[str] = ...) -> None: ...

class CorrectResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class GetWorkflowRequest(_message.Message):
    __slots__ = ("tenant", "story_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ...) -> None: ...

class GetWorkflowResponse(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class ListQueueRequest(_message.Message):
    __slots__ = ("tenant", "role", "page_size", "page_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    role: _policy_pb2.ApprovalRole
    page_size: int
    page_token: str
    def __init__(self, tenant: _Optional[str] = ..., role: _Optional[_Union[_policy_pb2.ApprovalRole, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListQueueResponse(_message.Message):
    __slots__ = ("workflows", "next_page_token")
    WORKFLOWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    workflows: _containers.RepeatedCompositeFieldContainer[_workflow_pb2.Workflow]
    next_page_token: str
    def __init__(self, workflows: _Optional[_Iterable[_Union[_workflow_pb2.Workflow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AddCommentRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "revision", "body", "anchor")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    revision: int
    body: str
    anchor: _comment_pb2.CommentAnchor
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., revision: _Optional[int] = ..., body: _Optional[str] = ..., anchor: _Optional[_Union[_comment_pb2.CommentAnchor, _Mapping]] = ...) -> None: ...

class AddCommentResponse(_message.Message):
    __slots__ = ("comment",)
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    comment: _comment_pb2.Comment
    def __init__(self, comment: _Optional[_Union[_comment_pb2.Comment, _Mapping]] = ...) -> None: ...

class ListCommentsRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "include_resolved", "page_size", "page_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    include_resolved: bool
    page_size: int
    page_token: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., include_resolved: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCommentsResponse(_message.Message):
    __slots__ = ("comments", "next_page_token")
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    comments: _containers.RepeatedCompositeFieldContainer[_comment_pb2.Comment]
    next_page_token: str
    def __init__(self, comments: _Optional[_Iterable[_Union[_comment_pb2.Comment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ResolveCommentRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "comment_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    comment_id: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., comment_id: _Optional[str] = ...) -> None: ...

class ResolveCommentResponse(_message.Message):
    __slots__ = ("comment",)
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    comment: _comment_pb2.Comment
    def __init__(self, comment: _Optional[_Union[_comment_pb2.Comment, _Mapping]] = ...) -> None: ...

class GetPolicyRequest(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class GetPolicyResponse(_message.Message):
    __slots__ = ("policy",)
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: _policy_pb2.Policy
    def __init__(self, policy: _Optional[_Union[_policy_pb2.Policy, _Mapping]] = ...) -> None: ...

class SetPolicyRequest(_message.Message):
    __slots__ = ("tenant", "stages", "official_statement_role")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    OFFICIAL_STATEMENT_ROLE_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    stages: _containers.RepeatedCompositeFieldContainer[_policy_pb2.ApprovalStage]
    official_statement_role: _policy_pb2.ApprovalRole
    def __init__(self, tenant: _Optional[str] = ..., stages: _Optional[_Iterable[_Union[_policy_pb2.ApprovalStage, _Mapping]]] = ..., official_statement_role: _Optional[_Union[_policy_pb2.ApprovalRole, str]] = ...) -> None: ...

class SetPolicyResponse(_message.Message):
    __slots__ = ("policy",)
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: _policy_pb2.Policy
    def __init__(self, policy: _Optional[_Union[_policy_pb2.Policy, _Mapping]] = ...) -> None: ...

class SetFreezeRequest(_message.Message):
    __slots__ = ("tenant", "scope", "reason")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    scope: _freeze_pb2.FreezeScope
    reason: str
    def __init__(self, tenant: _Optional[str] = ..., scope: _Optional[_Union[_freeze_pb2.FreezeScope, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class SetFreezeResponse(_message.Message):
    __slots__ = ("freeze",)
    FREEZE_FIELD_NUMBER: _ClassVar[int]
    freeze: _freeze_pb2.Freeze
    def __init__(self, freeze: _Optional[_Union[_freeze_pb2.Freeze, _Mapping]] = ...) -> None: ...

class LiftFreezeRequest(_message.Message):
    __slots__ = ("tenant", "scope", "reason")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    scope: _freeze_pb2.FreezeScope
    reason: str
    def __init__(self, tenant: _Optional[str] = ..., scope: _Optional[_Union[_freeze_pb2.FreezeScope, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class LiftFreezeResponse(_message.Message):
    __slots__ = ("freeze",)
    FREEZE_FIELD_NUMBER: _ClassVar[int]
    freeze: _freeze_pb2.Freeze
    def __init__(self, freeze: _Optional[_Union[_freeze_pb2.Freeze, _Mapping]] = ...) -> None: ...

class ListFreezesRequest(_message.Message):
    __slots__ = ("tenant", "active_only", "page_size", "page_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    active_only: bool
    page_size: int
    page_token: str
    def __init__(self, tenant: _Optional[str] = ..., active_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFreezesResponse(_message.Message):
    __slots__ = ("freezes", "next_page_token")
    FREEZES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    freezes: _containers.RepeatedCompositeFieldContainer[_freeze_pb2.Freeze]
    next_page_token: str
    def __init__(self, freezes: _Optional[_Iterable[_Union[_freeze_pb2.Freeze, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class NominateRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "target_tenant", "note")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_TENANT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    target_tenant: str
    note: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., target_tenant: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class NominateResponse(_message.Message):
    __slots__ = ("nomination", "workflow")
    NOMINATION_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    nomination: _nomination_pb2.Nomination
    workflow: _workflow_pb2.Workflow
    def __init__(self, nomination: _Optional[_Union[_nomination_pb2.Nomination, _Mapping]] = ..., workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class GetTakedownRequest(_message.Message):
    __slots__ = ("tenant", "story_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ...) -> None: ...

class GetTakedownResponse(_message.Message):
    __slots__ = ("takedown",)
    TAKEDOWN_FIELD_NUMBER: _ClassVar[int]
    takedown: _takedown_pb2.Takedown
    def __init__(self, takedown: _Optional[_Union[_takedown_pb2.Takedown, _Mapping]] = ...) -> None: ...

class ListAuditLogRequest(_message.Message):
    __slots__ = ("tenant", "story_id", "page_size", "page_token")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    page_size: int
    page_token: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class RecordRoleChangeRequest(_message.Message):
    __slots__ = ("tenant", "subject", "roles_before", "roles_after")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLES_BEFORE_FIELD_NUMBER: _ClassVar[int]
    ROLES_AFTER_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    subject: _actor_pb2.Actor
    roles_before: _containers.RepeatedScalarFieldContainer[_policy_pb2.ApprovalRole]
    roles_after: _containers.RepeatedScalarFieldContainer[_policy_pb2.ApprovalRole]
    def __init__(self, tenant: _Optional[str] = ..., subject: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., roles_before: _Optional[_Iterable[_Union[_policy_pb2.ApprovalRole, str]]] = ..., roles_after: _Optional[_Iterable[_Union[_policy_pb2.ApprovalRole, str]]] = ...) -> None: ...

class RecordRoleChangeResponse(_message.Message):
    __slots__ = ("record",)
    RECORD_FIELD_NUMBER: _ClassVar[int]
    record: _audit_pb2.AuditRecord
    def __init__(self, record: _Optional[_Union[_audit_pb2.AuditRecord, _Mapping]] = ...) -> None: ...

class ListAuditLogResponse(_message.Message):
    __slots__ = ("records", "next_page_token")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[_audit_pb2.AuditRecord]
    next_page_token: str
    def __init__(self, records: _Optional[_Iterable[_Union[_audit_pb2.AuditRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
