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
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from gateway.cache import PublicCache
from newsroom_core.events import topics
from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_core.events.kafka import broker_reachable, ensure_topics, make_broadcast_consumer
from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"
INVALIDATING = frozenset({STORY_PUBLISHED, STORY_CORRECTED, STORY_RETRACTED})


def instance_group(prefix: str) -> str:
    """The name of one cache's consumer (its Kafka client id), unique per instance."""
    return f"{prefix}.{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class CacheInvalidator:
    def __init__(
        self,
        kafka: KafkaSettings,
        cache: PublicCache,
        *,
        group: str,
        topic: str = topics.CONTENT,
        poll_timeout_ms: int = 100,
    ) -> None:
        self.kafka = kafka
        self.cache = cache
        self.group = group
        self.topic = topic
        self.poll_timeout_ms = poll_timeout_ms
        self.invalidations = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name="cache-invalidator", daemon=True)

    def start(self) -> CacheInvalidator:
        self._thread.start()
        return self

    def run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            consumer: KafkaConsumer | None = None
            try:
                ensure_topics(self.kafka, [self.topic])
                consumer = make_broadcast_consumer(self.kafka, client_id=self.group)
                self._assign_all(consumer)
                while not self._stop.is_set():
                    batches = consumer.poll(timeout_ms=self.poll_timeout_ms)
                    for records in batches.values():
                        for record in records:
                            self.handle(record.headers, record.value)
                    backoff = 0.2
            except Exception:
                log.warning("cache invalidation consumer failed; cache bypassed", exc_info=True)
                self.cache.mark_unready()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
            finally:
                if consumer is not None:
                    try:
                        consumer.close(autocommit=False)
                    except Exception:
                        log.debug("closing consumer failed", exc_info=True)

    def healthy(self) -> bool:
        """Running, serving the cache, and some broker reachable (readiness report)."""
        return self._thread.is_alive() and self.cache.ready and broker_reachable(self.kafka)

    def _assign_all(self, consumer: KafkaConsumer) -> None:
        """Every partition of the topic, from its end; then the cache may serve."""
        partitions: set[int] = set()
        while not partitions and not self._stop.is_set():
            partitions = consumer.partitions_for_topic(self.topic) or set()
            if not partitions:  # a topic created a moment ago: metadata still propagating
                self._stop.wait(0.2)
        assigned = [TopicPartition(self.topic, p) for p in sorted(partitions)]
        consumer.assign(assigned)
        consumer.seek_to_end(*assigned)
        for partition in assigned:
            consumer.position(partition)  # resolve now: from here on no event is missed
        self.cache.mark_ready()
        log.info("cache invalidation consumer assigned", extra={"partitions": len(assigned)})

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
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
