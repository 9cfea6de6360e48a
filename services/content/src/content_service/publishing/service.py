"""Portal read use cases: the published story, listings, search, RSS/Atom feeds, sitemap.

They read the published read model (and the tenant's site and sections) on the
autocommit read pool (``read_scope``). ``get_published_story`` is the portal's hot path:
one prepared statement on a driver cursor when the story is there.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine
from sqlmodel import Session

from content_service.errors import invalid_argument, section_not_found, story_gone, story_not_found
from content_service.publishing import feeds
from content_service.publishing import repository as repo
from content_service.publishing.models import PublishedStory
from content_service.publishing.snapshots import snapshot_values
from content_service.stories import repository as story_repo
from content_service.tenants import repository as tenant_repo
from content_service.tenants.models import Section
from content_service.text import nfc
from newsroom_core import paging
from newsroom_core.db import SessionFactory, driver_cursor, read_scope
from newsroom_core.enums import Visibility
from newsroom_core.errors import PermissionDenied, Unauthenticated
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest

RELATED_DEFAULT = 5
RELATED_MAX = 20
# Google News sitemaps list the articles of the last two days only.
NEWS_SITEMAP_WINDOW = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class PublishedFilter:
    section_slug: str = ""
    tag_slug: str = ""
    type: str = ""
    include_internal: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    story: PublishedStory
    rank: float
    snippet_html: str


@dataclass(frozen=True, slots=True)
class XmlDocument:
    content_type: str
    body: bytes
    etag: str
    last_modified: datetime


def internal_allowed(identity: Identity | None, include_internal: bool) -> bool:
    """Internal stories are for signed-in staff of any tenant of the group."""
    if not include_internal:
        return False
    if identity is None:
        raise Unauthenticated(
            "cần đăng nhập để xem bài nội bộ (identity required)", reason="IDENTITY_MISSING"
        )
    if identity.is_platform_admin or any(identity.tenant_roles.values()):
        return True
    raise PermissionDenied(
        "chỉ nhân sự của tập đoàn xem được bài nội bộ (staff role required)",
        reason="STAFF_ROLE_REQUIRED",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishingUseCases:
    """Reads only, all on the autocommit read pool (no BEGIN/COMMIT round trips)."""

    reads: SessionFactory
    # the portal's hot path runs on a driver cursor of this pool
    read_engine: Engine | Connection

    def get_published_story(
        self, identity: Identity | None, tenant: str, slug: str, include_internal: bool
    ) -> repo.PublishedView:
        """The published story, with ``PublishedStory``'s attribute names."""
        internal = internal_allowed(identity, include_internal)
        # the hot path of the portal: one prepared statement on a driver cursor when found
        with driver_cursor(self.read_engine) as cursor:
            story = repo.get_published_view(cursor=cursor, tenant=tenant, slug=slug)
        if story is not None and (internal or story.visibility == Visibility.PUBLIC):
            return story
        with read_scope(self.reads) as session:
            tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
            gone = repo.get_retraction_by_slug(session=session, tenant=tenant, slug=slug)
            if gone is not None and (internal or gone.visibility == Visibility.PUBLIC):
                raise story_gone(slug)
        raise story_not_found(slug)

    def is_media_shown(self, tenant: str, asset_id: str, version: int) -> bool:
        """See ContentService.IsMediaShown: public stories only, no identity needed."""
        if not asset_id or version <= 0:
            return False
        with read_scope(self.reads) as session:
            return repo.shows_media(
                session=session, tenant=tenant, asset_id=asset_id, version=version
            )

    def preview_story(
        self, identity: Identity, tenant: str, story_id: str, number: int
    ) -> PublishedStory:
        """See ContentService.PreviewStory: the snapshot a publication of revision
        ``number`` (0: the current one) would store, built on the read pool, not stored."""
        identity.require_member(tenant)
        if number < 0:
            raise invalid_argument("revision must be >= 0", reason="REVISION_INVALID")
        with read_scope(self.reads) as session:
            story = story_repo.get_story_or_raise(session=session, tenant=tenant, story_id=story_id)
            revision = story_repo.get_revision_or_raise(
                session=session, story_id=story.id, number=number or story.current_revision
            )
            now = datetime.now(UTC)
            values = snapshot_values(
                session,
                story,
                revision,
                published_at=story.published_at or now,
                updated_at=revision.updated_at,
                note="",
            )
        return PublishedStory(**values)

    def list_published(
        self,
        identity: Identity | None,
        tenant: str,
        filters: PublishedFilter,
        size: int,
        token: str,
    ) -> Page[PublishedStory]:
        internal = internal_allowed(identity, filters.include_internal)
        scope = f"{tenant}|{filters.section_slug}|{filters.tag_slug}|{filters.type}|{internal}"
        request = PageRequest.of("published", scope, size, token)
        query = repo.PublishedQuery(
            tenant=tenant,
            include_internal=internal,
            section_slug=filters.section_slug,
            tag_slug=filters.tag_slug,
            type=filters.type,
        )
        with read_scope(self.reads) as session:
            self._check_section(session, tenant, filters.section_slug)
            rows = repo.list_published(
                session=session,
                query=query,
                after=paging.time_cursor(request.cursor),
                limit=request.limit,
            )
        return request.page(rows, lambda p: [p.published_at, str(p.story_id)])

    def search_published(
        self,
        identity: Identity | None,
        tenant: str,
        query: str,
        *,
        include_internal: bool,
        section_slug: str,
        size: int,
        token: str,
    ) -> Page[SearchHit]:
        text = nfc(" ".join(query.split()))
        if not text:
            raise invalid_argument("cần từ khoá tìm kiếm (query required)", "QUERY_REQUIRED")
        internal = internal_allowed(identity, include_internal)
        scope = hashlib.sha256(f"{tenant}|{text}|{section_slug}|{internal}".encode()).hexdigest()
        request = PageRequest.of("search", scope[:16], size, token)
        offset = paging.int_cursor(request.cursor) or 0
        with read_scope(self.reads) as session:
            self._check_section(session, tenant, section_slug)
            rows = repo.search_published(
                session=session,
                tenant=tenant,
                query=text,
                include_internal=internal,
                section_slug=section_slug,
                offset=offset,
                limit=request.limit,
            )
            stories = repo.published_for_ids(session=session, story_ids=[r.story_id for r in rows])
        hits = [
            SearchHit(stories[r.story_id], r.rank, _snippet_html(r.snippet))
            for r in rows[: request.size]
            if r.story_id in stories
        ]
        next_token = request.token([offset + request.size]) if len(rows) > request.size else ""
        return Page(hits, next_token)

    def feed(self, tenant: str, section_slug: str, atom: bool, base_url: str) -> XmlDocument:
        base = _base_url(base_url)
        with read_scope(self.reads) as session:
            site = tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
            section = self._check_section(session, tenant, section_slug)
            stories = list(
                repo.feed_stories(
                    session=session, tenant=tenant, section_slug=section_slug, limit=feeds.FEED_SIZE
                )
            )
        updated = max((s.updated_at for s in stories), default=site.created_at)
        channel = feeds.FeedChannel(
            title=f"{site.name} – {section.name}" if section else site.name,
            link=feeds.section_url(base, section.slug) if section else base,
            description=section.description if section and section.description else site.name,
            language=site.default_language,
            updated=updated,
        )
        items = [
            feeds.FeedItem(
                story_id=str(s.story_id),
                title=s.headline,
                link=feeds.story_url(base, s.slug),
                summary=s.summary,
                byline=s.byline,
                category_slug=s.section_slug,
                category_name=s.section_name,
                published_at=s.published_at,
                updated_at=s.updated_at,
            )
            for s in stories
        ]
        if atom:
            body = feeds.build_atom(channel, items)
            content_type = feeds.ATOM_CONTENT_TYPE
        else:
            body = feeds.build_rss(channel, items)
            content_type = feeds.RSS_CONTENT_TYPE
        return XmlDocument(content_type, body, feeds.etag_of(body), updated)

    def related_published(self, tenant: str, slug: str, size: int) -> list[PublishedStory]:
        story = self.get_published_story(None, tenant, slug, False)
        limit = min(size, RELATED_MAX) if size > 0 else RELATED_DEFAULT
        with read_scope(self.reads) as session:
            return list(repo.related_published(session=session, story=story, limit=limit))

    def news_sitemap(self, tenant: str, base_url: str) -> XmlDocument:
        base = _base_url(base_url)
        since = datetime.now(UTC) - NEWS_SITEMAP_WINDOW
        with read_scope(self.reads) as session:
            site = tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
            stories = list(repo.news_sitemap_entries(session=session, tenant=tenant, since=since))
        urls = [
            feeds.NewsUrl(feeds.story_url(base, s.slug), s.headline, s.language, s.published_at)
            for s in stories
        ]
        body = feeds.build_news_sitemap(site.name, urls)
        updated = max((s.updated_at for s in stories), default=site.created_at)
        return XmlDocument(feeds.SITEMAP_CONTENT_TYPE, body, feeds.etag_of(body), updated)

    def sitemap(self, tenant: str, base_url: str) -> XmlDocument:
        base = _base_url(base_url)
        with read_scope(self.reads) as session:
            site = tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
            sections = list(tenant_repo.list_sections(session=session, tenant=tenant))
            entries = list(repo.sitemap_entries(session=session, tenant=tenant))
        updated = max((stamp for _, stamp in entries), default=site.created_at)
        urls = [feeds.SitemapUrl(base + "/", updated)]
        urls += [feeds.SitemapUrl(feeds.section_url(base, s.slug)) for s in sections]
        urls += [feeds.SitemapUrl(feeds.story_url(base, slug), stamp) for slug, stamp in entries]
        body = feeds.build_sitemap(urls)
        return XmlDocument(feeds.SITEMAP_CONTENT_TYPE, body, feeds.etag_of(body), updated)

    def _check_section(self, session: Session, tenant: str, section_slug: str) -> Section | None:
        tenant_repo.get_tenant_or_raise(session=session, slug=tenant)
        if not section_slug:
            return None
        section = tenant_repo.get_section_by_slug(session=session, tenant=tenant, slug=section_slug)
        if section is None:
            raise section_not_found(section_slug)
        return section


def _snippet_html(raw: str) -> str:
    escaped = html.escape(raw, quote=False)
    return escaped.replace(repo.MARK_START, "<mark>").replace(repo.MARK_STOP, "</mark>")


def _base_url(value: str) -> str:
    base = feeds.normalize_base_url(value)
    if base is None:
        raise invalid_argument(
            f"base_url phải là URL http(s) tuyệt đối (invalid base_url): {value!r}",
            "BASE_URL_INVALID",
        )
    return base
