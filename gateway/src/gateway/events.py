"""Cache invalidation from content events.

A ``newsroom_core.events.broadcast.BroadcastListener`` reads every partition of
``content.events.v1`` from its end; each publish, correction or retraction drops its
tenant's entries. Once the end offsets are resolved the cache starts serving; if the
consumer fails, the cache is cleared and bypassed until it recovers.
"""

from __future__ import annotations

import logging
from typing import Any

from gateway.cache import PublicCache
from newsroom_core.events import topics
from newsroom_core.events.broadcast import BroadcastListener, instance_client_id
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.settings import KafkaSettings

log = logging.getLogger(__name__)

STORY_PUBLISHED = "newsroom.content.story.published.v1"
STORY_CORRECTED = "newsroom.content.story.corrected.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"
# A snapshot's media items completed after publication (renditions ready late).
STORY_MEDIA_UPDATED = "newsroom.content.story.media_updated.v1"
INVALIDATING = frozenset({STORY_PUBLISHED, STORY_CORRECTED, STORY_RETRACTED, STORY_MEDIA_UPDATED})


def instance_group(prefix: str) -> str:
    """The name of one cache's consumer (its Kafka client id), unique per instance."""
    return instance_client_id(prefix)


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
        self.cache = cache
        self.group = group
        self.topic = topic
        self.invalidations = 0
        self._listener = BroadcastListener(
            kafka,
            topic=topic,
            client_id=group,
            on_event=self.on_event,
            on_ready=cache.mark_ready,
            on_lost=cache.mark_unready,
            poll_timeout_ms=poll_timeout_ms,
            thread_name="cache-invalidator",
        )

    def start(self) -> CacheInvalidator:
        self._listener.start()
        return self

    def healthy(self) -> bool:
        """Running, serving the cache, and some broker reachable (readiness report)."""
        return self._listener.healthy() and self.cache.ready

    def handle(self, headers: Any, value: bytes | None) -> None:
        self._listener.handle(headers, value)

    def on_event(self, event: CloudEvent) -> None:
        if event.type in INVALIDATING and event.tenant:
            dropped = self.cache.invalidate_tenant(event.tenant, cause=event.type.split(".")[-2])
            self.invalidations += 1
            log.info(
                "cache invalidated",
                extra={"tenant": event.tenant, "ce_type": event.type, "entries": dropped},
            )

    def stop(self, timeout_s: float = 5.0) -> None:
        self._listener.stop(timeout_s)
