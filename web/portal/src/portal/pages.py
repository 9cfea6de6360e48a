"""Every page of the portal: which gateway calls it makes and what it renders.

``PageBuilder.build`` resolves the site, routes the path inside it and returns a
``Rendered`` page: the finished response plus whether shared caches may keep it. Pages
read nothing but the gateway's public API (and, for a signed-in staff member's article,
the gateway's staff read with their token).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request

from portal import seo
from portal.assets import Assets
from portal.auth import LOGIN_COOKIE, SESSION_COOKIE, Session, SignInFailed, StaffAuth, safe_next
from portal.gateway import Forbidden, GatewayClient, GatewayError, Gone, Json, NotFound
from portal.i18n import OG_LOCALES, Translations, Translator, pick_language
from portal.media import SIZES, Media, media_list, media_of, split_embeds
from portal.metrics import PAGE_SECONDS, SIGN_INS
from portal.pages_cache import Page
from portal.settings import PortalSettings
from portal.sites import Directory, Site, SiteDirectory

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
HTML = "text/html; charset=utf-8"
RADIO_SECTION = "phat-thanh"
CSP = (
    "default-src 'self'; img-src 'self' data: https: http:; media-src 'self' blob: https: "
    "http:; connect-src 'self' https: http:; script-src 'self'; style-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)
SECURITY_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("content-security-policy", CSP),
)
PRIVATE = "private, no-store"


@dataclass(frozen=True, slots=True)
class Rendered:
    page: Page
    page_type: str
    tenant: str | None = None
    cacheable: bool = False
    generation: int = 0


@dataclass
class Meta:
    """The <head> of a page."""

    title: str
    description: str = ""
    canonical: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)
    robots: str = ""
    og: list[tuple[str, str]] = field(default_factory=list)
    twitter: list[tuple[str, str]] = field(default_factory=list)
    jsonld: list[str] = field(default_factory=list)
    scripts: bool = False


@dataclass
class Context:
    """One request inside one site."""

    request: Request
    directory: Directory
    site: Site
    rest: str
    lang: str
    t: Translator
    generation: int
    nav: list[dict[str, str]] = field(default_factory=list)

    def query(self, name: str) -> str | None:
        return self.request.query_params.get(name)

    def link(self, path: str, **params: Any) -> str:
        """A link inside the site, keeping the interface language."""
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.lang != self.site.default_language:
            query["lang"] = self.lang
        url = self.site.path(path)
        return url + ("?" + urlencode(query) if query else "")

    def absolute(self, path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        return self.site.url(path) + ("?" + urlencode(query) if query else "")

    def variants(self, path: str, **params: Any) -> tuple[str, list[tuple[str, str]]]:
        """(canonical, hreflang alternates): one URL per interface language."""
        default = self.site.default_language
        urls = {
            lang: self.absolute(path, **params, **({} if lang == default else {"lang": lang}))
            for lang in ("vi", "en")
        }
        alternates = list(urls.items())
        alternates.append(("x-default", urls[default if default in urls else "vi"]))
        return urls[self.lang], alternates


# Staff previews of unpublished revisions: /xem-truoc/<story id>[?phien-ban=<n>]
PREVIEW_PREFIX = "/xem-truoc/"
INT32_MAX = 2**31 - 1


def story_path(slug: str) -> str:
    return "/bai-viet/" + quote(slug, safe="")


class PageBuilder:
    def __init__(
        self,
        settings: PortalSettings,
        gateway: GatewayClient,
        directory: SiteDirectory,
        translations: Translations,
        assets: Assets,
        auth: StaffAuth,
        generation: Callable[[str], int] = lambda tenant: 0,
    ) -> None:
        self.settings = settings
        self.gateway = gateway
        self.directory = directory
        self.translations = translations
        self.assets = assets
        self.auth = auth
        self.generation = generation
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html", "xml"]),
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.globals.update(sizes=SIZES, asset=assets.url)
        self._routes: list[tuple[str, Callable[..., Any]]] = [
            ("/", self.home),
            ("/tim-kiem", self.search),
            ("/truyen-hinh", self.tv),
            ("/phat-thanh", self.radio),
            ("/rss.xml", self.document),
            ("/atom.xml", self.document),
            ("/sitemap.xml", self.document),
            ("/news-sitemap.xml", self.document),
            ("/dang-nhap", self.sign_in),
            ("/dang-xuat", self.sign_out),
            ("/auth/callback", self.callback),
        ]

    # -- entry ----------------------------------------------------------------------------
    async def build(self, request: Request, *, personal: bool = False) -> Rendered:
        started = time.perf_counter()
        page_type = "error"
        try:
            directory = await self.directory.get()
        except GatewayError:
            log.warning("site directory unavailable", exc_info=True)
            return self._bare_error(503)
        if request.url.path == "/robots.txt":  # a host's, whichever sites live on it
            return self.robots(directory, request.headers.get("host", ""))
        match = directory.match(request.headers.get("host", ""), request.url.path)
        if match is None:
            return self._bare_error(503)
        site = match.site
        generation = self.generation(site.tenant)
        if match.redirect is not None:
            query = request.url.query
            target = match.redirect + ("?" + query if query else "")
            page = Page.of(
                301, b"", HTML, (("location", target), ("cache-control", "public, max-age=3600"))
            )
            return Rendered(page, "redirect", site.tenant, True, generation)
        lang = pick_language(request.query_params.get("lang"), site.default_language)
        ctx = Context(
            request,
            directory,
            site,
            match.rest,
            lang,
            self.translations.get(lang),
            generation,
            nav=list(site.sections),
        )
        handler, args = self._route(match.rest)
        try:
            if handler is None:
                page_type = "not_found"
                rendered = await self.error(ctx, 404)
            else:
                page_type = handler.__name__
                rendered = await handler(ctx, *args, personal=personal)
        except NotFound:
            rendered = await self.error(ctx, 404)
        except Gone:
            rendered = await self.error(ctx, 410)
        except GatewayError as exc:
            log.warning("gateway unavailable", extra={"path": request.url.path, "cause": str(exc)})
            rendered = await self.error(ctx, 503)
        except Exception:
            log.exception("page failed", extra={"path": request.url.path})
            rendered = await self.error(ctx, 500)
        PAGE_SECONDS.labels(page_type).observe(time.perf_counter() - started)
        return rendered

    def _route(self, rest: str) -> tuple[Callable[..., Any] | None, tuple[str, ...]]:
        path = rest if rest == "/" else rest.rstrip("/")
        for prefix, handler in self._routes:
            if path == prefix:
                return handler, ()
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "bai-viet" and parts[1]:
            return self.article, (parts[1],)
        if len(parts) == 2 and parts[0] == "chuyen-muc" and parts[1]:
            return self.section, (parts[1],)
        if len(parts) == 2 and parts[0] == PREVIEW_PREFIX.strip("/") and parts[1]:
            return self.preview, (parts[1],)
        if len(parts) == 3 and parts[0] == "chuyen-muc" and parts[2] == "rss.xml":
            return self.section_feed, (parts[1],)
        if len(parts) == 2 and parts[0] == "the" and parts[1]:
            return self.tag, (parts[1],)
        return None, ()

    # -- rendering helpers ------------------------------------------------------------------
    def _headers(
        self, ctx: Context | None, *, shared: bool, noindex: bool = False
    ) -> tuple[tuple[str, str], ...]:
        cache = self.settings.cache
        headers = [
            (
                "cache-control",
                f"public, max-age={cache.max_age_s}, "
                f"stale-while-revalidate={cache.stale_while_revalidate_s}"
                if shared
                else PRIVATE,
            ),
            *SECURITY_HEADERS,
        ]
        if ctx is not None:
            headers.append(("content-language", ctx.lang))
        if noindex:
            headers.append(("x-robots-tag", "noindex"))
        return tuple(headers)

    def render(
        self,
        ctx: Context,
        template: str,
        meta: Meta,
        *,
        status: int = 200,
        shared: bool = True,
        page_type: str = "",
        **values: Any,
    ) -> Rendered:
        t = ctx.t
        other = "en" if ctx.lang == "vi" else "vi"
        path_now = ctx.request.url.path
        data = {
            "ctx": ctx,
            "site": ctx.site,
            "directory": ctx.directory,
            "lang": ctx.lang,
            "other_lang": other,
            "other_lang_url": self._language_url(ctx, other),
            "t": t,
            "_": t.gettext,
            "gettext": t.gettext,
            "ngettext": t.ngettext,
            "link": ctx.link,
            "absolute": ctx.absolute,
            "story_link": lambda s: ctx.link(story_path(s["slug"])),
            "media_of": media_of,
            "nav": ctx.nav,
            "meta": meta,
            "og_locale": OG_LOCALES.get(ctx.lang, "vi_VN"),
            "sign_in_url": "/dang-nhap?" + urlencode({"next": path_now}),
            "query": "",
            **values,
        }
        body = self.env.get_template(template).render(data).encode()
        noindex = "noindex" in meta.robots
        page = Page.of(status, body, HTML, self._headers(ctx, shared=shared, noindex=noindex))
        return Rendered(
            page,
            page_type or template.removesuffix(".html"),
            ctx.site.tenant,
            shared,
            ctx.generation,
        )

    def _language_url(self, ctx: Context, lang: str) -> str:
        params = dict(ctx.request.query_params)
        params.pop("lang", None)
        if lang != ctx.site.default_language:
            params["lang"] = lang
        path = ctx.request.url.path
        return path + ("?" + urlencode(params) if params else "")

    def _meta(
        self, ctx: Context, title: str, path: str, description: str = "", **params: Any
    ) -> Meta:
        canonical, alternates = ctx.variants(path, **params)
        full = title if title == ctx.site.name else f"{title} – {ctx.site.name}"
        meta = Meta(
            title=full,
            description=description or ctx.site.name,
            canonical=canonical,
            alternates=alternates,
        )
        meta.og = [
            ("og:site_name", ctx.site.name),
            ("og:title", title),
            ("og:description", meta.description),
            ("og:url", canonical),
            ("og:type", "website"),
            ("og:locale", OG_LOCALES.get(ctx.lang, "vi_VN")),
        ]
        meta.twitter = [
            ("twitter:card", "summary"),
            ("twitter:title", title),
            ("twitter:description", meta.description),
        ]
        return meta

    def _breadcrumb(self, ctx: Context, *items: tuple[str, str]) -> str:
        trail = [(ctx.site.name, ctx.absolute("/")), *items]
        return seo.json_ld(seo.breadcrumbs(trail))

    # -- pages ------------------------------------------------------------------------------
    async def home(self, ctx: Context, *, personal: bool = False) -> Rendered:
        home = await self.gateway.home(ctx.site.tenant)
        stories = home.get("stories", [])
        meta = self._meta(ctx, ctx.site.name, "/", home.get("tenant", {}).get("name", ""))
        meta.jsonld.append(
            seo.json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": ctx.site.name,
                    "url": ctx.absolute("/"),
                    "inLanguage": ctx.site.default_language,
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": ctx.absolute("/tim-kiem") + "?q={search_term_string}",
                        "query-input": "required name=search_term_string",
                    },
                }
            )
        )
        return self.render(
            ctx,
            "home.html",
            meta,
            lead=stories[0] if stories else None,
            top=stories[1:7],
            more=stories[7:],
            blocks=home.get("section_stories", []),
            subsidiaries=ctx.directory.subsidiaries if ctx.site.group_tenant else [],
        )

    async def section(self, ctx: Context, slug: str, *, personal: bool = False) -> Rendered:
        cursor = ctx.query("cursor")
        page = await self.gateway.section(ctx.site.tenant, slug, cursor, self.settings.page_size)
        section = ctx.site.section(slug) or {
            "slug": slug,
            "name": next((s["section_name"] for s in page.get("items", [])), slug),
            "description": "",
        }
        path = "/chuyen-muc/" + quote(slug, safe="")
        meta = self._meta(ctx, section["name"], path, section.get("description", ""), cursor=cursor)
        meta.jsonld.append(self._breadcrumb(ctx, (section["name"], ctx.absolute(path))))
        next_cursor = page.get("next_cursor")
        return self.render(
            ctx,
            "list.html",
            meta,
            heading=section["name"],
            intro=section.get("description", ""),
            items=page.get("items", []),
            next_url=ctx.link(path, cursor=next_cursor) if next_cursor else None,
            first_url=ctx.link(path) if cursor else None,
            feed_url=ctx.absolute(path + "/rss.xml"),
            page_type="section",
        )

    async def tag(self, ctx: Context, slug: str, *, personal: bool = False) -> Rendered:
        cursor = ctx.query("cursor")
        page = await self.gateway.tag(ctx.site.tenant, slug, cursor, self.settings.page_size)
        name = page["tag"]["name"]
        path = "/the/" + quote(slug, safe="")
        title = ctx.t.gettext("Tag: %(name)s") % {"name": name}
        meta = self._meta(ctx, title, path, cursor=cursor)
        meta.jsonld.append(self._breadcrumb(ctx, (title, ctx.absolute(path))))
        next_cursor = page.get("next_cursor")
        return self.render(
            ctx,
            "list.html",
            meta,
            heading=title,
            intro="",
            items=page.get("items", []),
            next_url=ctx.link(path, cursor=next_cursor) if next_cursor else None,
            first_url=ctx.link(path) if cursor else None,
            feed_url=None,
            page_type="tag",
        )

    async def search(self, ctx: Context, *, personal: bool = False) -> Rendered:
        query = " ".join((ctx.query("q") or "").split())[:200]
        cursor = ctx.query("cursor")
        hits: list[Json] = []
        next_cursor = None
        if query:
            page = await self.gateway.search(
                ctx.site.tenant, query, cursor, self.settings.page_size
            )
            hits = [
                {**hit, "snippet": Markup(hit.get("snippet_html", ""))}  # noqa: S704 - escaped by content
                for hit in page.get("items", [])
            ]
            next_cursor = page.get("next_cursor")
        title = ctx.t.gettext("Search")
        meta = self._meta(ctx, title, "/tim-kiem", q=query or None)
        meta.robots = "noindex, follow"
        return self.render(
            ctx,
            "search.html",
            meta,
            query=query,
            hits=hits,
            next_url=ctx.link("/tim-kiem", q=query, cursor=next_cursor) if next_cursor else None,
        )

    async def tv(self, ctx: Context, *, personal: bool = False) -> Rendered:
        page = await self.gateway.stories(ctx.site.tenant, type="video", limit=48)
        items = page.get("items", [])
        programmes: dict[str, list[Json]] = {}
        for item in items:
            programmes.setdefault(item.get("section_name") or ctx.t.gettext("Video"), []).append(
                item
            )
        featured = next(
            (
                s
                for s in items
                if (m := media_of(s.get("lead_media"), s["headline"]))
                and m.kind == "video"
                and m.ready
            ),
            None,
        )
        title = ctx.t.gettext("Online TV")
        meta = self._meta(ctx, title, "/truyen-hinh", ctx.t.gettext("Videos by programme"))
        meta.jsonld.append(self._breadcrumb(ctx, (title, ctx.absolute("/truyen-hinh"))))
        meta.scripts = featured is not None
        return self.render(
            ctx,
            "tv.html",
            meta,
            programmes=programmes,
            featured=featured,
            featured_media=media_of(featured.get("lead_media"), featured["headline"])
            if featured
            else None,
        )

    async def radio(self, ctx: Context, *, personal: bool = False) -> Rendered:
        section = ctx.site.section(RADIO_SECTION)
        items: list[Json] = []
        if section is not None:
            page = await self.gateway.section(ctx.site.tenant, RADIO_SECTION, None, 20)
            items = page.get("items", [])
        bulletins = [(s, media_of(s.get("lead_media"), s["headline"])) for s in items]
        title = ctx.t.gettext("Radio bulletin")
        meta = self._meta(ctx, title, "/phat-thanh", ctx.t.gettext("The latest audio bulletins"))
        meta.jsonld.append(self._breadcrumb(ctx, (title, ctx.absolute("/phat-thanh"))))
        meta.scripts = any(m is not None and m.kind == "audio" and m.ready for _, m in bulletins)
        return self.render(ctx, "radio.html", meta, bulletins=bulletins)

    async def article(self, ctx: Context, slug: str, *, personal: bool = False) -> Rendered:
        tenant = ctx.site.tenant
        session = self.auth.session(ctx.request.cookies.get(SESSION_COOKIE)) if personal else None
        story_call = (
            self.gateway.staff_story(tenant, slug, session.access_token)
            if session is not None
            else self.gateway.story(tenant, slug)
        )

        async def related_or_none() -> Json:
            try:  # internal stories have no public related list
                return await self.gateway.related(tenant, slug, 4)
            except NotFound:
                return {"items": []}

        try:
            story, related = await asyncio.gather(story_call, related_or_none())
        except Forbidden:  # the session's token was refused: read as the public does
            session = None
            story, related = await asyncio.gather(
                self.gateway.story(tenant, slug), related_or_none()
            )
        return self._article_page(ctx, story, related.get("items", []), session)

    async def preview(self, ctx: Context, story_id: str, *, personal: bool = False) -> Rendered:
        """A revision as the article page will show it once published, for the tenant's
        staff (the newsroom app links here): signed-in only, never cached or indexed."""
        if not self.auth.enabled:
            raise NotFound(404)
        wanted = ctx.query("phien-ban") or ""
        if wanted and not (wanted.isdigit() and 0 < int(wanted) <= INT32_MAX):
            raise NotFound(404)
        here = ctx.request.url.path + (f"?{ctx.request.url.query}" if ctx.request.url.query else "")
        sign_in = ctx.link("/dang-nhap", next=here)
        session = self.auth.session(ctx.request.cookies.get(SESSION_COOKIE))
        if session is None:
            return self._redirect(sign_in, [])
        try:
            story = await self.gateway.preview(
                ctx.site.tenant, story_id, int(wanted) if wanted else None, session.access_token
            )
        except Forbidden as exc:
            if exc.status == 401:  # the session's token ran out: sign in again
                return self._redirect(sign_in, [])
            raise NotFound(404) from exc  # not staff of this tenant: nothing to show
        return self._article_page(ctx, story, [], session, preview=True)

    def _article_page(
        self,
        ctx: Context,
        story: Json,
        related: list[Json],
        session: Session | None,
        *,
        preview: bool = False,
    ) -> Rendered:
        internal = story.get("visibility") == "internal"
        path = story_path(story["slug"])
        media = media_list(story.get("media"), story["headline"])
        by_id = {m.asset_id: m for m in media}
        parts: list[tuple[str, Media | Markup]] = []
        embedded: set[str] = set()
        for kind, value in split_embeds(story.get("body_html", "")):
            if kind == "media":
                item = by_id.get(value)
                if item is not None:
                    parts.append(("media", item))
                    embedded.add(value)
            else:
                parts.append(("html", Markup(value)))  # noqa: S704 - sanitised by content
        lead = media[0] if media and media[0].asset_id not in embedded else None
        meta = self._meta(ctx, story["headline"], path, story.get("summary", ""))
        meta.og = [(k, v) for k, v in meta.og if k != "og:type"]
        meta.og.append(("og:type", "article"))
        if story.get("published_at"):
            meta.og.append(("article:published_time", story["published_at"]))
        if story.get("updated_at"):
            meta.og.append(("article:modified_time", story["updated_at"]))
        if story.get("section_name"):
            meta.og.append(("article:section", story["section_name"]))
        for tag in story.get("tags", []):
            meta.og.append(("article:tag", tag["name"]))
        share = next((m.share_image for m in media if m.share_image is not None), None)
        images: list[str] = []
        if share is not None:
            images = [share.url]
            meta.og += [
                ("og:image", share.url),
                ("og:image:width", str(share.width)),
                ("og:image:height", str(share.height)),
                (
                    "og:image:alt",
                    next((m.alt for m in media if m.share_image is share), story["headline"]),
                ),
            ]
            meta.twitter = [(k, v) for k, v in meta.twitter if k != "twitter:card"]
            meta.twitter += [("twitter:card", "summary_large_image"), ("twitter:image", share.url)]
        url = meta.canonical
        meta.jsonld.append(seo.json_ld(seo.news_article(story, ctx.site, url, images)))
        for video in (m for m in media if m.kind == "video"):
            data = seo.video_object(story, video, url)
            if data is not None:
                meta.jsonld.append(seo.json_ld(data))
        trail: list[tuple[str, str]] = []
        if story.get("section_slug"):
            trail.append(
                (
                    story["section_name"],
                    ctx.absolute("/chuyen-muc/" + quote(story["section_slug"], safe="")),
                )
            )
        trail.append((story["headline"], url))
        meta.jsonld.append(self._breadcrumb(ctx, *trail))
        meta.scripts = any(m.kind in ("gallery", "video", "audio") and m.ready for m in media)
        if internal or preview:
            meta.robots = "noindex, nofollow"
        return self.render(
            ctx,
            "article.html",
            meta,
            shared=not internal and session is None and not preview,
            story=story,
            lead=lead,
            parts=parts,
            related=related,
            internal=internal,
            session=session,
            preview=preview,
            page_type="preview" if preview else "article",
        )

    # -- documents --------------------------------------------------------------------------
    async def document(self, ctx: Context, *, personal: bool = False) -> Rendered:
        doc = await self.gateway.document(ctx.site.tenant, ctx.rest.strip("/"))
        return self._document(ctx, doc.body, doc.content_type, doc.etag)

    async def section_feed(self, ctx: Context, slug: str, *, personal: bool = False) -> Rendered:
        doc = await self.gateway.document(
            ctx.site.tenant, f"sections/{quote(slug, safe='')}/rss.xml"
        )
        return self._document(ctx, doc.body, doc.content_type, doc.etag)

    def _document(self, ctx: Context, body: bytes, content_type: str, etag: str) -> Rendered:
        page = Page.of(200, body, content_type, self._headers(None, shared=True), etag=etag or None)
        return Rendered(page, "feed", ctx.site.tenant, True, ctx.generation)

    def robots(self, directory: Directory, host: str) -> Rendered:
        name = host.rsplit(":", 1)[0].lower()
        on_host = [
            s
            for s in directory.sites
            if (s.hostname or "").lower() == name
            or (not s.hostname and urlsplit(s.base_url).hostname == name)
        ]
        if not on_host:  # an unknown host: the sites without a hostname of their own
            on_host = [s for s in directory.sites if not s.hostname]
        lines = [
            "User-agent: *",
            "Allow: /",
            "Disallow: /tim-kiem",
            "Disallow: /dang-nhap",
            "Disallow: /dang-xuat",
            "Disallow: /auth/",
            f"Disallow: {PREVIEW_PREFIX}",
            f"Disallow: /*{PREVIEW_PREFIX}",
            "",
        ]
        for site in on_host:
            lines.append(f"Sitemap: {site.url('/sitemap.xml')}")
            lines.append(f"Sitemap: {site.url('/news-sitemap.xml')}")
        body = ("\n".join(lines) + "\n").encode()
        page = Page.of(200, body, "text/plain; charset=utf-8", self._headers(None, shared=True))
        tenant = on_host[0].tenant if on_host else None
        generation = self.generation(tenant) if tenant else 0
        return Rendered(page, "robots", tenant, True, generation)

    # -- staff sign-in ----------------------------------------------------------------------
    def _redirect(self, target: str, cookies: list[str]) -> Rendered:
        headers = [("location", target), ("cache-control", PRIVATE)]
        headers += [("set-cookie", c) for c in cookies]
        return Rendered(Page.of(302, b"", HTML, tuple(headers)), "sign_in")

    def _cookie(self, ctx: Context, name: str, value: str, *, path: str, max_age: int) -> str:
        secure = self.settings.oidc.secure_cookies
        if secure is None:
            secure = ctx.site.base_url.startswith("https:")
        flags = f"; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax"
        return f"{name}={value}{flags}{'; Secure' if secure else ''}"

    async def sign_in(self, ctx: Context, *, personal: bool = False) -> Rendered:
        if not self.auth.enabled:
            raise NotFound(404)
        start = self.auth.start(
            _origin(ctx.site.base_url) + "/auth/callback", safe_next(ctx.query("next"))
        )
        cookie = self._cookie(ctx, LOGIN_COOKIE, start.cookie, path="/auth", max_age=600)
        return self._redirect(start.redirect_url, [cookie])

    async def callback(self, ctx: Context, *, personal: bool = False) -> Rendered:
        try:
            session, back = await self.auth.finish(
                ctx.request.cookies.get(LOGIN_COOKIE),
                ctx.query("code") or "",
                ctx.query("state") or "",
            )
        except SignInFailed as exc:
            SIGN_INS.labels("failed").inc()
            log.warning("staff sign-in failed", extra={"cause": str(exc)})
            return await self.error(ctx, 400)
        SIGN_INS.labels("signed_in").inc()
        max_age = max(int(session.expires_at - time.time()), 0)
        cookies = [
            self._cookie(
                ctx, SESSION_COOKIE, self.auth.seal_session(session), path="/", max_age=max_age
            ),
            self._cookie(ctx, LOGIN_COOKIE, "", path="/auth", max_age=0),
        ]
        return self._redirect(back, cookies)

    async def sign_out(self, ctx: Context, *, personal: bool = False) -> Rendered:
        cookie = self._cookie(ctx, SESSION_COOKIE, "", path="/", max_age=0)
        return self._redirect(self.auth.logout_url(ctx.absolute("/")), [cookie])

    # -- errors -----------------------------------------------------------------------------
    async def error(self, ctx: Context, status: int) -> Rendered:
        t = ctx.t
        titles = {
            400: t.gettext("Sign-in did not succeed"),
            404: t.gettext("Page not found"),
            410: t.gettext("This story has been withdrawn"),
            500: t.gettext("Something went wrong"),
            503: t.gettext("The site is temporarily unavailable"),
        }
        meta = Meta(title=f"{titles[status]} – {ctx.site.name}", robots="noindex")
        shared = status in (404, 410)
        rendered = self.render(
            ctx,
            "error.html",
            meta,
            status=status,
            shared=shared,
            code=status,
            heading=titles[status],
            article_path="/bai-viet/" in ctx.rest,
            page_type="error",
        )
        if status == 503:
            headers = (*rendered.page.headers, ("retry-after", "30"))
            page = Page.of(503, rendered.page.body, HTML, headers)
            return Rendered(page, "error")
        return rendered

    def _bare_error(self, status: int) -> Rendered:
        t = self.translations.get("vi")
        body = (
            self.env.get_template("unavailable.html")
            .render(_=t.gettext, asset=self.assets.url)
            .encode()
        )
        headers = (("cache-control", PRIVATE), ("retry-after", "30"), *SECURITY_HEADERS)
        return Rendered(Page.of(status, body, HTML, headers), "error")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


__all__ = ["Media", "PageBuilder", "Rendered"]
