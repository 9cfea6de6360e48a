"""Portal settings: ``PORTAL_`` prefix, nested names with ``__`` (``PORTAL_CACHE__ENABLED``)."""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from newsroom_core.events import topics
from newsroom_core.settings import HttpSettings, ServiceSettings


class WebSettings(BaseModel):
    """Where the site itself listens (the ops endpoint is ``http``)."""

    host: str = "127.0.0.1"
    port: int = 8080


class GatewaySettings(BaseModel):
    """The gateway's public API: the portal's only source of content."""

    url: str = "http://127.0.0.1:8000"
    timeout_s: float = 5.0
    # Calls in flight at once. httpcore's pool rescans every waiting request on each
    # event, so a few dozen concurrent calls cost more than queueing them here: requests
    # beyond this wait on a semaphore (cheap) and reuse warm keep-alive connections.
    max_connections: int = 16


class PageCacheSettings(BaseModel):
    """Rendered pages kept in the process, dropped per tenant by content events."""

    enabled: bool = True
    max_entries: int = 5_000
    # Safety net when an invalidation event is missed: pages never outlive this.
    ttl_s: float = 60.0
    invalidate_from_kafka: bool = True
    events_topic: str = topics.CONTENT
    client_prefix: str = "portal.pages"
    # After an invalidation, pages of that tenant are served but not stored for this long:
    # the gateway drops its own cache on the same event, maybe a moment later, and a page
    # rendered from its stale answer must not be kept.
    settle_s: float = 1.0
    # Cache-Control for shared caches (a CDN in front): short, revalidated with ETags.
    max_age_s: int = 30
    stale_while_revalidate_s: int = 60


class OidcSettings(BaseModel):
    """Staff sign-in: authorization code flow with PKCE, done by the server."""

    enabled: bool = True
    # The Keycloak base URL the portal calls (token exchange, keys) ...
    url: str = "http://127.0.0.1:58080"
    # ... and the one browsers are sent to (empty: the same).
    public_url: str = ""
    realm: str = "newsroom"
    client_id: str = "newsroom-portal"
    client_secret: SecretStr = SecretStr("newsroom-portal-dev-secret")
    # Encrypts the session and login cookies (Fernet key derived from it).
    session_secret: SecretStr = SecretStr("newsroom-portal-dev-session-key")
    # Cookies marked Secure (https sites); follows the portal URL's scheme when unset.
    secure_cookies: bool | None = None


class PortalSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="PORTAL_", env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "portal"
    web: WebSettings = WebSettings()
    # ops endpoint: /metrics /healthz /readyz
    http: HttpSettings = HttpSettings(port=9107)
    gateway: GatewaySettings = GatewaySettings()
    cache: PageCacheSettings = PageCacheSettings()
    oidc: OidcSettings = OidcSettings()
    # How long the site directory from the gateway is kept.
    sites_ttl_s: float = 30.0
    # Interface time zone for dates.
    timezone: str = "Asia/Ho_Chi_Minh"
    # Stories per section page.
    page_size: int = Field(default=12, ge=1, le=50)
