"""Syndication: nominating a published story to the group tenant, and queueing the group
tenant's copy for review when content has made it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from editorial_approval_service import errors
from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.callers import EDITORIAL_ROLES, SYSTEM_CALLER, Caller
from editorial_approval_service.events import EditorialEvents
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.workflow import repository, transitions
from editorial_approval_service.workflow.models import (
    Nomination,
    Workflow,
    WorkflowView,
    stored_story_type,
)
from editorial_approval_service.workflow.state_changes import StateChanges
from newsroom_core.actors import Actor
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import AuditAction, StoryType, WorkflowState
from newsroom_core.errors import FailedPrecondition, InvalidArgument
from newsroom_core.identity import Identity
from newsroom_core.timestamps import Clock

S = WorkflowState


@dataclass(frozen=True, slots=True, kw_only=True)
class SyndicationUseCases:
    sessions: SessionFactory
    clock: Clock
    policy: PolicyUseCases
    audit: AuditUseCases
    changes: StateChanges
    events: EditorialEvents
    group_tenant: str

    def nominate(
        self, identity: Identity, *, tenant: str, story_id: str, target_tenant: str, note: str
    ) -> tuple[Nomination, WorkflowView]:
        identity.require_role(tenant, *EDITORIAL_ROLES)
        if target_tenant == tenant:
            raise InvalidArgument(
                "không thể đề cử bài lên chính đơn vị mình (same tenant)", reason="SAME_TENANT"
            )
        if target_tenant != self.group_tenant:
            raise FailedPrecondition(
                f"chỉ đề cử được lên đơn vị tập đoàn {self.group_tenant} (not the group tenant)",
                reason="NOT_GROUP_TENANT",
            )
        caller = Caller.of(identity, tenant)
        try:
            with session_scope(self.sessions) as session:
                workflow = repository.get_workflow_or_raise(
                    session=session, tenant=tenant, story_id=story_id
                )
                state = transitions.require_state(workflow, transitions.PUBLIC_STATES, "đề cử")
                if repository.find_nomination(
                    session=session, story_id=story_id, target_tenant=target_tenant
                ):
                    raise errors.already_nominated(target_tenant)
                now = self.clock()
                nomination = add(
                    session=session,
                    obj=Nomination(
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
                )
                self.audit.record(
                    session,
                    caller,
                    AuditAction.NOMINATE,
                    tenant=tenant,
                    story_id=story_id,
                    from_state=state.value,
                    to_state=state.value,
                    reason=f"đề cử lên {target_tenant}"
                    + (f": {note.strip()}" if note.strip() else ""),
                    revision=workflow.published_revision,
                )
                self.events.nominated(session, nomination, actor=caller.actor, at=now)
                return nomination, repository.view(session=session, workflow=workflow)
        except IntegrityError as exc:
            raise errors.already_nominated(target_tenant) from exc

    def on_syndicated_copy(
        self,
        session: Session,
        *,
        nomination_id: str,
        story_id: str,
        tenant: str,
        story_type: StoryType | None,
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
        stages = self.policy.stages_for(session, tenant, story_type)
        workflow = Workflow(
            story_id=story_id,
            tenant=tenant,
            state=S.DRAFT.value,
            story_type=stored_story_type(story_type),
            author_id=author.user_id,
            author_username=author.username,
            headline=headline,
            revision=1,
            stages=[s.to_json() for s in stages],
            current_stage=0,
            awaiting_role=stages[0].role.value,
            round=1,
            submitted_at=self.clock(),
        )
        self.changes.transition(
            session,
            workflow,
            S.SUBMITTED,
            SYSTEM_CALLER,
            AuditAction.SUBMIT,
            reason="bài đề cử từ đơn vị thành viên (syndicated copy queued for review)",
        )
