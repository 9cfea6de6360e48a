import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.media_asset.v1 import asset_pb2 as _asset_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssetUploaded(_message.Message):
    __slots__ = ("asset_id", "tenant", "kind", "filename", "content_type", "size_bytes", "sha256", "object_key", "uploaded_by", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    kind: _asset_pb2.AssetKind
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    object_key: str
    uploaded_by: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., filename: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., object_key: _Optional[str] = ..., uploaded_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetVerified(_message.Message):
    __slots__ = ("asset_id", "tenant", "kind", "content_type", "size_bytes", "sha256", "width", "height", "duration_ms", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    kind: _asset_pb2.AssetKind
    content_type: str
    size_bytes: int
    sha256: str
    width: int
    height: int
    duration_ms: int
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., duration_ms: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetRejected(_message.Message):
    __slots__ = ("asset_id", "tenant", "reason", "detail", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    reason: str
    detail: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., reason: _Optional[str] = ..., detail: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RenditionsReady(_message.Message):
    __slots__ = ("asset_id", "tenant", "kind", "renditions", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    RENDITIONS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    kind: _asset_pb2.AssetKind
    renditions: _containers.RepeatedCompositeFieldContainer[_asset_pb2.Rendition]
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., renditions: _Optional[_Iterable[_Union[_asset_pb2.Rendition, _Mapping]]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TranscodeFailed(_message.Message):
    __slots__ = ("asset_id", "tenant", "rendition", "error", "attempts", "final", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    RENDITION_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    rendition: str
    error: str
    attempts: int
    final: bool
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., rendition: _Optional[str] = ..., error: _Optional[str] = ..., attempts: _Optional[int] = ..., final: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
