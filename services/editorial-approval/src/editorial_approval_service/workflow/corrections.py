"""Crisis fast-track, corrections and retractions (each retraction opens a takedown,
see ``takedowns``)."""

from __future__ import annotations

from dataclasses import dataclass

from editorial_approval_service import errors
from editorial_approval_service.callers import EDITORIAL_ROLES, Caller
from editorial_approval_service.content_client import StoryDirectory, pinned_story
from editorial_approval_service.errors import require_reason
from editorial_approval_service.events import EditorialEvents
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import Takedown, WorkflowView, stored_story_type
from editorial_approval_service.workflow.state_changes import StateChanges, workflow_or_new
from editorial_approval_service.workflow.takedowns import TakedownUseCases
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.enums import (
    ApprovalRole,
    AuditAction,
    FastTrackAction,
    StoryType,
    WorkflowState,
)
from newsroom_core.errors import FailedPrecondition, InvalidArgument
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock

S = WorkflowState


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionUseCases:
    sessions: SessionFactory
    clock: Clock
    stories: StoryDirectory
    policy: PolicyUseCases
    freezes: FreezeUseCases
    takedowns: TakedownUseCases
    changes: StateChanges
    events: EditorialEvents

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
        identity.require_role(tenant, ApprovalRole.BOARD.value)
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
        story = pinned_story(self.stories, tenant, story_id, revision)
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        if identity.user_id == story.author.user_id:
            raise errors.four_eyes()
        errors.require_publishable_media(story.media_problems)
        with session_scope(self.sessions) as session:
            workflow = workflow_or_new(session, tenant, story, revision)
            transitions.check(WorkflowState(workflow.state), S.PUBLISHED, fast_track=True)
            if workflow.embargoed(self.clock()):
                raise errors.embargo_active()
            if story.story_type is StoryType.OFFICIAL_STATEMENT:
                role = self.policy.official_statement_role(session, tenant)
                if not repository.signed_off(
                    session=session,
                    story_id=story_id,
                    round_=workflow.round,
                    role=role.value,
                    revision=revision,
                ):
                    raise errors.spokesperson_signoff_required()
            workflow.revision = revision
            workflow.story_type = stored_story_type(story.story_type)
            workflow.headline = story.headline
            self.changes.publish(
                session,
                workflow,
                caller,
                reason=why,
                fast_track=True,
            )
            return repository.view(session=session, workflow=workflow), None

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
        story = pinned_story(self.stories, tenant, story_id, revision)
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        errors.require_publishable_media(story.media_problems)
        with session_scope(self.sessions) as session:
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
            if not fast and self.freezes.frozen(session, tenant):
                raise errors.publishing_frozen()
            workflow.revision = revision
            workflow.published_revision = revision
            self.changes.transition(
                session,
                workflow,
                S.CORRECTED,
                caller,
                AuditAction.CORRECT,
                reason=f"{reason}: {correction_note}" if reason else correction_note,
                fast_track=fast,
            )
            self.events.correction_requested(
                session, workflow, note=correction_note, actor=caller.actor, at=self.clock()
            )
            return repository.view(session=session, workflow=workflow)

    def retract(
        self, identity: Identity, *, tenant: str, story_id: str, reason: str
    ) -> tuple[WorkflowView, Takedown | None]:
        identity.require_role(tenant, ApprovalRole.BOARD.value)
        why = require_reason(reason)
        return self._retract(
            Caller.of(identity, tenant), tenant=tenant, story_id=story_id, reason=why, fast=False
        )

    def _retract(
        self, caller: Caller, *, tenant: str, story_id: str, reason: str, fast: bool
    ) -> tuple[WorkflowView, Takedown | None]:
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = WorkflowState(workflow.state)
            transitions.check(state, S.RETRACTED, fast_track=fast)
            now = self.clock()
            takedown = self.takedowns.open(
                session,
                tenant=tenant,
                story_id=story_id,
                caller=caller,
                reason=reason,
                fast_track=fast,
                was_public=state in transitions.PUBLIC_STATES,
                at=now,
            )
            workflow.scheduled_at = None
            workflow.embargo = False
            workflow.frozen_hold = False
            self.changes.transition(
                session,
                workflow,
                S.RETRACTED,
                caller,
                AuditAction.RETRACT,
                reason=reason,
                fast_track=fast,
            )
            self.events.retraction_requested(
                session,
                workflow,
                reason=reason,
                takedown_id=takedown.id,
                actor=caller.actor,
                at=now,
            )
            return repository.view(session=session, workflow=workflow), takedown
