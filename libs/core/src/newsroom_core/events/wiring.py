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
    group = _ensure_group(settings, purpose, topics)
    return _member(settings, sessions, group=group, topics=topics, handler=handler, member=None)


def idempotent_consumers(
    settings: ServiceSettings,
    sessions: SessionFactory,
    *,
    name: str,
    purpose: str,
    topics: Sequence[str],
    handler: Handler,
    members: int,
) -> dict[str, IdempotentConsumer]:
    """``members`` consumers of the same group in this process (workers ``name``,
    ``name-1``...): Kafka gives each its share of the partitions, so a backlog is applied
    on several database connections at once. Order is kept per partition (per story: the
    key), so only handlers whose batches touch their own keys' rows may run this way."""
    group = _ensure_group(settings, purpose, topics)
    numbered = members > 1  # a lone member keeps the process's own static id and client id
    return {
        (name if n == 0 else f"{name}-{n}"): _member(
            settings,
            sessions,
            group=group,
            topics=topics,
            handler=handler,
            member=n if numbered else None,
        )
        for n in range(max(1, members))
    }


def _ensure_group(settings: ServiceSettings, purpose: str, topics: Sequence[str]) -> str:
    group = f"{settings.kafka.group_prefix}{settings.service_name}.{purpose}"
    ensure_topics(settings.kafka, [*topics, dlq_topic(group)])
    return group


def _member(
    settings: ServiceSettings,
    sessions: SessionFactory,
    *,
    group: str,
    topics: Sequence[str],
    handler: Handler,
    member: int | None,
) -> IdempotentConsumer:
    client_id = group if member is None else f"{group}-{member}"
    return IdempotentConsumer(
        consumer=make_consumer(
            settings.kafka, group=group, topics=topics, client_id=client_id, member=member
        ),
        group=group,
        handler=handler,
        sessions=sessions,
        dlq_producer=make_producer(settings.kafka, client_id=f"{client_id}-dlq"),
        settings=settings.consumer,
        kafka_settings=settings.kafka,
    )
