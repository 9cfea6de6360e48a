"""editorial_approval.events.v1 events as editorial-approval emits them, for content's
consumer tests."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.message import Message
from kafka import KafkaProducer

from content_service.publishing import events
from newsroom.common.v1 import story_ref_pb2
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ed
from newsroom.editorial_approval.v1 import workflow_pb2
from newsroom_core.actors import Actor, actor_to_pb
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_core.identity import Identity
from newsroom_core.timestamps import to_timestamp, utcnow
from newsroom_testkit.identities import PLATFORM

EDITORIAL_SOURCE = "/newsroom/editorial-approval"


def editorial_event(message: Message, ce_type: str, *, tenant: str, subject: str) -> CloudEvent:
    return new_event(message, type=ce_type, source=EDITORIAL_SOURCE, subject=subject, tenant=tenant)


def send(producer: KafkaProducer, topic: str, event: CloudEvent) -> None:
    """EVENT as editorial-approval's relay puts it on Kafka (key: the story), flushed."""
    producer.send(topic, key=event.subject.encode(), value=event.data, headers=event.headers())
    producer.flush()


def _by(who: Identity | None) -> Actor:
    return Actor.of(who or PLATFORM)


def publish_requested(
    tenant: str,
    story_id: str,
    revision: int,
    *,
    at: datetime | None = None,
    by: Identity | None = None,
    fast_track: bool = False,
) -> CloudEvent:
    message = ed.PublishRequested(
        story_id=story_id,
        tenant=tenant,
        revision=revision,
        fast_track=fast_track,
        requested_by=actor_to_pb(_by(by)),
        at=to_timestamp(at or utcnow()),
    )
    return editorial_event(message, events.PUBLISH_REQUESTED, tenant=tenant, subject=story_id)


def correction_requested(
    tenant: str, story_id: str, revision: int, note: str, *, at: datetime | None = None
) -> CloudEvent:
    message = ed.CorrectionRequested(
        story_id=story_id,
        tenant=tenant,
        revision=revision,
        correction_note=note,
        actor=actor_to_pb(_by(None)),
        at=to_timestamp(at or utcnow()),
    )
    return editorial_event(message, events.CORRECTION_REQUESTED, tenant=tenant, subject=story_id)


def retraction_requested(
    tenant: str,
    story_id: str,
    reason: str,
    *,
    by: Identity | None = None,
    takedown_id: str = "",
    at: datetime | None = None,
) -> CloudEvent:
    message = ed.RetractionRequested(
        story_id=story_id,
        tenant=tenant,
        reason=reason,
        actor=actor_to_pb(_by(by)),
        fast_track=True,
        at=to_timestamp(at or utcnow()),
        takedown_id=takedown_id,
    )
    return editorial_event(message, events.RETRACTION_REQUESTED, tenant=tenant, subject=story_id)


def transitioned(
    tenant: str,
    story_id: str,
    to_state: workflow_pb2.WorkflowState,
    *,
    at: datetime,
    revision: int = 1,
) -> CloudEvent:
    message = ed.WorkflowTransitioned(
        story_id=story_id,
        tenant=tenant,
        to_state=to_state,
        actor=actor_to_pb(_by(None)),
        revision=revision,
        at=to_timestamp(at),
    )
    return editorial_event(message, events.WORKFLOW_TRANSITIONED, tenant=tenant, subject=story_id)


def nominated(
    source_tenant: str,
    story_id: str,
    target_tenant: str,
    *,
    nomination_id: str,
    source_revision: int = 0,
    note: str = "",
    by: Identity | None = None,
) -> CloudEvent:
    message = ed.StoryNominated(
        nomination_id=nomination_id,
        source=story_ref_pb2.StoryRef(tenant=source_tenant, story_id=story_id),
        source_revision=source_revision,
        target_tenant=target_tenant,
        nominated_by=actor_to_pb(_by(by)),
        note=note,
        at=to_timestamp(utcnow()),
    )
    return editorial_event(message, events.STORY_NOMINATED, tenant=target_tenant, subject=story_id)
