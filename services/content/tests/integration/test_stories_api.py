"""Tenants, sections, stories, revisions and diffs through the real gRPC servicer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from sqlalchemy import Engine

from content_service.stories.events import STORY_CREATED, STORY_REVISED
from content_service.tenants.events import TENANT_PROVISIONED
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1 import story_pb2
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import Identity
from newsroom_testkit.identities import PLATFORM, member
from newsroom_testkit.media import MediaService, new_asset
from newsroom_testkit.outbox import outbox_rows

pytestmark = [pytest.mark.postgres]


def create_story(
    stub: ContentServiceStub, tenant: str, who: Identity, headline: str, **fields: Any
) -> story_pb2.Story:
    with acting_as(who):
        reply = stub.CreateStory(
            pb.CreateStoryRequest(
                tenant=tenant, type=story_pb2.STORY_TYPE_NEWS, headline=headline, **fields
            )
        )
    story: story_pb2.Story = reply.story
    return story


def rpc_error(call: Callable[[], object]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value


def test_create_tenant_is_idempotent_with_default_sections(
    stub: ContentServiceStub, engine: Engine
) -> None:
    import uuid

    slug = f"halong-{uuid.uuid4().hex[:6]}"
    request = pb.CreateTenantRequest(tenant=slug, name="Than Hạ Long", default_language="vi")
    with acting_as(PLATFORM):
        first = stub.CreateTenant(request)
        again = stub.CreateTenant(request)
    assert first.created and not again.created
    assert first.tenant.slug == slug and first.tenant.name == "Than Hạ Long"
    assert {s.slug for s in first.sections} >= {"tin-tuc", "su-kien", "thong-cao", "video", "anh"}
    assert [s.id for s in again.sections] == [s.id for s in first.sections]
    assert len(outbox_rows(engine, slug, TENANT_PROVISIONED)) == 1
    assert stub.GetTenant(pb.GetTenantRequest(tenant=slug)).tenant.name == "Than Hạ Long"

    editor = member(slug, "editor", "tenant-admin")
    with acting_as(editor):
        denied = rpc_error(lambda: stub.CreateTenant(pb.CreateTenantRequest(tenant="other")))
    assert error_reason(denied) == "PLATFORM_ADMIN_REQUIRED"
    with acting_as(PLATFORM):
        bad = rpc_error(lambda: stub.CreateTenant(pb.CreateTenantRequest(tenant="Hạ Long")))
    assert bad.code() is grpc.StatusCode.INVALID_ARGUMENT and error_reason(bad) == "INVALID_SLUG"
    missing = rpc_error(lambda: stub.GetTenant(pb.GetTenantRequest(tenant="khong-co")))
    assert missing.code() is grpc.StatusCode.NOT_FOUND
    assert error_reason(missing) == "TENANT_NOT_FOUND"


def test_sections_need_tenant_admin(
    stub: ContentServiceStub, tenant_factory: Callable[..., str]
) -> None:
    tenant = tenant_factory("sec")
    admin = member(tenant, "tenant-admin")
    with acting_as(admin):
        parent = stub.CreateSection(
            pb.CreateSectionRequest(tenant=tenant, name="An toàn lao động", position=9)
        ).section
        child = stub.CreateSection(
            pb.CreateSectionRequest(tenant=tenant, name="Hầm lò", parent_id=parent.id)
        ).section
        taken = rpc_error(
            lambda: stub.CreateSection(pb.CreateSectionRequest(tenant=tenant, slug="tin-tuc"))
        )
    assert parent.slug == "an-toan-lao-dong" and child.parent_id == parent.id
    assert error_reason(taken) == "SECTION_SLUG_TAKEN"
    with acting_as(member(tenant, "editor")):
        denied = rpc_error(
            lambda: stub.CreateSection(pb.CreateSectionRequest(tenant=tenant, name="X"))
        )
    assert error_reason(denied) == "TENANT_ADMIN_REQUIRED"
    sections = stub.ListSections(pb.ListSectionsRequest(tenant=tenant)).sections
    assert [s.slug for s in sections][-1] == "ham-lo", "children come after top-level sections"
    assert "an-toan-lao-dong" in [s.slug for s in sections]


def test_create_update_revisions_and_diff(
    stub: ContentServiceStub,
    tenant_factory: Callable[..., str],
    engine: Engine,
    media: MediaService,
) -> None:
    tenant = tenant_factory("story")
    author = member(tenant, "contributor")
    image = new_asset(media, author, tenant)
    with acting_as(author):
        sections = stub.ListSections(pb.ListSectionsRequest(tenant=tenant)).sections
    news = next(s for s in sections if s.slug == "tin-tuc")
    story = create_story(
        stub,
        tenant,
        author,
        "Đẩy mạnh truyền thông",
        summary="Tóm tắt",
        body_html='<p onclick="x()">Đoạn một.</p><script>alert(1)</script>',
        section_id=news.id,
        tags=["Truyền thông", "truyền  thông", "TKV"],
        media=[story_pb2.StoryMedia(asset_id=image, caption="Ảnh", credit="TKV")],
    )
    assert story.slug == "day-manh-truyen-thong"
    assert story.status == story_pb2.STORY_STATUS_DRAFT and story.current_revision == 1
    assert story.body_html == "<p>Đoạn một.</p>"
    assert list(story.tags) == ["Truyền thông", "TKV"], "tags are deduplicated by slug"
    assert story.author.user_id == author.user_id and story.language == "vi"
    twin = create_story(stub, tenant, author, "Đẩy mạnh truyền thông!")
    assert twin.slug == "day-manh-truyen-thong-2"

    with acting_as(author):
        updated = stub.UpdateStory(
            pb.UpdateStoryRequest(
                tenant=tenant,
                story_id=story.id,
                expected_revision=1,
                type=story_pb2.STORY_TYPE_FEATURE,
                headline="Đẩy mạnh truyền thông số",
                summary="Tóm tắt",
                body_html="<p>Đoạn một.</p><p>Đoạn hai.</p>",
                section_id=news.id,
                tags=["TKV"],
                note="thêm đoạn hai",
            )
        )
        conflict = rpc_error(
            lambda: stub.UpdateStory(
                pb.UpdateStoryRequest(
                    tenant=tenant,
                    story_id=story.id,
                    expected_revision=1,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline="Bản cũ",
                )
            )
        )
        revisions = stub.ListRevisions(
            pb.ListRevisionsRequest(tenant=tenant, story_id=story.id, page_size=1)
        )
        older = stub.ListRevisions(
            pb.ListRevisionsRequest(
                tenant=tenant, story_id=story.id, page_token=revisions.next_page_token
            )
        )
        first = stub.GetRevision(pb.GetRevisionRequest(tenant=tenant, story_id=story.id, number=1))
        diff = stub.DiffRevisions(
            pb.DiffRevisionsRequest(
                tenant=tenant, story_id=story.id, from_revision=1, to_revision=2
            )
        )
        missing = rpc_error(
            lambda: stub.GetRevision(
                pb.GetRevisionRequest(tenant=tenant, story_id=story.id, number=7)
            )
        )
        fetched = stub.GetStory(pb.GetStoryRequest(tenant=tenant, story_id=story.id)).story

    assert updated.story.current_revision == 2 and updated.revision.number == 2
    assert updated.story.slug == "day-manh-truyen-thong", "an edited headline keeps the URL"
    assert updated.revision.note == "thêm đoạn hai"
    assert conflict.code() is grpc.StatusCode.ABORTED
    assert error_reason(conflict) == "REVISION_CONFLICT"
    assert [r.number for r in revisions.revisions] == [2] and revisions.next_page_token
    assert [r.number for r in older.revisions] == [1] and not older.next_page_token
    assert first.revision.headline == "Đẩy mạnh truyền thông"
    assert first.revision.body_html == "<p>Đoạn một.</p>", "revision 1 is immutable"
    assert [d.field for d in diff.diffs] == ["type", "headline", "body_html", "tags", "media"]
    body = next(d for d in diff.diffs if d.field == "body_html")
    assert "+<p>Đoạn hai.</p>" in body.unified_diff
    assert error_reason(missing) == "REVISION_NOT_FOUND"
    assert fetched.headline == "Đẩy mạnh truyền thông số" and fetched.current_revision == 2
    assert [r["ce_type"] for r in outbox_rows(engine, story.id)] == [STORY_CREATED, STORY_REVISED]


def test_tenant_isolation(stub: ContentServiceStub, tenant_factory: Callable[..., str]) -> None:
    tenant_a, tenant_b = tenant_factory("a"), tenant_factory("b")
    story = create_story(stub, tenant_a, member(tenant_a, "editor"), "Bài của đơn vị A")
    intruder = member(tenant_b, "editor", "board", "tenant-admin")
    with acting_as(intruder):
        calls: list[Callable[[], object]] = [
            lambda: stub.GetStory(pb.GetStoryRequest(tenant=tenant_a, story_id=story.id)),
            lambda: stub.ListStories(pb.ListStoriesRequest(tenant=tenant_a)),
            lambda: stub.ListRevisions(pb.ListRevisionsRequest(tenant=tenant_a, story_id=story.id)),
            lambda: stub.UpdateStory(
                pb.UpdateStoryRequest(
                    tenant=tenant_a,
                    story_id=story.id,
                    expected_revision=1,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline="Chiếm quyền",
                )
            ),
            lambda: stub.CreateStory(
                pb.CreateStoryRequest(
                    tenant=tenant_a, type=story_pb2.STORY_TYPE_NEWS, headline="Lạ"
                )
            ),
            lambda: stub.CreateSection(pb.CreateSectionRequest(tenant=tenant_a, name="Lạ")),
        ]
        for call in calls:
            err = rpc_error(call)
            assert err.code() is grpc.StatusCode.PERMISSION_DENIED
            assert error_reason(err) == "TENANT_MISMATCH"
        # Using its own tenant with A's story id reveals nothing either.
        hidden = rpc_error(
            lambda: stub.GetStory(pb.GetStoryRequest(tenant=tenant_b, story_id=story.id))
        )
        own = stub.ListStories(pb.ListStoriesRequest(tenant=tenant_b)).stories
    assert hidden.code() is grpc.StatusCode.NOT_FOUND and error_reason(hidden) == "STORY_NOT_FOUND"
    assert list(own) == []
    anonymous = rpc_error(
        lambda: stub.GetStory(pb.GetStoryRequest(tenant=tenant_a, story_id=story.id))
    )
    assert anonymous.code() is grpc.StatusCode.UNAUTHENTICATED


def test_contributor_cannot_edit_another_authors_story_but_editor_can(
    stub: ContentServiceStub, tenant_factory: Callable[..., str]
) -> None:
    tenant = tenant_factory("perm")
    author = member(tenant, "contributor")
    story = create_story(stub, tenant, author, "Bài của tác giả")

    def update(who: Identity, revision: int) -> pb.UpdateStoryResponse:
        with acting_as(who):
            reply: pb.UpdateStoryResponse = stub.UpdateStory(
                pb.UpdateStoryRequest(
                    tenant=tenant,
                    story_id=story.id,
                    expected_revision=revision,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline=f"Sửa bởi {who.username}",
                )
            )
        return reply

    colleague = member(tenant, "contributor")
    err = rpc_error(lambda: update(colleague, 1))
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED
    assert error_reason(err) == "NOT_STORY_AUTHOR"
    reader = member(tenant, "spokesperson")
    with acting_as(reader):
        denied = rpc_error(
            lambda: stub.CreateStory(
                pb.CreateStoryRequest(tenant=tenant, type=story_pb2.STORY_TYPE_NEWS, headline="x")
            )
        )
    assert error_reason(denied) == "ROLE_REQUIRED"
    edited = update(member(tenant, "editor"), 1)
    assert edited.story.current_revision == 2
    assert edited.revision.author.username == f"{tenant}.editor"
    assert edited.story.author.user_id == author.user_id, "the story keeps its author"
    assert update(author, 2).story.current_revision == 3


def test_validation_errors(stub: ContentServiceStub, tenant_factory: Callable[..., str]) -> None:
    tenant = tenant_factory("val")
    who = member(tenant, "contributor")
    with acting_as(who):
        no_headline = rpc_error(
            lambda: stub.CreateStory(
                pb.CreateStoryRequest(tenant=tenant, type=story_pb2.STORY_TYPE_NEWS, headline=" ")
            )
        )
        no_type = rpc_error(
            lambda: stub.CreateStory(pb.CreateStoryRequest(tenant=tenant, headline="Có tiêu đề"))
        )
        bad_section = rpc_error(
            lambda: stub.CreateStory(
                pb.CreateStoryRequest(
                    tenant=tenant,
                    type=story_pb2.STORY_TYPE_NEWS,
                    headline="Có tiêu đề",
                    section_id="0b0e5e1c-7c0c-4a53-9b3a-2f4c9d0f6a11",
                )
            )
        )
        bad_token = rpc_error(
            lambda: stub.ListStories(pb.ListStoriesRequest(tenant=tenant, page_token="xyz"))
        )
    assert error_reason(no_headline) == "HEADLINE_REQUIRED"
    assert error_reason(no_type) == "TYPE_REQUIRED"
    assert error_reason(bad_section) == "SECTION_NOT_FOUND"
    assert error_reason(bad_token) == "INVALID_PAGE_TOKEN"


def test_list_stories_filters_and_pages(
    stub: ContentServiceStub, tenant_factory: Callable[..., str]
) -> None:
    tenant = tenant_factory("list")
    alice, bob = member(tenant, "contributor"), member(tenant, "contributor")
    ids = [create_story(stub, tenant, alice, f"Bài số {i}").id for i in range(5)]
    create_story(stub, tenant, bob, "Bài của Bob")
    with acting_as(alice):
        first = stub.ListStories(
            pb.ListStoriesRequest(tenant=tenant, author_id=alice.user_id, page_size=3)
        )
        rest = stub.ListStories(
            pb.ListStoriesRequest(
                tenant=tenant,
                author_id=alice.user_id,
                page_size=3,
                page_token=first.next_page_token,
            )
        )
        drafts = stub.ListStories(
            pb.ListStoriesRequest(tenant=tenant, status=story_pb2.STORY_STATUS_DRAFT)
        )
    listed = [s.id for s in first.stories] + [s.id for s in rest.stories]
    assert listed == list(reversed(ids)), "newest updated first, no gaps or repeats"
    assert not rest.next_page_token
    assert len(drafts.stories) == 6


def test_list_tenants_pages_in_slug_order(
    stub: ContentServiceStub, tenant_factory: Callable[..., str]
) -> None:
    mine = {tenant_factory("ls"), tenant_factory("ls")}
    seen: list[str] = []
    token = ""
    with acting_as(member(next(iter(mine)), "editor")):
        while True:
            reply = stub.ListTenants(pb.ListTenantsRequest(page_size=2, page_token=token))
            seen += [t.slug for t in reply.tenants]
            token = reply.next_page_token
            if not token:
                break
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert mine <= set(seen)
    # public: the portal lists the group's sites without signing in
    anonymous = stub.ListTenants(pb.ListTenantsRequest(page_size=200))
    assert mine <= {t.slug for t in anonymous.tenants}
