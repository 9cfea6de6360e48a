"""Settings of the editorial-approval service (env prefix ``EDITORIAL_APPROVAL_``)."""

from __future__ import annotations

from pydantic import BaseModel
from pydantic_settings import SettingsConfigDict

from newsroom_core.events import topics
from newsroom_core.settings import DbSettings, GrpcSettings, HttpSettings, ServiceSettings


class SchedulerSettings(BaseModel):
    """The worker that publishes due scheduled stories."""

    enabled: bool = True
    interval_s: float = 0.2
    batch_size: int = 50


class EditorialApprovalSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="EDITORIAL_APPROVAL_",
        env_nested_delimiter="__",
        extra="ignore",
        populate_by_name=True,
    )

    service_name: str = "editorial-approval"
    db: DbSettings = DbSettings(
        url="postgresql+psycopg://postgres@127.0.0.1:55432/newsroom_editorial_approval"
    )
    grpc: GrpcSettings = GrpcSettings(port=50052)
    http: HttpSettings = HttpSettings(port=9102)
    content_target: str = "127.0.0.1:50051"
    # Where this service's events go; tests point it at a unique topic.
    events_topic: str = topics.EDITORIAL_APPROVAL
    # Where content's events are read from (retractions confirmed, syndicated copies).
    content_events_topic: str = topics.CONTENT
    # Where social-publishing's events are read from (takedown confirmations).
    social_events_topic: str = topics.SOCIAL_PUBLISHING
    consume_content_events: bool = True
    # The group's own tenant: the only target of syndication nominations.
    group_tenant: str = "tkv"
    scheduler: SchedulerSettings = SchedulerSettings()
