"""Review comments on a story: add, list, resolve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from editorial_approval_service.workflow import repository
from editorial_approval_service.workflow.models import Comment
from newsroom_core import paging
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.errors import InvalidArgument, NotFound
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest
from newsroom_core.timestamps import Clock


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentUseCases:
    sessions: SessionFactory
    clock: Clock

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
        with session_scope(self.sessions) as session:
            workflow = repository.get_workflow_or_raise(
                session=session, tenant=tenant, story_id=story_id
            )
            return add(
                session=session,
                obj=Comment(
                    tenant=tenant,
                    story_id=story_id,
                    revision=revision or workflow.revision,
                    author_id=identity.user_id,
                    author_username=identity.username,
                    author_name=identity.display_name,
                    body=text,
                    anchor=anchor,
                    created_at=self.clock(),
                ),
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
        request = PageRequest.of("comments", "", page_size, page_token)
        with session_scope(self.sessions) as session:
            repository.get_workflow_or_raise(session=session, tenant=tenant, story_id=story_id)
            rows = repository.list_comments(
                session=session,
                story_id=story_id,
                include_resolved=include_resolved,
                after=paging.time_cursor(request.cursor),
                limit=request.limit,
            )
            return request.page(rows, lambda c: [c.created_at, c.id])

    def resolve_comment(
        self, identity: Identity, *, tenant: str, story_id: str, comment_id: str
    ) -> Comment:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
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
                comment.resolved_at = self.clock()
                session.add(comment)
            return comment
