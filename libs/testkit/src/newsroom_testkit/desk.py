"""One tenant's newsroom staff and the two services under test, for readable
editorial-approval tests."""

from __future__ import annotations

from typing import Any

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom_core.identity import Identity
from newsroom_testkit.identities import as_user, member


class Desk:
    """One tenant's newsroom staff and the two services under test, for readable tests."""

    def __init__(self, tenant: str, content: Any, editorial: Any) -> None:
        self.tenant = tenant
        self.content = content
        self.editorial = editorial
        self.contributor = member(tenant, "contributor")
        self.contributor2 = member(tenant, "contributor", name="contributor2")
        self.editor = member(tenant, "editor")
        self.editor2 = member(tenant, "editor", name="editor2")
        self.board = member(tenant, "board")
        self.board2 = member(tenant, "board", name="board2")
        self.spokesperson = member(tenant, "spokesperson")
        self.tenant_admin = member(tenant, "tenant-admin")

    def story(
        self,
        *,
        author: Identity | None = None,
        story_type: int = story_pb2.STORY_TYPE_NEWS,
        headline: str = "Than Hạ Long ứng phó bão Yagi",
    ) -> str:
        """A new draft in content (revision 1); its id."""
        request = content_pb.CreateStoryRequest(
            tenant=self.tenant,
            type=story_type,  # type: ignore[arg-type]
            headline=headline,
            summary="Công nhân trực 24/24",
            body_html="<p>Bản nháp một.</p>",
        )
        reply = as_user(author or self.contributor, self.content.CreateStory, request)
        return str(reply.story.id)

    def revise(
        self,
        story_id: str,
        *,
        author: Identity | None = None,
        body: str = "",
        autosave: bool = False,
    ) -> int:
        """Save the story in content (a new revision, or with ``autosave`` one folded into
        the open working revision, as the newsroom app saves); the current revision."""
        who = author or self.contributor
        current = as_user(
            who,
            self.content.GetStory,
            content_pb.GetStoryRequest(tenant=self.tenant, story_id=story_id),
        ).story
        request = content_pb.UpdateStoryRequest(
            tenant=self.tenant,
            story_id=story_id,
            expected_revision=current.current_revision,
            expected_version=current.version,
            autosave=autosave,
            type=current.type,
            headline=current.headline,
            summary=current.summary,
            body_html=body or f"<p>Bản sửa {current.current_revision + 1}.</p>",
        )
        return int(as_user(who, self.content.UpdateStory, request).story.current_revision)

    def submit(self, story_id: str, revision: int = 1, *, who: Identity | None = None) -> Any:
        request = pb.SubmitRequest(tenant=self.tenant, story_id=story_id, revision=revision)
        return as_user(who or self.contributor, self.editorial.Submit, request).workflow

    def approve(self, who: Identity, story_id: str, revision: int = 1, comment: str = "") -> Any:
        request = pb.ApproveRequest(
            tenant=self.tenant, story_id=story_id, revision=revision, comment=comment
        )
        return as_user(who, self.editorial.Approve, request).workflow

    def workflow(self, story_id: str, *, who: Identity | None = None) -> Any:
        request = pb.GetWorkflowRequest(tenant=self.tenant, story_id=story_id)
        return as_user(who or self.editor, self.editorial.GetWorkflow, request).workflow

    def pass_review(self, story_id: str, revision: int = 1) -> Any:
        """Submit and pass both default stages (editor, board): published unless scheduled."""
        self.submit(story_id, revision)
        self.approve(self.editor, story_id, revision)
        return self.approve(self.board, story_id, revision)
