"""Helpers for this service's tests: identities, calls as a user, outbox and audit reads."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import grpc
from sqlalchemy import Engine, text

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import identity_var
from newsroom_core.identity import PLATFORM_ADMIN, Identity
from newsroom_core.settings import IdentitySettings

IDENTITY_KEY = IdentitySettings().secret.get_secret_value().encode()
PLATFORM = Identity(
    "platform-admin-1",
    "platform.admin",
    "Quản trị nền tảng",
    realm_roles=frozenset({PLATFORM_ADMIN}),
)


def member(tenant: str, *roles: str, name: str = "") -> Identity:
    """A staff identity of ``tenant`` holding ``roles`` (a fresh user id each time)."""
    username = f"{tenant}.{name or (roles[0] if roles else 'staff')}"
    return Identity(
        f"{username}-{uuid.uuid4().hex[:6]}",
        username,
        f"Nhân viên {username}",
        tenant_roles={tenant: frozenset(roles)},
    )


@contextmanager
def acting_as(identity: Identity | None) -> Iterator[None]:
    """Calls made through ``make_channel`` channels in this block carry ``identity``."""
    token = identity_var.set(identity)
    try:
        yield
    finally:
        identity_var.reset(token)


def as_user(identity: Identity | None, call: Callable[[Any], Any], request: Any) -> Any:
    with acting_as(identity):
        return call(request)


def rpc_error(identity: Identity | None, call: Callable[[Any], Any], request: Any) -> grpc.RpcError:
    """The error a call fails with; AssertionError when it succeeds."""
    try:
        as_user(identity, call, request)
    except grpc.RpcError as exc:
        return exc
    raise AssertionError(f"expected {call} to fail")


def failure(identity: Identity | None, call: Callable[[Any], Any], request: Any) -> tuple[str, str]:
    """(status code name, ErrorInfo reason) of a failing call."""
    error = rpc_error(identity, call, request)
    return error.code().name, error_reason(error) or ""


def outbox_events(engine: Engine, subject: str, ce_type: str | None = None) -> list[CloudEvent]:
    """Outbox rows of one aggregate as CloudEvents, oldest first."""
    query = "SELECT * FROM outbox_event WHERE ce_subject = :subject"
    params: dict[str, Any] = {"subject": subject}
    if ce_type:
        query += " AND ce_type = :ce_type"
        params["ce_type"] = ce_type
    with engine.connect() as conn:
        rows = [r._mapping for r in conn.execute(text(query + " ORDER BY id"), params)]
    return [
        CloudEvent(
            id=str(r["event_id"]),
            type=r["ce_type"],
            source=r["ce_source"],
            subject=r["ce_subject"],
            tenant=r["tenant"],
            time=r["ce_time"],
            traceparent=r["traceparent"],
            dataschema=r["dataschema"],
            data=bytes(r["payload"]),
        )
        for r in rows
    ]


def audit_trail(engine: Engine, story_id: str) -> list[tuple[str, str | None, str | None, str]]:
    """(action, from_state, to_state, actor username) of a story, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT action, from_state, to_state, actor_username FROM audit_record"
                " WHERE story_id = :story_id ORDER BY id"
            ),
            {"story_id": story_id},
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]


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

    def revise(self, story_id: str, *, author: Identity | None = None, body: str = "") -> int:
        """Save a new revision in content; its number."""
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


def deliver(sessions: SessionFactory, router: EventRouter, *events: CloudEvent) -> None:
    """Apply events through a router, each in its own transaction, as a consumer would."""
    for event in events:
        with session_scope(sessions) as session:
            router(session, event)
