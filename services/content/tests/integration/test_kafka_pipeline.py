"""Publishing end to end on the real broker: editorial topic -> consumer -> outbox -> relay."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, text

from content_service.consumers import PURPOSE
from content_service.publishing.events import STORY_PUBLISHED
from newsroom.content.v1 import content_events_pb2, story_pb2
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom_core.db import SessionFactory
from newsroom_core.events.consumer import EventRouter, IdempotentConsumer
from newsroom_core.events.kafka import ensure_topics, make_consumer, make_producer
from newsroom_core.events.outbox import OutboxRelay
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.settings import ConsumerSettings, KafkaSettings, OutboxSettings
from newsroom_core.testing.kafka import read_all
from newsroom_core.testing.run import topic_name
from newsroom_testkit.editorial_events import publish_requested, send
from newsroom_testkit.identities import member
from newsroom_testkit.outbox import outbox_rows

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]


def test_publish_requested_on_kafka_publishes_once(
    stub: ContentServiceStub,
    router: EventRouter,
    sessions: SessionFactory,
    engine: Engine,
    content_db: str,
    events_topic: str,
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
    tenant_factory: Callable[..., str],
) -> None:
    tenant = tenant_factory("kafka")
    with acting_as(member(tenant, "editor")):
        story = stub.CreateStory(
            pb.CreateStoryRequest(
                tenant=tenant,
                type=story_pb2.STORY_TYPE_NEWS,
                headline="Sản xuất an toàn mùa mưa bão",
                body_html="<p>Nội dung.</p>",
            )
        ).story

    editorial_topic = topic_factory("editorial", partitions=1)
    order = publish_requested(tenant, story.id, 1)
    producer = make_producer(kafka_settings, client_id="test-editorial")
    send(producer, editorial_topic, order)
    send(producer, editorial_topic, order)  # the broker redelivers the same event
    send(producer, editorial_topic, publish_requested(tenant, story.id, 1))  # a second order
    producer.flush()
    producer.close()

    group = topic_name(f"content.{PURPOSE}")
    kafka_consumer = make_consumer(
        kafka_settings, group=group, topics=[editorial_topic], client_id=group
    )
    # Load the new topic's metadata before the group join, else the first assignment can
    # come back empty and stay so until the next metadata refresh.
    for _ in range(50):
        if kafka_consumer.partitions_for_topic(editorial_topic):
            break
        time.sleep(0.1)
    consumer = IdempotentConsumer(
        consumer=kafka_consumer,
        group=group,
        handler=router,
        sessions=sessions,
        dlq_producer=make_producer(kafka_settings, client_id=f"{group}-dlq"),
        settings=ConsumerSettings(max_attempts=2, retry_backoff_s=0.01),
    )
    seen = 0
    try:
        for _ in range(60):
            seen += consumer.poll_once(timeout_ms=500)
            if seen >= 3:
                break
    finally:
        consumer.close()
    assert seen == 3

    public = stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=tenant, slug=story.slug))
    assert public.story.revision == 1
    with engine.connect() as conn:
        processed = conn.execute(
            text("SELECT count(*) FROM processed_event WHERE consumer_group = :g"), {"g": group}
        ).scalar_one()
    assert processed == 2, "the redelivered copy is skipped by its ce_id"
    assert len(outbox_rows(engine, story.id, STORY_PUBLISHED)) == 1

    ensure_topics(kafka_settings, [events_topic], partitions=1)
    relay = OutboxRelay(
        sessions=sessions,
        db_url=content_db,
        producer=make_producer(kafka_settings, client_id="test-content-relay"),
        settings=OutboxSettings(batch_size=500),
        service="content-test",
    )
    relayed = relay.drain()
    assert relayed >= 1 and outbox_rows(engine, story.id) == []
    on_kafka = [
        e
        for e in read_all(kafka_settings, events_topic, relayed)
        if e.subject == story.id and e.type == STORY_PUBLISHED
    ]
    assert len(on_kafka) == 1
    message: content_events_pb2.StoryPublished = on_kafka[0].parse(
        content_events_pb2.StoryPublished
    )
    assert (message.story_id, message.tenant, message.revision) == (story.id, tenant, 1)
    assert on_kafka[0].tenant == tenant and on_kafka[0].source == "/newsroom/content"
