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


def idempotent_consumer(
    settings: ServiceSettings,
    sessions: SessionFactory,
    *,
    purpose: str,
    topics: Sequence[str],
    handler: Handler,
) -> IdempotentConsumer:
    """A consumer in group ``<service>.<purpose>``; the topics it reads and its DLQ are
    created if missing (each service creates the topics it writes itself)."""
    group = f"{settings.service_name}.{purpose}"
    ensure_topics(settings.kafka, [*topics, dlq_topic(group)])
    return IdempotentConsumer(
        consumer=make_consumer(settings.kafka, group=group, topics=topics, client_id=group),
        group=group,
        handler=handler,
        sessions=sessions,
        dlq_producer=make_producer(settings.kafka, client_id=f"{group}-dlq"),
        settings=settings.consumer,
    )
