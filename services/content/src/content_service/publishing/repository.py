"""Published snapshots, the publication guard, retraction tombstones, search, feeds and
sitemap: module-level functions with a keyword-only ``session``; never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy import and_, bindparam, or_, text
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from content_service.publishing.models import (
    SEARCH_CONFIG,
    PublishedStory,
    RetractedStory,
    StoryPublication,
)
from newsroom_core.db import DriverCursor, compiled_sql
from newsroom_core.enums import Visibility

# --- published snapshots ----------------------------------------------------------------


class PublishedView(NamedTuple):
    """The portal's hot read: the columns the public API returns (not body_text or the
    search vector), with ``PublishedStory``'s attribute names."""

    tenant: str
    story_id: uuid.UUID
    slug: str
    headline: str
    summary: str
    body_html: str
    byline: str
    section_slug: str
    section_name: str
    tags: list[str]
    tag_slugs: list[str]
    type: str
    visibility: str
    language: str
    media: list[dict[str, Any]]
    revision: int
    published_at: datetime
    updated_at: datetime
    correction_note: str
    etag: str


# Compiled once from the model's columns; run on the driver cursor, prepared server-side.
_PUBLISHED_VIEW_SQL = compiled_sql(
    sa_select(*(getattr(PublishedStory, name) for name in PublishedView._fields)).where(
        col(PublishedStory.tenant) == bindparam("tenant"),
        col(PublishedStory.slug) == bindparam("slug"),
    )
)


def get_published_view(*, cursor: DriverCursor, tenant: str, slug: str) -> PublishedView | None:
    """The published story by slug (one prepared statement, a tuple row)."""
    cursor.execute(_PUBLISHED_VIEW_SQL, {"tenant": tenant, "slug": slug}, prepare=True)
    row = cursor.fetchone()
    return None if row is None else PublishedView._make(row)


def shows_media(*, session: Session, tenant: str, asset_id: str, version: int) -> bool:
    """Whether a public published story of ``tenant`` shows the asset version, itself or
    as an item of a gallery it shows (ix_published_story_media)."""
    item = [{"asset_id": asset_id, "version": version}]
    media = col(PublishedStory.media)
    found = session.exec(
        select(PublishedStory.story_id)
        .where(
            PublishedStory.tenant == tenant,
            PublishedStory.visibility == Visibility.PUBLIC,
            or_(media.contains(item), media.contains([{"items": item}])),
        )
        .limit(1)
    ).first()
    return found is not None


def get_published_by_story(*, session: Session, story_id: uuid.UUID) -> PublishedStory | None:
    return session.get(PublishedStory, story_id)


def upsert_published(*, session: Session, values: dict[str, Any]) -> PublishedStory:
    """Insert or replace a story's snapshot; the stored row, as the session's object (one
    round trip: the row comes back with ``RETURNING`` and refreshes a loaded copy)."""
    stmt = insert(PublishedStory).values(**values)
    updates = {k: stmt.excluded[k] for k in values if k != "story_id"}
    upsert = (
        stmt.on_conflict_do_update(index_elements=["story_id"], set_=updates)
        .returning(PublishedStory)
        .execution_options(populate_existing=True)
    )
    stored: PublishedStory = session.execute(upsert).scalar_one()
    return stored


def load_published(
    *, session: Session, story_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PublishedStory]:
    """Several stories' snapshots in one statement (``session.get`` then finds them)."""
    if not story_ids:
        return {}
    query = select(PublishedStory).where(col(PublishedStory.story_id).in_(set(story_ids)))
    return {p.story_id: p for p in session.exec(query).all()}


def delete_published(*, session: Session, story_id: uuid.UUID) -> None:
    session.execute(text("DELETE FROM published_story WHERE story_id = :id"), {"id": story_id})
    _forget_published(session, story_id)


