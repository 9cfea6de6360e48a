"""Every event of a topic, in every process: the listener behind in-process caches.

A background thread reads every partition of one topic (assigned by hand, no consumer
group: each instance must see each event, and there is no rebalance to wait for),
starting at the end of the topic, so only events after start-up arrive. It never commits
offsets, so handlers need not be idempotent: they only drop cached data. Once the end
offsets are resolved ``on_ready`` runs (from then on no event is missed); when the
consumer fails ``on_lost`` runs and the listener reconnects with a back-off that doubles
up to ``MAX_BACKOFF_S`` (docs/adr/0007: a longer wait is pure delay once Kafka is back).
Partitions added to the topic later are picked up when the consumer restarts.

Users: the gateway's public read cache, the portal's HTML cache.
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

from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_core.events.kafka import broker_reachable, ensure_topics, make_broadcast_consumer
from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

MIN_BACKOFF_S, MAX_BACKOFF_S = 0.2, 1.0


def instance_client_id(prefix: str) -> str:
    """A Kafka client id unique to this process (host, pid and a random part)."""
    return f"{prefix}.{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class BroadcastListener:
    """Calls ``on_event`` for each CloudEvent of ``topic`` published after start-up."""

    def __init__(
        self,
        kafka: KafkaSettings,
        *,
        topic: str,
        client_id: str,
        on_event: Callable[[CloudEvent], None],
        on_ready: Callable[[], None],
        on_lost: Callable[[], None],
        poll_timeout_ms: int = 100,
        thread_name: str = "broadcast-listener",
    ) -> None:
        self.kafka = kafka
        self.topic = topic
        self.client_id = client_id
        self.on_event = on_event
        self.on_ready = on_ready
        self.on_lost = on_lost
        self.poll_timeout_ms = poll_timeout_ms
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name=thread_name, daemon=True)

    def start(self) -> BroadcastListener:
        self._thread.start()
        return self

    def healthy(self) -> bool:
        """The thread runs and some broker is reachable (readiness reports)."""
        return self._thread.is_alive() and broker_reachable(self.kafka)

    def run(self) -> None:
        backoff = MIN_BACKOFF_S
        while not self._stop.is_set():
            consumer: KafkaConsumer | None = None
            try:
                ensure_topics(self.kafka, [self.topic])
                consumer = make_broadcast_consumer(self.kafka, client_id=self.client_id)
                self._assign_all(consumer)
                while not self._stop.is_set():
                    batches = consumer.poll(timeout_ms=self.poll_timeout_ms)
                    for records in batches.values():
                        for record in records:
                            self.handle(record.headers, record.value)
                    backoff = MIN_BACKOFF_S
            except Exception:
                log.warning("broadcast listener failed", extra={"topic": self.topic}, exc_info=True)
                self.on_lost()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
            finally:
                if consumer is not None:
                    try:
                        consumer.close(autocommit=False)
                    except Exception:
                        log.debug("closing consumer failed", exc_info=True)

    def _assign_all(self, consumer: KafkaConsumer) -> None:
        """Every partition of the topic, from its end; then ``on_ready``."""
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
        self.on_ready()
        log.info(
            "broadcast listener assigned",
            extra={"topic": self.topic, "partitions": len(assigned)},
        )

    def handle(self, headers: Any, value: bytes | None) -> None:
        try:
            event = CloudEvent.from_record(headers, value)
        except EnvelopeError:
            return
        self.on_event(event)

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
