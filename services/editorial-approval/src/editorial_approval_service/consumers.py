"""Inbound events: content's syndicated copies and retractions, social takedown progress.

Handlers run inside the idempotent consumer's transaction (deduplicated by ce_id) and are
idempotent on business keys too: a copy is queued once per story id, confirmations are
set, never toggled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from editorial_approval_service.content_client import STORY_TYPES
from editorial_approval_service.service import EditorialService
from editorial_approval_service.shared.models import Actor, StoryType
from editorial_approval_service.workflow.models import (
    Takedown,
    TakedownTargetKind,
    TakedownTargetStatus,
)
from newsroom.content.v1 import content_events_pb2
from newsroom.social_publishing.v1 import social_publishing_events_pb2 as social
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent

STORY_CREATED = "newsroom.content.story.created.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"
TAKEDOWN_STARTED = "newsroom.social_publishing.story.takedown_started.v1"
POST_DELETED = "newsroom.social_publishing.post.deleted.v1"
POST_DELETE_FAILED = "newsroom.social_publishing.post.delete_failed.v1"

CONTENT_KINDS = frozenset(
    {
        TakedownTargetKind.PORTAL.value,
        TakedownTargetKind.SEARCH.value,
        TakedownTargetKind.FEEDS.value,
    }
)


def _when(ts: Any) -> str:
    if ts.seconds == 0 and ts.nanos == 0:
        return datetime.now(UTC).isoformat()
    return str(ts.ToDatetime(tzinfo=UTC).isoformat())


def _with_targets(
    change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    *,
    listed: bool = False,
) -> Callable[[Takedown], None]:
    def update(takedown: Takedown) -> None:
        # A new list (never in place) so the JSONB column is seen as changed.
        takedown.targets = change([dict(t) for t in takedown.targets])
        if listed:
            takedown.social_listed = True

    return update


def build_router(service: EditorialService) -> EventRouter:
    router = EventRouter()

    @router.on(STORY_CREATED, content_events_pb2.StoryCreated)
    def story_created(session: Session, event: CloudEvent, msg: Any) -> None:
        if not msg.nomination_id:
            return
        service.on_syndicated_copy(
            session,
            nomination_id=msg.nomination_id,
            story_id=msg.story_id,
            tenant=msg.tenant,
            story_type=STORY_TYPES.get(msg.type, StoryType.UNSPECIFIED),
            author=Actor(msg.author.user_id, msg.author.username, msg.author.display_name),
            headline=msg.headline,
        )

    @router.on(STORY_RETRACTED, content_events_pb2.StoryRetracted)
    def story_retracted(session: Session, event: CloudEvent, msg: Any) -> None:
        at = _when(msg.retracted_at)

        def confirm(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for target in targets:
                if target["kind"] in CONTENT_KINDS:
                    target["status"] = TakedownTargetStatus.CONFIRMED.value
                    target.setdefault("confirmed_at", at)
            return targets

        service.on_takedown_progress(
            session,
            story_id=msg.story_id,
            takedown_id=msg.takedown_id,
            update=_with_targets(confirm),
        )

    @router.on(TAKEDOWN_STARTED, social.TakedownStarted)
    def takedown_started(session: Session, event: CloudEvent, msg: Any) -> None:
        def list_posts(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
            known = {t.get("post_job_id") for t in targets}
            for post in msg.posts:
                if post.id in known:
                    continue
                targets.append(
                    {
                        "kind": TakedownTargetKind.SOCIAL_POST.value,
                        "status": TakedownTargetStatus.PENDING.value,
                        "channel_id": post.channel_id,
                        "post_job_id": post.id,
                        "external_post_id": post.external_post_id,
                    }
                )
            return targets

        service.on_takedown_progress(
            session,
            story_id=msg.story_id,
            takedown_id="",
            update=_with_targets(list_posts, listed=True),
        )

    def post_status(
        msg: Any, status: TakedownTargetStatus, detail: str, at: str
    ) -> Callable[[Takedown], None]:
        def mark(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for target in targets:
                if target.get("post_job_id") == msg.post_job_id and (
                    target["status"] != TakedownTargetStatus.CONFIRMED.value
                ):
                    target["status"] = status.value
                    target["detail"] = detail
                    if status is TakedownTargetStatus.CONFIRMED:
                        target["confirmed_at"] = at
            return targets

        return _with_targets(mark)

    @router.on(POST_DELETED, social.PostDeleted)
    def post_deleted(session: Session, event: CloudEvent, msg: Any) -> None:
        service.on_takedown_progress(
            session,
            story_id=msg.story_id,
            takedown_id="",
            update=post_status(msg, TakedownTargetStatus.CONFIRMED, "", _when(msg.deleted_at)),
        )

    @router.on(POST_DELETE_FAILED, social.PostDeleteFailed)
    def post_delete_failed(session: Session, event: CloudEvent, msg: Any) -> None:
        status = TakedownTargetStatus.PENDING if msg.will_retry else TakedownTargetStatus.FAILED
        service.on_takedown_progress(
            session,
            story_id=msg.story_id,
            takedown_id="",
            update=post_status(msg, status, msg.error, _when(msg.at)),
        )

    return router
