"""Gateway settings: ``GATEWAY_`` prefix, nested names with ``__`` (``GATEWAY_CACHE__ENABLED``)."""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from newsroom_core.auth import KeycloakSettings
from newsroom_core.events import topics
from newsroom_core.settings import HttpSettings, ServiceSettings


class UpstreamSettings(BaseModel):
    """One gRPC service the gateway calls."""

    target: str
    # Every call's deadline, unless its method has its own.
    deadline_s: float = 5.0

    def deadline_for(self, method: str) -> float:
        return self.deadline_s


class MediaUpstreamSettings(UpstreamSettings):
    """media-asset: its calls keep ``deadline_s``, but the two that wait on the object
    store have their own. CompleteUpload (``GATEWAY_MEDIA__COMPLETE_UPLOAD_DEADLINE_S``):
    the store assembles every part (up to 1,000) and the service reads the object's head,
    which takes seconds on a loaded store. CreateUploadSession
    (``GATEWAY_MEDIA__CREATE_UPLOAD_DEADLINE_S``): it opens the store's multipart upload,
    which took over 5 s on a loaded store in the browser tests.
    """

    complete_upload_deadline_s: float = Field(default=60.0, gt=0)
    create_upload_deadline_s: float = Field(default=30.0, gt=0)

    def deadline_for(self, method: str) -> float:
        if method == "CompleteUpload":
            return self.complete_upload_deadline_s
        if method == "CreateUploadSession":
            return self.create_upload_deadline_s
        return self.deadline_s


class CacheSettings(BaseModel):
    """In-process read cache of the public API, invalidated by content events."""

    enabled: bool = True
    max_entries: int = 10_000
    # Safety net when an invalidation event is missed (broker outage): entries never
    # outlive this even without events.
    ttl_s: float = 60.0
    # Consume content.events.v1 to drop a tenant's entries on publish/correct/retract.
    # Without the consumer the cache relies on ttl_s alone.
    invalidate_from_kafka: bool = True
    events_topic: str = topics.CONTENT
    group_prefix: str = "gateway.cache"


class AuthSettings(BaseModel):
    # Verified access tokens kept until they expire (LRU beyond this many).
    token_cache_size: int = 4096


class PublicSettings(BaseModel):
    # The portal's public address: the group tenant's site is its root, every other
    # tenant's site is under /<slug> of it unless tenant_hosts gives it its own hostname
    # (same scheme and port). Feed, sitemap and portal links are built from these.
    portal_url: str = "http://127.0.0.1:8080"
    # Tenant slug -> hostname, e.g. {"uongbi": "tin.uongbi.vn"} (a JSON object in the env:
    # GATEWAY_PUBLIC__TENANT_HOSTS='{"uongbi": "tin.uongbi.vn"}').
    tenant_hosts: dict[str, str] = {}
    # How long the site directory (tenants and their base URLs) is kept.
    sites_ttl_s: float = 30.0
    max_age_s: int = 30
    stale_while_revalidate_s: int = 60
    home_stories: int = 20


class CorsSettings(BaseModel):
    """Browser apps on other origins (the newsroom app) allowed to call the API.

    Empty by default: an app served behind the same ingress as the gateway needs none.
    ``GATEWAY_CORS__ORIGINS`` takes a JSON list or comma-separated origins (what the chart
    writes from the app's public URL).
    """

    origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_age_s: int = 600

    @field_validator("origins", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value


class LiveSettings(BaseModel):
    """Server-Sent Events for the newsroom app (``GET /v1/events``)."""

    enabled: bool = True
    events_topic: str = topics.EDITORIAL_APPROVAL
    client_prefix: str = "gateway.live"
    heartbeat_s: float = 15.0
    # A stream ends after this long; the app reconnects with a fresh token, so a
    # connection never outlives the access token it was opened with by much.
    max_stream_s: float = 300.0
    replay: int = 500
    queue_size: int = 256


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="GATEWAY_", env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "gateway"
    http: HttpSettings = HttpSettings(port=8000)
    keycloak: KeycloakSettings = KeycloakSettings()
    auth: AuthSettings = AuthSettings()
    content: UpstreamSettings = UpstreamSettings(target="127.0.0.1:50051")
    editorial: UpstreamSettings = UpstreamSettings(target="127.0.0.1:50052")
    media: MediaUpstreamSettings = MediaUpstreamSettings(target="127.0.0.1:50053")
    cache: CacheSettings = CacheSettings()
    public: PublicSettings = PublicSettings()
    cors: CorsSettings = CorsSettings()
    live: LiveSettings = LiveSettings()
    # Hosts behind a proxy may set X-Request-ID themselves; longer ones are replaced.
    request_id_max_len: int = Field(default=128, ge=8)

    @property
    def identity_key(self) -> bytes:
        return self.identity.secret.get_secret_value().encode()
