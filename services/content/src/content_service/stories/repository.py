"""Stories and their revisions: module-level functions with a keyword-only ``session``;
never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, text, tuple_
from sqlmodel import Session, col, select

from content_service.errors import revision_not_found, story_not_found
from content_service.stories.models import Story, StoryRevision

# --- stories ----------------------------------------------------------------------------


def get_story(*, session: Session, story_id: uuid.UUID, for_update: bool = False) -> Story | None:
    query = select(Story).where(Story.id == story_id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def lock_stories(*, session: Session, story_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Story]:
    """``SELECT ... FOR UPDATE`` of several stories in one statement, in id order (two
    transactions locking overlapping sets then never wait on each other in a cycle)."""
    if not story_ids:
        return {}
    query = (
        select(Story)
        .where(col(Story.id).in_(sorted(set(story_ids))))
        .order_by(col(Story.id))
        .with_for_update()
    )
    return {story.id: story for story in session.exec(query).all()}


def get_story_or_raise(
    *, session: Session, tenant: str, story_id: str, for_update: bool = False
) -> Story:
    """The story of ``tenant``; STORY_NOT_FOUND for unknown ids and other tenants' stories."""
    try:
        ident = uuid.UUID(story_id)
    except ValueError as exc:
        raise story_not_found(story_id) from exc
    story = get_story(session=session, story_id=ident, for_update=for_update)
    if story is None or story.tenant != tenant:
        raise story_not_found(story_id)
    return story


def get_story_by_nomination(*, session: Session, nomination_id: str) -> Story | None:
    return session.exec(select(Story).where(Story.nomination_id == nomination_id)).first()


def taken_slugs(
    *, session: Session, tenant: str, prefix: str, exclude: uuid.UUID | None
) -> set[str]:
    """Slugs starting with ``prefix`` used by other stories or their published copies."""
    found = session.execute(
        text(
            """
            SELECT slug FROM story
             WHERE tenant = :tenant AND slug LIKE :pattern AND id IS DISTINCT FROM :exclude
            UNION
            SELECT slug FROM published_story
             WHERE tenant = :tenant AND slug LIKE :pattern
               AND story_id IS DISTINCT FROM :exclude
            """
        ),
        {"tenant": tenant, "pattern": _like_prefix(prefix), "exclude": exclude},
    )
    return {str(row[0]) for row in found}


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(frozen=True, slots=True)
class StoryQuery:
    tenant: str
    status: str = ""
    author_id: str = ""
    section_id: uuid.UUID | None = None
    type: str = ""


def list_stories(
    *, session: Session, query: StoryQuery, after: tuple[datetime, str] | None, limit: int
) -> Sequence[Story]:
    """Newest updated first, keyset-paginated on (updated_at, id)."""
    stmt = select(Story).where(Story.tenant == query.tenant)
    if query.status:
        stmt = stmt.where(Story.status == query.status)
    if query.author_id:
        stmt = stmt.where(Story.author_id == query.author_id)
    if query.section_id is not None:
        stmt = stmt.where(Story.section_id == query.section_id)
    if query.type:
        stmt = stmt.where(Story.type == query.type)
    if after is not None:
        stamp, ident = after
        stmt = stmt.where(
            or_(
                col(Story.updated_at) < stamp,
                and_(col(Story.updated_at) == stamp, col(Story.id) < uuid.UUID(ident)),
            )
        )
    stmt = stmt.order_by(col(Story.updated_at).desc(), col(Story.id).desc()).limit(limit)
    return session.exec(stmt).all()


# --- revisions --------------------------------------------------------------------------


def get_revision(*, session: Session, story_id: uuid.UUID, number: int) -> StoryRevision | None:
    return session.get(StoryRevision, (story_id, number))


def load_revisions(
    *, session: Session, keys: Sequence[tuple[uuid.UUID, int]]
) -> Sequence[StoryRevision]:
    """Several (story, number) revisions in one statement. ``get_revision`` then finds
    them in the session without a query, for as long as the caller holds the result (the
    session's identity map only holds them weakly)."""
    if not keys:
        return []
    query = select(StoryRevision).where(
        tuple_(col(StoryRevision.story_id), col(StoryRevision.number)).in_(list(keys))
    )
    return session.exec(query).all()


def get_revision_or_raise(*, session: Session, story_id: uuid.UUID, number: int) -> StoryRevision:
    revision = get_revision(session=session, story_id=story_id, number=number)
    if revision is None:
        raise revision_not_found(number)
    return revision


def list_revisions(
    *, session: Session, story_id: uuid.UUID, before: int | None, limit: int
) -> Sequence[StoryRevision]:
    stmt = select(StoryRevision).where(StoryRevision.story_id == story_id)
    if before is not None:
        stmt = stmt.where(col(StoryRevision.number) < before)
    return session.exec(stmt.order_by(col(StoryRevision.number).desc()).limit(limit)).all()
