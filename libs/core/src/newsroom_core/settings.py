"""Settings read from the environment, one prefix per service.

Nested names use ``__``: ``CONTENT_DB__URL``, ``CONTENT_KAFKA__BOOTSTRAP``. Settings are
built once in ``__main__`` and passed down; nothing imports a settings global.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "dev-secret"})


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PROD = "prod"


class DbSettings(BaseModel):
    url: str = "postgresql+psycopg://postgres@127.0.0.1:55432/postgres"
    pool_size: int = 10
    # the autocommit pool for reads (make_read_engine): its own, smaller connection budget
    read_pool_size: int = 5
    max_overflow: int = 10
    # The write pool checks a connection before handing it out (one round trip, ~0.1 ms
    # on loopback), so the first write after a PostgreSQL restart does not fail on a
    # dead connection; reads skip it (a failed read is retried by the caller's channel).
    pre_ping: bool = True
    read_pre_ping: bool = False
    recycle_s: int = 1800
    # give up connecting after this long (a restarting server refuses at once; a
    # vanished host would otherwise hang a call for the OS's TCP timeout)
    connect_timeout_s: int = 5
    echo: bool = False


class KafkaSettings(BaseModel):
    """kafka-python clients. The recovery-related values are explained in docs/adr/0007."""

    bootstrap: str = "127.0.0.1:59092"
    client_id: str = ""
    # Prefix of every consumer group (and so of its dead-letter topic): releases that share
    # one Kafka cluster with topic prefixes (the chart sets both) must not share groups.
    group_prefix: str = ""
    linger_ms: int = 5
    batch_size: int = 64 * 1024
    request_timeout_ms: int = 30_000
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    max_poll_records: int = 500
    # kafka-python doubles the wait between reconnects up to 30 s; Java clients stop at 1 s;
    # ours at 0.5 s: after a broker restart the wait left is pure delay (docs/adr/0007)
    reconnect_backoff_ms: int = 50
    reconnect_backoff_max_ms: int = 500
    # how often clients re-read cluster metadata without being told to (default 5 min)
    metadata_max_age_ms: int = 5_000
    # producer.send() waiting for metadata of a topic while no broker answers
    max_block_ms: int = 5_000
    # a record not acknowledged by then fails its future; the relay re-sends its batch
    delivery_timeout_ms: int = 120_000
    # Static group membership (KIP-345) when set: unique per consumer process and stable
    # across its restarts (a pod name, or `make dev`'s service-host-port). A SIGKILLed
    # consumer restarted with the same id gets its partitions back at once; without it
    # the group waits session_timeout_ms for the dead member before rebalancing.
    group_instance_id: str = ""


class OutboxSettings(BaseModel):
    batch_size: int = 500
    # fallback wake-up when no NOTIFY came (a LISTEN connection lost while rows were
    # written is caught up by the pass the relay makes right after reconnecting)
    poll_interval_s: float = 0.5
    enabled: bool = True
    # the relay's wait between failed passes doubles up to this (PostgreSQL or Kafka down)
    max_backoff_s: float = 0.5
    # not acknowledged by Kafka for this long: the relay reports itself unhealthy
    stuck_after_s: float = 2.0


class ConsumerSettings(BaseModel):
    max_attempts: int = 3
    retry_backoff_s: float = 0.2
    # the wait between failed batches (database down) doubles up to this
    max_backoff_s: float = 0.5


class GrpcSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 50051
    max_workers: int = 16
    shutdown_grace_s: float = 10.0


class HttpSettings(BaseModel):
    """The /metrics, /healthz and /readyz endpoint of every process."""

    host: str = "127.0.0.1"
    port: int = 9101


class LogSettings(BaseModel):
    level: str = "INFO"
    json_format: bool = Field(default=True, alias="json")


class GcSettings(BaseModel):
    """Garbage collector tuning for long-running servers (``newsroom_core.memory``)."""

    # freeze what startup built (modules, app, schemas, descriptors) out of collections
    freeze_after_start: bool = True
    # young-generation threshold: allocations between collections (CPython's default 700)
    young_threshold: int = Field(default=50_000, ge=700)


class IdentitySettings(BaseModel):
    """Shared HMAC key the gateway signs forwarded identities with."""

    secret: SecretStr = SecretStr("newsroom-identity-dev-key")


class ServiceSettings(BaseSettings):
    """Base of every service's settings; subclasses set ``env_prefix``."""

    model_config = SettingsConfigDict(
        env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "newsroom"
    environment: Environment = Environment.DEV
    db: DbSettings = DbSettings()
    kafka: KafkaSettings = KafkaSettings()
    outbox: OutboxSettings = OutboxSettings()
    consumer: ConsumerSettings = ConsumerSettings()
    grpc: GrpcSettings = GrpcSettings()
    http: HttpSettings = HttpSettings()
    log: LogSettings = LogSettings()
    identity: IdentitySettings = IdentitySettings()
    gc: GcSettings = GcSettings()

    @model_validator(mode="before")
    @classmethod
    def _merge_nested_defaults(cls, data: Any) -> Any:
        """``CONTENT_GRPC__HOST`` alone must not reset the service's other grpc defaults.

        pydantic-settings builds a nested model from only the variables it finds, which
        would drop a subclass's defaults (its port, its worker count) for the core ones.
        """
        if not isinstance(data, dict):
            return data
        merged = dict(data)
        for name, field in cls.model_fields.items():
            value, default = merged.get(name), field.default
            if isinstance(value, dict) and isinstance(default, BaseModel):
                merged[name] = {**default.model_dump(by_alias=True), **value}
        return merged

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Self:
        if self.environment is Environment.PROD:
            for name, value in self._secrets():
                raw = value.get_secret_value()
                if raw in PLACEHOLDER_SECRETS or "dev" in raw:
                    raise ValueError(f"{name} holds a placeholder secret; set a real one in prod")
        return self

    def _secrets(self) -> list[tuple[str, SecretStr]]:
        found: list[tuple[str, SecretStr]] = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                found.append((name, value))
            elif isinstance(value, BaseModel):
                for sub in type(value).model_fields:
                    inner = getattr(value, sub)
                    if isinstance(inner, SecretStr):
                        found.append((f"{name}.{sub}", inner))
        return found
