"""Editorial orders: what editorial-approval's events make content do.

Mirror the workflow state, publish and correct (the published snapshot and
StoryPublished / StoryCorrected once per (story, revision)), retract (snapshot gone, a
tombstone left) and copy a nominated story into the group tenant. Each ``apply_*`` runs
inside the idempotent consumer's transaction and gets its session (that transaction also
records the event as processed, so the consumer opens it, not the use case).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from google.protobuf.message import Message
from sqlmodel import Session

from content_service.publishing import events
from content_service.publishing import repository as repo
from content_service.publishing.models import PublishedStory, RetractedStory
from content_service.publishing.snapshots import snapshot_values
from content_service.stories import events as story_events
from content_service.stories import repository as story_repo
from content_service.stories.models import Story, StoryRevision
from content_service.stories.service import revision_of, unique_slug
from content_service.tenants import repository as tenant_repo
from content_service.text import nfc, parse_uuid, slugify
from newsroom_core.actors import Actor
from newsroom_core.db import add
from newsroom_core.enums import StoryStatus
from newsroom_core.events.consumer import batch_scratch
from newsroom_core.events.outbox import EventSink

log = logging.getLogger(__name__)

# batch_scratch keys: the stories ``prepare_batch`` locked, by id; the stories it found
# without a published snapshot; what else it loaded (held so that the session keeps it)
LOCKED_STORIES = "content.locked_stories"
UNPUBLISHED = "content.unpublished"
PRELOADED = "content.preloaded"

# Inbound orders, built by consumers.py from editorial events.


@dataclass(frozen=True, slots=True)
class Transition:
    story_id: str
    tenant: str
    to_status: str
    at: datetime


@dataclass(frozen=True, slots=True)
class PublishOrder:
    story_id: str
    tenant: str
    revision: int
    fast_track: bool
    actor: Actor
    at: datetime


@dataclass(frozen=True, slots=True)
class CorrectionOrder:
    story_id: str
    tenant: str
    revision: int
    correction_note: str
    fast_track: bool
    actor: Actor
    at: datetime


@dataclass(frozen=True, slots=True)
class RetractionOrder:
    story_id: str
    tenant: str
    reason: str
    actor: Actor
    fast_track: bool
    at: datetime
    takedown_id: str


@dataclass(frozen=True, slots=True)
class NominationOrder:
    nomination_id: str
    source_tenant: str
    source_story_id: str
    source_revision: int
    target_tenant: str
    nominated_by: Actor
    note: str
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class EditorialOrders:
    events: EventSink

    def apply_transition(self, session: Session, order: Transition) -> None:
        """Mirror the workflow state; a transition older than the mirrored one is ignored."""
        story = self._story_for_event(session, order.story_id, order.tenant, lock=True)
        if story is None or not order.to_status:
            return
        if story.status_at is not None and order.at < story.status_at:
            log.info("stale workflow transition ignored", extra={"story_id": order.story_id})
            return
        story.status = order.to_status
        story.status_at = order.at
        session.add(story)

    def apply_publish(self, session: Session, order: PublishOrder) -> None:
        """Publish ``order.revision``; StoryPublished once per (story, revision)."""
        story = self._story_for_event(session, order.story_id, order.tenant, lock=True)
        if story is None:
            return
        if story.status == StoryStatus.RETRACTED:
            log.warning("publish of a retracted story ignored", extra={"story_id": order.story_id})
            return
        event_id = str(uuid.uuid4())
        number = self._claim(session, story, order.revision, "published", event_id)
        if number is None:
            return
        existing = self._published(session, story.id)
        published_at = existing.published_at if existing else (story.published_at or order.at)
        story.published_at = story.published_at or published_at
        self._put_on_portal(
            session,
            story,
            number,
            published_at=published_at,
            at=order.at,
            note="",
            corrected=False,
            fast_track=order.fast_track,
            event_id=event_id,
        )

    def apply_correction(self, session: Session, order: CorrectionOrder) -> None:
        story = self._story_for_event(session, order.story_id, order.tenant, lock=True)
        if story is None:
            return
        existing = self._published(session, story.id)
        if existing is None:
            log.warning(
                "correction of an unpublished story ignored", extra={"story_id": order.story_id}
            )
            return
        event_id = str(uuid.uuid4())
        number = self._claim(session, story, order.revision, "corrected", event_id)
        if number is None:
            return
        self._put_on_portal(
            session,
            story,
            number,
            published_at=existing.published_at,
            at=order.at,
            note=nfc(order.correction_note.strip()),
            corrected=True,
            fast_track=order.fast_track,
            event_id=event_id,
        )

    def _claim(
        self, session: Session, story: Story, revision: int, action: str, event_id: str
    ) -> int | None:
        """The revision an order puts on the portal (0: the current one), claimed for
        ``action`` once per (story, revision) with the id of the event that will announce
        it; None when it is older than the published one or was already applied."""
        number = revision or story.current_revision
        context = {"story_id": str(story.id), "revision": number, "action": action}
        if number < story.published_revision:
            log.warning("order for an older revision than the published one ignored", extra=context)
            return None
        if not repo.claim_publication(
            session=session, story_id=story.id, revision=number, action=action, event_id=event_id
        ):
            log.info("revision already on the portal for this action", extra=context)
            return None
        return number

    def _put_on_portal(
        self,
        session: Session,
        story: Story,
        number: int,
        *,
        published_at: datetime,
        at: datetime,
        note: str,
        corrected: bool,
        fast_track: bool,
        event_id: str,
    ) -> None:
        """Snapshot revision ``number`` for the portal, mirror the status, emit
        StoryPublished or StoryCorrected with the id its claim recorded."""
        revision = story_repo.get_revision_or_raise(
            session=session, story_id=story.id, number=number
        )
        snapshot = self._snapshot(
            session, story, revision, published_at=published_at, updated_at=at, note=note
        )
        story.published_revision = number
        self._mirror(story, StoryStatus.CORRECTED if corrected else StoryStatus.PUBLISHED, at)
        session.add(story)
        if corrected:
            message: Message = events.story_corrected(snapshot, fast_track=fast_track)
            ce_type = events.STORY_CORRECTED
        else:
            message = events.story_published(snapshot, fast_track=fast_track)
            ce_type = events.STORY_PUBLISHED
        self.events.emit(
            session,
            message,
            ce_type=ce_type,
            subject=str(story.id),
            tenant=story.tenant,
            event_id=event_id,
        )

    def apply_retraction(self, session: Session, order: RetractionOrder) -> None:
        """Take the story off portal, search and feeds (one transaction); once."""
        story = self._story_for_event(session, order.story_id, order.tenant, lock=True)
        if story is None:
            return
        if repo.get_retraction(session=session, story_id=story.id) is not None:
            log.info("story already retracted", extra={"story_id": order.story_id})
            return
        snapshot = self._published(session, story.id)
        slug = snapshot.slug if snapshot else story.slug
        visibility = snapshot.visibility if snapshot else story.visibility
        media = snapshot.media if snapshot else story.media
        if snapshot is not None:
            repo.delete_published(session=session, story_id=story.id)
        reason = nfc(order.reason.strip())
        add(
            session=session,
            obj=RetractedStory(
                story_id=story.id,
                tenant=story.tenant,
                slug=slug,
                visibility=visibility,
                reason=reason,
                takedown_id=order.takedown_id,
                actor_id=order.actor.user_id,
                actor_username=order.actor.username,
                actor_name=order.actor.display_name,
                retracted_at=order.at,
            ),
        )
        self._mirror(story, StoryStatus.RETRACTED, order.at, force=True)
        session.add(story)
        self.events.emit(
            session,
            events.story_retracted(
                story,
                slug=slug,
                reason=reason,
                retracted_at=order.at,
                by=order.actor,
                fast_track=order.fast_track,
                media=media,
                takedown_id=order.takedown_id,
            ),
            ce_type=events.STORY_RETRACTED,
            subject=str(story.id),
            tenant=story.tenant,
        )

    def apply_nomination(self, session: Session, order: NominationOrder) -> None:
        """Copy the nominated revision into the group tenant as a SUBMITTED story."""
        if story_repo.get_story_by_nomination(session=session, nomination_id=order.nomination_id):
            log.info("nomination already copied", extra={"nomination_id": order.nomination_id})
            return
        source = self._story_for_event(session, order.source_story_id, order.source_tenant)
        if source is None:
            return
        target = tenant_repo.get_tenant_or_raise(session=session, slug=order.target_tenant)
        number = order.source_revision or source.published_revision or source.current_revision
        revision = story_repo.get_revision_or_raise(
            session=session, story_id=source.id, number=number
        )
        section_id: uuid.UUID | None = None
        if revision.section_id is not None:
            source_section = tenant_repo.get_section(
                session=session, tenant=source.tenant, section_id=revision.section_id
            )
            if source_section is not None:
                twin = tenant_repo.get_section_by_slug(
                    session=session, tenant=target.slug, slug=source_section.slug
                )
                section_id = twin.id if twin else None
        story = Story(
            tenant=target.slug,
            type=revision.type,
            visibility=revision.visibility,
            language=revision.language,
            headline=revision.headline,
            slug=unique_slug(session, target.slug, revision.slug, None),
            slugline=revision.slugline,
            byline=revision.byline,
            summary=revision.summary,
            body_html=revision.body_html,
            section_id=section_id,
            tags=list(revision.tags),
            media=[dict(m) for m in revision.media],
            author_id=source.author_id,
            author_username=source.author_username,
            author_name=source.author_name,
            status=StoryStatus.SUBMITTED,
            status_at=order.at,
            current_revision=1,
            created_at=order.at,
            updated_at=order.at,
            syndicated_from_tenant=source.tenant,
            syndicated_from_story_id=source.id,
            nomination_id=order.nomination_id,
        )
        add(session=session, obj=story)
        note = f"Đề cử từ {source.tenant} (bản {number})"
        if order.note.strip():
            note += f": {order.note.strip()}"
        add(session=session, obj=revision_of(story, 1, order.nominated_by, note, order.at))
        tenant_repo.upsert_tags(
            session=session, tenant=target.slug, tags=[(slugify(t), t) for t in story.tags]
        )
        self.events.emit(
            session,
            story_events.story_created(story),
            ce_type=story_events.STORY_CREATED,
            subject=str(story.id),
            tenant=target.slug,
        )

    @staticmethod
    def prepare_batch(
        session: Session,
        scratch: dict[str, Any],
        *,
        story_ids: list[str],
        revisions: list[tuple[str, int]],
        snapshots: list[str],
    ) -> None:
        """Before a batch of editorial events, in one statement each: lock and load their
        stories, load the revisions the publish and correction orders name (0: the
        story's current one) and the published snapshots those orders and retractions
        read. A backlog (after an outage) holds hundreds of events; each would otherwise
        lock and read its story, its revision and its snapshot on its own (docs/adr/0007).
        The handlers then find them in the session (``session.get`` needs no query)."""
        idents = [ident for ident in map(parse_uuid, story_ids) if ident is not None]
        stories = story_repo.lock_stories(session=session, story_ids=idents)
        scratch[LOCKED_STORIES] = stories
        wanted: set[tuple[uuid.UUID, int]] = set()
        for story_id, number in revisions:
            ident = parse_uuid(story_id)
            story = stories.get(ident) if ident else None
            if story is not None:
                wanted.add((story.id, number or story.current_revision))
        loaded = story_repo.load_revisions(session=session, keys=sorted(wanted))
        readers = {i for i in map(parse_uuid, snapshots) if i is not None and i in stories}
        found = repo.load_published(session=session, story_ids=sorted(readers))
        scratch[UNPUBLISHED] = readers - found.keys()
        scratch[PRELOADED] = (loaded, found)

    def _published(self, session: Session, story_id: uuid.UUID) -> PublishedStory | None:
        """The story's snapshot: from the batch's preload when there is one."""
        scratch = batch_scratch(session)
        if scratch is not None and story_id in scratch.get(UNPUBLISHED, ()):
            return None
        return repo.get_published_by_story(session=session, story_id=story_id)

    def _story_for_event(
        self, session: Session, story_id: str, tenant: str, *, lock: bool = False
    ) -> Story | None:
        ident = parse_uuid(story_id)
        scratch = batch_scratch(session)
        locked: dict[uuid.UUID, Story] = scratch.get(LOCKED_STORIES, {}) if scratch else {}
        story = (
            (
                locked.get(ident)
                or story_repo.get_story(session=session, story_id=ident, for_update=lock)
            )
            if ident
            else None
        )
        if story is None or story.tenant != tenant:
            # Raising would only park the event in the DLQ; content cannot act on it.
            log.warning(
                "editorial event for an unknown story ignored",
                extra={"story_id": story_id, "event_tenant": tenant},
            )
            return None
        return story

    @staticmethod
    def _mirror(story: Story, status: str, at: datetime, *, force: bool = False) -> None:
        if force or story.status_at is None or at >= story.status_at:
            story.status = status
        story.status_at = _later(story.status_at, at)

    def _snapshot(
        self,
        session: Session,
        story: Story,
        revision: StoryRevision,
        *,
        published_at: datetime,
        updated_at: datetime,
        note: str,
    ) -> PublishedStory:
        values = snapshot_values(
            session, story, revision, published_at=published_at, updated_at=updated_at, note=note
        )
        snapshot = repo.upsert_published(session=session, values=values)
        scratch = batch_scratch(session)
        if scratch is not None:
            scratch.get(UNPUBLISHED, set()).discard(story.id)
        return snapshot


def _later(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b > a else a
