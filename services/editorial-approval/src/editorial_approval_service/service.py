"""Use cases of the story workflow. Each owns its transaction and writes, in it, the state
change, one audit record per transition and the outbox events.

Callers pass the verified ``Identity``; every tenant-scoped use case re-checks that the
caller belongs to the tenant before reading or changing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from editorial_approval_service import errors, metrics
from editorial_approval_service.audit import repository as audit_repository
from editorial_approval_service.audit.models import AuditAction, AuditRecord
from editorial_approval_service.content_client import StoryDirectory, StoryInfo
from editorial_approval_service.events import EventSink
from editorial_approval_service.freezes import repository as freeze_repository
from editorial_approval_service.freezes.models import Freeze, FreezeScope
from editorial_approval_service.policy import repository as policy_repository
from editorial_approval_service.policy import rules
from editorial_approval_service.policy.models import Policy, Stage
from editorial_approval_service.shared import paging
from editorial_approval_service.shared.models import (
    SYSTEM_ACTOR,
    Actor,
    Role,
    StoryType,
    WorkflowState,
)
from editorial_approval_service.shared.paging import Page
from editorial_approval_service.shared.repository import add
from editorial_approval_service.shared.service import (
    SYSTEM_CALLER_ROLES,
    Caller,
    holds,
    require_reason,
)
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import (
    Comment,
    Decision,
    FastTrackAction,
    Nomination,
    StageDecision,
    Takedown,
    TakedownTargetKind,
    TakedownTargetStatus,
    Workflow,
    WorkflowView,
)
from newsroom_core.context import request_id_var
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.errors import (
    Conflict,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from newsroom_core.identity import Identity

S = WorkflowState
EDITORIAL_ROLES = (Role.EDITOR.value, Role.BOARD.value)


class EditorialService:
    def __init__(
        self,
        sessions: SessionFactory,
        stories: StoryDirectory,
        *,
        events: EventSink,
        group_tenant: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = sessions
        self._stories = stories
        self._events = events
        self._group_tenant = group_tenant
        self._clock = clock

    # --- plumbing -----------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with session_scope(self._sessions) as session:
                yield session
        except StaleDataError as exc:
            raise Conflict(
                "bài vừa được người khác cập nhật: tải lại và thử lại (concurrent update)",
                reason="CONFLICT",
            ) from exc

    def _audit(
        self,
        session: Session,
        *,
        tenant: str,
        story_id: str,
        actor: Actor,
        roles: Sequence[str],
        action: AuditAction,
        from_state: str | None,
        to_state: str | None,
        reason: str = "",
        revision: int = 0,
        fast_track: bool = False,
    ) -> AuditRecord:
        return add(
            AuditRecord(
                tenant=tenant,
                story_id=story_id,
                actor_id=actor.user_id,
                actor_username=actor.username,
                actor_name=actor.display_name,
                actor_roles=list(roles),
                action=action.value,
                from_state=from_state,
                to_state=to_state,
                reason=reason,
                revision=revision,
                fast_track=fast_track,
                at=self._clock(),
                request_id=request_id_var.get() or "",
            ),
            session=session,
        )

    def _transition(
        self,
        session: Session,
        workflow: Workflow,
        to_state: WorkflowState,
        *,
        actor: Actor,
        roles: Sequence[str],
        action: AuditAction,
        reason: str = "",
        fast_track: bool = False,
    ) -> None:
        """One state change: table check, audit record and WorkflowTransitioned together."""
        from_state = WorkflowState(workflow.state)
        transitions.check(from_state, to_state, fast_track=fast_track)
        now = self._clock()
        workflow.state = to_state.value
        workflow.fast_track = fast_track
        workflow.updated_at = now
        if to_state not in transitions.REVIEW_STATES:
            workflow.awaiting_role = None
        session.add(workflow)
        session.flush()  # the optimistic version check happens here
        self._audit(
            session,
            tenant=workflow.tenant,
            story_id=workflow.story_id,
            actor=actor,
            roles=roles,
            action=action,
            from_state=from_state.value,
            to_state=to_state.value,
            reason=reason,
            revision=workflow.revision,
            fast_track=fast_track,
        )
        self._events.transitioned(
            session, workflow, from_state=from_state.value, actor=actor, reason=reason, at=now
        )
        metrics.TRANSITIONS.labels(to_state.value, str(fast_track).lower()).inc()

    def _view(self, session: Session, workflow: Workflow) -> WorkflowView:
        return WorkflowView(
            workflow, repository.list_decisions(session=session, story_id=workflow.story_id)
        )

    def _policy(self, session: Session, tenant: str) -> Policy:
        stored = policy_repository.get_policy(session=session, tenant=tenant)
        if stored is not None:
            return stored
        return Policy(
            tenant=tenant,
            stages=[s.to_json() for s in rules.DEFAULT_STAGES],
            official_statement_role=rules.DEFAULT_OFFICIAL_STATEMENT_ROLE.value,
            updated_at=datetime.fromtimestamp(0, UTC),
        )

    def _frozen(self, session: Session, tenant: str) -> bool:
        return bool(freeze_repository.covering_freezes(session=session, tenant=tenant))

    def _embargoed(self, workflow: Workflow) -> bool:
        until = workflow.embargo_until
        return until is not None and until > self._clock()

    def _publish(
        self,
        session: Session,
        workflow: Workflow,
        *,
        actor: Actor,
        roles: Sequence[str],
        reason: str,
        fast_track: bool = False,
    ) -> None:
        """-> PUBLISHED and PublishRequested (content publishes the revision's snapshot)."""
        workflow.published_revision = workflow.revision
        workflow.scheduled_at = None
        workflow.embargo = False
        workflow.frozen_hold = False
        self._transition(
            session,
            workflow,
            S.PUBLISHED,
            actor=actor,
            roles=roles,
            action=AuditAction.PUBLISH,
            reason=reason,
            fast_track=fast_track,
        )
        self._events.publish_requested(session, workflow, actor=actor, at=self._clock())

    def _schedule(
        self, session: Session, workflow: Workflow, *, caller: Caller, reason: str
    ) -> None:
        self._transition(
            session,
            workflow,
            S.SCHEDULED,
            actor=caller.actor,
            roles=caller.roles,
            action=AuditAction.SCHEDULE,
            reason=reason,
        )
        self._events.scheduled(session, workflow, actor=caller.actor, at=self._clock())

    def _release_approved(self, session: Session, workflow: Workflow, caller: Caller) -> None:
        """After the final approval: the stored schedule, a freeze hold, or publish now."""
        if workflow.scheduled_at is not None:
            self._schedule(
                session, workflow, caller=caller, reason="lịch đăng đã đặt trong khi duyệt"
            )
        elif self._frozen(session, workflow.tenant):
            workflow.scheduled_at = self._clock()
            workflow.frozen_hold = True
            self._schedule(
                session,
                workflow,
                caller=caller,
                reason="đang tạm dừng xuất bản: bài được giữ đến khi dỡ lệnh (held by freeze)",
            )
        else:
            self._publish(
                session,
                workflow,
                actor=caller.actor,
                roles=caller.roles,
                reason="xuất bản sau vòng duyệt cuối (published on final approval)",
            )

    def _check_decider(self, caller: Caller, workflow: Workflow, revision: int) -> Stage:
        """Four eyes, the current stage's role and the reviewed revision."""
        if caller.identity.user_id == workflow.author_id:
            raise errors.four_eyes()
        stage = workflow.stage_list[workflow.current_stage]
        if not holds(caller.identity, workflow.tenant, stage.role):
            raise errors.not_stage_approver(stage.role.value)
        if revision != workflow.revision:
            raise errors.stale_revision(workflow.revision, revision)
        return stage

    @staticmethod
    def _require_state(workflow: Workflow, allowed: frozenset[WorkflowState], action: str) -> S:
        state = WorkflowState(workflow.state)
        if state not in allowed:
            raise FailedPrecondition(
                f"không thể {action} khi bài ở trạng thái {state.value} (invalid transition)",
                reason="INVALID_TRANSITION",
                metadata={"from": state.value, "action": action},
            )
        return state

    def _story(self, tenant: str, story_id: str) -> StoryInfo:
        story = self._stories.get_story(tenant, story_id)
        if story.tenant and story.tenant != tenant:
            raise errors.workflow_not_found(story_id)
        return story

    # --- submission and review --------------------------------------------------------

    def submit(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int
    ) -> WorkflowView:
        identity.require_member(tenant)
        story = self._story(tenant, story_id)
        is_author = identity.user_id == story.author.user_id
        if not (
            is_author or identity.has_role(tenant, *EDITORIAL_ROLES) or identity.is_platform_admin
        ):
            raise errors.not_author()
        if revision != story.current_revision:
            raise errors.stale_revision(story.current_revision, revision)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = self._workflow_or_new(session, tenant, story, revision)
            transitions.check(WorkflowState(workflow.state), S.SUBMITTED)
            policy = self._policy(session, tenant)
            stages = rules.stages_for(
                policy.stage_list, Role(policy.official_statement_role), story.story_type
            )
            workflow.story_type = story.story_type.value
            workflow.headline = story.headline
            workflow.revision = revision
            workflow.stages = [s.to_json() for s in stages]
            workflow.current_stage = 0
            workflow.awaiting_role = stages[0].role.value
            workflow.round += 1
            workflow.submitted_at = self._clock()
            self._transition(
                session,
                workflow,
                S.SUBMITTED,
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.SUBMIT,
                reason="gửi duyệt (submitted for review)",
            )
            return self._view(session, workflow)

    def approve(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, comment: str = ""
    ) -> WorkflowView:
        identity.require_member(tenant)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = self._require_state(workflow, transitions.REVIEW_STATES, "duyệt")
            stage = self._check_decider(caller, workflow, revision)
            approvers = repository.approvers_in_round(
                session=session, story_id=story_id, round_=workflow.round
            )
            if identity.user_id in approvers:
                raise errors.same_approver()
            self._record_decision(
                session, workflow, stage, caller, Decision.APPROVED, revision, comment
            )
            stages = workflow.stage_list
            workflow.current_stage += 1
            final = workflow.current_stage >= len(stages)
            workflow.awaiting_role = None if final else stages[workflow.current_stage].role.value
            reason = comment or f"duyệt vòng {stage.name or stage.role.value}"
            if state is S.SUBMITTED:
                self._transition(
                    session,
                    workflow,
                    S.IN_REVIEW,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.APPROVE,
                    reason=reason,
                )
            elif not final:
                self._record_in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.APPROVE,
                    reason=reason,
                    revision=revision,
                )
            if final:
                self._transition(
                    session,
                    workflow,
                    S.APPROVED,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.APPROVE,
                    reason=reason,
                )
                self._release_approved(session, workflow, caller)
            return self._view(session, workflow)

    def _workflow_or_new(
        self, session: Session, tenant: str, story: StoryInfo, revision: int
    ) -> Workflow:
        """The story's workflow, or a new draft one (not yet added) on its first action."""
        workflow = repository.get_workflow(session=session, story_id=story.story_id)
        if workflow is None:
            return Workflow(
                story_id=story.story_id,
                tenant=tenant,
                state=S.DRAFT.value,
                story_type=story.story_type.value,
                author_id=story.author.user_id,
                author_username=story.author.username,
                headline=story.headline,
                revision=revision,
            )
        if workflow.tenant != tenant:
            raise errors.workflow_not_found(story.story_id)
        return workflow

    def _record_in_place(
        self,
        session: Session,
        workflow: Workflow,
        caller: Caller,
        action: AuditAction,
        *,
        reason: str,
        revision: int,
    ) -> None:
        """An audited action that leaves the state as it is (a stage approval, a schedule
        stored for later): touch the workflow and write the audit record."""
        workflow.updated_at = self._clock()
        session.add(workflow)
        session.flush()
        state = workflow.state
        self._audit(
            session,
            tenant=workflow.tenant,
            story_id=workflow.story_id,
            actor=caller.actor,
            roles=caller.roles,
            action=action,
            from_state=state,
            to_state=state,
            reason=reason,
            revision=revision,
        )

    def _record_decision(
        self,
        session: Session,
        workflow: Workflow,
        stage: Stage,
        caller: Caller,
        decision: Decision,
        revision: int,
        comment: str,
    ) -> None:
        """One reviewer's decision on the current stage of the current round."""
        add(
            StageDecision(
                story_id=workflow.story_id,
                tenant=workflow.tenant,
                round=workflow.round,
                stage=workflow.current_stage,
                role=stage.role.value,
                decided_by_id=caller.actor.user_id,
                decided_by_username=caller.actor.username,
                decided_by_name=caller.actor.display_name,
                decision=decision.value,
                revision=revision,
                comment=comment,
                decided_at=self._clock(),
            ),
            session=session,
        )

    def request_changes(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int, reason: str
    ) -> WorkflowView:
        identity.require_member(tenant)
        why = require_reason(reason)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            self._require_state(workflow, transitions.REVIEW_STATES, "yêu cầu sửa")
            stage = self._check_decider(caller, workflow, revision)
            self._record_decision(
                session, workflow, stage, caller, Decision.CHANGES_REQUESTED, revision, why
            )
            workflow.current_stage = 0
            self._transition(
                session,
                workflow,
                S.CHANGES_REQUESTED,
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.REQUEST_CHANGES,
                reason=why,
            )
            return self._view(session, workflow)

    # --- scheduling and publishing ----------------------------------------------------

    def schedule(
        self,
        identity: Identity,
        *,
        tenant: str,
        story_id: str,
        revision: int,
        publish_at: datetime | None,
        embargo: bool,
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        if publish_at is None:
            raise InvalidArgument("cần thời điểm đăng (publish_at)", reason="PUBLISH_AT_REQUIRED")
        if publish_at <= self._clock():
            raise InvalidArgument(
                "thời điểm đăng đã qua (publish_at in the past)", reason="PUBLISH_AT_IN_PAST"
            )
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = self._require_state(
                workflow,
                frozenset({S.APPROVED, S.SCHEDULED, *transitions.REVIEW_STATES}),
                "đặt lịch đăng",
            )
            if revision != workflow.revision:
                raise errors.stale_revision(workflow.revision, revision)
            workflow.scheduled_at = publish_at
            workflow.embargo = embargo
            workflow.frozen_hold = False
            when = publish_at.astimezone(UTC).isoformat()
            if state in (S.APPROVED, S.SCHEDULED):
                self._schedule(session, workflow, caller=caller, reason=f"đặt lịch đăng {when}")
            else:
                self._record_in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.SCHEDULE,
                    reason=f"lịch đăng {when}, áp dụng khi duyệt xong (applied on approval)",
                    revision=workflow.revision,
                )
            return self._view(session, workflow)

    def unschedule(
        self, identity: Identity, *, tenant: str, story_id: str, reason: str = ""
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            state = WorkflowState(workflow.state)
            if state is not S.SCHEDULED and (
                state not in transitions.REVIEW_STATES or workflow.scheduled_at is None
            ):
                self._require_state(workflow, frozenset({S.SCHEDULED}), "hủy lịch đăng")
            workflow.scheduled_at = None
            workflow.embargo = False
            workflow.frozen_hold = False
            why = reason.strip() or "hủy lịch đăng (unscheduled)"
            if state is S.SCHEDULED:
                self._transition(
                    session,
                    workflow,
                    S.APPROVED,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.UNSCHEDULE,
                    reason=why,
                )
            else:
                self._record_in_place(
                    session,
                    workflow,
                    caller,
                    AuditAction.UNSCHEDULE,
                    reason=why,
                    revision=workflow.revision,
                )
            return self._view(session, workflow)

    def publish(
        self, identity: Identity, *, tenant: str, story_id: str, revision: int
    ) -> WorkflowView:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            self._require_state(workflow, frozenset({S.APPROVED, S.SCHEDULED}), "xuất bản")
            if revision != workflow.revision:
                raise errors.stale_revision(workflow.revision, revision)
            if self._embargoed(workflow):
                raise errors.embargo_active()
            if self._frozen(session, tenant):
                raise errors.publishing_frozen()
            self._publish(
                session,
                workflow,
                actor=caller.actor,
                roles=caller.roles,
                reason="xuất bản ngay (published now)",
            )
            return self._view(session, workflow)

    def publish_due(self, limit: int = 50) -> int:
        """Scheduler pass: publish every due, unfrozen scheduled story exactly once."""
        with self._transaction() as session:
            due = repository.lock_due_scheduled(session=session, limit=limit)
            for workflow in due:
                self._publish(
                    session,
                    workflow,
                    actor=SYSTEM_ACTOR,
                    roles=SYSTEM_CALLER_ROLES,
                    reason="đến giờ đăng theo lịch (scheduled publication)",
                )
        metrics.SCHEDULED_PUBLICATIONS.inc(len(due))
        with self._transaction() as session:
            held = repository.mark_frozen_holds(session=session)
        metrics.FROZEN_HOLDS.inc(held)
        return len(due)

    # --- crisis fast-track, corrections and retractions -------------------------------

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

    # --- reads --------------------------------------------------------------------------

    def get_workflow(self, identity: Identity, *, tenant: str, story_id: str) -> WorkflowView:
        identity.require_member(tenant)
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            return self._view(session, workflow)

    def list_queue(
        self, identity: Identity, *, tenant: str, role: Role, page_size: int, page_token: str
    ) -> Page[WorkflowView]:
        identity.require_member(tenant)
        if not holds(identity, tenant, role):
            raise PermissionDenied(
                f"cần vai trò {role.value} (role required)", reason="ROLE_REQUIRED"
            )
        size = paging.page_size(page_size)
        after = paging.decode_time_key("queue", page_token)
        with self._transaction() as session:
            rows = repository.list_queue(
                session=session,
                tenant=tenant,
                role=role.value,
                exclude_author=identity.user_id,
                after=after,
                limit=size + 1,
            )
            page = paging.paginate(rows, size, lambda w: (w.submitted_at, w.story_id), "queue")
            views = [self._view(session, w) for w in page.items]
            return Page(views, page.next_page_token)

    def list_audit_log(
        self, identity: Identity, *, tenant: str, story_id: str, page_size: int, page_token: str
    ) -> Page[AuditRecord]:
        identity.require_role(tenant, Role.EDITOR.value, Role.BOARD.value, Role.TENANT_ADMIN.value)
        size = paging.page_size(page_size)
        key = paging.decode("audit", page_token)
        before_id: int | None = None
        if key is not None:
            try:
                before_id = int(key[0])
            except (ValueError, IndexError, TypeError) as exc:
                raise InvalidArgument(
                    "page_token không hợp lệ", reason="INVALID_PAGE_TOKEN"
                ) from exc
        with self._transaction() as session:
            rows = audit_repository.list_audit(
                session=session,
                tenant=tenant,
                story_id=story_id,
                before_id=before_id,
                limit=size + 1,
            )
            return paging.paginate(rows, size, lambda r: (r.id,), "audit")

    # --- comments -----------------------------------------------------------------------

    def add_comment(
        self,
        identity: Identity,
        *,
        tenant: str,
        story_id: str,
        revision: int,
        body: str,
        anchor: dict[str, Any] | None,
    ) -> Comment:
        identity.require_member(tenant)
        text = body.strip()
        if not text:
            raise InvalidArgument("nội dung góp ý trống (body required)", reason="BODY_REQUIRED")
        with self._transaction() as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            return add(
                Comment(
                    tenant=tenant,
                    story_id=story_id,
                    revision=revision or workflow.revision,
                    author_id=identity.user_id,
                    author_username=identity.username,
                    author_name=identity.display_name,
                    body=text,
                    anchor=anchor,
                    created_at=self._clock(),
                ),
                session=session,
            )

    def list_comments(
        self,
        identity: Identity,
        *,
        tenant: str,
        story_id: str,
        include_resolved: bool,
        page_size: int,
        page_token: str,
    ) -> Page[Comment]:
        identity.require_member(tenant)
        size = paging.page_size(page_size)
        after = paging.decode_time_key("comments", page_token)
        with self._transaction() as session:
            repository.get_workflow_or_raise(session=session, tenant=tenant, story_id=story_id)
            rows = repository.list_comments(
                session=session,
                story_id=story_id,
                include_resolved=include_resolved,
                after=after,
                limit=size + 1,
            )
            return paging.paginate(rows, size, lambda c: (c.created_at, c.id), "comments")

    def resolve_comment(
        self, identity: Identity, *, tenant: str, story_id: str, comment_id: str
    ) -> Comment:
        identity.require_member(tenant)
        with self._transaction() as session:
            comment = repository.get_comment(session=session, comment_id=comment_id)
            if comment is None or comment.tenant != tenant or comment.story_id != story_id:
                raise NotFound(
                    "không tìm thấy góp ý (comment not found)", reason="COMMENT_NOT_FOUND"
                )
            if not comment.resolved:
                comment.resolved = True
                comment.resolved_by_id = identity.user_id
                comment.resolved_by_username = identity.username
                comment.resolved_by_name = identity.display_name
                comment.resolved_at = self._clock()
                session.add(comment)
            return comment

    # --- policy -------------------------------------------------------------------------

    def get_policy(self, identity: Identity, *, tenant: str) -> Policy:
        identity.require_member(tenant)
        with self._transaction() as session:
            return self._policy(session, tenant)

    def set_policy(
        self,
        identity: Identity,
        *,
        tenant: str,
        stages: Sequence[Stage],
        official_statement_role: Role | None,
    ) -> Policy:
        identity.require_role(tenant, Role.TENANT_ADMIN.value, Role.BOARD.value)
        official = official_statement_role or rules.DEFAULT_OFFICIAL_STATEMENT_ROLE
        rules.validate_policy(stages, official)
        caller = Caller.of(identity, tenant)
        with self._transaction() as session:
            policy = policy_repository.get_policy(session=session, tenant=tenant) or Policy(
                tenant=tenant
            )
            policy.stages = [s.to_json() for s in stages]
            policy.official_statement_role = official.value
            policy.updated_at = self._clock()
            policy.updated_by_id = caller.actor.user_id
            policy.updated_by_username = caller.actor.username
            policy.updated_by_name = caller.actor.display_name
            session.add(policy)
            self._audit(
                session,
                tenant=tenant,
                story_id="",
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.SET_POLICY,
                from_state=None,
                to_state=None,
                reason="vòng duyệt: "
                + " -> ".join(s.role.value for s in stages)
                + f"; tuyên bố chính thức: {official.value}",
            )
            return policy

    # --- publishing freezes ---------------------------------------------------------------

    @staticmethod
    def _require_freeze_rights(
        identity: Identity, tenant: str, scope: FreezeScope | None
    ) -> FreezeScope:
        if scope is None:
            raise InvalidArgument("cần phạm vi tạm dừng (scope)", reason="SCOPE_REQUIRED")
        if scope is FreezeScope.GROUP:
            if not identity.is_platform_admin:
                raise PermissionDenied(
                    "chỉ quản trị nền tảng được tạm dừng toàn tập đoàn",
                    reason="PLATFORM_ADMIN_REQUIRED",
                )
        else:
            identity.require_role(tenant, Role.BOARD.value)
        return scope

    def set_freeze(
        self, identity: Identity, *, tenant: str, scope: FreezeScope | None, reason: str
    ) -> Freeze:
        checked = self._require_freeze_rights(identity, tenant, scope)
        why = require_reason(reason)
        caller = Caller.of(identity, tenant)
        try:
            return self._set_freeze(caller, tenant=tenant, scope=checked, reason=why)
        except IntegrityError:
            # Another caller set the same freeze at the same moment: return theirs.
            return self._set_freeze(caller, tenant=tenant, scope=checked, reason=why)

    def _set_freeze(
        self, caller: Caller, *, tenant: str, scope: FreezeScope, reason: str
    ) -> Freeze:
        with self._transaction() as session:
            existing = freeze_repository.get_active_freeze(
                session=session, scope=scope, tenant=tenant
            )
            if existing is not None:
                return existing
            now = self._clock()
            freeze = add(
                Freeze(
                    scope=scope.value,
                    tenant=tenant if scope is FreezeScope.TENANT else "",
                    reason=reason,
                    set_by_id=caller.actor.user_id,
                    set_by_username=caller.actor.username,
                    set_by_name=caller.actor.display_name,
                    set_at=now,
                ),
                session=session,
            )
            session.flush()
            self._audit(
                session,
                tenant=tenant,
                story_id="",
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.SET_FREEZE,
                from_state=None,
                to_state=None,
                reason=f"[{scope.value}] {reason}",
            )
            self._events.freeze_changed(session, freeze, actor=caller.actor, reason=reason, at=now)
            return freeze

    def lift_freeze(
        self, identity: Identity, *, tenant: str, scope: FreezeScope | None, reason: str
    ) -> Freeze:
        checked = self._require_freeze_rights(identity, tenant, scope)
        caller = Caller.of(identity, tenant)
        why = reason.strip()
        with self._transaction() as session:
            freeze = freeze_repository.get_active_freeze(
                session=session, scope=checked, tenant=tenant, for_update=True
            )
            if freeze is None:
                raise NotFound(
                    "không có lệnh tạm dừng đang hiệu lực (no active freeze)",
                    reason="FREEZE_NOT_FOUND",
                )
            now = self._clock()
            freeze.active = False
            freeze.lifted_by_id = caller.actor.user_id
            freeze.lifted_by_username = caller.actor.username
            freeze.lifted_by_name = caller.actor.display_name
            freeze.lifted_at = now
            freeze.lift_reason = why
            session.add(freeze)
            self._audit(
                session,
                tenant=tenant,
                story_id="",
                actor=caller.actor,
                roles=caller.roles,
                action=AuditAction.LIFT_FREEZE,
                from_state=None,
                to_state=None,
                reason=f"[{checked.value}] {why}".rstrip(),
            )
            self._events.freeze_changed(session, freeze, actor=caller.actor, reason=why, at=now)
            return freeze

    def list_freezes(
        self,
        identity: Identity,
        *,
        tenant: str,
        active_only: bool,
        page_size: int,
        page_token: str,
    ) -> Page[Freeze]:
        identity.require_member(tenant)
        size = paging.page_size(page_size)
        before = paging.decode_time_key("freezes", page_token)
        with self._transaction() as session:
            rows = freeze_repository.list_freezes(
                session=session,
                tenant=tenant,
                active_only=active_only,
                before=before,
                limit=size + 1,
            )
            return paging.paginate(rows, size, lambda f: (f.set_at, f.id), "freezes")

    # --- syndication ----------------------------------------------------------------------

    def nominate(
        self, identity: Identity, *, tenant: str, story_id: str, target_tenant: str, note: str
    ) -> tuple[Nomination, WorkflowView]:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        if target_tenant == tenant:
            raise InvalidArgument(
                "không thể đề cử bài lên chính đơn vị mình (same tenant)", reason="SAME_TENANT"
            )
        if target_tenant != self._group_tenant:
            raise FailedPrecondition(
                f"chỉ đề cử được lên đơn vị tập đoàn {self._group_tenant} (not the group tenant)",
                reason="NOT_GROUP_TENANT",
            )
        caller = Caller.of(identity, tenant)
        try:
            with self._transaction() as session:
                workflow = repository.get_workflow_or_raise(
                    session=session, tenant=tenant, story_id=story_id
                )
                state = self._require_state(workflow, transitions.PUBLIC_STATES, "đề cử")
                if repository.find_nomination(
                    session=session, story_id=story_id, target_tenant=target_tenant
                ):
                    raise errors.already_nominated(target_tenant)
                now = self._clock()
                nomination = add(
                    Nomination(
                        tenant=tenant,
                        story_id=story_id,
                        source_revision=workflow.published_revision,
                        target_tenant=target_tenant,
                        nominated_by_id=caller.actor.user_id,
                        nominated_by_username=caller.actor.username,
                        nominated_by_name=caller.actor.display_name,
                        note=note.strip(),
                        nominated_at=now,
                    ),
                    session=session,
                )
                session.flush()
                self._audit(
                    session,
                    tenant=tenant,
                    story_id=story_id,
                    actor=caller.actor,
                    roles=caller.roles,
                    action=AuditAction.NOMINATE,
                    from_state=state.value,
                    to_state=state.value,
                    reason=f"đề cử lên {target_tenant}"
                    + (f": {note.strip()}" if note.strip() else ""),
                    revision=workflow.published_revision,
                )
                self._events.nominated(session, nomination, actor=caller.actor, at=now)
                return nomination, self._view(session, workflow)
        except IntegrityError as exc:
            raise errors.already_nominated(target_tenant) from exc

    # --- inbound events (called by consumers inside the consumer's transaction) ----------

    def on_syndicated_copy(
        self,
        session: Session,
        *,
        nomination_id: str,
        story_id: str,
        tenant: str,
        story_type: StoryType,
        author: Actor,
        headline: str,
    ) -> None:
        """Content made the group tenant's copy: record it and queue it for review there."""
        nomination = repository.get_nomination(session=session, nomination_id=nomination_id)
        if nomination is not None and not nomination.group_story_id:
            nomination.group_story_id = story_id
            session.add(nomination)
        if repository.get_workflow(session=session, story_id=story_id) is not None:
            return  # already queued (idempotent on the copy's story id)
        policy = self._policy(session, tenant)
        stages = rules.stages_for(
            policy.stage_list, Role(policy.official_statement_role), story_type
        )
        workflow = Workflow(
            story_id=story_id,
            tenant=tenant,
            state=S.DRAFT.value,
            story_type=story_type.value,
            author_id=author.user_id,
            author_username=author.username,
            headline=headline,
            revision=1,
            stages=[s.to_json() for s in stages],
            current_stage=0,
            awaiting_role=stages[0].role.value,
            round=1,
            submitted_at=self._clock(),
        )
        self._transition(
            session,
            workflow,
            S.SUBMITTED,
            actor=SYSTEM_ACTOR,
            roles=SYSTEM_CALLER_ROLES,
            action=AuditAction.SUBMIT,
            reason="bài đề cử từ đơn vị thành viên (syndicated copy queued for review)",
        )

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