def _forget_published(session: Session, story_id: uuid.UUID) -> None:
    """Drop a loaded snapshot after a Core write so the next read sees the database."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, PublishedStory) and obj.story_id == story_id:
            session.expunge(obj)


@dataclass(frozen=True, slots=True)
class PublishedQuery:
    tenant: str
    include_internal: bool = False
    section_slug: str = ""
    tag_slug: str = ""
    type: str = ""


def list_published(
    *,
    session: Session,
    query: PublishedQuery,
    after: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[PublishedStory]:
    """Newest published first, keyset-paginated on (published_at, story_id)."""
    stmt = select(PublishedStory).where(PublishedStory.tenant == query.tenant)
    if not query.include_internal:
        stmt = stmt.where(PublishedStory.visibility == Visibility.PUBLIC)
    if query.section_slug:
        stmt = stmt.where(PublishedStory.section_slug == query.section_slug)
    if query.tag_slug:
        stmt = stmt.where(col(PublishedStory.tag_slugs).contains([query.tag_slug]))
    if query.type:
        stmt = stmt.where(PublishedStory.type == query.type)
    if after is not None:
        stamp, ident = after
        stmt = stmt.where(
            or_(
                col(PublishedStory.published_at) < stamp,
                and_(
                    col(PublishedStory.published_at) == stamp,
                    col(PublishedStory.story_id) < uuid.UUID(ident),
                ),
            )
        )
    stmt = stmt.order_by(
        col(PublishedStory.published_at).desc(), col(PublishedStory.story_id).desc()
    ).limit(limit)
    return session.exec(stmt).all()


def published_for_ids(
    *, session: Session, story_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PublishedStory]:
    if not story_ids:
        return {}
    rows = session.exec(
        select(PublishedStory).where(col(PublishedStory.story_id).in_(story_ids))
    ).all()
    return {row.story_id: row for row in rows}


# Private-use characters mark matches; the caller escapes the text, then turns them into
# <mark>, so the snippet is safe HTML whatever the story text contains.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=35, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


@dataclass(frozen=True, slots=True)
class SearchRow:
    story_id: uuid.UUID
    rank: float
    snippet: str


def search_published(
    *,
    session: Session,
    tenant: str,
    query: str,
    include_internal: bool,
    section_slug: str,
    offset: int,
    limit: int,
) -> list[SearchRow]:
    """Best match first: accent-insensitive full-text search over published snapshots."""
    rows = session.execute(
        text(
            f"""
            WITH q AS (
                SELECT websearch_to_tsquery('{SEARCH_CONFIG}', newsroom_unaccent(:query)) AS query
            ),
            hits AS (
                SELECT p.story_id, p.published_at, ts_rank(p.search_vector, q.query) AS rank
                  FROM published_story p, q
                 WHERE p.tenant = :tenant
                   AND p.search_vector @@ q.query
                   AND (CAST(:internal AS boolean) OR p.visibility = 'public')
                   AND (CAST(:section AS text) = '' OR p.section_slug = :section)
                 ORDER BY rank DESC, p.published_at DESC, p.story_id DESC
                 LIMIT :limit OFFSET :offset
            )
            SELECT hits.story_id, hits.rank,
                   ts_headline('{SEARCH_CONFIG}',
                               concat_ws(E'\\n', nullif(p.summary, ''), p.body_text),
                               q.query, :options) AS snippet
              FROM hits JOIN published_story p ON p.story_id = hits.story_id, q
             ORDER BY hits.rank DESC, hits.published_at DESC, hits.story_id DESC
            """
        ),
        {
            "query": query,
            "tenant": tenant,
            "internal": include_internal,
            "section": section_slug,
            "limit": limit,
            "offset": offset,
            "options": _HEADLINE_OPTIONS,
        },
    )
    return [SearchRow(row[0], float(row[1]), str(row[2] or "")) for row in rows]


def feed_stories(
    *, session: Session, tenant: str, section_slug: str, limit: int
) -> Sequence[PublishedStory]:
    """Newest public stories, never internal ones."""
    return list_published(
        session=session,
        query=PublishedQuery(tenant=tenant, section_slug=section_slug),
        after=None,
        limit=limit,
    )


def related_published(
    *, session: Session, story: PublishedView, limit: int
) -> Sequence[PublishedStory]:
    """Public stories of the tenant sharing most tags with ``story``, then its section."""
    tags = list(story.tag_slugs)
    tag_slugs: Any = col(PublishedStory.tag_slugs)  # an ARRAY column: && is .overlap()
    shared = text(
        "(SELECT count(*) FROM unnest(published_story.tag_slugs) AS t(slug)"
        " WHERE t.slug = ANY(CAST(:related_tags AS text[]))) DESC"
    ).bindparams(related_tags=tags)
    same_section = sa.case((col(PublishedStory.section_slug) == story.section_slug, 1), else_=0)
    stmt = (
        select(PublishedStory)
        .where(
            PublishedStory.tenant == story.tenant,
            PublishedStory.visibility == Visibility.PUBLIC,
            col(PublishedStory.story_id) != story.story_id,
            or_(
                tag_slugs.overlap(tags),
                col(PublishedStory.section_slug) == story.section_slug,
            )
            if story.section_slug
            else tag_slugs.overlap(tags),
        )
        .order_by(
            shared,
            same_section.desc(),
            col(PublishedStory.published_at).desc(),
            col(PublishedStory.story_id).desc(),
        )
        .limit(limit)
    )
    return session.exec(stmt).all()


def news_sitemap_entries(
    *, session: Session, tenant: str, since: datetime
) -> Sequence[PublishedStory]:
    """Public stories first published since ``since``, newest first (news sitemaps: 2 days)."""
    return session.exec(
        select(PublishedStory)
        .where(
            PublishedStory.tenant == tenant,
            PublishedStory.visibility == Visibility.PUBLIC,
            col(PublishedStory.published_at) >= since,
        )
        .order_by(col(PublishedStory.published_at).desc(), col(PublishedStory.story_id).desc())
        .limit(1000)
    ).all()


def sitemap_entries(*, session: Session, tenant: str) -> Sequence[tuple[str, datetime]]:
    rows = session.execute(
        text(
            """
            SELECT slug, updated_at FROM published_story
             WHERE tenant = :tenant AND visibility = 'public'
             ORDER BY published_at DESC, story_id DESC
             LIMIT 49000
            """
        ),
        {"tenant": tenant},
    )
    return [(str(r[0]), r[1]) for r in rows]


# --- publication guard and retraction tombstones ----------------------------------------


def claim_publication(
    *, session: Session, story_id: uuid.UUID, revision: int, action: str, event_id: str
) -> bool:
    """True the first time (story, revision, action) is claimed; ``event_id`` is the event
    the claimer will emit for it (made up front, so the claim records it)."""
    claimed = session.execute(
        insert(StoryPublication)
        .values(story_id=story_id, revision=revision, action=action, event_id=event_id)
        .on_conflict_do_nothing()
        .returning(col(StoryPublication.story_id))
    ).first()
    return claimed is not None


def get_retraction(*, session: Session, story_id: uuid.UUID) -> RetractedStory | None:
    return session.get(RetractedStory, story_id)


def get_retraction_by_slug(*, session: Session, tenant: str, slug: str) -> RetractedStory | None:
    return session.exec(
        select(RetractedStory).where(RetractedStory.tenant == tenant, RetractedStory.slug == slug)
    ).first()
