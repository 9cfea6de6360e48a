"""media-asset and the media worker started in-process as their ``__main__`` modules
assemble them, for suites that run the whole platform (tests/conftest.py, tests/web)."""

from __future__ import annotations

from dataclasses import dataclass

from media_asset_service.objects import ObjectStore
from media_asset_service.settings import (
    DeliverySettings,
    JobSettings,
    MediaAssetSettings,
    MediaWorkerSettings,
)
from media_asset_service.wiring import MediaAssetProcess
from media_asset_service.wiring import assemble as assemble_media
from media_asset_service.worker.wiring import WorkerProcess
from media_asset_service.worker.wiring import assemble as assemble_worker
from newsroom_core.settings import (
    DbSettings,
    GrpcSettings,
    HttpSettings,
    KafkaSettings,
)
from newsroom_core.storage import StorageSettings
from newsroom_core.testing.run import token
from newsroom_testkit.media import drop_bucket


@dataclass
class MediaPair:
    """media-asset and its worker, as their ``__main__`` modules assemble them."""

    service: MediaAssetProcess
    worker: WorkerProcess

    @property
    def store(self) -> ObjectStore:
        return self.service.aggregates.uploads.store

    def stop(self) -> None:
        self.worker.runtime.stop()
        self.service.runtime.stop()
        drop_bucket(self.store)


def start_media(
    db: DbSettings,
    storage: StorageSettings,
    *,
    kafka: KafkaSettings,
    events_topic: str,
    content_events_topic: str,
    base_url: str,
    content_target: str = "",
) -> MediaPair:
    """Starts media-asset (its publication consumer reads ``content_events_topic``) and
    the media worker on one database and bucket; readers' URLs start with ``base_url``.
    ``content_target``: the content service readers' requests ask about versions not yet
    known as published (content starts after media-asset: give it that port); empty for
    none."""
    delivery = DeliverySettings(base_url=base_url)
    media = assemble_media(
        MediaAssetSettings(
            db=db,
            kafka=kafka,
            grpc=GrpcSettings(port=0, shutdown_grace_s=1),
            http=HttpSettings(port=0),
            storage=storage,
            delivery=delivery,
            events_topic=events_topic,
            content_events_topic=content_events_topic,
            content_target=content_target,
        ),
        consumer_purpose=f"publication-{token()}",
    )
    media.runtime.start()
    worker = assemble_worker(
        MediaWorkerSettings(
            db=db,
            kafka=kafka,
            http=HttpSettings(port=0),
            storage=storage,
            delivery=delivery,
            events_topic=events_topic,
            uploads_purpose=f"uploads-{token()}",
            jobs=JobSettings(lease_ttl_s=10, heartbeat_s=1, poll_interval_s=0.5, backoff_base_s=1),
        )
    )
    worker.runtime.start()
    return MediaPair(media, worker)
