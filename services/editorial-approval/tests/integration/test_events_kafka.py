"""Our events reach real Kafka through the outbox relay; inbound events arrive through a
real idempotent consumer."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from editorial_approval_service import events
from editorial_approval_service.consumers import STORY_CREATED
from newsroom.content.v1 import content_events_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ev
from newsroom.editorial_approval.v1 import workflow_pb2 as wf
from newsroom_core.events.consumer import IdempotentConsumer
from newsroom_core.events.envelope import new_event
from newsroom_core.events.kafka import make_consumer, make_producer
from newsroom_core.events.outbox import OutboxRelay
from newsroom_core.settings import ConsumerSettings, KafkaSettings, OutboxSettings
from newsroom_core.testing.kafka import read_all
from newsroom_core.testing.run import topic_name
from newsroom_testkit.desk import Desk
from newsroom_testkit.outbox import outbox_events

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]


def test_relay_publishes_workflow_events_in_order_once(
    editorial_factory: Callable[..., Any],
    content_stub: Any,
    tenant_factory: Callable[..., str],
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    topic = topic_factory("ea-events")
    fresh = editorial_factory(events_topic=topic)
    desk = Desk(tenant_factory("halong"), content_stub, fresh.stub)
    story_id = desk.story()
    desk.pass_review(story_id)
    relay = OutboxRelay(
        sessions=fresh.sessions,
        db_url=fresh.url,
        producer=make_producer(kafka_settings, client_id="ea-test-relay"),
        settings=OutboxSettings(batch_size=100),
        service="editorial-approval",
    )
    assert relay.drain() == 5  # 4 transitions + 1 PublishRequested
    assert relay.drain() == 0
    assert outbox_events(fresh.engine, story_id) == []

    records = [e for e in read_all(kafka_settings, topic, expect=5) if e.subject == story_id]
    assert [e.type for e in records] == [
        events.WORKFLOW_TRANSITIONED,
        events.WORKFLOW_TRANSITIONED,
        events.WORKFLOW_TRANSITIONED,
        events.WORKFLOW_TRANSITIONED,
        events.PUBLISH_REQUESTED,
    ], "one key, one partition: the story's events stay in order"
    assert {(e.source, e.tenant) for e in records} == {
        ("/newsroom/editorial-approval", desk.tenant)
    }
    assert [e.parse(ev.WorkflowTransitioned).to_state for e in records[:4]] == [
        wf.WORKFLOW_STATE_SUBMITTED,
        wf.WORKFLOW_STATE_IN_REVIEW,
        wf.WORKFLOW_STATE_APPROVED,
        wf.WORKFLOW_STATE_PUBLISHED,
    ]
    order: Any = records[4].parse(ev.PublishRequested)
    assert (order.story_id, order.revision) == (story_id, 1)
    assert records[4].dataschema == "proto:newsroom.editorial_approval.v1.PublishRequested"


def test_consumer_queues_syndicated_copy_once(
    editorial_factory: Callable[..., Any],
    group_tenant: str,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
) -> None:
    fresh = editorial_factory()
    topic = topic_factory("ea-content-in", partitions=1)
    copy_id = str(uuid.uuid4())
    created = content_events_pb2.StoryCreated(
        story_id=copy_id,
        tenant=group_tenant,
        headline="Bản đề cử",
        nomination_id=str(uuid.uuid4()),
    )
    created.author.user_id = "halong-author"
    event = new_event(
        created,
        type=STORY_CREATED,
        source="/newsroom/content",
        subject=copy_id,
        tenant=group_tenant,
    )
    producer = make_producer(kafka_settings, client_id="ea-test-producer")
    for _ in range(2):  # a duplicate delivery of the same event
        producer.send(topic, key=copy_id.encode(), value=event.data, headers=event.headers())
    producer.flush()
    producer.close()

    group = topic_name("ea-consumer")
    consumer = IdempotentConsumer(
        consumer=make_consumer(kafka_settings, group=group, topics=[topic], client_id=group),
        group=group,
        handler=fresh.aggregates.router(),
        sessions=fresh.sessions,
        dlq_producer=make_producer(kafka_settings, client_id=f"{group}-dlq"),
        settings=ConsumerSettings(),
    )
    seen = 0
    deadline = time.monotonic() + 30
    try:
        while seen < 2 and time.monotonic() < deadline:
            seen += consumer.poll_once(timeout_ms=500)
    finally:
        consumer.close()
    assert seen == 2
    transitions = outbox_events(fresh.engine, copy_id, events.WORKFLOW_TRANSITIONED)
    assert len(transitions) == 1, "queued once despite the duplicate"
    message: Any = transitions[0].parse(ev.WorkflowTransitioned)
    assert (message.tenant, message.to_state) == (group_tenant, wf.WORKFLOW_STATE_SUBMITTED)
    assert message.actor.user_id == "system"
