import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.common.v1 import actor_pb2 as _actor_pb2
from newsroom.media_asset.v1 import asset_pb2 as _asset_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssetUploaded(_message.Message):
    __slots__ = ("asset_id", "tenant", "kind", "version", "filename", "content_type", "size_bytes", "sha256", "uploaded_by", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    kind: _asset_pb2.AssetKind
    version: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., version: _Optional[int] = ..., filename: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., uploaded_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetVerified(_message.Message):
    __slots__ = ("asset_id", "tenant", "kind", "version", "content_type", "size_bytes", "width", "height", "duration_ms", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    kind: _asset_pb2.AssetKind
    version: int
    content_type: str
    size_bytes: int
    width: int
    height: int
    duration_ms: int
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., version: _Optional[int] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., duration_ms: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetRejected(_message.Message):
    __slots__ = ("asset_id", "tenant", "version", "reason", "detail", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    version: int
    reason: str
    detail: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., version: _Optional[int] = ..., reason: _Optional[str] = ..., detail: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetProgress(_message.Message):
    __slots__ = ("asset_id", "tenant", "version", "percent", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    version: int
    percent: int
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., version: _Optional[int] = ..., percent: _Optional[int] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetVersionReady(_message.Message):
    __slots__ = ("asset", "at")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ProcessingFailed(_message.Message):
    __slots__ = ("asset_id", "tenant", "version", "reason", "detail", "attempts", "final", "retry_at", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    RETRY_AT_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    version: int
    reason: str
    detail: str
    attempts: int
    final: bool
    retry_at: _timestamp_pb2.Timestamp
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., version: _Optional[int] = ..., reason: _Optional[str] = ..., detail: _Optional[str] = ..., attempts: _Optional[int] = ..., final: _Optional[bool] = ..., retry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetMetadataUpdated(_message.Message):
    __slots__ = ("asset_id", "tenant", "kind", "metadata", "updated_by", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    kind: _asset_pb2.AssetKind
    metadata: _asset_pb2.AssetMetadata
    updated_by: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., metadata: _Optional[_Union[_asset_pb2.AssetMetadata, _Mapping]] = ..., updated_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AssetDeleted(_message.Message):
    __slots__ = ("asset_id", "tenant", "deleted_by", "at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    DELETED_BY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    tenant: str
    deleted_by: _actor_pb2.Actor
    at: _timestamp_pb2.Timestamp
    def __init__(self, asset_id: _Optional[str] = ..., tenant: _Optional[str] = ..., deleted_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
