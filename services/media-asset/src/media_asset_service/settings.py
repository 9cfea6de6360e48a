"""Settings of the media-asset service (env prefix ``MEDIA_ASSET_``) and of its media
worker (``MEDIA_WORKER_``), nested with ``__``. Both processes use one database."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field
from pydantic_settings import SettingsConfigDict

from newsroom_core.enums import AssetKind
from newsroom_core.events import topics
from newsroom_core.settings import DbSettings, GrpcSettings, HttpSettings, ServiceSettings
from newsroom_core.storage import StorageSettings

DEFAULT_DB_URL = "postgresql+psycopg://postgres@127.0.0.1:55432/newsroom_media_asset"
MIB = 1024 * 1024
GIB = 1024 * MIB


class DeliveryMode(StrEnum):
    # Readers get a short-lived presigned GET through the gateway's public media route,
    # which first checks that a published story shows the version.
    PRESIGNED = "presigned"
    # Files of versions that published stories show are copied under a public-read
    # prefix of the bucket (or a CDN in front of it) and removed when no story shows
    # them any more.
    PUBLIC = "public"


class DeliverySettings(BaseModel):
    mode: DeliveryMode = DeliveryMode.PRESIGNED
    # Readers' URL of a file: base_url + "/tenants/<slug>/assets/<id>/v<n>/<path>".
    # presigned: the gateway's ``/public/v1/media``; public: the public prefix's URL
    # (``http://<s3>/<bucket>/public`` or a CDN).
    base_url: str = "http://127.0.0.1:8000/public/v1/media"
    # public mode: the bucket prefix anonymous readers may GET.
    public_prefix: str = "public/"
    # How long a reader's presigned GET lives (the redirect is cached for less).
    presign_expiry_s: int = Field(default=300, ge=10, le=3600)
    # Staff URLs in GetAsset and GetDownloadUrl.
    staff_expiry_s: int = Field(default=900, ge=10, le=3600)


class UploadSettings(BaseModel):
    # Parts are at least this big (S3's floor is 5 MiB; fewer, bigger parts upload
    # faster) and grow so that no upload needs more than ``max_parts`` parts.
    min_part_size: int = Field(default=8 * MIB, ge=5 * MIB, le=5 * GIB)
    max_parts: int = Field(default=1000, ge=1, le=10_000)
    # How long the presigned part URLs live; ListUploadParts hands out fresh ones.
    url_expiry_s: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    # An upload not completed by then is aborted, its parts removed, its version
    # ABANDONED (PeerTube and MediaCMS users complain about half-uploads kept forever).
    abandon_after_s: int = Field(default=24 * 3600, ge=1)
    # How often the cleaner looks.
    sweep_interval_s: float = Field(default=60.0, gt=0)
    # Largest original per kind (bytes).
    max_size: dict[AssetKind, int] = {
        AssetKind.IMAGE: 100 * MIB,
        AssetKind.VIDEO: 5 * GIB,
        AssetKind.AUDIO: 1 * GIB,
        AssetKind.DOCUMENT: 100 * MIB,
        AssetKind.SUBTITLES: 2 * MIB,
    }
    # Bytes a tenant may hold (originals) unless SetTenantQuota says otherwise.
    default_quota_bytes: int = Field(default=200 * GIB, ge=0)
    max_gallery_items: int = Field(default=200, ge=1)


class MediaAssetSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEDIA_ASSET_", env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "media-asset"
    db: DbSettings = DbSettings(url=DEFAULT_DB_URL)
    grpc: GrpcSettings = GrpcSettings(port=50053, max_workers=8)
    http: HttpSettings = HttpSettings(port=9103)
    storage: StorageSettings = StorageSettings()
    delivery: DeliverySettings = DeliverySettings()
    uploads: UploadSettings = UploadSettings()
    # Where this service's events go and where content's come from (tests override).
    events_topic: str = topics.MEDIA_ASSET
    content_events_topic: str = topics.CONTENT
    # content, asked whether a published story shows a version not yet known as shown
    # (its event on the way); empty: never asked (the event alone decides).
    content_target: str = "127.0.0.1:50051"
    content_deadline_s: float = Field(default=1.0, gt=0)


class JobSettings(BaseModel):
    """How the media worker runs jobs (docs/media.md: settings an ops team tunes)."""

    # Jobs at once in one worker process: an HLS ladder needs ~450 MB, so 2 per 2 GB.
    concurrency: int = Field(default=2, ge=1, le=32)
    # A job whose lease is not renewed for this long belongs to a dead worker and is
    # leased again (a SIGKILLed worker's job is redone by another).
    lease_ttl_s: float = Field(default=30.0, gt=0)
    heartbeat_s: float = Field(default=5.0, gt=0)
    # No progress for this long: the job is stuck; it is stopped and retried.
    stuck_after_s: float = Field(default=120.0, gt=0)
    max_attempts: int = Field(default=4, ge=1)
    # Retry n waits base * 2^(n-1), at most max.
    backoff_base_s: float = Field(default=10.0, ge=0)
    backoff_max_s: float = Field(default=600.0, ge=0)
    # Without a Kafka wake-up, look for due jobs (retries, expired leases) this often.
    poll_interval_s: float = Field(default=2.0, gt=0)
    # Local scratch space for originals and outputs (a tmp dir when empty).
    scratch_dir: str = ""
    ffmpeg_threads: int = Field(default=2, ge=1)
    # Address-space cap of each ffmpeg child (0: none): fails with OUT_OF_MEMORY
    # instead of the kernel killing the worker.
    ffmpeg_max_memory_bytes: int = Field(default=0, ge=0)
    max_image_pixels: int = Field(default=100_000_000, ge=1)
    max_image_side: int = Field(default=30_000, ge=1)


class MediaWorkerSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEDIA_WORKER_", env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "media-worker"
    db: DbSettings = DbSettings(url=DEFAULT_DB_URL, pool_size=4)
    http: HttpSettings = HttpSettings(port=9104)
    storage: StorageSettings = StorageSettings()
    delivery: DeliverySettings = DeliverySettings()
    jobs: JobSettings = JobSettings()
    events_topic: str = topics.MEDIA_ASSET
    # Consumer group of the upload wake-ups: ``media-worker.<purpose>``.
    uploads_purpose: str = "uploads"
