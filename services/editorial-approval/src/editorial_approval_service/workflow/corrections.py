"""Crisis fast-track, corrections and retractions, and the takedown each retraction
opens (confirmed by content's and social publishing's events)."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from editorial_approval_service import errors
from editorial_approval_service.audit.models import AuditAction
from editorial_approval_service.shared.models import Role, StoryType, WorkflowState
from editorial_approval_service.shared.repository import add
from editorial_approval_service.shared.service import Caller, require_reason
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import (
    FastTrackAction,
    Takedown,
    TakedownTargetKind,
    TakedownTargetStatus,
    WorkflowView,
)
from editorial_approval_service.workflow.steps import EDITORIAL_ROLES, S, WorkflowSteps
from newsroom_core.errors import FailedPrecondition, InvalidArgument, NotFound
from newsroom_core.identity import Identity


class CorrectionUseCases(WorkflowSteps):
    def fast_track(
        self,
        identity: Identity,
        *,
        tenant: str,
        story_id: str,
        action: FastTrackAction | None,
        reason: str,
        revision: int = 0,
        correction_note: str = "",
    ) -> tuple[WorkflowView, Takedown | None]:
        identity.require_role(tenant, Role.BOARD.value)
        why = require_reason(reason)
        if action is None:
            raise InvalidArgument("cần chọn thao tác (action)", reason="ACTION_REQUIRED")
        caller = Caller.of(identity, tenant)
        if action is FastTrackAction.RETRACT:
            return self._retract(caller, tenant=tenant, story_id=story_id, reason=why, fast=True)
        if action is FastTrackAction.CORRECT:
            view = self._correct(
                caller,
                tenant=tenant,
                story_id=story_id,
                revision=revision,
                note=correction_note,
                fast=True,
                reason=why,
            )
            return view, None
        story = self._story(tenant, story_id)
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        if identity.user_id == story.author.user_id:
            raise errors.four_eyes()
        with self._transaction() as session:
            workflow = self._workflow_or_new(session, tenant, story, revision)
            transitions.check(WorkflowState(workflow.state), S.PUBLISHED, fast_track=True)
            if self._embargoed(workflow):
                raise errors.embargo_active()
            if story.story_type is StoryType.OFFICIAL_STATEMENT:
                role = Role(self._policy(session, tenant).official_statement_role)
                if not repository.signed_off(
                    session=session,
                    story_id=story_id,
                    round_=workflow.round,
                    role=role.value,
                    revision=revision,
                ):
                    raise errors.spokesperson_signoff_required()
            workflow.revision = revision
            workflow.story_type = story.story_type.value
            workflow.headline = story.headline
            self._publish(
                session,
                workflow,
                actor=caller.actor,
                roles=caller.roles,
                reason=why,
                fast_track=True,
            )
            return self._view(session, workflow), None

    def correct(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, note: str
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        return self._correct(
            Caller.of(identity, tenant),
            tenant=tenant,
            story_id=story_id,
            revision=revision,
            note=note,
            fast=False,
            reason="",
        )

    def _correct(
        self,
        caller: Caller,
        *,
        tenant: str,
        story_id: str,
        revision: int,
        note: str,
        fast: bool,
        reason: str,
    ) -> WorkflowView:
        correction_note = note.strip()
        if not correction_note:
            raise errors.correction_note_required()
        story = self._story(tenant, story_id)
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            transitions.check(WorkflowState(workflow.state), S.CORRECTED, fast_track=fast)
            if revision <= workflow.published_revision:
                raise FailedPrecondition(
                    f"phiên bản {revision} không mới hơn bản đang đăng "
                    f"{workflow.published_revision} (nothing to correct)",
                    reason="NOTHING_TO_CORRECT",
                )
            if caller.identity.user_id in (workflow.author_id, story.author.user_id):
                raise errors.four_eyes()
            if not fast and self._frozen(session, tenant):
                raise errors.publishing_frozen()
            workflow.revision = revision
            workflow.published_revision = revision
            self._transition(
                session,
                workflow,
                S.CORRECTED,
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.CORRECT,
                reason=f"{reason}: {correction_note}" if reason else correction_note,
                fast_track=fast,
            )
            self._events.correction_requested(
                session, workflow, note=correction_note, actor=caller.actor, at=self._clock()
            )
            return self._view(session, workflow)

    def retract(
        self, identity: Identity, *, tenant: str, story_id: str, reason: str
    ) -> tuple[WorkflowView, Takedown | None]:
        identity.require_role(tenant, Role.BOARD.value)
        why = require_reason(reason)
        return self._retract(
            Caller.of(identity, tenant), tenant=tenant, story_id=story_id, reason=why, fast=False
        )

    def _retract(
        self, caller: Caller, *, tenant: str, story_id: str, reason: str, fast: bool
    ) -> tuple[WorkflowView, Takedown | None]:
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = WorkflowState(workflow.state)
            transitions.check(state, S.RETRACTED, fast_track=fast)
            was_public = state in transitions.PUBLIC_STATES
            now = self._clock()
            targets = (
                [
                    {"kind": kind.value, "status": TakedownTargetStatus.PENDING.value}
                    for kind in (
                        TakedownTargetKind.PORTAL,
                        TakedownTargetKind.SEARCH,
                        TakedownTargetKind.FEEDS,
                    )
                ]
                if was_public
                else []
            )
            takedown = add(
                Takedown(
                    tenant=tenant,
                    story_id=story_id,
                    reason=reason,
                    fast_track=fast,
                    requested_by_id=caller.actor.user_id,
                    requested_by_username=caller.actor.username,
                    requested_by_name=caller.actor.display_name,
                    requested_at=now,
                    targets=targets,
                    # Never public: nothing to take down anywhere.
                    social_listed=not was_public,
                    complete=not was_public,
                    updated_at=now,
                ),
                session=session,
            )
            workflow.scheduled_at = None
            workflow.embargo = False
            workflow.frozen_hold = False
            self._transition(
                session,
                workflow,
                S.RETRACTED,
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.RETRACT,
                reason=reason,
                fast_track=fast,
            )
            self._events.retraction_requested(
                session,
                workflow,
                reason=reason,
                takedown_id=takedown.id,
                actor=caller.actor,
                at=now,
            )
            return self._view(session, workflow), takedown

    def get_takedown(self, identity: Identity, *, tenant: str, story_id: str) -> Takedown:
        identity.require_member(tenant)
        with self._transaction() as session:
            repository.get_workflow_or_raise(session=session, tenant=tenant, story_id=story_id)
            takedown = repository.latest_takedown(session=session, story_id=story_id)
            if takedown is None:
                raise NotFound(
                    "bài chưa có lệnh gỡ (no takedown order)", reason="TAKEDOWN_NOT_FOUND"
                )
            return takedown

    def on_takedown_progress(
        self,
        session: Session,
        *,
        story_id: str,
        takedown_id: str,
        update: Callable[[Takedown], None],
    ) -> None:
        """Apply a confirmation to the story's takedown and recompute ``complete``."""
        takedown = (
            repository.get_takedown(session=session, takedown_id=takedown_id)
            if takedown_id
            else None
        ) or repository.latest_takedown(session=session, story_id=story_id)
        if takedown is None:
            return
        update(takedown)
        takedown.complete = takedown.social_listed and all(
            t["status"] == TakedownTargetStatus.CONFIRMED.value for t in takedown.targets
        )
        takedown.updated_at = self._clock()
        session.add(takedown)
