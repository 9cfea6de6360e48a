"""The only place that builds kafka-python clients."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)


def make_producer(settings: KafkaSettings, *, client_id: str) -> KafkaProducer:
    """Idempotent producer: acks=all, no reordering, retries without duplicates."""
    return KafkaProducer(
        bootstrap_servers=settings.bootstrap,
        client_id=settings.client_id or client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=settings.linger_ms,
        batch_size=settings.batch_size,
        request_timeout_ms=settings.request_timeout_ms,
        max_in_flight_requests_per_connection=5,
    )


def make_consumer(
    settings: KafkaSettings, *, group: str, topics: Iterable[str], client_id: str
) -> KafkaConsumer:
    return KafkaConsumer(
        *topics,
        bootstrap_servers=settings.bootstrap,
        client_id=settings.client_id or client_id,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        session_timeout_ms=settings.session_timeout_ms,
        heartbeat_interval_ms=settings.heartbeat_interval_ms,
        max_poll_records=settings.max_poll_records,
        # a topic created moments before the group joins shows up within seconds, not 5 min
        metadata_max_age_ms=5_000,
    )


def make_broadcast_consumer(settings: KafkaSettings, *, client_id: str) -> KafkaConsumer:
    """A consumer outside any group, for readers that must see every partition (cache
    invalidation in every gateway instance): assign partitions yourself, never commit."""
    return KafkaConsumer(
        bootstrap_servers=settings.bootstrap,
        client_id=settings.client_id or client_id,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        request_timeout_ms=settings.request_timeout_ms,
        metadata_max_age_ms=5_000,
    )


def ensure_topics(settings: KafkaSettings, topics: Iterable[str], *, partitions: int = 3) -> None:
    """Create missing topics (idempotent)."""
    admin = KafkaAdminClient(bootstrap_servers=settings.bootstrap, client_id="newsroom-admin")
    try:
        existing = set(admin.list_topics())
        wanted = [
            NewTopic(name=t, num_partitions=partitions, replication_factor=1)
            for t in topics
            if t not in existing
        ]
        if wanted:
            try:
                admin.create_topics(wanted)
            except TopicAlreadyExistsError:
                pass
            log.info("created topics", extra={"topics": [t.name for t in wanted]})
    finally:
        admin.close()
