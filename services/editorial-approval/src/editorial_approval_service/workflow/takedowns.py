"""Takedown orders: the one a retraction opens (a target per place the story was public),
reading it, and the confirmations that complete it: content's StoryRetracted for the
portal, search and feeds, social publishing's listing and deletion of each post.

Confirmations run in the idempotent consumer's transaction and are idempotent on their
own: a status is set, never toggled, and a confirmed target stays confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from editorial_approval_service.callers import Caller
from editorial_approval_service.workflow import repository
from editorial_approval_service.workflow.models import Takedown, TakedownTarget
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import TakedownTargetKind, TakedownTargetStatus
from newsroom_core.errors import NotFound
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock

# What content takes down in one transaction when it applies a retraction.
CONTENT_KINDS = (TakedownTargetKind.PORTAL, TakedownTargetKind.SEARCH, TakedownTargetKind.FEEDS)


@dataclass(frozen=True, slots=True)
class ListedPost:
    """A social post of the story that social publishing will delete."""

    post_job_id: str
    channel_id: str
    external_post_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TakedownUseCases:
    sessions: SessionFactory
    clock: Clock

    def open(
        self,
        session: Session,
        *,
        tenant: str,
        story_id: str,
        caller: Caller,
        reason: str,
        fast_track: bool,
        was_public: bool,
        at: datetime,
    ) -> Takedown:
        """The order a retraction opens, in the retraction's transaction. A story that was
        never public has nothing to take down anywhere: the order is complete at once."""
        targets = [TakedownTarget(kind) for kind in CONTENT_KINDS] if was_public else []
        return add(
            session=session,
            obj=Takedown(
                tenant=tenant,
                story_id=story_id,
                reason=reason,
                fast_track=fast_track,
                requested_by_id=caller.actor.user_id,
                requested_by_username=caller.actor.username,
                requested_by_name=caller.actor.display_name,
                requested_at=at,
                targets=[t.to_json() for t in targets],
                social_listed=not was_public,
                complete=not was_public,
                updated_at=at,
            ),
        )

    def get_takedown(self, identity: Identity, *, tenant: str, story_id: str) -> Takedown:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            repository.get_workflow_or_raise(session=session, tenant=tenant, story_id=story_id)
            takedown = repository.latest_takedown(session=session, story_id=story_id)
            if takedown is None:
                raise NotFound(
                    "bài chưa có lệnh gỡ (no takedown order)", reason="TAKEDOWN_NOT_FOUND"
                )
            return takedown

    # --- confirmations (inbound events) ---------------------------------------------

    def content_removed(
        self, session: Session, *, story_id: str, takedown_id: str, at: datetime | None
    ) -> None:
        """Content took the story off the portal, search and feeds."""
        when = self._at(at)

        def confirm(targets: list[TakedownTarget]) -> None:
            for target in targets:
                if target.kind in CONTENT_KINDS:
                    target.status = TakedownTargetStatus.CONFIRMED
                    target.confirmed_at = target.confirmed_at or when

        self._progress(session, story_id=story_id, takedown_id=takedown_id, change=confirm)

    def social_posts_listed(
        self, session: Session, *, story_id: str, posts: Sequence[ListedPost]
    ) -> None:
        """Social publishing names the story's posts it will delete (each one a target)."""

        def add_posts(targets: list[TakedownTarget]) -> None:
            known = {t.post_job_id for t in targets}
            targets.extend(
                TakedownTarget(
                    TakedownTargetKind.SOCIAL_POST,
                    channel_id=post.channel_id,
                    post_job_id=post.post_job_id,
                    external_post_id=post.external_post_id,
                )
                for post in posts
                if post.post_job_id not in known
            )

        self._progress(session, story_id=story_id, change=add_posts, listed=True)

    def social_post_deleted(
        self, session: Session, *, story_id: str, post_job_id: str, at: datetime | None
    ) -> None:
        self._post_status(
            session, story_id, post_job_id, TakedownTargetStatus.CONFIRMED, "", self._at(at)
        )

    def social_post_delete_failed(
        self,
        session: Session,
        *,
        story_id: str,
        post_job_id: str,
        error: str,
        will_retry: bool,
        at: datetime | None,
    ) -> None:
        """A failed deletion stays pending while social publishing retries it."""
        status = TakedownTargetStatus.PENDING if will_retry else TakedownTargetStatus.FAILED
        self._post_status(session, story_id, post_job_id, status, error, self._at(at))

    def _post_status(
        self,
        session: Session,
        story_id: str,
        post_job_id: str,
        status: TakedownTargetStatus,
        detail: str,
        at: datetime,
    ) -> None:
        def mark(targets: list[TakedownTarget]) -> None:
            for target in targets:
                if (
                    target.post_job_id == post_job_id
                    and target.status is not TakedownTargetStatus.CONFIRMED
                ):
                    target.status = status
                    target.detail = detail
                    if status is TakedownTargetStatus.CONFIRMED:
                        target.confirmed_at = at

        self._progress(session, story_id=story_id, change=mark)

    def _progress(
        self,
        session: Session,
        *,
        story_id: str,
        change: Callable[[list[TakedownTarget]], None],
        takedown_id: str = "",
        listed: bool = False,
    ) -> None:
        """Apply ``change`` to the targets of the takedown (by id, else the story's latest)
        and recompute ``complete``; nothing when the story has no takedown."""
        takedown = (
            repository.get_takedown(session=session, takedown_id=takedown_id)
            if takedown_id
            else None
        ) or repository.latest_takedown(session=session, story_id=story_id)
        if takedown is None:
            return
        targets = takedown.target_list
        change(targets)
        # A new list (never changed in place) so the JSONB column is seen as changed.
        takedown.targets = [t.to_json() for t in targets]
        if listed:
            takedown.social_listed = True
        takedown.complete = takedown.social_listed and all(
            t.status is TakedownTargetStatus.CONFIRMED for t in targets
        )
        takedown.updated_at = self.clock()
        session.add(takedown)

    def _at(self, at: datetime | None) -> datetime:
        """The event's own time; now when it carries none."""
        return (at or self.clock()).astimezone(UTC)
