"""Settings of the ``newsroom`` command: ``NEWSROOM_*`` variables, as in ``.local/infra.env``.

The names are the ones ``deploy/local/infra.sh up`` writes (``NEWSROOM_KEYCLOAK_URL``,
``NEWSROOM_S3_ENDPOINT``, ...), so a developer's shell needs nothing extra; the file itself
is read as a dotenv file and real environment variables win over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from newsroom_core.auth import KeycloakSettings
from newsroom_core.localstack import state_dir
from newsroom_core.settings import PLACEHOLDER_SECRETS, Environment
from newsroom_core.storage import StorageSettings


class CliSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSROOM_", extra="ignore")

    environment: Environment = Environment.DEV

    # Keycloak: the admin API is used through the gateway client's service account
    # (realm-management roles); the master-realm admin is the fallback.
    keycloak_url: str = "http://127.0.0.1:58080"
    keycloak_realm: str = "newsroom"
    keycloak_gateway_client: str = "newsroom-gateway"
    keycloak_gateway_secret: SecretStr = SecretStr("newsroom-gateway-dev-secret")
    keycloak_admin: str = "admin"
    keycloak_admin_password: SecretStr = SecretStr("admin")
    keycloak_web_client: str = "newsroom-web"
    # The password-grant client of dev/test realms (never imported into a deployment).
    keycloak_test_client: str = "newsroom-test"

    # Object storage.
    s3_endpoint: str = "127.0.0.1:59000"
    s3_access_key: str = "newsroom"
    s3_secret_key: SecretStr = SecretStr("newsroom-dev-secret")
    s3_secure: bool = False
    s3_region: str = "us-east-1"
    s3_bucket: str = "newsroom"
    s3_console_url: str = "http://127.0.0.1:59001"

    # ffmpeg, as `make infra-up` found it (makes the demo media).
    ffmpeg: str = ""

    # Backing services `newsroom dev` checks and hands to the services it starts.
    pg_dsn: str = "postgresql+psycopg://postgres@127.0.0.1:55432/postgres"
    kafka_bootstrap: str = "127.0.0.1:59092"

    # Our services.
    content_target: str = "127.0.0.1:50051"
    content_ops_port: int = 9101
    editorial_target: str = "127.0.0.1:50052"
    editorial_ops_port: int = 9102
    media_asset_target: str = "127.0.0.1:50053"
    media_asset_ops_port: int = 9103
    media_worker_ops_port: int = 9104
    gateway_url: str = "http://127.0.0.1:8000"
    # The public portal (web/portal) and its ops endpoint; the gateway builds feed and
    # sitemap links from portal_url.
    portal_url: str = "http://127.0.0.1:8080"
    portal_ops_port: int = 9107
    # The newsroom app (web/newsroom, static files served by web/newsroom/serve.py).
    app_port: int = 8081
    grpc_deadline_s: float = 10.0
    # HMAC key the services verify forwarded identities with (the services' IDENTITY__SECRET).
    identity_secret: SecretStr = SecretStr("newsroom-identity-dev-key")

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Self:
        if self.environment is Environment.PROD:
            for name in ("keycloak_gateway_secret", "s3_secret_key", "identity_secret"):
                raw = getattr(self, name).get_secret_value()
                if raw in PLACEHOLDER_SECRETS or "dev" in raw:
                    raise ValueError(f"{name} holds a placeholder secret; set a real one in prod")
        return self

    @classmethod
    def load(cls, env_file: Path | None = None) -> CliSettings:
        """Environment first, then ``.local/infra.env`` (when present), then defaults."""
        path = env_file or state_dir() / "infra.env"
        return cls(_env_file=path if path.exists() else None)

    @property
    def identity_key(self) -> bytes:
        return self.identity_secret.get_secret_value().encode()

    @property
    def keycloak(self) -> KeycloakSettings:
        return KeycloakSettings(
            url=self.keycloak_url,
            realm=self.keycloak_realm,
            client_id=self.keycloak_gateway_client,
            client_secret=self.keycloak_gateway_secret,
        )

    @property
    def storage(self) -> StorageSettings:
        return StorageSettings(
            endpoint=self.s3_endpoint,
            access_key=self.s3_access_key,
            secret_key=self.s3_secret_key,
            secure=self.s3_secure,
            region=self.s3_region,
            bucket=self.s3_bucket,
        )

    def database_url(self, database: str) -> str:
        """The PostgreSQL server's URL with another database name."""
        from sqlalchemy.engine import make_url  # heavy import, only `newsroom dev` needs it

        return make_url(self.pg_dsn).set(database=database).render_as_string(hide_password=False)
