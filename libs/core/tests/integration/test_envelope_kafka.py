from __future__ import annotations

from collections.abc import Callable

import pytest
from google.protobuf.wrappers_pb2 import StringValue

from newsroom_core.events.envelope import new_event
from newsroom_core.events.kafka import make_producer
from newsroom_core.settings import KafkaSettings
from newsroom_core.testing.kafka import read_all

pytestmark = pytest.mark.kafka


def test_envelope_survives_a_real_broker(
    kafka_settings: KafkaSettings, topic_factory: Callable[..., str]
) -> None:
    topic = topic_factory("envelope")
    event = new_event(
        StringValue(value="Tin nóng: truyền thông"),
        type="newsroom.test.story.published.v1",
        source="/newsroom/test",
        subject="story-9",
        tenant="uongbi",
    )
    producer = make_producer(kafka_settings, client_id="t")
    producer.send(topic, key=b"story-9", value=event.data, headers=event.headers()).get(10)
    producer.close()
    [received] = read_all(kafka_settings, topic, 1)
    assert received == event
    assert received.parse(StringValue).value == "Tin nóng: truyền thông"
