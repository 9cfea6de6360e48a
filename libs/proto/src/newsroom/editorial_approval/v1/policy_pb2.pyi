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

class ApprovalRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPROVAL_ROLE_UNSPECIFIED: _ClassVar[ApprovalRole]
    APPROVAL_ROLE_CONTRIBUTOR: _ClassVar[ApprovalRole]
    APPROVAL_ROLE_EDITOR: _ClassVar[ApprovalRole]
    APPROVAL_ROLE_BOARD: _ClassVar[ApprovalRole]
    APPROVAL_ROLE_SPOKESPERSON: _ClassVar[ApprovalRole]
    APPROVAL_ROLE_TENANT_ADMIN: _ClassVar[ApprovalRole]
    APPROVAL_ROLE_PLATFORM_ADMIN: _ClassVar[ApprovalRole]
APPROVAL_ROLE_UNSPECIFIED: ApprovalRole
APPROVAL_ROLE_CONTRIBUTOR: ApprovalRole
APPROVAL_ROLE_EDITOR: ApprovalRole
APPROVAL_ROLE_BOARD: ApprovalRole
APPROVAL_ROLE_SPOKESPERSON: ApprovalRole
APPROVAL_ROLE_TENANT_ADMIN: ApprovalRole
APPROVAL_ROLE_PLATFORM_ADMIN: ApprovalRole

class ApprovalStage(_message.Message):
    __slots__ = ("role", "name")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    role: ApprovalRole
    name: str
    def __init__(self, role: _Optional[_Union[ApprovalRole, str]] = ..., name: _Optional[str] = ...) -> None: ...

class Policy(_message.Message):
    __slots__ = ("tenant", "stages", "official_statement_role", "updated_at", "updated_by")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    OFFICIAL_STATEMENT_ROLE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    stages: _containers.RepeatedCompositeFieldContainer[ApprovalStage]
    official_statement_role: ApprovalRole
    updated_at: _timestamp_pb2.Timestamp
    updated_by: _actor_pb2.Actor
    def __init__(self, tenant: _Optional[str] = ..., stages: _Optional[_Iterable[_Union[ApprovalStage, _Mapping]]] = ..., official_statement_role: _Optional[_Union[ApprovalRole, str]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ...) -> None: ...
