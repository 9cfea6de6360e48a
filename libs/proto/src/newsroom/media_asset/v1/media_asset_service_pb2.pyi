import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newsroom.media_asset.v1 import asset_pb2 as _asset_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateUploadSessionRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "filename", "content_type", "size_bytes", "sha256", "metadata", "focal_point", "subtitles")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    FOCAL_POINT_FIELD_NUMBER: _ClassVar[int]
    SUBTITLES_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    metadata: _asset_pb2.AssetMetadata
    focal_point: _asset_pb2.FocalPoint
    subtitles: _containers.RepeatedCompositeFieldContainer[_asset_pb2.SubtitleTrack]
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., filename: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., metadata: _Optional[_Union[_asset_pb2.AssetMetadata, _Mapping]] = ..., focal_point: _Optional[_Union[_asset_pb2.FocalPoint, _Mapping]] = ..., subtitles: _Optional[_Iterable[_Union[_asset_pb2.SubtitleTrack, _Mapping]]] = ...) -> None: ...

class UploadPart(_message.Message):
    __slots__ = ("part_number", "url", "size_bytes")
    PART_NUMBER_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    part_number: int
    url: str
    size_bytes: int
    def __init__(self, part_number: _Optional[int] = ..., url: _Optional[str] = ..., size_bytes: _Optional[int] = ...) -> None: ...

class UploadSession(_message.Message):
    __slots__ = ("upload_id", "part_size_bytes", "part_count", "parts", "urls_expire_at", "abandon_at")
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    PART_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    PART_COUNT_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    URLS_EXPIRE_AT_FIELD_NUMBER: _ClassVar[int]
    ABANDON_AT_FIELD_NUMBER: _ClassVar[int]
    upload_id: str
    part_size_bytes: int
    part_count: int
    parts: _containers.RepeatedCompositeFieldContainer[UploadPart]
    urls_expire_at: _timestamp_pb2.Timestamp
    abandon_at: _timestamp_pb2.Timestamp
    def __init__(self, upload_id: _Optional[str] = ..., part_size_bytes: _Optional[int] = ..., part_count: _Optional[int] = ..., parts: _Optional[_Iterable[_Union[UploadPart, _Mapping]]] = ..., urls_expire_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., abandon_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateUploadSessionResponse(_message.Message):
    __slots__ = ("asset", "upload")
    ASSET_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    upload: UploadSession
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ..., upload: _Optional[_Union[UploadSession, _Mapping]] = ...) -> None: ...

class ListUploadPartsRequest(_message.Message):
    __slots__ = ("tenant", "asset_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ...) -> None: ...

class StoredPart(_message.Message):
    __slots__ = ("part_number", "size_bytes", "etag")
    PART_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    part_number: int
    size_bytes: int
    etag: str
    def __init__(self, part_number: _Optional[int] = ..., size_bytes: _Optional[int] = ..., etag: _Optional[str] = ...) -> None: ...

class ListUploadPartsResponse(_message.Message):
    __slots__ = ("stored", "upload")
    STORED_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    stored: _containers.RepeatedCompositeFieldContainer[StoredPart]
    upload: UploadSession
    def __init__(self, stored: _Optional[_Iterable[_Union[StoredPart, _Mapping]]] = ..., upload: _Optional[_Union[UploadSession, _Mapping]] = ...) -> None: ...

class CompleteUploadRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "upload_id", "sha256")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    upload_id: str
    sha256: str
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., upload_id: _Optional[str] = ..., sha256: _Optional[str] = ...) -> None: ...

class CompleteUploadResponse(_message.Message):
    __slots__ = ("asset",)
    ASSET_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ...) -> None: ...

class AbortUploadRequest(_message.Message):
    __slots__ = ("tenant", "asset_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ...) -> None: ...

class AbortUploadResponse(_message.Message):
    __slots__ = ("asset",)
    ASSET_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ...) -> None: ...

class GetAssetRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "version")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    version: int
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class GetAssetResponse(_message.Message):
    __slots__ = ("asset",)
    ASSET_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ...) -> None: ...

class ListAssetsRequest(_message.Message):
    __slots__ = ("tenant", "page_size", "page_token", "kind", "status", "query")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    page_size: int
    page_token: str
    kind: _asset_pb2.AssetKind
    status: _asset_pb2.AssetStatus
    query: str
    def __init__(self, tenant: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., status: _Optional[_Union[_asset_pb2.AssetStatus, str]] = ..., query: _Optional[str] = ...) -> None: ...

class ListAssetsResponse(_message.Message):
    __slots__ = ("assets", "next_page_token")
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assets: _containers.RepeatedCompositeFieldContainer[_asset_pb2.Asset]
    next_page_token: str
    def __init__(self, assets: _Optional[_Iterable[_Union[_asset_pb2.Asset, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateAssetMetadataRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "metadata")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    metadata: _asset_pb2.AssetMetadata
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., metadata: _Optional[_Union[_asset_pb2.AssetMetadata, _Mapping]] = ...) -> None: ...

class UpdateAssetMetadataResponse(_message.Message):
    __slots__ = ("asset",)
    ASSET_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ...) -> None: ...

class DeleteAssetRequest(_message.Message):
    __slots__ = ("tenant", "asset_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ...) -> None: ...

class DeleteAssetResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CreateGalleryRequest(_message.Message):
    __slots__ = ("tenant", "metadata", "items")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    metadata: _asset_pb2.AssetMetadata
    items: _containers.RepeatedCompositeFieldContainer[_asset_pb2.GalleryItem]
    def __init__(self, tenant: _Optional[str] = ..., metadata: _Optional[_Union[_asset_pb2.AssetMetadata, _Mapping]] = ..., items: _Optional[_Iterable[_Union[_asset_pb2.GalleryItem, _Mapping]]] = ...) -> None: ...

class CreateGalleryResponse(_message.Message):
    __slots__ = ("asset",)
    ASSET_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ...) -> None: ...

class UpdateGalleryRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "items")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    items: _containers.RepeatedCompositeFieldContainer[_asset_pb2.GalleryItem]
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., items: _Optional[_Iterable[_Union[_asset_pb2.GalleryItem, _Mapping]]] = ...) -> None: ...

