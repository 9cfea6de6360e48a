"""``python -m newsroom_core.relay``: one service's outbox relay as a process of its own.

A service runs its relay on a thread by default (``<SERVICE>_OUTBOX__ENABLED=true``).
Run apart, the relay can be restarted, scaled to one replica and killed independently of
the service's gRPC process: with ``<SERVICE>_OUTBOX__ENABLED=false`` on the service, this
process is the only publisher of its outbox. Running both is harmless too: the advisory
lock lets one relay per database publish at a time. See docs/adr/0008.

Settings use the prefix ``RELAY_``: ``RELAY_SERVICE_NAME`` (whose outbox: the metrics
label and Kafka client id), ``RELAY_DB__URL`` (that service's database),
``RELAY_KAFKA__BOOTSTRAP``, ``RELAY_HTTP__PORT`` (``/metrics``, ``/healthz``, ``/readyz``).
"""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from newsroom_core.db import make_engine, ping, session_factory
from newsroom_core.events.kafka import broker_reachable
from newsroom_core.events.wiring import outbox_relay
from newsroom_core.logging import configure_logging
from newsroom_core.runtime import ServiceRuntime
from newsroom_core.settings import DbSettings, GrpcSettings, HttpSettings, ServiceSettings


class RelaySettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="RELAY_", env_nested_delimiter="__", extra="ignore", populate_by_name=True
    )

    service_name: str = "relay"
    # one connection for the batches; the NOTIFY listener has its own
    db: DbSettings = DbSettings(pool_size=2, max_overflow=2)
    # the gRPC server only answers health checks (native gRPC probes); any free port
    grpc: GrpcSettings = GrpcSettings(port=0, max_workers=2)
    http: HttpSettings = HttpSettings(port=9110)


def build(settings: RelaySettings) -> ServiceRuntime:
    engine = make_engine(settings.db)
    relay = outbox_relay(settings, session_factory(engine))
    return ServiceRuntime(
        settings,
        bindings=[],
        workers={"outbox-relay": relay},
        # Kafka is this process's whole job: it is ready only while it can publish (a
        # broker answers, and no batch has waited for its acks too long)
        readiness={
            "db": lambda: ping(engine),
            "kafka": lambda: broker_reachable(settings.kafka) and relay.healthy(),
        },
        on_shutdown=[engine.dispose],
    )


def main() -> None:
    settings = RelaySettings()
    configure_logging(
        f"{settings.service_name}-relay", settings.log.level, json_format=settings.log.json_format
    )
    build(settings).serve_forever()


if __name__ == "__main__":
    main()
