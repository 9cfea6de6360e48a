"""Demo content through the real gRPC APIs, as the demo users.

Each story is written by its tenant's contributor and walked through the workflow by the
tenant's editor, board and spokesperson, with their Keycloak ids as user ids (the ids the
gateway forwards when they log in), so their queues and "my stories" match the seed.
Idempotent per story: a story whose slug exists in its tenant is left alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from keycloak.exceptions import KeycloakError

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1 import workflow_pb2
from newsroom_cli.clients import Services, as_system, describe, unreachable
from newsroom_cli.demo import EXTRA_SECTIONS, STATE_LABELS, STORIES, DemoStory, Target
from newsroom_cli.keycloak_admin import Directory, KeycloakUnavailable, connect
from newsroom_cli.output import Outcome, Reporter
from newsroom_cli.settings import CliSettings
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.identity import Identity

STATE_OF_WORKFLOW = {
    workflow_pb2.WORKFLOW_STATE_DRAFT: Target.DRAFT,
    workflow_pb2.WORKFLOW_STATE_SUBMITTED: Target.SUBMITTED,
    workflow_pb2.WORKFLOW_STATE_IN_REVIEW: Target.IN_REVIEW,
    workflow_pb2.WORKFLOW_STATE_CHANGES_REQUESTED: Target.CHANGES_REQUESTED,
    workflow_pb2.WORKFLOW_STATE_APPROVED: Target.APPROVED,
    workflow_pb2.WORKFLOW_STATE_SCHEDULED: Target.SCHEDULED,
    workflow_pb2.WORKFLOW_STATE_PUBLISHED: Target.PUBLISHED,
    workflow_pb2.WORKFLOW_STATE_CORRECTED: Target.CORRECTED,
    workflow_pb2.WORKFLOW_STATE_RETRACTED: Target.RETRACTED,
}


class SeedError(Exception):
    """One story could not be brought to its state; the message says at which step."""


class StepFailed(SeedError):
    """A gRPC call of the seed failed."""

    def __init__(self, service: str, step: str, who: Identity, error: grpc.RpcError) -> None:
        super().__init__(f"{service} {step} ({who.username}): {describe(error)}")
        self.service = service
        self.error = error


@dataclass
class Cast:
    """The demo users as identities, looked up once."""

    directory: Directory | None
    known: dict[str, Identity] = field(default_factory=dict)

    def __call__(self, username: str) -> Identity:
        if username not in self.known:
            self.known[username] = self._lookup(username)
        return self.known[username]

    def _lookup(self, username: str) -> Identity:
        if self.directory is not None:
            found = self.directory.identity(username)
            if found is None:
                raise SeedError(f"không có người dùng {username} trong Keycloak (unknown user)")
            return found
        # Without Keycloak: the realm's naming convention, username as user id.
        tenant, _, role = username.partition(".")
        role = role.rstrip("0123456789")
        return Identity(username, username, username, tenant_roles={tenant: frozenset({role})})


def seed(
    settings: CliSettings,
    out: Reporter,
    stories: Iterable[DemoStory] = STORIES,
    *,
    stop: threading.Event | None = None,
) -> int:
    out.heading("Dữ liệu mẫu (demo content)")
    try:
        cast = Cast(Directory(connect(settings)))
    except (KeycloakUnavailable, KeycloakError) as exc:
        out.step(
            Outcome.WARNING,
            "Keycloak",
            f"{exc}; dùng tên đăng nhập làm user id (usernames used as user ids)",
        )
        cast = Cast(None)
    wanted = list(stories)
    with Services(settings) as services:
        try:
            existing = {t: _slugs(services, t) for t in sorted({s.tenant for s in wanted})}
        except grpc.RpcError as exc:
            out.step(
                Outcome.FAILED,
                "content",
                f"không đọc được bài (cannot list stories): {describe(exc)}",
            )
            return out.exit_code()
        for tenant in sorted({s.tenant for s in wanted}):
            ensure_sections(services, cast, tenant, out)
        media = _demo_media(settings, out, cast, wanted, stop)
        # Without editorial-approval only drafts can be made; the others are left for a later
        # run (a story half-way through its workflow would count as seeded).
        editorial_up = bool(wanted) and _editorial_reachable(services, wanted[0].tenant)
        for story in wanted:
            if stop is not None and stop.is_set():
                break
            label = f"{story.tenant} «{story.headline}»"
            if story.slug in existing[story.tenant]:
                out.step(Outcome.ALREADY_THERE, label)
                continue
            if story.target is not Target.DRAFT and not editorial_up:
                out.step(
                    Outcome.WARNING, label, "bỏ qua (skipped): editorial-approval not reachable"
                )
                continue
            try:
                state = Seeder(services, cast, story, media).run()
            except StepFailed as exc:
                if exc.service == "editorial-approval" and unreachable(exc.error):
                    editorial_up = False
                    out.step(
                        Outcome.WARNING,
                        label,
                        "chỉ tạo bản nháp (draft only): editorial-approval not reachable",
                    )
                else:
                    out.step(Outcome.FAILED, label, str(exc))
                continue
            except SeedError as exc:
                out.step(Outcome.FAILED, label, str(exc))
                continue
            if state is story.target:
                out.step(Outcome.CREATED, label, f"→ {STATE_LABELS[state]}")
            else:
                out.step(
                    Outcome.WARNING,
                    label,
                    f"→ {STATE_LABELS[state]} (mong đợi / expected {STATE_LABELS[story.target]})",
                )
    out.flush_unchanged("bài mẫu (demo stories)", ("bài", "stories"))
    return out.exit_code()


def _demo_media(
    settings: CliSettings,
    out: Reporter,
    cast: Cast,
    stories: list[DemoStory],
    stop: threading.Event | None,
) -> dict[str, str]:
    """The demo media the stories show (key -> asset id), uploaded and transcoded first:
    a story can only be submitted once its media are ready."""
    wanted = {key for story in stories for key, _, _ in story.media}
    if not wanted:
        return {}
    from newsroom_cli import demo_media

    files = [f for f in demo_media.FILES if f.key in wanted or _in_gallery(f.key, wanted)]
    galleries = [g for g in demo_media.GALLERIES if g.key in wanted]
    tenants = sorted({f.tenant for f in files} | {g.tenant for g in galleries})
    try:
        uploaders = {t: cast(f"{t}.contributor") for t in tenants}
    except SeedError as exc:
        out.step(Outcome.WARNING, "tệp mẫu (demo media)", str(exc))
        return {}
    return demo_media.ensure_demo_media(
        settings, out, uploaders, files=files, galleries=galleries, stop=stop
    )


def _in_gallery(key: str, wanted: set[str]) -> bool:
    from newsroom_cli import demo_media

    return any(key in {k for k, _ in g.images} for g in demo_media.GALLERIES if g.key in wanted)


def ensure_sections(services: Services, cast: Cast, tenant: str, out: Reporter) -> None:
    """The demo's extra sections (the radio bulletin's) in ``tenant``, made by its admin."""
    with as_system():
        have = {
            s.slug
            for s in services.content.ListSections(
                content_pb.ListSectionsRequest(tenant=tenant)
            ).sections
        }
    for position, (slug, name, description) in enumerate(EXTRA_SECTIONS, start=10):
        if slug in have:
            continue
        try:
            with acting_as(cast(f"{tenant}.tenant-admin")):
                services.content.CreateSection(
                    content_pb.CreateSectionRequest(
                        tenant=tenant,
                        slug=slug,
                        name=name,
                        description=description,
                        position=position,
                    )
                )
        except grpc.RpcError as exc:
            out.step(Outcome.FAILED, f"{tenant}: chuyên mục (section) {slug}", describe(exc))
            continue
        out.step(Outcome.CREATED, f"{tenant}: chuyên mục (section) {slug}")


def _editorial_reachable(services: Services, tenant: str) -> bool:
    try:
        with as_system():
            services.editorial.GetPolicy(editorial_pb.GetPolicyRequest(tenant=tenant))
    except grpc.RpcError as exc:
        return not unreachable(exc)
    return True


def _slugs(services: Services, tenant: str) -> set[str]:
    slugs: set[str] = set()
    token = ""
    with as_system():
        while True:
            page = services.content.ListStories(
                content_pb.ListStoriesRequest(tenant=tenant, page_size=200, page_token=token)
            )
            slugs.update(s.slug for s in page.stories)
            token = page.next_page_token
            if not token:
                return slugs


def _timestamp(at: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(at)
    return stamp


class Seeder:
    """Creates one story and walks it to its target state."""

    def __init__(
        self, services: Services, cast: Cast, story: DemoStory, media: dict[str, str] | None = None
    ) -> None:
        self.media = media or {}
        self.content = services.content
        self.editorial = services.editorial
        self.cast = cast
        self.story = story
        tenant = story.tenant
        self.author = cast(story.author_username)
        self.editor = cast(f"{tenant}.editor")
        self.board = cast(f"{tenant}.board")
        self.spokesperson = cast(f"{tenant}.spokesperson")
        self.story_id = ""
        self.workflow: Any = None

    def call(self, service: str, step: str, who: Identity, method: Any, request: Any) -> Any:
        try:
            with acting_as(who):
                return method(request)
        except grpc.RpcError as exc:
            raise StepFailed(service, step, who, exc) from exc

    def run(self) -> Target:
        story = self.story
        section_id = self._section_id()
        created = self.call(
            "content",
            "CreateStory",
            self.author,
            self.content.CreateStory,
            content_pb.CreateStoryRequest(
                tenant=story.tenant,
                type=story.type,
                visibility=story_pb2.VISIBILITY_INTERNAL
                if story.internal
                else story_pb2.VISIBILITY_PUBLIC,
                language=story.language,
                headline=story.headline,
                slug=story.slug,
                byline=story.byline,
                summary=story.summary,
                body_html=story.body_html,
                section_id=section_id,
                tags=list(story.tags),
                media=[
                    story_pb2.StoryMedia(asset_id=self.media[key], caption=caption, credit=credit)
                    for key, caption, credit in story.media
                    if key in self.media
                ],
            ),
        ).story
        self.story_id = created.id
        target = story.target
        if target is Target.DRAFT:
            return Target.DRAFT

        self._editorial("Submit", self.author, revision=created.current_revision)
        if target is Target.SUBMITTED:
            return self.state
        if target is Target.CHANGES_REQUESTED:
            self._editorial("RequestChanges", self.editor, reason=story.note)
            return self.state
        if target in (Target.APPROVED, Target.SCHEDULED):
            publish_at = datetime.now(UTC) + timedelta(days=story.schedule_days)
            self._editorial("Schedule", self.editor, publish_at=_timestamp(publish_at))
        self._editorial("Approve", self.editor, comment="Đạt yêu cầu biên tập (desk OK)")
        if target is Target.IN_REVIEW:
            return self.state
        self._editorial("Approve", self.board, comment="Ban biên tập đồng ý (board OK)")
        if self.state is Target.IN_REVIEW:  # official statements: the spokesperson signs off
            self._editorial("Approve", self.spokesperson, comment="Người phát ngôn đồng ý")
        if target is Target.APPROVED:
            self._editorial("Unschedule", self.editor, reason="chờ chọn giờ đăng (time to be set)")
        if target is Target.CORRECTED:
            self._correct(created)
        if target is Target.RETRACTED:
            self._editorial("Retract", self.board, reason=story.note)
        return self.state

    @property
    def state(self) -> Target:
        return STATE_OF_WORKFLOW.get(self.workflow.state, Target.DRAFT)

    def _editorial(self, method: str, who: Identity, **fields: Any) -> None:
        request_type = getattr(editorial_pb, f"{method}Request")
        if "revision" in request_type.DESCRIPTOR.fields_by_name and "revision" not in fields:
            fields["revision"] = self.workflow.revision
        request = request_type(tenant=self.story.tenant, story_id=self.story_id, **fields)
        response = self.call(
            "editorial-approval", method, who, getattr(self.editorial, method), request
        )
        self.workflow = response.workflow

    def _section_id(self) -> str:
        with as_system():
            sections = self.content.ListSections(
                content_pb.ListSectionsRequest(tenant=self.story.tenant)
            ).sections
        for section in sections:
            if section.slug == self.story.section:
                return str(section.id)
        return ""

    def _correct(self, created: Any) -> None:
        story = self.story
        paragraphs = (story.corrected_paragraph or story.paragraphs[0], *story.paragraphs[1:])
        updated = self.call(
            "content",
            "UpdateStory",
            self.editor,
            self.content.UpdateStory,
            content_pb.UpdateStoryRequest(
                tenant=story.tenant,
                story_id=self.story_id,
                expected_revision=created.current_revision,
                type=created.type,
                visibility=created.visibility,
                language=created.language,
                headline=created.headline,
                slug=created.slug,
                slugline=created.slugline,
                byline=created.byline,
                summary=created.summary,
                body_html="".join(f"<p>{p}</p>" for p in paragraphs),
                section_id=created.section_id,
                tags=list(created.tags),
                media=list(created.media),
                note="đính chính số liệu (corrected figure)",
            ),
        ).story
        self._editorial(
            "Correct",
            self.editor,
            revision=updated.current_revision,
            correction_note=story.note,
        )
