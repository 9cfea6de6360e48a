"""Cache invalidation from content events.

A background thread consumes ``content.events.v1`` in a consumer group of its own per
gateway process (``gateway.cache.<hostname>-<pid>``), starting at the end of the topic:
older events cannot make the (empty) cache stale. It only invalidates, so it need not be
idempotent and never commits offsets. When its partitions are assigned the cache starts
serving; if the consumer fails, the cache is cleared and bypassed until it recovers.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Collection
from typing import Any

from kafka import ConsumerRebalanceListener, KafkaConsumer

from gateway.cache import PublicCache
from newsroom_core.events import topics
from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_core.events.kafka import ensure_topics, make_consumer
from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"
INVALIDATING = frozenset({STORY_PUBLISHED, STORY_CORRECTED, STORY_RETRACTED})


def instance_group(prefix: str) -> str:
    """A group of its own for every cache (not only every process): each cache must see
    every partition, and two caches in one group would split them. A new instance must
    also never wait for a rebalance with a predecessor that has not left the group yet."""
    return f"{prefix}.{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class _StartAtEnd(ConsumerRebalanceListener):  # type: ignore[misc]
    """Seeks new partitions to the end. Runs on kafka-python's IO thread, so it must not
    block: the offsets are resolved by the polling thread (``CacheInvalidator.run``)."""

    def __init__(self, consumer: KafkaConsumer, cache: PublicCache) -> None:
        self._consumer = consumer
        self._cache = cache
        self.assigned = threading.Event()

    def on_partitions_revoked(self, revoked: Collection[Any]) -> None:
        self.assigned.clear()
        if revoked:
            self._cache.mark_unready()  # events may be missed until the next assignment

    def on_partitions_assigned(self, assigned: Collection[Any]) -> None:
        # An empty assignment happens while a new topic's metadata propagates: the group
        # rebalances again once it is known. Not serving until then.
        if assigned:
            self._consumer.seek_to_end(*assigned)
            self.assigned.set()


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
                consumer = make_consumer(
                    self.kafka, group=self.group, topics=(), client_id=self.group
                )
                listener = _StartAtEnd(consumer, self.cache)
                consumer.subscribe([self.topic], listener=listener)
                while not self._stop.is_set():
                    batches = consumer.poll(timeout_ms=self.poll_timeout_ms)
                    if listener.assigned.is_set() and not self.cache.ready:
                        self._start_serving(consumer)
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

    def _start_serving(self, consumer: KafkaConsumer) -> None:
        """Resolve the end offsets of our partitions; from then on no event is missed."""
        partitions = list(consumer.assignment())
        if not partitions:
            return
        for partition in partitions:
            consumer.position(partition)
        self.cache.mark_ready()
        log.info("cache invalidation consumer assigned", extra={"partitions": len(partitions)})

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
