"""Our records, as the official CloudEvents SDK reads them.

The record goes the way every event goes (outbox row -> relay -> real broker), is read back
with kafka-python, and is handed to the SDK's Kafka binding: the current one
(``cloudevents.core.bindings.kafka``) and the v1 one (``cloudevents.v1.kafka``). Each
must find every context attribute we set, the ``tenant`` extension included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC

import pytest
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.v1 import kafka as ce_kafka_v1
from google.protobuf.wrappers_pb2 import StringValue
from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from sqlalchemy import Engine

from newsroom_core.context import bound, new_trace
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_core.events.kafka import make_producer
from newsroom_core.events.outbox import OutboxRelay, enqueue
from newsroom_core.settings import KafkaSettings, OutboxSettings

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]


def only_record(settings: KafkaSettings, topic: str) -> ConsumerRecord:
    """The one record of a one-partition topic, as kafka-python hands it over."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.bootstrap, enable_auto_commit=False, group_id=None
    )
    partition = TopicPartition(topic, 0)
    try:
        consumer.assign([partition])
        consumer.seek_to_beginning(partition)
        assert consumer.end_offsets([partition])[partition] == 1
        deadline = time.monotonic() + 30
        records: list[ConsumerRecord] = []
        while not records and time.monotonic() < deadline:
            records = consumer.poll(timeout_ms=500).get(partition, [])
    finally:
        consumer.close()
    assert len(records) == 1, records
    return records[0]


def test_the_official_sdk_reads_every_attribute_of_our_records(
    platform_db: tuple[str, Engine],
    sessions: SessionFactory,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    topic = topic_factory("cloudevents-sdk", partitions=1)
    trace = new_trace()
    with bound(trace=trace):
        sent = new_event(
            StringValue(value="Than Hạ Long ứng phó bão"),
            type="newsroom.content.story.published.v1",
            source="/newsroom/content",
            subject="story-42",
            tenant="halong",
        )
    with session_scope(sessions) as session:
        enqueue(session, topic=topic, key=sent.subject, event=sent)
    relay = OutboxRelay(
        sessions=sessions,
        db_url=platform_db[0],
        producer=make_producer(kafka_settings, client_id="test-cloudevents-sdk"),
        settings=OutboxSettings(batch_size=10),
        service="test",
    )
    assert relay.drain() == 1
    record = only_record(kafka_settings, topic)
    headers: dict[str, bytes] = dict(record.headers)
    assert "tenant" not in headers  # the extension travels as ce_tenant, nothing else

    found = ce_kafka.from_binary(
        ce_kafka.KafkaMessage(headers=headers, key=record.key, value=record.value), JSONFormat()
    )
    assert found.get_specversion() == "1.0"
    assert found.get_type() == "newsroom.content.story.published.v1"
    assert found.get_source() == "/newsroom/content"
    assert found.get_subject() == "story-42"
    assert found.get_id() == sent.id
    assert found.get_time() == sent.time.astimezone(UTC)
    assert found.get_extension("tenant") == "halong"
    assert found.get_dataschema() == "proto:google.protobuf.StringValue"
    assert found.get_datacontenttype() == "application/protobuf"
    assert found.get_extension("partitionkey") == "story-42"  # the SDK's name for the key
    # traceparent is W3C trace context in its own header, which OpenTelemetry reads
    assert headers["traceparent"].decode().startswith(f"00-{trace.trace_id}-")

    legacy = ce_kafka_v1.from_binary(
        ce_kafka_v1.KafkaMessage(headers=headers, key=record.key, value=record.value),
        data_unmarshaller=lambda value: value,
    )
    assert legacy["specversion"] == "1.0"
    assert legacy["type"] == sent.type
    assert legacy["source"] == sent.source
    assert legacy["subject"] == sent.subject
    assert legacy["id"] == sent.id
    assert legacy["time"] == headers["ce_time"].decode()
    assert legacy["tenant"] == "halong"
    data = legacy.get_data()
    assert isinstance(data, bytes)
    assert StringValue.FromString(data).value == "Than Hạ Long ứng phó bão"

    # and our own reader agrees with both
    ours = CloudEvent.from_record(record.headers, record.value)
    assert ours == sent