class UpdateGalleryResponse(_message.Message):
    __slots__ = ("asset",)
    ASSET_FIELD_NUMBER: _ClassVar[int]
    asset: _asset_pb2.Asset
    def __init__(self, asset: _Optional[_Union[_asset_pb2.Asset, _Mapping]] = ...) -> None: ...

class GetDownloadUrlRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "version", "path")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    version: int
    path: str
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., version: _Optional[int] = ..., path: _Optional[str] = ...) -> None: ...

class GetDownloadUrlResponse(_message.Message):
    __slots__ = ("url", "expires_at", "content_type")
    URL_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    url: str
    expires_at: _timestamp_pb2.Timestamp
    content_type: str
    def __init__(self, url: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., content_type: _Optional[str] = ...) -> None: ...

class Attachment(_message.Message):
    __slots__ = ("asset_id", "asset_version")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_VERSION_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    asset_version: int
    def __init__(self, asset_id: _Optional[str] = ..., asset_version: _Optional[int] = ...) -> None: ...

class AttachmentProblem(_message.Message):
    __slots__ = ("reason", "asset_id")
    REASON_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    reason: str
    asset_id: str
    def __init__(self, reason: _Optional[str] = ..., asset_id: _Optional[str] = ...) -> None: ...

class ResolvedAttachment(_message.Message):
    __slots__ = ("asset_id", "asset_version", "kind", "problems")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_VERSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    asset_version: int
    kind: _asset_pb2.AssetKind
    problems: _containers.RepeatedCompositeFieldContainer[AttachmentProblem]
    def __init__(self, asset_id: _Optional[str] = ..., asset_version: _Optional[int] = ..., kind: _Optional[_Union[_asset_pb2.AssetKind, str]] = ..., problems: _Optional[_Iterable[_Union[AttachmentProblem, _Mapping]]] = ...) -> None: ...

class ResolveAttachmentsRequest(_message.Message):
    __slots__ = ("tenant", "attachments")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    attachments: _containers.RepeatedCompositeFieldContainer[Attachment]
    def __init__(self, tenant: _Optional[str] = ..., attachments: _Optional[_Iterable[_Union[Attachment, _Mapping]]] = ...) -> None: ...

class ResolveAttachmentsResponse(_message.Message):
    __slots__ = ("attachments",)
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    attachments: _containers.RepeatedCompositeFieldContainer[ResolvedAttachment]
    def __init__(self, attachments: _Optional[_Iterable[_Union[ResolvedAttachment, _Mapping]]] = ...) -> None: ...

class ResolveFileRequest(_message.Message):
    __slots__ = ("tenant", "asset_id", "version", "path")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    asset_id: str
    version: int
    path: str
    def __init__(self, tenant: _Optional[str] = ..., asset_id: _Optional[str] = ..., version: _Optional[int] = ..., path: _Optional[str] = ...) -> None: ...

class ResolveFileResponse(_message.Message):
    __slots__ = ("content_type", "body", "redirect_url", "max_age_s")
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    MAX_AGE_S_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    body: bytes
    redirect_url: str
    max_age_s: int
    def __init__(self, content_type: _Optional[str] = ..., body: _Optional[bytes] = ..., redirect_url: _Optional[str] = ..., max_age_s: _Optional[int] = ...) -> None: ...

class GetTenantUsageRequest(_message.Message):
    __slots__ = ("tenant",)
    TENANT_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    def __init__(self, tenant: _Optional[str] = ...) -> None: ...

class GetTenantUsageResponse(_message.Message):
    __slots__ = ("used_bytes", "quota_bytes")
    USED_BYTES_FIELD_NUMBER: _ClassVar[int]
    QUOTA_BYTES_FIELD_NUMBER: _ClassVar[int]
    used_bytes: int
    quota_bytes: int
    def __init__(self, used_bytes: _Optional[int] = ..., quota_bytes: _Optional[int] = ...) -> None: ...

class SetTenantQuotaRequest(_message.Message):
    __slots__ = ("tenant", "quota_bytes")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    QUOTA_BYTES_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    quota_bytes: int
    def __init__(self, tenant: _Optional[str] = ..., quota_bytes: _Optional[int] = ...) -> None: ...

class SetTenantQuotaResponse(_message.Message):
    __slots__ = ("used_bytes", "quota_bytes")
    USED_BYTES_FIELD_NUMBER: _ClassVar[int]
    QUOTA_BYTES_FIELD_NUMBER: _ClassVar[int]
    used_bytes: int
    quota_bytes: int
    def __init__(self, used_bytes: _Optional[int] = ..., quota_bytes: _Optional[int] = ...) -> None: ...
