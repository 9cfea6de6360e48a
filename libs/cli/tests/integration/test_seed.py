"""The demo seed through the real content and editorial-approval gRPC APIs, as the demo
users of the realm (their Keycloak ids as user ids)."""

from __future__ import annotations

import io
import socket
import threading
import uuid
from dataclasses import replace

import pytest

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as media_pb
from newsroom_cli import demo, dev
from newsroom_cli.clients import Services, as_system
from newsroom_cli.demo import Target
from newsroom_cli.keycloak_admin import Directory
from newsroom_cli.media import MediaClient
from newsroom_cli.output import Outcome, Reporter
from newsroom_cli.seed import STATE_OF_WORKFLOW, seed
from newsroom_cli.settings import CliSettings
from newsroom_cli.tenants import create_tenant

pytestmark = [pytest.mark.keycloak, pytest.mark.postgres, pytest.mark.s3]


def test_seed_walks_every_story_to_its_state_once(
    cli_env: CliSettings, services: Services, directory: Directory
) -> None:
    first = Reporter(io.StringIO(), colour=False)
    assert dev.provision_and_seed(cli_env, first, with_seed=True, stop=threading.Event())
    seeded = [o for o in first.outcomes if o is Outcome.CREATED]
    assert len(seeded) >= len(demo.STORIES)  # plus the tenants' content rows and policies

    # Every workflow state of the lifecycle is represented, as the seed reported.
    assert {s.target for s in demo.STORIES} == set(demo.Target)
    with as_system():
        by_slug = {
            story.slug: story
            for tenant in demo.TENANTS
            for story in services.content.ListStories(
                content_pb.ListStoriesRequest(tenant=tenant.slug, page_size=200)
            ).stories
        }
        for wanted in demo.STORIES:
            story = by_slug[wanted.slug]
            assert story.headline == wanted.headline
            assert story.language == wanted.language
            author = directory.user(wanted.author_username)
            assert author is not None
            assert story.author.user_id == author["id"]
            if wanted.target is demo.Target.DRAFT:
                continue
            workflow = services.editorial.GetWorkflow(
                editorial_pb.GetWorkflowRequest(tenant=wanted.tenant, story_id=story.id)
            ).workflow
            assert STATE_OF_WORKFLOW[workflow.state] is wanted.target, wanted.slug

    # The demo media: generated, uploaded, transcoded, and shown by their stories.
    with MediaClient(cli_env) as media:
        for wanted in (s for s in demo.STORIES if s.media):
            story = by_slug[wanted.slug]
            assert len(story.media) == len(wanted.media), wanted.slug
            asset = media.call(
                "GetAsset",
                media_pb.GetAssetRequest(tenant=wanted.tenant, asset_id=story.media[0].asset_id),
            ).asset
            assert asset.version.status == asset_pb2.ASSET_STATUS_READY, wanted.slug
            assert story.media[0].asset_version == asset.version.number

    second = Reporter(io.StringIO(), colour=False)
    assert seed(cli_env, second) == 0
    # stories and demo media alike: nothing made twice
    assert len(second.outcomes) >= len(demo.STORIES)
    assert set(second.outcomes) == {Outcome.ALREADY_THERE}
    with as_system():
        halong = services.content.ListStories(
            content_pb.ListStoriesRequest(tenant="halong", page_size=200)
        ).stories
    demo_slugs = {s.slug for s in demo.STORIES if s.tenant == "halong"}
    assert sorted(s.slug for s in halong if s.slug in demo_slugs) == sorted(demo_slugs)


def test_seed_without_editorial_makes_only_drafts_and_a_later_run_finishes(
    cli_env: CliSettings, services: Services
) -> None:
    halong = next(t for t in demo.TENANTS if t.slug == "halong")
    # Every provisioning step succeeds (created, or already there from an earlier test).
    assert create_tenant(halong, cli_env, Reporter(io.StringIO(), colour=False)) == 0
    run = uuid.uuid4().hex[:8]
    draft = next(s for s in demo.STORIES if s.tenant == "halong" and s.target is Target.DRAFT)
    published = demo.MARKER
    stories = [
        replace(draft, slug=f"test-{run}-draft"),
        replace(published, slug=f"test-{run}-published"),
    ]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"127.0.0.1:{sock.getsockname()[1]}"
    editorial_down = cli_env.model_copy(update={"editorial_target": closed})

    partial = Reporter(io.StringIO(), colour=False)
    assert seed(editorial_down, partial, stories) == 1
    assert partial.outcomes == [Outcome.CREATED, Outcome.WARNING]

    def seeded_slugs() -> set[str]:
        with as_system():
            listed = services.content.ListStories(
                content_pb.ListStoriesRequest(tenant="halong", page_size=200)
            ).stories
        return {s.slug for s in listed if s.slug.startswith(f"test-{run}-")}

    assert seeded_slugs() == {f"test-{run}-draft"}

    finished = Reporter(io.StringIO(), colour=False)
    assert seed(cli_env, finished, stories) == 0
    assert finished.outcomes == [Outcome.ALREADY_THERE, Outcome.CREATED]
    assert seeded_slugs() == {f"test-{run}-draft", f"test-{run}-published"}
