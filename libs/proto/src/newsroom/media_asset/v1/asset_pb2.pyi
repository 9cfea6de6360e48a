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

class AssetKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSET_KIND_UNSPECIFIED: _ClassVar[AssetKind]
    ASSET_KIND_IMAGE: _ClassVar[AssetKind]
    ASSET_KIND_VIDEO: _ClassVar[AssetKind]
    ASSET_KIND_AUDIO: _ClassVar[AssetKind]
    ASSET_KIND_DOCUMENT: _ClassVar[AssetKind]

class AssetStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSET_STATUS_UNSPECIFIED: _ClassVar[AssetStatus]
    ASSET_STATUS_UPLOADING: _ClassVar[AssetStatus]
    ASSET_STATUS_VERIFYING: _ClassVar[AssetStatus]
    ASSET_STATUS_PROCESSING: _ClassVar[AssetStatus]
    ASSET_STATUS_READY: _ClassVar[AssetStatus]
    ASSET_STATUS_FAILED: _ClassVar[AssetStatus]
    ASSET_STATUS_REJECTED: _ClassVar[AssetStatus]
ASSET_KIND_UNSPECIFIED: AssetKind
ASSET_KIND_IMAGE: AssetKind
ASSET_KIND_VIDEO: AssetKind
ASSET_KIND_AUDIO: AssetKind
ASSET_KIND_DOCUMENT: AssetKind
ASSET_STATUS_UNSPECIFIED: AssetStatus
ASSET_STATUS_UPLOADING: AssetStatus
ASSET_STATUS_VERIFYING: AssetStatus
ASSET_STATUS_PROCESSING: AssetStatus
ASSET_STATUS_READY: AssetStatus
ASSET_STATUS_FAILED: AssetStatus
ASSET_STATUS_REJECTED: AssetStatus

class Rendition(_message.Message):
    __slots__ = ("name", "content_type", "width", "height", "bitrate_bps", "size_bytes", "object_key", "url")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    BITRATE_BPS_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    name: str
    content_type: str
    width: int
    height: int
    bitrate_bps: int
    size_bytes: int
    object_key: str
    url: str
    def __init__(self, name: _Optional[str] = ..., content_type: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., bitrate_bps: _Optional[int] = ..., size_bytes: _Optional[int] = ..., object_key: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class Asset(_message.Message):
    __slots__ = ("id", "tenant", "kind", "status", "filename", "content_type", "size_bytes", "sha256", "width", "height", "duration_ms", "object_key", "renditions", "created_by", "created_at", "updated_at", "failure_reason", "published")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    RENDITIONS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    kind: AssetKind
    status: AssetStatus
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    width: int
    height: int
    duration_ms: int
    object_key: str
    renditions: _containers.RepeatedCompositeFieldContainer[Rendition]
    created_by: _actor_pb2.Actor
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    failure_reason: str
    published: bool
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[AssetKind, str]] = ..., status: _Optional[_Union[AssetStatus, str]] = ..., filename: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., duration_ms: _Optional[int] = ..., object_key: _Optional[str] = ..., renditions: _Optional[_Iterable[_Union[Rendition, _Mapping]]] = ..., created_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., failure_reason: _Optional[str] = ..., published: _Optional[bool] = ...) -> None: ...
