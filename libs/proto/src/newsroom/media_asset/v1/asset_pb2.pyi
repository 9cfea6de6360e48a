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
    ASSET_KIND_GALLERY: _ClassVar[AssetKind]
    ASSET_KIND_SUBTITLES: _ClassVar[AssetKind]

class AssetStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSET_STATUS_UNSPECIFIED: _ClassVar[AssetStatus]
    ASSET_STATUS_UPLOADING: _ClassVar[AssetStatus]
    ASSET_STATUS_VERIFYING: _ClassVar[AssetStatus]
    ASSET_STATUS_PROCESSING: _ClassVar[AssetStatus]
    ASSET_STATUS_READY: _ClassVar[AssetStatus]
    ASSET_STATUS_FAILED: _ClassVar[AssetStatus]
    ASSET_STATUS_REJECTED: _ClassVar[AssetStatus]
    ASSET_STATUS_ABANDONED: _ClassVar[AssetStatus]

class RenditionRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RENDITION_ROLE_UNSPECIFIED: _ClassVar[RenditionRole]
    RENDITION_ROLE_IMAGE: _ClassVar[RenditionRole]
    RENDITION_ROLE_CARD: _ClassVar[RenditionRole]
    RENDITION_ROLE_POSTER: _ClassVar[RenditionRole]
    RENDITION_ROLE_HLS_MASTER: _ClassVar[RenditionRole]
    RENDITION_ROLE_SUBTITLES: _ClassVar[RenditionRole]
    RENDITION_ROLE_THUMBNAILS_VTT: _ClassVar[RenditionRole]
    RENDITION_ROLE_DOWNLOAD: _ClassVar[RenditionRole]
ASSET_KIND_UNSPECIFIED: AssetKind
ASSET_KIND_IMAGE: AssetKind
ASSET_KIND_VIDEO: AssetKind
ASSET_KIND_AUDIO: AssetKind
ASSET_KIND_DOCUMENT: AssetKind
ASSET_KIND_GALLERY: AssetKind
ASSET_KIND_SUBTITLES: AssetKind
ASSET_STATUS_UNSPECIFIED: AssetStatus
ASSET_STATUS_UPLOADING: AssetStatus
ASSET_STATUS_VERIFYING: AssetStatus
ASSET_STATUS_PROCESSING: AssetStatus
ASSET_STATUS_READY: AssetStatus
ASSET_STATUS_FAILED: AssetStatus
ASSET_STATUS_REJECTED: AssetStatus
ASSET_STATUS_ABANDONED: AssetStatus
RENDITION_ROLE_UNSPECIFIED: RenditionRole
RENDITION_ROLE_IMAGE: RenditionRole
RENDITION_ROLE_CARD: RenditionRole
RENDITION_ROLE_POSTER: RenditionRole
RENDITION_ROLE_HLS_MASTER: RenditionRole
RENDITION_ROLE_SUBTITLES: RenditionRole
RENDITION_ROLE_THUMBNAILS_VTT: RenditionRole
RENDITION_ROLE_DOWNLOAD: RenditionRole

class LocalizedText(_message.Message):
    __slots__ = ("vi", "en")
    VI_FIELD_NUMBER: _ClassVar[int]
    EN_FIELD_NUMBER: _ClassVar[int]
    vi: str
    en: str
    def __init__(self, vi: _Optional[str] = ..., en: _Optional[str] = ...) -> None: ...

