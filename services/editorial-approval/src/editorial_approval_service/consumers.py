"""Inbound events -> use cases: content's syndicated copies and retractions, social
publishing's takedown progress. Each handler only reads the event and calls the use
case; the rules are in ``workflow.syndication`` and ``workflow.takedowns``.

Handlers run inside the idempotent consumer's transaction (deduplicated by ce_id); the
use cases are idempotent on business keys too.
"""

from __future__ import annotations

from sqlmodel import Session

from editorial_approval_service.workflow.syndication import SyndicationUseCases
from editorial_approval_service.workflow.takedowns import ListedPost, TakedownUseCases
from newsroom.content.v1 import content_events_pb2 as content
from newsroom.social_publishing.v1 import social_publishing_events_pb2 as social
from newsroom_core.actors import actor_from_pb
from newsroom_core.enums import StoryType, from_proto
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.timestamps import from_timestamp

STORY_CREATED = "newsroom.content.story.created.v1"
STORY_RETRACTED = "newsroom.content.story.retracted.v1"
TAKEDOWN_STARTED = "newsroom.social_publishing.story.takedown_started.v1"
POST_DELETED = "newsroom.social_publishing.post.deleted.v1"
POST_DELETE_FAILED = "newsroom.social_publishing.post.delete_failed.v1"


def build_router(*, syndication: SyndicationUseCases, takedowns: TakedownUseCases) -> EventRouter:
    router = EventRouter()

    @router.on(STORY_CREATED, content.StoryCreated)
    def story_created(session: Session, event: CloudEvent, msg: content.StoryCreated) -> None:
        if not msg.nomination_id:
            return  # a story of its own tenant: nothing to queue
        syndication.on_syndicated_copy(
            session,
            nomination_id=msg.nomination_id,
            story_id=msg.story_id,
            tenant=msg.tenant,
            story_type=from_proto(StoryType, msg.type),
            author=actor_from_pb(msg.author),
            headline=msg.headline,
        )

    @router.on(STORY_RETRACTED, content.StoryRetracted)
    def story_retracted(session: Session, event: CloudEvent, msg: content.StoryRetracted) -> None:
        takedowns.content_removed(
            session,
            story_id=msg.story_id,
            takedown_id=msg.takedown_id,
            at=from_timestamp(msg.retracted_at),
        )

    @router.on(TAKEDOWN_STARTED, social.TakedownStarted)
    def takedown_started(session: Session, event: CloudEvent, msg: social.TakedownStarted) -> None:
        takedowns.social_posts_listed(
            session,
            story_id=msg.story_id,
            posts=[ListedPost(p.id, p.channel_id, p.external_post_id) for p in msg.posts],
        )

    @router.on(POST_DELETED, social.PostDeleted)
    def post_deleted(session: Session, event: CloudEvent, msg: social.PostDeleted) -> None:
        takedowns.social_post_deleted(
            session,
            story_id=msg.story_id,
            post_job_id=msg.post_job_id,
            at=from_timestamp(msg.deleted_at),
        )

    @router.on(POST_DELETE_FAILED, social.PostDeleteFailed)
    def post_delete_failed(
        session: Session, event: CloudEvent, msg: social.PostDeleteFailed
    ) -> None:
        takedowns.social_post_delete_failed(
            session,
            story_id=msg.story_id,
            post_job_id=msg.post_job_id,
            error=msg.error,
            will_retry=msg.will_retry,
            at=from_timestamp(msg.at),
        )

    return router
