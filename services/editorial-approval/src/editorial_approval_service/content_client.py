"""What the workflow needs to know about a story, asked from the content service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import grpc

from editorial_approval_service import errors
from newsroom.content.v1 import content_service_pb2, content_service_pb2_grpc, story_pb2
from newsroom_core.actors import Actor, actor_from_pb
from newsroom_core.enums import StoryType, from_proto
from newsroom_core.errors import DomainError, NotFound, PermissionDenied, Unavailable
from newsroom_core.grpc.interceptors import error_reason


@dataclass(frozen=True, slots=True)
class StoryInfo:
    story_id: str
    tenant: str
    story_type: StoryType | None  # None: content sent none this service knows
    author: Actor
    current_revision: int
    published_revision: int
    headline: str
    # (asset id, reason) of each media item that cannot be published yet (content asks
    # the media service): alt text missing, still processing, failed.
    media_problems: tuple[tuple[str, str], ...] = ()


class StoryDirectory(Protocol):
    """Reads a story's author, type and current revision (production: content over gRPC)."""

    def get_story(self, tenant: str, story_id: str) -> StoryInfo: ...

    def seal_revision(self, tenant: str, story_id: str, revision: int) -> StoryInfo:
        """Closes the story's working revision if it is ``revision`` (autosaves stop
        folding into it) and reads the story: called before a revision is pinned."""
        ...


def story_info(
    story: story_pb2.Story, media_problems: tuple[tuple[str, str], ...] = ()
) -> StoryInfo:
    return StoryInfo(
        story_id=story.id,
        tenant=story.tenant,
        story_type=from_proto(StoryType, story.type),
        author=actor_from_pb(story.author),
        current_revision=story.current_revision,
        published_revision=story.published_revision,
        headline=story.headline,
        media_problems=media_problems,
    )


def pinned_story(stories: StoryDirectory, tenant: str, story_id: str, revision: int) -> StoryInfo:
    """The story, as content has it, of ``tenant`` (WORKFLOW_NOT_FOUND for another's),
    after sealing ``revision``: the caller is about to pin it (for review or publication),
    so its author's autosaves must no longer rewrite it. The story is read again after the
    seal because only GetStory asks the media service whether its media can be published."""
    stories.seal_revision(tenant, story_id, revision)
    story = stories.get_story(tenant, story_id)
    if story.tenant and story.tenant != tenant:
        raise errors.workflow_not_found(story_id)
    return story


class GrpcStoryDirectory:
    """``ContentService.GetStory``; the caller's identity travels with the call."""

    def __init__(self, channel: grpc.Channel) -> None:
        self._stub = content_service_pb2_grpc.ContentServiceStub(channel)  # type: ignore[no-untyped-call]

    def get_story(self, tenant: str, story_id: str) -> StoryInfo:
        request = content_service_pb2.GetStoryRequest(
            tenant=tenant, story_id=story_id, check_media=True
        )
        try:
            response = self._stub.GetStory(request)
        except grpc.RpcError as exc:
            raise _translate(exc) from exc
        problems = tuple((p.asset_id, p.reason) for p in response.media_problems)
        return story_info(response.story, problems)

    def seal_revision(self, tenant: str, story_id: str, revision: int) -> StoryInfo:
        request = content_service_pb2.SealRevisionRequest(
            tenant=tenant, story_id=story_id, revision=revision
        )
        try:
            response = self._stub.SealRevision(request)
        except grpc.RpcError as exc:
            raise _translate(exc) from exc
        return story_info(response.story)


def _translate(exc: grpc.RpcError) -> DomainError:
    code = exc.code() if hasattr(exc, "code") else grpc.StatusCode.UNKNOWN
    reason = error_reason(exc)
    if code is grpc.StatusCode.NOT_FOUND:
        return NotFound(
            "không tìm thấy bài viết (story not found)", reason=reason or "STORY_NOT_FOUND"
        )
    if code is grpc.StatusCode.PERMISSION_DENIED:
        return PermissionDenied(
            "không có quyền đọc bài viết (content denied access)", reason=reason or "ROLE_REQUIRED"
        )
    return Unavailable(
        f"dịch vụ nội dung không phản hồi (content service: {code.name})",
        reason="CONTENT_UNAVAILABLE",
    )