class AssetMetadata(_message.Message):
    __slots__ = ("title", "caption", "credit", "alt_text", "licence", "captured_at")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    ALT_TEXT_FIELD_NUMBER: _ClassVar[int]
    LICENCE_FIELD_NUMBER: _ClassVar[int]
    CAPTURED_AT_FIELD_NUMBER: _ClassVar[int]
    title: LocalizedText
    caption: LocalizedText
    credit: str
    alt_text: LocalizedText
    licence: str
    captured_at: _timestamp_pb2.Timestamp
    def __init__(self, title: _Optional[_Union[LocalizedText, _Mapping]] = ..., caption: _Optional[_Union[LocalizedText, _Mapping]] = ..., credit: _Optional[str] = ..., alt_text: _Optional[_Union[LocalizedText, _Mapping]] = ..., licence: _Optional[str] = ..., captured_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class FocalPoint(_message.Message):
    __slots__ = ("x", "y")
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    x: float
    y: float
    def __init__(self, x: _Optional[float] = ..., y: _Optional[float] = ...) -> None: ...

class Rendition(_message.Message):
    __slots__ = ("role", "path", "content_type", "width", "height", "bitrate_bps", "size_bytes", "language", "label", "url")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    BITRATE_BPS_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    role: RenditionRole
    path: str
    content_type: str
    width: int
    height: int
    bitrate_bps: int
    size_bytes: int
    language: str
    label: str
    url: str
    def __init__(self, role: _Optional[_Union[RenditionRole, str]] = ..., path: _Optional[str] = ..., content_type: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., bitrate_bps: _Optional[int] = ..., size_bytes: _Optional[int] = ..., language: _Optional[str] = ..., label: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class GalleryItem(_message.Message):
    __slots__ = ("asset_id", "asset_version", "caption")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_VERSION_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    asset_version: int
    caption: LocalizedText
    def __init__(self, asset_id: _Optional[str] = ..., asset_version: _Optional[int] = ..., caption: _Optional[_Union[LocalizedText, _Mapping]] = ...) -> None: ...

class SubtitleTrack(_message.Message):
    __slots__ = ("asset_id", "language", "label")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    language: str
    label: str
    def __init__(self, asset_id: _Optional[str] = ..., language: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class AssetVersion(_message.Message):
    __slots__ = ("number", "status", "filename", "content_type", "size_bytes", "sha256", "width", "height", "duration_ms", "renditions", "progress_percent", "failure_reason", "failure_detail", "attempts", "items", "created_by", "created_at", "ready_at", "focal_point", "subtitles")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    RENDITIONS_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_PERCENT_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    FAILURE_DETAIL_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    READY_AT_FIELD_NUMBER: _ClassVar[int]
    FOCAL_POINT_FIELD_NUMBER: _ClassVar[int]
    SUBTITLES_FIELD_NUMBER: _ClassVar[int]
    number: int
    status: AssetStatus
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    width: int
    height: int
    duration_ms: int
    renditions: _containers.RepeatedCompositeFieldContainer[Rendition]
    progress_percent: int
    failure_reason: str
    failure_detail: str
    attempts: int
    items: _containers.RepeatedCompositeFieldContainer[GalleryItem]
    created_by: _actor_pb2.Actor
    created_at: _timestamp_pb2.Timestamp
    ready_at: _timestamp_pb2.Timestamp
    focal_point: FocalPoint
    subtitles: _containers.RepeatedCompositeFieldContainer[SubtitleTrack]
    def __init__(self, number: _Optional[int] = ..., status: _Optional[_Union[AssetStatus, str]] = ..., filename: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., duration_ms: _Optional[int] = ..., renditions: _Optional[_Iterable[_Union[Rendition, _Mapping]]] = ..., progress_percent: _Optional[int] = ..., failure_reason: _Optional[str] = ..., failure_detail: _Optional[str] = ..., attempts: _Optional[int] = ..., items: _Optional[_Iterable[_Union[GalleryItem, _Mapping]]] = ..., created_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ready_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., focal_point: _Optional[_Union[FocalPoint, _Mapping]] = ..., subtitles: _Optional[_Iterable[_Union[SubtitleTrack, _Mapping]]] = ...) -> None: ...

class Asset(_message.Message):
    __slots__ = ("id", "tenant", "kind", "metadata", "current_version", "version", "published", "created_by", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant: str
    kind: AssetKind
    metadata: AssetMetadata
    current_version: int
    version: AssetVersion
    published: bool
    created_by: _actor_pb2.Actor
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., tenant: _Optional[str] = ..., kind: _Optional[_Union[AssetKind, str]] = ..., metadata: _Optional[_Union[AssetMetadata, _Mapping]] = ..., current_version: _Optional[int] = ..., version: _Optional[_Union[AssetVersion, _Mapping]] = ..., published: _Optional[bool] = ..., created_by: _Optional[_Union[_actor_pb2.Actor, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
