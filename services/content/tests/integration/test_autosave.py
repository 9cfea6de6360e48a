"""Autosaves fold into one working revision per sitting, through the real gRPC servicer on
a clock the test moves: the history keeps sittings, the version token keeps every
conflict visible, and a sealed (submitted) revision is never rewritten."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
from sqlalchemy import Engine

from content_service import grpc_api
from content_service.stories.events import STORY_REVISED
from content_service.wiring import ContentAggregates
from newsroom.content.v1 import content_events_pb2, story_pb2
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import Identity
from newsroom_testkit.identities import IDENTITY_KEY, member
from newsroom_testkit.outbox import outbox_events
from newsroom_testkit.services import serve

pytestmark = [pytest.mark.postgres]

WINDOW = timedelta(minutes=5)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def stub(content: ContentAggregates, clock: Clock) -> Iterator[ContentServiceStub]:
    """The servicer over this module's clock and a five-minute coalescing window."""
    stories = dataclasses.replace(content.stories, clock=clock, coalesce_window=WINDOW)
    server = serve(grpc_api.binding(dataclasses.replace(content, stories=stories).servicer()))
    channel = make_channel(server.address, identity_key=IDENTITY_KEY)
    yield ContentServiceStub(channel)  # type: ignore[no-untyped-call]
    channel.close()
    server.stop(0)


