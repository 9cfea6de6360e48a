"""Read-back helpers for tests: every record of a topic, straight from the broker."""

from __future__ import annotations

import time

from kafka import KafkaConsumer, TopicPartition

from newsroom_core.events.envelope import CloudEvent
from newsroom_core.settings import KafkaSettings


def _assigned(settings: KafkaSettings, topic: str) -> tuple[KafkaConsumer, list[TopicPartition]]:
    consumer = KafkaConsumer(
        bootstrap_servers=settings.bootstrap, enable_auto_commit=False, group_id=None
    )
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
    consumer.assign(partitions)
    return consumer, partitions


def read_all(
    settings: KafkaSettings, topic: str, expect: int = 0, timeout_s: float = 60
) -> list[CloudEvent]:
    """Every record of ``topic`` up to its end offsets, once at least ``expect`` are there."""
    consumer, partitions = _assigned(settings, topic)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            ends = consumer.end_offsets(partitions)
            if sum(ends.values()) >= expect or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        consumer.seek_to_beginning(*partitions)
        events: list[CloudEvent] = []
        while time.monotonic() < deadline:
            if all(consumer.position(tp) >= ends[tp] for tp in partitions):
                break
            for records in consumer.poll(timeout_ms=500).values():
                events.extend(CloudEvent.from_record(r.headers, r.value) for r in records)
        return events
    finally:
        consumer.close()


def end_offsets_total(settings: KafkaSettings, topic: str) -> int:
    consumer, partitions = _assigned(settings, topic)
    try:
        return int(sum(consumer.end_offsets(partitions).values()))
    finally:
        consumer.close()
