"""Live updates for the newsroom app: editorial events fanned out to signed-in people.

One background thread per gateway instance tails ``editorial_approval.events.v1`` (every
partition, from the end, no consumer group: each instance serves its own connections),
turns each event into a small JSON notice and hands it to the subscribers allowed to see
it. Subscribers are Server-Sent Events connections (``GET /v1/events``), each with a
bounded queue on the event loop; one that cannot keep up is closed (the browser
reconnects and resumes from its Last-Event-ID out of a short replay buffer).

Who sees what (the tenant's data never leaves its members):
* reviewers of the tenant (editor, board, spokesperson, tenant-admin) and platform
  admins: every workflow event of the tenant, since any decision moves their queues;
* the story's author: every event on their story (someone acted on it);
* every member: freeze changes (the banner).
Events carry ids and states only; the app reads headlines through the API with the
person's own token, so the stream reveals nothing the API would not.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from google.protobuf.message import DecodeError

from gateway.metrics import LIVE_EVENTS, LIVE_SUBSCRIBERS
from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as events_pb
from newsroom_core.enums import ApprovalRole, WorkflowState, from_proto
from newsroom_core.events.broadcast import BroadcastListener
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.identity import Identity
from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

WORKFLOW_TRANSITIONED = "newsroom.editorial_approval.workflow.transitioned.v1"
FREEZE_CHANGED = "newsroom.editorial_approval.freeze.changed.v1"
REVIEWERS = frozenset({"editor", "board", "spokesperson", "tenant-admin"})

# WorkflowTransitioned.to_state -> what happened, as the app names it.
KIND_BY_STATE = {
    "in_review": "submitted",
    "submitted": "submitted",
    "changes_requested": "changes_requested",
    "approved": "approved",
    "scheduled": "scheduled",
    "published": "published",
    "corrected": "corrected",
    "retracted": "retracted",
    "draft": "unscheduled",
}


@dataclass(frozen=True, slots=True)
class Notice:
    """One live event as the app receives it (``event: story`` in the stream)."""

    id: str
    kind: str
    tenant: str
    story_id: str
    state: str
    queue_role: str
    author_id: str
    actor_id: str
    actor_name: str
    reason: str
    revision: int
    at: str

    def visible_to(self, identity: Identity) -> bool:
        if identity.is_platform_admin:
            return True
        roles = identity.roles_in(self.tenant)
        if not roles:
            return False
        if self.kind.startswith("freeze"):
            return True
        return bool(roles & REVIEWERS) or (
            bool(self.author_id) and self.author_id == identity.user_id
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def notice_from_event(event: CloudEvent) -> Notice | None:
    at = event.time.isoformat().replace("+00:00", "Z")
    if event.type == WORKFLOW_TRANSITIONED:
        message = events_pb.WorkflowTransitioned.FromString(event.data)
        state = from_proto(WorkflowState, message.to_state)
        awaiting = from_proto(ApprovalRole, message.awaiting_role)
        previous = from_proto(WorkflowState, message.from_state)
        kind = KIND_BY_STATE.get(str(state), str(state))
        if state == WorkflowState.IN_REVIEW and previous in (
            WorkflowState.SUBMITTED,
            WorkflowState.IN_REVIEW,
        ):
            kind = "stage_approved"  # a stage passed, the next one awaits
        return Notice(
            id=event.id,
            kind=kind,
            tenant=message.tenant or event.tenant,
            story_id=message.story_id,
            state=str(state or ""),
            queue_role=str(awaiting or ""),
            author_id=message.author_id,
            actor_id=message.actor.user_id,
            actor_name=message.actor.display_name or message.actor.username,
            reason=message.reason,
            revision=message.revision,
            at=at,
        )
    if event.type == FREEZE_CHANGED:
        freeze = events_pb.FreezeChanged.FromString(event.data)
        return Notice(
            id=event.id,
            kind="freeze_set" if freeze.active else "freeze_lifted",
            tenant=freeze.tenant or event.tenant,
            story_id="",
            state="",
            queue_role="",
            author_id="",
            actor_id=freeze.actor.user_id,
            actor_name=freeze.actor.display_name or freeze.actor.username,
            reason=freeze.reason,
            revision=0,
            at=at,
        )
    return None


class Subscription:
    """One SSE connection: a bounded queue filled from the tail thread."""

    def __init__(self, identity: Identity, loop: asyncio.AbstractEventLoop, size: int) -> None:
        self.identity = identity
        self.loop = loop
        self.queue: asyncio.Queue[Notice | None] = asyncio.Queue(maxsize=size)
        self.overflowed = False

    def offer(self, notice: Notice) -> None:
        """Called on the event loop."""
        if self.overflowed:
            return
        try:
            self.queue.put_nowait(notice)
        except asyncio.QueueFull:
            self.overflowed = True  # too slow: close it; it resumes from Last-Event-ID
            self.queue.get_nowait()
            self.queue.put_nowait(None)


class LiveHub:
    """Fans notices out to subscriptions; keeps the last few for reconnects."""

    def __init__(self, *, replay: int = 500, queue_size: int = 256) -> None:
        self._subscriptions: set[Subscription] = set()
        self._recent: deque[Notice] = deque(maxlen=replay)
        self._lock = threading.Lock()
        self.queue_size = queue_size
        self.ready = threading.Event()

    def subscribe(self, identity: Identity, last_event_id: str = "") -> Subscription:
        subscription = Subscription(identity, asyncio.get_running_loop(), self.queue_size)
        with self._lock:
            self._subscriptions.add(subscription)
            missed = self._since(last_event_id) if last_event_id else []
        for notice in missed:
            if notice.visible_to(identity):
                subscription.offer(notice)
        LIVE_SUBSCRIBERS.inc()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            if subscription in self._subscriptions:
                self._subscriptions.discard(subscription)
                LIVE_SUBSCRIBERS.dec()

    def _since(self, event_id: str) -> list[Notice]:
        recent = list(self._recent)
        for index, notice in enumerate(recent):
            if notice.id == event_id:
                return recent[index + 1 :]
        return []

    def publish(self, notice: Notice) -> None:
        """Called from the tail thread."""
        with self._lock:
            self._recent.append(notice)
            targets = [s for s in self._subscriptions if notice.visible_to(s.identity)]
        LIVE_EVENTS.labels(notice.kind).inc()
        for subscription in targets:
            try:
                subscription.loop.call_soon_threadsafe(subscription.offer, notice)
            except RuntimeError:  # its loop is closed: the connection is gone
                self.unsubscribe(subscription)

    @property
    def subscribers(self) -> int:
        with self._lock:
            return len(self._subscriptions)


def editorial_tail(
    kafka: KafkaSettings, topic: str, hub: LiveHub, *, client_id: str
) -> BroadcastListener:
    def on_event(event: CloudEvent) -> None:
        try:
            notice = notice_from_event(event)
        except (DecodeError, ValueError):
            log.warning("undecodable editorial event", extra={"event_id": event.id})
            return
        if notice is not None:
            hub.publish(notice)

    return BroadcastListener(
        kafka,
        topic=topic,
        client_id=client_id,
        on_event=on_event,
        on_ready=hub.ready.set,
        on_lost=hub.ready.clear,
        thread_name="live-events",
    )
