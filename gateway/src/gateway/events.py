"""Cache invalidation from content events.

A background thread reads every partition of ``content.events.v1`` (assigned by hand, no
consumer group: every gateway instance must see every event, and there is no rebalance
to wait for), starting at the end of the topic: older events cannot make the (empty)
cache stale. It only invalidates, so it need not be idempotent and never commits
offsets. Once the end offsets are resolved the cache starts serving; if the consumer
fails, the cache is cleared and bypassed until it recovers. Partitions added to the
topic later are picked up when the consumer restarts.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from gateway.cache import PublicCache
from newsroom_core.events import topics
from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_core.events.kafka import ensure_topics, make_broadcast_consumer
from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"
INVALIDATING = frozenset({STORY_PUBLISHED, STORY_CORRECTED, STORY_RETRACTED})


def instance_group(prefix: str) -> str:
    """The name of one cache's consumer (its Kafka client id), unique per instance."""
    return f"{prefix}.{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class TopicTail:
    """Reads every partition of one topic from its end, in a thread, until stopped,
    handing each record to ``handle``; reconnects with backoff on failure. ``on_ready``
    runs once the partitions' end offsets are resolved (from then on nothing is missed),
    ``on_failure`` when the consumer fails."""

    def __init__(
        self,
        kafka: KafkaSettings,
        topic: str,
        handle: Callable[[Any, bytes | None], None],
        *,
        client_id: str,
        on_ready: Callable[[], None] = lambda: None,
        on_failure: Callable[[], None] = lambda: None,
        poll_timeout_ms: int = 100,
    ) -> None:
        self.kafka = kafka
        self.topic = topic
        self.handle = handle
        self.client_id = client_id
        self.on_ready = on_ready
        self.on_failure = on_failure
        self.poll_timeout_ms = poll_timeout_ms
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name=f"tail-{topic}", daemon=True)

    def start(self) -> TopicTail:
        self._thread.start()
        return self

    def run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            consumer: KafkaConsumer | None = None
            try:
                ensure_topics(self.kafka, [self.topic])
                consumer = make_broadcast_consumer(self.kafka, client_id=self.client_id)
                self._assign_all(consumer)
                self.on_ready()
                while not self._stop.is_set():
                    batches = consumer.poll(timeout_ms=self.poll_timeout_ms)
                    for records in batches.values():
                        for record in records:
                            self.handle(record.headers, record.value)
                    backoff = 0.2
            except Exception:
                log.warning("tail of %s failed; retrying", self.topic, exc_info=True)
                self.on_failure()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
            finally:
                if consumer is not None:
                    try:
                        consumer.close(autocommit=False)
                    except Exception:
                        log.debug("closing consumer failed", exc_info=True)

    def _assign_all(self, consumer: KafkaConsumer) -> None:
        partitions: set[int] = set()
        while not partitions and not self._stop.is_set():
            partitions = consumer.partitions_for_topic(self.topic) or set()
            if not partitions:
                self._stop.wait(0.2)
        assigned = [TopicPartition(self.topic, p) for p in sorted(partitions)]
        consumer.assign(assigned)
        consumer.seek_to_end(*assigned)
        for partition in assigned:
            consumer.position(partition)

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)


class CacheInvalidator:
    """Drops a tenant's cached public pages when one of its stories is published,
    corrected or retracted; the cache serves only while the tail is assigned."""

    def __init__(
        self,
        kafka: KafkaSettings,
        cache: PublicCache,
        *,
        group: str,
        topic: str = topics.CONTENT,
        poll_timeout_ms: int = 100,
    ) -> None:
        self.cache = cache
        self.group = group
        self.topic = topic
        self.invalidations = 0
        self._tail = TopicTail(
            kafka,
            topic,
            self.handle,
            client_id=group,
            on_ready=cache.mark_ready,
            on_failure=cache.mark_unready,
            poll_timeout_ms=poll_timeout_ms,
        )

    def start(self) -> CacheInvalidator:
        self._tail.start()
        return self

    def handle(self, headers: Any, value: bytes | None) -> None:
        try:
            event = CloudEvent.from_record(headers, value)
        except EnvelopeError:
            return
        if event.type in INVALIDATING and event.tenant:
            dropped = self.cache.invalidate_tenant(event.tenant, cause=event.type.split(".")[-2])
            self.invalidations += 1
            log.info(
                "cache invalidated",
                extra={"tenant": event.tenant, "ce_type": event.type, "entries": dropped},
            )

    def stop(self, timeout_s: float = 5.0) -> None:
        self._tail.stop(timeout_s)
