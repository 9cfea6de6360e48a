"""Settings of the content service (env prefix ``CONTENT_``, nested with ``__``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from newsroom_core.events import topics
from newsroom_core.settings import DbSettings, GrpcSettings, HttpSettings, ServiceSettings

DEFAULT_DB_URL = "postgresql+psycopg://postgres@127.0.0.1:55432/newsroom_content"


# Few gRPC worker threads: each call is a short database read or write, and more threads
# only fight over the GIL (public_read bench: 16 -> 4 cut content CPU per call by ~15%).
GRPC_MAX_WORKERS = 4


class ContentSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="CONTENT_", env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "content"
    db: DbSettings = DbSettings(url=DEFAULT_DB_URL)
    grpc: GrpcSettings = GrpcSettings(port=50051, max_workers=GRPC_MAX_WORKERS)
    http: HttpSettings = HttpSettings(port=9101)
    # Where content events go and where editorial events come from (tests override them).
    events_topic: str = topics.CONTENT
    editorial_topic: str = topics.EDITORIAL_APPROVAL
    # Members of the editorial consumer group in each process (up to the topic's 3
    # partitions): a backlog after a Kafka outage is applied on that many connections.
    editorial_consumers: int = Field(default=3, ge=1, le=12)
    # One person's autosaves fold into one working revision until they pause this long
    # (or save explicitly, or submit): the history keeps sittings, not keystroke pauses.
    autosave_coalesce_s: float = Field(default=300.0, ge=0)
    # The media service: attachments are checked there on save; its events keep the
    # media copies published stories are built from.
    media_asset_target: str = "127.0.0.1:50053"
    media_events_topic: str = topics.MEDIA_ASSET
