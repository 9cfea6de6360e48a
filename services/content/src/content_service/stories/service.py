"""Story use cases: drafting and revising stories, listings, revisions and their diffs.

Each use case owns its transaction (``session_scope``) and writes its outbox events in it.
A save makes a new revision, except that one person's consecutive autosaves fold into
their open *working revision* (the history keeps one revision per sitting, not one per
pause in typing). ``expected_revision`` and the per-save ``version`` token guard
concurrent edits: a save based on anything but the latest save is a conflict, also when
the latest save was folded into the same revision number.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from content_service.errors import (
    invalid_argument,
    revision_conflict,
    section_not_found,
    story_locked,
    story_retracted,
    version_conflict,
)
from content_service.media.directory import MediaDirectory
from content_service.stories import events
from content_service.stories import repository as repo
from content_service.stories.diff import FieldChange, diff_fields, field_values
from content_service.stories.models import MediaItem, Story, StoryDraft, StoryRevision
from content_service.tenants import repository as tenant_repo
from content_service.tenants.models import Tenant
from content_service.text import nfc, parse_uuid, sanitize_html, slugify, with_suffix
from newsroom_core import paging
from newsroom_core.actors import Actor
from newsroom_core.db import SessionFactory, add, session_scope
from newsroom_core.enums import StoryStatus, StoryType, Visibility
from newsroom_core.errors import PermissionDenied
from newsroom_core.events.outbox import EventSink
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest
from newsroom_core.timestamps import Clock, utcnow

T = TypeVar("T")

WRITER_ROLES = ("contributor", "editor", "board")
EDITOR_ROLES = ("editor", "board")

FALLBACK_SLUG = "bai-viet"
# A pause longer than this closes the working revision: the next autosave starts another.
DEFAULT_COALESCE_WINDOW = timedelta(minutes=5)
MAX_TAGS = 30
MAX_MEDIA = 100
SLUG_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class StoryFilter:
    status: str = ""
    author_id: str = ""
    section_id: str = ""
    type: str = ""


@dataclass(frozen=True, slots=True)
class SavedStory:
    story: Story
    revision: StoryRevision
    # True when the save rewrote the open working revision instead of making one.
    coalesced: bool = False


@dataclass(frozen=True, slots=True)
class MediaProblem:
    asset_id: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryUseCases:
    sessions: SessionFactory
    events: EventSink
    # the media service: attachments are checked and their versions pinned on save
    media: MediaDirectory
    clock: Clock = utcnow
    coalesce_window: timedelta = DEFAULT_COALESCE_WINDOW

    def create_story(self, identity: Identity, tenant: str, draft: StoryDraft) -> Story:
        identity.require_role(tenant, *WRITER_ROLES)
        _validate_draft(draft)
        draft = self._pin_media(identity, tenant, draft)
        return self._saving(lambda session: self._create_story(session, identity, tenant, draft))

    def _pin_media(self, identity: Identity, tenant: str, draft: StoryDraft) -> StoryDraft:
        """The draft with every attachment checked by the media service (as the editor:
        another tenant's asset is ASSET_NOT_FOUND) and its version pinned."""
        wanted = [m for m in draft.media if m.asset_id.strip()]
        if len(wanted) > MAX_MEDIA:
            raise invalid_argument(
                f"tối đa {MAX_MEDIA} tệp mỗi bài (at most {MAX_MEDIA} media)", "TOO_MANY_MEDIA"
            )
        if not wanted:
            return draft.model_copy(update={"media": []})
        pinned = self.media.resolve(
            identity, tenant, [(m.asset_id.strip(), m.asset_version) for m in wanted]
        )
        return draft.model_copy(
            update={
                "media": [
                    m.model_copy(update={"asset_id": p.asset_id, "asset_version": p.version})
                    for m, p in zip(wanted, pinned, strict=True)
                ]
            }
        )

    def media_problems(self, identity: Identity, story: Story) -> list[MediaProblem]:
        """What stops the story's current media from being published (asked of the media
        service as ``identity``); empty when nothing does."""
        items = [(str(m["asset_id"]), int(m.get("asset_version") or 0)) for m in story.media]
        return [
            MediaProblem(asset_id or pinned.asset_id, reason)
            for pinned in self.media.resolve(identity, story.tenant, items)
            for reason, asset_id in pinned.problems
        ]

    def _saving(self, save: Callable[[Session], T]) -> T:
        """``save`` in its own transaction; again when two saves raced for one slug (the
        next attempt sees the winner's)."""
        for attempt in range(SLUG_ATTEMPTS):
            try:
                with session_scope(self.sessions) as session:
                    return save(session)
            except IntegrityError:
                if attempt == SLUG_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _create_story(
        self, session: Session, identity: Identity, tenant: str, draft: StoryDraft
    ) -> Story:
        site = tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
        fields = self._normalise(session, site, draft, story_id=None, current_slug=None)
        now = self.clock()
        actor = Actor.of(identity)
        story = Story(
            tenant=tenant,
            **fields,
            author_id=actor.user_id,
            author_username=actor.username,
            author_name=actor.display_name,
            status=StoryStatus.DRAFT,
            current_revision=1,
            created_at=now,
            updated_at=now,
        )
        add(session=session, obj=story)
        add(session=session, obj=revision_of(story, 1, actor, draft.note, now))
        self.events.emit(
            session,
            events.story_created(story),
            ce_type=events.STORY_CREATED,
            subject=str(story.id),
            tenant=tenant,
        )
        return story

    def get_story(self, identity: Identity, tenant: str, story_id: str) -> Story:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            return repo.get_story_or_raise(session=session, tenant=tenant, story_id=story_id)

    def update_story(
        self,
        identity: Identity,
        tenant: str,
        story_id: str,
        expected_revision: int,
        draft: StoryDraft,
        *,
        autosave: bool = False,
        expected_version: int = 0,
    ) -> SavedStory:
        """Saves ``draft`` over the story: a new revision, or the working revision
        rewritten in place (see the module docstring and ContentService.UpdateStory)."""
        identity.require_member(tenant)
        _validate_draft(draft)
        draft = self._pin_media(identity, tenant, draft)

        def save(session: Session) -> SavedStory:
            story = repo.get_story_or_raise(
                session=session, tenant=tenant, story_id=story_id, for_update=True
            )
            if not (
                story.author_id == identity.user_id
                or identity.is_platform_admin
                or identity.has_role(tenant, *EDITOR_ROLES)
            ):
                raise PermissionDenied(
                    "chỉ tác giả hoặc biên tập viên được sửa bài (author or editor required)",
                    reason="NOT_STORY_AUTHOR",
                )
            if story.status == StoryStatus.RETRACTED:
                raise story_retracted(story_id)
            if story.status == StoryStatus.SCHEDULED:
                # Published and corrected stories stay editable: that is how a correction is
                # prepared. The portal copy only changes when editorial orders it.
                raise story_locked(story_id, story.status)
            if expected_revision != story.current_revision:
                raise revision_conflict(expected_revision, story.current_revision)
            if expected_version and expected_version != story.version:
                raise version_conflict(expected_version, story.version, story.current_revision)
            site = tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
            fields = self._normalise(
                session, site, draft, story_id=story.id, current_slug=story.slug
            )
            now = self.clock()
            actor = Actor.of(identity)
            working = self._working_revision(session, story, actor, now, bool(expected_version))
            for name, value in fields.items():
                setattr(story, name, value)
            story.version += 1
            story.updated_at = now
            if working is not None:
                revision = working
                _rewrite(revision, story, draft.note, now)
                session.add(revision)
            else:
                story.current_revision += 1
                revision = revision_of(story, story.current_revision, actor, draft.note, now)
                add(session=session, obj=revision)
            # An autosave leaves its revision open for the next one; anything else closes it.
            story.working_revision = story.current_revision if autosave else 0
            session.add(story)
            self.events.emit(
                session,
                events.story_revised(story, by=actor, coalesced=working is not None),
                ce_type=events.STORY_REVISED,
                subject=str(story.id),
                tenant=tenant,
            )
            return SavedStory(story, revision, coalesced=working is not None)

        return self._saving(save)

    def _working_revision(
        self, session: Session, story: Story, actor: Actor, now: datetime, versioned: bool
    ) -> StoryRevision | None:
        """The open working revision this save folds into, or None for a new revision."""
        if not versioned or story.working_revision != story.current_revision:
            return None
        if story.current_revision <= story.published_revision:
            return None  # what the portal shows is never rewritten
        revision = repo.get_revision(
            session=session, story_id=story.id, number=story.current_revision
        )
        if revision is None or revision.author_id != actor.user_id:
            return None
        if now - revision.updated_at > self.coalesce_window:
            return None  # they paused: this sitting's revision stays as it was
        return revision

    def seal_revision(self, identity: Identity, tenant: str, story_id: str, number: int) -> Story:
        """Closes the working revision if it is ``number``; editorial-approval calls this
        before it pins a revision for review or publication."""
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            story = repo.get_story_or_raise(
                session=session, tenant=tenant, story_id=story_id, for_update=True
            )
            if story.working_revision and story.working_revision == number:
                story.working_revision = 0
                session.add(story)
            return story

    def list_stories(
        self, identity: Identity, tenant: str, filters: StoryFilter, size: int, token: str
    ) -> Page[Story]:
        identity.require_member(tenant)
        scope = f"{tenant}|{filters.status}|{filters.author_id}|{filters.section_id}|{filters.type}"
        request = PageRequest.of("stories", scope, size, token)
        section_id: uuid.UUID | None = None
        if filters.section_id:
            section_id = parse_uuid(filters.section_id)
            if section_id is None:
                raise section_not_found(filters.section_id)
        query = repo.StoryQuery(
            tenant=tenant,
            status=filters.status,
            author_id=filters.author_id,
            section_id=section_id,
            type=filters.type,
        )
        with session_scope(self.sessions) as session:
            tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
            rows = repo.list_stories(
                session=session,
                query=query,
                after=paging.time_cursor(request.cursor),
                limit=request.limit,
            )
        return request.page(rows, lambda s: [s.updated_at, str(s.id)])

    def list_revisions(
        self, identity: Identity, tenant: str, story_id: str, size: int, token: str
    ) -> Page[StoryRevision]:
        identity.require_member(tenant)
        request = PageRequest.of("revisions", story_id, size, token)
        with session_scope(self.sessions) as session:
            story = repo.get_story_or_raise(session=session, tenant=tenant, story_id=story_id)
            rows = repo.list_revisions(
                session=session,
                story_id=story.id,
                before=paging.int_cursor(request.cursor),
                limit=request.limit,
            )
        return request.page(rows, lambda r: [r.number])

    def get_revision(
        self, identity: Identity, tenant: str, story_id: str, number: int
    ) -> StoryRevision:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            story = repo.get_story_or_raise(session=session, tenant=tenant, story_id=story_id)
            return repo.get_revision_or_raise(session=session, story_id=story.id, number=number)

    def diff_revisions(
        self, identity: Identity, tenant: str, story_id: str, from_number: int, to_number: int
    ) -> list[FieldChange]:
        identity.require_member(tenant)
        with session_scope(self.sessions) as session:
            story = repo.get_story_or_raise(session=session, tenant=tenant, story_id=story_id)
            old = repo.get_revision_or_raise(session=session, story_id=story.id, number=from_number)
            new = repo.get_revision_or_raise(session=session, story_id=story.id, number=to_number)
        return diff_fields(
            field_values(old),
            field_values(new),
            from_label=f"r{from_number}",
            to_label=f"r{to_number}",
        )

    def _normalise(
        self,
        session: Session,
        site: Tenant,
        draft: StoryDraft,
        *,
        story_id: uuid.UUID | None,
        current_slug: str | None,
    ) -> dict[str, Any]:
        """Validated, sanitised editable fields ready for the story and its revision."""
        section_id = tenant_repo.get_section_id_or_raise(
            session=session, tenant=site.slug, section_id=draft.section_id
        )
        headline = nfc(" ".join(draft.headline.split()))
        if draft.slug:
            wanted = slugify(draft.slug) or FALLBACK_SLUG
        elif current_slug:
            wanted = current_slug
        else:
            wanted = slugify(headline) or FALLBACK_SLUG
        slug = wanted
        if wanted != current_slug:
            slug = unique_slug(session, site.slug, wanted, story_id)
        tags = _normalise_tags(draft.tags)
        tenant_repo.upsert_tags(
            session=session, tenant=site.slug, tags=[(slugify(t), t) for t in tags]
        )
        return {
            "type": draft.type,
            "visibility": draft.visibility or Visibility.PUBLIC,
            "language": draft.language.strip() or site.default_language,
            "headline": headline,
            "slug": slug,
            "slugline": nfc(draft.slugline.strip()),
            "byline": nfc(draft.byline.strip()),
            "summary": nfc(draft.summary.strip()),
            "body_html": sanitize_html(draft.body_html),
            "section_id": section_id,
            "tags": tags,
            "media": [_media_dict(m) for m in draft.media if m.asset_id],
        }


def unique_slug(session: Session, tenant: str, base: str, story_id: uuid.UUID | None) -> str:
    """The first of ``base``, ``base-2``, ... no other story of ``tenant`` (or its published
    copy) uses; also used when a nomination copies a story into the group tenant."""
    taken = repo.taken_slugs(session=session, tenant=tenant, prefix=base, exclude=story_id)
    n = 1
    while (candidate := with_suffix(base, n)) in taken:
        n += 1
    return candidate


def _validate_draft(draft: StoryDraft) -> None:
    if not draft.headline.strip():
        raise invalid_argument("cần tiêu đề (headline required)", "HEADLINE_REQUIRED")
    if draft.type not in {t.value for t in StoryType}:
        raise invalid_argument("cần loại bài (type required)", "TYPE_REQUIRED")


def _normalise_tags(tags: Sequence[str]) -> list[str]:
    """Trimmed tag names, one per slug, first spelling kept."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        name = nfc(" ".join(raw.split()))
        slug = slugify(name)
        if slug and slug not in seen:
            seen.add(slug)
            result.append(name)
    return result[:MAX_TAGS]


def _media_dict(item: MediaItem) -> dict[str, Any]:
    return {
        "asset_id": item.asset_id.strip(),
        "asset_version": item.asset_version,
        "caption": nfc(item.caption.strip()),
        "credit": nfc(item.credit.strip()),
    }


def revision_of(
    story: Story, number: int, actor: Actor, note: str, created_at: datetime
) -> StoryRevision:
    """Revision ``number``: the story's editable fields as they stand, by ``actor``."""
    return StoryRevision(
        story_id=story.id,
        number=number,
        **_editable_values(story),
        author_id=actor.user_id,
        author_username=actor.username,
        author_name=actor.display_name,
        created_at=created_at,
        updated_at=created_at,
        note=nfc(note.strip()),
    )


def _rewrite(revision: StoryRevision, story: Story, note: str, at: datetime) -> None:
    """One more save folded into the working ``revision``: the story's fields as they stand."""
    for name, value in _editable_values(story).items():
        setattr(revision, name, value)
    revision.updated_at = at
    revision.saves += 1
    if note.strip():
        revision.note = nfc(note.strip())


def _editable_values(story: Story) -> dict[str, Any]:
    return {
        "type": story.type,
        "visibility": story.visibility,
        "language": story.language,
        "headline": story.headline,
        "slug": story.slug,
        "slugline": story.slugline,
        "byline": story.byline,
        "summary": story.summary,
        "body_html": story.body_html,
        "section_id": story.section_id,
        "tags": list(story.tags),
        "media": [dict(m) for m in story.media],
    }
