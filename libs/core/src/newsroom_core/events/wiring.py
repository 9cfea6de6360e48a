"""Builds the event workers of a service from its settings (used by ``__main__``)."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom_core.db import SessionFactory
from newsroom_core.events.consumer import Handler, IdempotentConsumer, dlq_topic
from newsroom_core.events.kafka import ensure_topics, make_consumer, make_producer
from newsroom_core.events.outbox import OutboxRelay
from newsroom_core.settings import ServiceSettings


def outbox_relay(settings: ServiceSettings, sessions: SessionFactory) -> OutboxRelay:
    return OutboxRelay(
        sessions=sessions,
        db_url=settings.db.url,
        producer=make_producer(settings.kafka, client_id=f"{settings.service_name}-relay"),
        settings=settings.outbox,
        service=settings.service_name,
    )


def outbox_workers(settings: ServiceSettings, sessions: SessionFactory) -> dict[str, OutboxRelay]:
    """The in-process relay, unless ``OUTBOX__ENABLED=false`` hands the outbox to a
    separate ``python -m newsroom_core.relay``."""
    if not settings.outbox.enabled:
        return {}
    return {"outbox-relay": outbox_relay(settings, sessions)}


def idempotent_consumer(
    settings: ServiceSettings,
    sessions: SessionFactory,
    *,
    purpose: str,
    topics: Sequence[str],
    handler: Handler,
) -> IdempotentConsumer:
    """A consumer in group ``[<kafka.group_prefix>]<service>.<purpose>``; the topics it reads
    and its DLQ are created if missing (each service creates the topics it writes itself)."""
    group = f"{settings.kafka.group_prefix}{settings.service_name}.{purpose}"
    ensure_topics(settings.kafka, [*topics, dlq_topic(group)])
    return IdempotentConsumer(
        consumer=make_consumer(settings.kafka, group=group, topics=topics, client_id=group),
        group=group,
        handler=handler,
        sessions=sessions,
        dlq_producer=make_producer(settings.kafka, client_id=f"{group}-dlq"),
        settings=settings.consumer,
        kafka_settings=settings.kafka,
    )