def rpc_error(call: Callable[[], object]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value


class Editor:
    """One person's editor on one story: remembers the revision and version it saved."""

    def __init__(self, stub: ContentServiceStub, who: Identity, story: story_pb2.Story) -> None:
        self.stub, self.who, self.tenant, self.story_id = stub, who, story.tenant, story.id
        self.revision, self.version = story.current_revision, story.version

    def save(self, body: str, *, autosave: bool = True, versioned: bool = True) -> Any:
        with acting_as(self.who):
            reply = self.stub.UpdateStory(
                pb.UpdateStoryRequest(
                    tenant=self.tenant,
                    story_id=self.story_id,
                    expected_revision=self.revision,
                    expected_version=self.version if versioned else 0,
                    autosave=autosave,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline="Ca đêm ở mỏ",
                    body_html=f"<p>{body}</p>",
                )
            )
        self.revision, self.version = reply.story.current_revision, reply.story.version
        return reply

    def revisions(self) -> list[story_pb2.Revision]:
        with acting_as(self.who):
            page = self.stub.ListRevisions(
                pb.ListRevisionsRequest(tenant=self.tenant, story_id=self.story_id)
            )
        return list(reversed(page.revisions))


def new_story(stub: ContentServiceStub, tenant: str, who: Identity) -> story_pb2.Story:
    with acting_as(who):
        reply = stub.CreateStory(
            pb.CreateStoryRequest(
                tenant=tenant, type=story_pb2.STORY_TYPE_NEWS, headline="Ca đêm ở mỏ"
            )
        )
    story: story_pb2.Story = reply.story
    return story


def test_one_sitting_of_autosaves_is_one_revision_until_a_pause_or_an_explicit_save(
    stub: ContentServiceStub, tenant_factory: Callable[..., str], clock: Clock, engine: Engine
) -> None:
    tenant = tenant_factory("auto")
    author = member(tenant, "contributor")
    story = new_story(stub, tenant, author)
    assert (story.current_revision, story.version, story.working_revision) == (1, 1, 0)
    editor = Editor(stub, author, story)

    first = editor.save("Một")
    assert not first.coalesced and first.story.current_revision == 2
    assert first.story.working_revision == 2 and first.story.version == 2
    for n, word in enumerate(("Một hai", "Một hai ba", "Một hai ba bốn"), start=2):
        clock.advance(timedelta(seconds=90))  # each within the window of the last save
        reply = editor.save(word)
        assert reply.coalesced and reply.story.current_revision == 2
        assert reply.revision.saves == n and reply.story.version == n + 1
    assert [(r.number, r.saves, r.body_html) for r in editor.revisions()] == [
        (1, 1, ""),
        (2, 4, "<p>Một hai ba bốn</p>"),
    ]
    working = editor.revisions()[1]
    assert working.updated_at.ToDatetime(UTC) == clock.now
    assert working.created_at.ToDatetime(UTC) == clock.now - timedelta(seconds=270)

    # A pause longer than the window: the sitting's revision stays, a new one starts.
    clock.advance(WINDOW + timedelta(seconds=1))
    after_pause = editor.save("Sau giờ nghỉ")
    assert not after_pause.coalesced and after_pause.story.current_revision == 3
    clock.advance(timedelta(seconds=10))
    assert editor.save("Sau giờ nghỉ, tiếp").coalesced

    # An explicit save is the sitting's last save: written into it, then it is closed.
    clock.advance(timedelta(seconds=10))
    explicit = editor.save("Bản hoàn chỉnh", autosave=False)
    assert explicit.coalesced and explicit.revision.saves == 3
    assert explicit.story.working_revision == 0
    clock.advance(timedelta(seconds=10))
    next_sitting = editor.save("Sửa tiếp")
    assert not next_sitting.coalesced and next_sitting.story.current_revision == 4
    assert [(r.number, r.saves) for r in editor.revisions()] == [(1, 1), (2, 4), (3, 3), (4, 1)]

    # Every save is an event; folded ones say so, with the version after the save.
    revised = [
        content_events_pb2.StoryRevised.FromString(event.data)
        for event in outbox_events(engine, story.id, STORY_REVISED)
    ]
    assert [(e.revision, e.coalesced) for e in revised] == [
        (2, False),
        (2, True),
        (2, True),
        (2, True),
        (3, False),
        (3, True),
        (3, True),
        (4, False),
    ]
    assert [e.version for e in revised] == list(range(2, 10))


def test_a_save_without_the_version_token_never_folds(
    stub: ContentServiceStub, tenant_factory: Callable[..., str]
) -> None:
    tenant = tenant_factory("auto")
    author = member(tenant, "contributor")
    editor = Editor(stub, author, new_story(stub, tenant, author))
    editor.save("Một")
    unversioned = editor.save("Hai", versioned=False)
    assert not unversioned.coalesced and unversioned.story.current_revision == 3


def test_another_persons_save_closes_the_working_revision_and_both_get_conflicts(
    stub: ContentServiceStub, tenant_factory: Callable[..., str], clock: Clock
) -> None:
    tenant = tenant_factory("auto")
    author, editor_person = member(tenant, "contributor"), member(tenant, "editor")
    story = new_story(stub, tenant, author)
    mine, theirs = Editor(stub, author, story), Editor(stub, editor_person, story)
    mine.save("Bản của tác giả")
    theirs.revision, theirs.version = mine.revision, mine.version  # the editor opens it now

    clock.advance(timedelta(seconds=5))
    mine.save("Bản của tác giả, sửa thêm")  # folded: same revision number, new version
    stale = rpc_error(lambda: theirs.save("Bản của biên tập viên"))
    assert stale.code() is grpc.StatusCode.ABORTED and error_reason(stale) == "REVISION_CONFLICT"

    theirs.revision, theirs.version = mine.revision, mine.version  # reloaded
    clock.advance(timedelta(seconds=5))
    by_editor = theirs.save("Bản của biên tập viên")
    assert not by_editor.coalesced and by_editor.story.current_revision == 3
    assert by_editor.revision.author.user_id == editor_person.user_id
    clock.advance(timedelta(seconds=5))
    behind = rpc_error(lambda: mine.save("Tác giả gõ tiếp"))
    assert error_reason(behind) == "REVISION_CONFLICT"
    bodies = [r.body_html for r in mine.revisions()]
    assert bodies == ["", "<p>Bản của tác giả, sửa thêm</p>", "<p>Bản của biên tập viên</p>"]


def test_a_second_tab_of_the_same_person_gets_a_conflict_not_a_silent_overwrite(
    stub: ContentServiceStub, tenant_factory: Callable[..., str], clock: Clock
) -> None:
    tenant = tenant_factory("auto")
    author = member(tenant, "contributor")
    story = new_story(stub, tenant, author)
    tab1, tab2 = Editor(stub, author, story), Editor(stub, author, story)
    tab1.save("Tab một")
    tab2.revision, tab2.version = tab1.revision, tab1.version
    clock.advance(timedelta(seconds=3))
    tab1.save("Tab một, tiếp")  # same revision number, so only the version tells
    overwrite = rpc_error(lambda: tab2.save("Tab hai"))
    assert error_reason(overwrite) == "REVISION_CONFLICT"
    assert tab1.revisions()[-1].body_html == "<p>Tab một, tiếp</p>"


def test_a_sealed_revision_is_never_rewritten(
    stub: ContentServiceStub, tenant_factory: Callable[..., str], clock: Clock
) -> None:
    tenant = tenant_factory("auto")
    author = member(tenant, "contributor")
    editor = Editor(stub, author, new_story(stub, tenant, author))
    editor.save("Gửi duyệt bản này")
    with acting_as(author):
        stale_seal = stub.SealRevision(
            pb.SealRevisionRequest(tenant=tenant, story_id=editor.story_id, revision=1)
        ).story
        sealed = stub.SealRevision(
            pb.SealRevisionRequest(tenant=tenant, story_id=editor.story_id, revision=2)
        ).story
    assert stale_seal.working_revision == 2, "sealing an older revision leaves the open one"
    assert sealed.working_revision == 0 and sealed.current_revision == 2
    clock.advance(timedelta(seconds=2))
    after = editor.save("Sửa sau khi gửi")
    assert not after.coalesced and after.story.current_revision == 3
    assert editor.revisions()[1].body_html == "<p>Gửi duyệt bản này</p>"

    outsider = member(tenant_factory("other"), "editor")
    with acting_as(outsider):
        denied = rpc_error(
            lambda: stub.SealRevision(
                pb.SealRevisionRequest(tenant=tenant, story_id=editor.story_id, revision=3)
            )
        )
    assert denied.code() is grpc.StatusCode.PERMISSION_DENIED
