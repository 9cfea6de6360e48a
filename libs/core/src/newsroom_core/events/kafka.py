"""The only place that builds kafka-python clients."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterable
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

# ensure_topics: 4 tries over ~2 min when nothing answers (each bootstrap waits 30 s).
ENSURE_TOPICS_ATTEMPTS = 4
ENSURE_TOPICS_BACKOFF_S = 1.0


def recovery_options(settings: KafkaSettings) -> dict[str, Any]:
    """What decides how soon a client notices a broker is back (docs/adr/0007).

    kafka-python waits ``reconnect_backoff_ms * 2**failures`` between connection attempts,
    up to ``reconnect_backoff_max_ms`` (its default, 30 s, left a client asleep for up to
    half a minute after a broker restart; Java clients stop at 1 s). ``metadata_max_age_ms``
    bounds how stale the cluster view may get (a topic created a moment ago shows up within
    seconds, not five minutes).
    """
    return {
        "bootstrap_servers": settings.bootstrap,
        "reconnect_backoff_ms": settings.reconnect_backoff_ms,
        "reconnect_backoff_max_ms": settings.reconnect_backoff_max_ms,
        "metadata_max_age_ms": settings.metadata_max_age_ms,
        "request_timeout_ms": settings.request_timeout_ms,
    }


def make_producer(settings: KafkaSettings, *, client_id: str) -> KafkaProducer:
    """Idempotent producer: acks=all, no reordering, retries without duplicates."""
    return KafkaProducer(
        **recovery_options(settings),
        client_id=settings.client_id or client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=settings.linger_ms,
        batch_size=settings.batch_size,
        max_in_flight_requests_per_connection=5,
        # send() waits this long for a topic's metadata while no broker answers, then
        # raises: the relay's pass fails and is retried instead of blocking for a minute
        max_block_ms=settings.max_block_ms,
        delivery_timeout_ms=settings.delivery_timeout_ms,
    )


def make_consumer(
    settings: KafkaSettings,
    *,
    group: str,
    topics: Iterable[str],
    client_id: str,
    member: int | None = None,
) -> KafkaConsumer:
    """A group member reading ``topics``; ``member`` numbers it among several members of
    the same group in one process (each then needs its own static-membership id)."""
    instance = settings.group_instance_id
    if instance and member is not None:
        instance = f"{instance}-{member}"
    return KafkaConsumer(
        *topics,
        **recovery_options(settings),
        client_id=settings.client_id or client_id,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        session_timeout_ms=settings.session_timeout_ms,
        heartbeat_interval_ms=settings.heartbeat_interval_ms,
        max_poll_records=settings.max_poll_records,
        # static membership: a restarted process with the same id takes its partitions
        # back at once instead of waiting for the dead member's session to expire
        group_instance_id=instance or None,
    )


def make_broadcast_consumer(settings: KafkaSettings, *, client_id: str) -> KafkaConsumer:
    """A consumer outside any group, for readers that must see every partition (cache
    invalidation in every gateway instance): assign partitions yourself, never commit."""
    return KafkaConsumer(
        **recovery_options(settings),
        client_id=settings.client_id or client_id,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
    )


def broker_reachable(settings: KafkaSettings, timeout_s: float = 0.5) -> bool:
    """Some bootstrap server accepts a TCP connection (a cheap liveness signal for
    readiness reports; the clients themselves reconnect on their own)."""
    for server in settings.bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout_s):
                return True
        except (OSError, ValueError):
            continue
    return False


def ensure_topics(
    settings: KafkaSettings,
    topics: Iterable[str],
    *,
    partitions: int = 3,
    attempts: int = ENSURE_TOPICS_ATTEMPTS,
) -> None:
    """Create missing topics (idempotent).

    A process that starts while the broker is down, restarting or too loaded to answer in
    time (kafka-python gives up on bootstrap after 30 s, on a request after
    ``request_timeout_ms``) tries again with backoff instead of dying at start-up; an error
    that is not retriable (a bad topic name, no permission) is raised at once.
    """
    wanted = list(topics)
    for attempt in range(1, attempts + 1):
        try:
            _ensure_topics_once(settings, wanted, partitions)
            return
        except KafkaError as exc:
            if not exc.retriable or attempt == attempts:
                raise
            delay = min(ENSURE_TOPICS_BACKOFF_S * 2 ** (attempt - 1), 8.0)
            log.warning(
                "kafka not ready for topic creation, retrying",
                extra={"attempt": attempt, "of": attempts, "retry_in_s": delay, "error": repr(exc)},
            )
            time.sleep(delay)


def _ensure_topics_once(settings: KafkaSettings, topics: list[str], partitions: int) -> None:
    admin = KafkaAdminClient(**recovery_options(settings), client_id="newsroom-admin")
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
