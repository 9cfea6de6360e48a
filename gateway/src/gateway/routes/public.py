"""Public portal API (no login): home, sections, stories, search, feeds, sitemap.

Anonymous by design: an ``Authorization`` header is ignored here, so one cached
response serves everyone and internal stories are never public. Staff read internal
stories through the signed-in API (``/v1/tenants/{tenant}/search``, ``/stories/{id}``).

Every 200 carries a strong ``ETag`` (hash of the body) and ``Cache-Control: public,
max-age=30, stale-while-revalidate=60``; ``If-None-Match`` with a current tag is a 304
without a body. Responses come from the gateway's read cache (``gateway.cache``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from gateway import mappers, schemas
from gateway.cache import CachedResponse, request_key
from gateway.deps import SLUG_PATTERN, Cursor, GatewayState, State, next_cursor
from gateway.errors import ApiError
from gateway.middleware import not_modified
from gateway.openapi import upstream
from gateway.routing import PathOnlyRoute
from gateway.schemas import NO_NUL, NOT_BLANK
from gateway.settings import GatewaySettings
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import published_story_pb2, story_pb2

# PathOnlyRoute: the story read (path parameters and the request only) skips FastAPI's
# dependency solving; the other routes take the state dependency and run as usual.
router = APIRouter(prefix="/public/v1/tenants/{tenant}", tags=["public"], route_class=PathOnlyRoute)

JSON = "application/json"
INTERNAL = story_pb2.VISIBILITY_INTERNAL

Tenant = Annotated[
    str, Path(pattern=SLUG_PATTERN, description="Mã đơn vị (tenant), ví dụ halong / tenant slug")
]
Slug = Annotated[
    str,
    Path(min_length=1, max_length=200, pattern=NO_NUL, description="Đường dẫn bài / story slug"),
]
SectionSlug = Annotated[
    str, Path(min_length=1, max_length=100, pattern=NO_NUL, description="Chuyên mục / section slug")
]
Limit = Annotated[int, Query(ge=1, le=100, description="Số bài mỗi trang / page size")]


NOT_MODIFIED = {"description": "Không đổi (If-None-Match khớp) / not modified, no body"}


def _responses(
    model: type[BaseModel] | None,
    *rpcs: str,
    media_type: str = JSON,
    gone: bool = False,
    extra: Mapping[int, Iterable[str]] | None = None,
) -> dict[int | str, Any]:
    """200 (with a strong ETag), 304, and the errors of the upstream calls ``rpcs``."""
    ok: dict[str, Any] = {"description": "OK (có ETag / with a strong ETag)"}
    if model is not None:
        ok["model"] = model
    else:
        ok["content"] = {media_type: {"schema": {"type": "string"}}}
    return {200: ok, 304: NOT_MODIFIED, **upstream(*rpcs, gone=gone, extra=extra)}


def cache_control_value(settings: GatewaySettings) -> str:
    public = settings.public
    return (
        f"public, max-age={public.max_age_s}, "
        f"stale-while-revalidate={public.stale_while_revalidate_s}"
    )


def cache_control(state: GatewayState) -> str:
    return cache_control_value(state.settings)


def _reply(request: Request, state: GatewayState, value: CachedResponse) -> Response:
    headers = {"ETag": value.etag, "Cache-Control": cache_control(state)}
    if not_modified(request.headers.get("if-none-match"), value.etag):
        return Response(status_code=304, headers=headers)
    return Response(content=value.body, media_type=value.media_type, headers=headers)


async def _cached(
    request: Request, state: GatewayState, load: Callable[[], Awaitable[CachedResponse]]
) -> Response:
    """The response for this exact request (path and query), from the cache or ``load``."""
    key = request_key(request.scope["path"], request.scope.get("query_string", b""))
    if key is None:
        return _reply(request, state, await load())
    value = await state.cache.get_or_load(key, load, route=request.scope.get("route"))
    return _reply(request, state, value)


def _json(model: BaseModel) -> CachedResponse:
    return CachedResponse.of(model.model_dump_json().encode(), JSON)


def _story_gone() -> ApiError:
    return ApiError(404, "Không tìm thấy bài (story not found).", reason="STORY_NOT_FOUND")


def _public_summaries(items: Any) -> list[schemas.PublishedStorySummary]:
    return [mappers.published_summary(s) for s in items if s.visibility != INTERNAL]


async def _portal_url(state: GatewayState, tenant: str) -> str:
    return await state.site_directory.base_url(tenant, _list_tenants(state), _list_sections(state))


def _list_sections(state: GatewayState) -> Callable[[str], Awaitable[Any]]:
    async def call(tenant: str) -> Any:
        return await state.upstreams.content_call(
            "ListSections", content_pb.ListSectionsRequest(tenant=tenant), identity=None
        )

    return call


def _list_tenants(state: GatewayState) -> Callable[[Any], Awaitable[Any]]:
    async def call(request: Any) -> Any:
        return await state.upstreams.content_call("ListTenants", request, identity=None)

    return call


async def _published(
    state: GatewayState, tenant: str, *, limit: int, cursor: str | None = None, **filters: Any
) -> Any:
    """One page of ListPublishedStories (public stories only, anonymous)."""
    return await state.upstreams.content_call(
        "ListPublishedStories",
        content_pb.ListPublishedStoriesRequest(
            tenant=tenant, page_size=limit, page_token=cursor or "", **filters
        ),
        identity=None,
    )


def _summaries_page(reply: Any) -> CachedResponse:
    return _json(
        schemas.Page[schemas.PublishedStorySummary](
            items=_public_summaries(reply.stories), next_cursor=next_cursor(reply.next_page_token)
        )
    )


TagSlug = Annotated[str, Path(min_length=1, max_length=200, description="Thẻ / tag slug")]
StoryType = Annotated[
    schemas.StoryType | None, Query(description="Loại bài, ví dụ video / story type filter")
]
HOME_SECTION_STORIES = 4


@router.get(
    "/",
    summary="Trang chủ đơn vị / tenant home",
    description="Bài mới nhất và chuyên mục / newest stories and sections.",
    responses=_responses(
        schemas.PublicHome,
        "content.GetTenant",
        "content.ListSections",
        "content.ListPublishedStories",
    ),
)
async def home(tenant: Tenant, request: Request, state: State) -> Response:
    upstreams = state.upstreams
    size = state.settings.public.home_stories

    async def load() -> CachedResponse:
        tenant_reply, sections_reply, stories_reply = await asyncio.gather(
            upstreams.content_call(
                "GetTenant", content_pb.GetTenantRequest(tenant=tenant), identity=None
            ),
            upstreams.content_call(
                "ListSections", content_pb.ListSectionsRequest(tenant=tenant), identity=None
            ),
            upstreams.content_call(
                "ListPublishedStories",
                content_pb.ListPublishedStoriesRequest(tenant=tenant, page_size=size),
                identity=None,
            ),
        )
        sections = list(sections_reply.sections)
        per_section, sites = await asyncio.gather(
            asyncio.gather(
                *(
                    _published(state, tenant, limit=HOME_SECTION_STORIES, section_slug=s.slug)
                    for s in sections
                )
            ),
            state.site_directory.sites(_list_tenants(state), _list_sections(state)),
        )
        site = next((x for x in sites if x.tenant == tenant), None)
        return _json(
            schemas.PublicHome(
                tenant=mappers.tenant(tenant_reply.tenant),
                site=mappers.site(site) if site else None,
                sections=[mappers.section(s) for s in sections],
                stories=_public_summaries(stories_reply.stories),
                next_cursor=next_cursor(stories_reply.next_page_token),
                section_stories=[
                    schemas.SectionStories(
                        section=mappers.section(section), items=_public_summaries(reply.stories)
                    )
                    for section, reply in zip(sections, per_section, strict=True)
                    if reply.stories
                ],
            )
        )

    return await _cached(request, state, load)


@router.get(
    "/sections/{section}",
    summary="Bài trong chuyên mục / stories of a section",
    responses=_responses(schemas.PublicSection, "content.ListPublishedStories"),
)
async def section_page(
    tenant: Tenant,
    section: SectionSlug,
    request: Request,
    state: State,
    cursor: Cursor = None,
    limit: Limit = 20,
    type: StoryType = None,
) -> Response:
    async def load() -> CachedResponse:
        reply = await _published(
            state,
            tenant,
            limit=limit,
            cursor=cursor,
            section_slug=section,
            type=mappers.story_type_to_proto(type),
        )
        return _json(
            schemas.PublicSection(
                section=section,
                items=_public_summaries(reply.stories),
                next_cursor=next_cursor(reply.next_page_token),
            )
        )

    return await _cached(request, state, load)


@router.get(
    "/stories",
    summary="Bài đã đăng / published stories, filtered",
    description="Mới nhất trước; lọc theo loại (video cho trang truyền hình), chuyên mục. "
    "/ Newest first; filter by type (video for the online TV page) and section.",
    responses=_responses(
        schemas.Page[schemas.PublishedStorySummary], "content.ListPublishedStories"
    ),
)
async def stories(
    tenant: Tenant,
    request: Request,
    state: State,
    type: StoryType = None,
    section: Annotated[str | None, Query(max_length=100)] = None,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> Response:
    async def load() -> CachedResponse:
        reply = await _published(
            state,
            tenant,
            limit=limit,
            cursor=cursor,
            section_slug=section or "",
            type=mappers.story_type_to_proto(type),
        )
        return _summaries_page(reply)

    return await _cached(request, state, load)


@router.get(
    "/tags/{tag}",
    summary="Bài theo thẻ / stories with a tag",
    responses=_responses(
        schemas.PublicTag, "content.ListPublishedStories", extra={404: ("TAG_NOT_FOUND",)}
    ),
)
async def tag_page(
    tenant: Tenant,
    tag: TagSlug,
    request: Request,
    state: State,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> Response:
    async def load() -> CachedResponse:
        reply = await _published(state, tenant, limit=limit, cursor=cursor, tag_slug=tag)
        items = _public_summaries(reply.stories)
        name = next((t.name for s in items for t in s.tags if t.slug == tag), None)
        if name is None:
            raise ApiError(
                404, "Không có bài với thẻ này (no story has this tag).", reason="TAG_NOT_FOUND"
            )
        return _json(
            schemas.PublicTag(
                tag=schemas.Tag(slug=tag, name=name),
                items=items,
                next_cursor=next_cursor(reply.next_page_token),
            )
        )

    return await _cached(request, state, load)


@router.get(
    "/stories/{slug}/related",
    summary="Bài liên quan / related stories",
    description="Cùng thẻ trước, rồi cùng chuyên mục. / Most shared tags first, then the "
    "same section.",
    responses=_responses(schemas.Page[schemas.PublishedStorySummary], "content.ListRelatedStories"),
)
async def related(
    tenant: Tenant,
    slug: Slug,
    request: Request,
    state: State,
    limit: Annotated[int, Query(ge=1, le=20, description="Số bài / how many")] = 5,
) -> Response:
    async def load() -> CachedResponse:
        reply = await state.upstreams.content_call(
            "ListRelatedStories",
            content_pb.ListRelatedStoriesRequest(tenant=tenant, slug=slug, page_size=limit),
            identity=None,
        )
        return _json(
            schemas.Page[schemas.PublishedStorySummary](items=_public_summaries(reply.stories))
        )

    return await _cached(request, state, load)


@router.get(
    "/stories/{slug}",
    summary="Đọc bài / read a published story",
    responses=_responses(schemas.PublishedStory, "content.GetPublishedStory", gone=True),
)
async def story(tenant: Tenant, slug: Slug, request: Request) -> Response:
    # The hottest route: the state comes straight from the app (no dependency to solve) and
    # the JSON straight from the message (same bytes as schemas.PublishedStory, tested).
    state: GatewayState = request.app.state.gateway

    async def load() -> CachedResponse:
        reply = await state.upstreams.content_call(
            "GetPublishedStory",
            content_pb.GetPublishedStoryRequest(tenant=tenant, slug=slug),
            identity=None,
        )
        if reply.story.visibility == INTERNAL:
            raise _story_gone()
        return CachedResponse.of(mappers.published_story_json(reply.story), JSON)

    return await _cached(request, state, load)


@router.get(
    "/search",
    summary="Tìm kiếm / search published stories",
    description="Không phân biệt dấu: `truyen thong` tìm thấy `truyền thông`. "
    "/ Accent-insensitive: `truyen thong` finds `truyền thông`.",
    responses=_responses(schemas.Page[schemas.SearchHit], "content.SearchPublishedStories"),
)
async def search(
    tenant: Tenant,
    request: Request,
    state: State,
    q: Annotated[
        str, Query(min_length=1, max_length=500, pattern=NOT_BLANK, description="Từ khóa / query")
    ],
    section: Annotated[str | None, Query(max_length=100, pattern=NO_NUL)] = None,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> Response:
    async def load() -> CachedResponse:
        reply = await state.upstreams.content_call(
            "SearchPublishedStories",
            content_pb.SearchPublishedStoriesRequest(
                tenant=tenant,
                query=q,
                page_size=limit,
                page_token=cursor or "",
                section_slug=section or "",
            ),
            identity=None,
        )
        hits = [mappers.search_hit(h) for h in reply.hits if h.story.visibility != INTERNAL]
        return _json(
            schemas.Page[schemas.SearchHit](
                items=hits, next_cursor=next_cursor(reply.next_page_token)
            )
        )

    return await _cached(request, state, load)


async def _feed(
    request: Request, state: GatewayState, tenant: str, section: str, feed_format: Any
) -> Response:
    async def load() -> CachedResponse:
        reply = await state.upstreams.content_call(
            "GetFeed",
            content_pb.GetFeedRequest(
                tenant=tenant,
                section_slug=section,
                format=feed_format,
                base_url=await _portal_url(state, tenant),
            ),
            identity=None,
        )
        return CachedResponse.of(bytes(reply.body), reply.content_type or "application/xml")

    return await _cached(request, state, load)


RSS = "application/rss+xml"
ATOM = "application/atom+xml"


@router.get(
    "/rss.xml",
    summary="RSS toàn trang / site RSS 2.0 feed",
    response_class=Response,
    responses=_responses(None, "content.GetFeed", media_type=RSS),
)
async def rss(tenant: Tenant, request: Request, state: State) -> Response:
    return await _feed(request, state, tenant, "", published_story_pb2.FEED_FORMAT_RSS)


@router.get(
    "/atom.xml",
    summary="Atom toàn trang / site Atom 1.0 feed",
    response_class=Response,
    responses=_responses(None, "content.GetFeed", media_type=ATOM),
)
async def atom(tenant: Tenant, request: Request, state: State) -> Response:
    return await _feed(request, state, tenant, "", published_story_pb2.FEED_FORMAT_ATOM)


@router.get(
    "/sections/{section}/rss.xml",
    summary="RSS của chuyên mục / section RSS 2.0 feed",
    response_class=Response,
    responses=_responses(None, "content.GetFeed", media_type=RSS),
)
async def section_rss(
    tenant: Tenant, section: SectionSlug, request: Request, state: State
) -> Response:
    return await _feed(request, state, tenant, section, published_story_pb2.FEED_FORMAT_RSS)


@router.get(
    "/sitemap.xml",
    summary="Sơ đồ trang / sitemap.xml",
    response_class=Response,
    responses=_responses(None, "content.GetSitemap", media_type="application/xml"),
)
async def sitemap(tenant: Tenant, request: Request, state: State) -> Response:
    return await _sitemap(request, state, tenant, news=False)


@router.get(
    "/news-sitemap.xml",
    summary="Sơ đồ tin mới (Google News) / news sitemap, last two days",
    response_class=Response,
    responses=_responses(None, "content.GetSitemap", media_type="application/xml"),
)
async def news_sitemap(tenant: Tenant, request: Request, state: State) -> Response:
    return await _sitemap(request, state, tenant, news=True)


async def _sitemap(request: Request, state: GatewayState, tenant: str, *, news: bool) -> Response:
    async def load() -> CachedResponse:
        reply = await state.upstreams.content_call(
            "GetSitemap",
            content_pb.GetSitemapRequest(
                tenant=tenant, base_url=await _portal_url(state, tenant), news=news
            ),
            identity=None,
        )
        return CachedResponse.of(bytes(reply.body), reply.content_type or "application/xml")

    return await _cached(request, state, load)


sites_router = APIRouter(prefix="/public/v1", tags=["public"])


@sites_router.get(
    "/sites",
    summary="Các trang của cổng tin / the portal's sites",
    description="Mỗi đơn vị một trang: trang tập đoàn ở gốc, đơn vị khác ở /<mã> hoặc tên "
    "miền riêng. / One site per tenant: the group's at the root, the others under /<slug> "
    "or on their own hostname.",
    responses=_responses(schemas.PublicSites),
)
async def sites(request: Request, state: State) -> Response:
    found = await state.site_directory.sites(_list_tenants(state), _list_sections(state))
    body = schemas.PublicSites(
        portal_url=state.settings.public.portal_url.rstrip("/"),
        sites=[mappers.site(s) for s in found],
    )
    return _reply(request, state, _json(body))
