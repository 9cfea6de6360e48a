"""The portal as one ASGI application.

Request path: static assets and probes first; then the page cache (a hit costs a dict
lookup and answers 304 on a matching ``If-None-Match``); on a miss the site is resolved
from the Host and path (``portal.sites``), the page built from the gateway's public API
(``portal.pages``), stored when it may be shared, and sent gzip-compressed when the
client accepts it. A signed-in staff member's article request skips the cache: it may be
an internal story, read with their token and never stored or shared.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from newsroom_core.events.broadcast import BroadcastListener, instance_client_id
from newsroom_core.events.envelope import CloudEvent
from portal.assets import IMMUTABLE, Assets
from portal.auth import SESSION_COOKIE, StaffAuth
from portal.gateway import GatewayClient
from portal.i18n import Translations
from portal.metrics import PAGE_REQUESTS
from portal.pages import PREVIEW_PREFIX, PageBuilder, Rendered
from portal.pages_cache import Key, Page, PageCache
from portal.settings import PortalSettings
from portal.sites import SiteDirectory

log = logging.getLogger(__name__)

INVALIDATING = frozenset(
    {
        "newsroom.content.story.published.v1",
        "newsroom.content.story.corrected.v1",
        "newsroom.content.story.retracted.v1",
    }
)
TENANT_EVENTS = frozenset({"newsroom.content.tenant.provisioned.v1"})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


def accepts_gzip(scope: Scope) -> bool:
    value = _header(scope, b"accept-encoding")
    if not value:
        return False
    for part in value.decode("latin-1").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*") and params.replace(" ", "") != "q=0":
            return True
    return False


def matches(if_none_match: bytes | None, *etags: str) -> bool:
    if not if_none_match:
        return False
    wanted = {e.removeprefix("W/") for e in etags if e}
    for candidate in if_none_match.decode("latin-1").split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") in wanted:
            return True
    return False


class Portal:
    def __init__(self, settings: PortalSettings) -> None:
        self.settings = settings
        self.cache = PageCache(settings.cache)
        self.assets = Assets()
        self.translations = Translations(settings.timezone)
        self.auth = StaffAuth(settings.oidc)
        self.gateway: GatewayClient | None = None
        self.directory: SiteDirectory | None = None
        self.builder: PageBuilder | None = None
        self.listener: BroadcastListener | None = None

    # -- lifecycle ----------------------------------------------------------------------
    async def startup(self) -> None:
        self.gateway = GatewayClient(self.settings.gateway)
        self.directory = SiteDirectory(self.gateway.sites, ttl_s=self.settings.sites_ttl_s)
        self.builder = PageBuilder(
            self.settings,
            self.gateway,
            self.directory,
            self.translations,
            self.assets,
            self.auth,
            generation=self.cache.generation,
        )
        if self.settings.cache.enabled and self.settings.cache.invalidate_from_kafka:
            self.listener = BroadcastListener(
                self.settings.kafka,
                topic=self.settings.cache.events_topic,
                client_id=instance_client_id(self.settings.cache.client_prefix),
                on_event=self.on_event,
                on_ready=self.cache.mark_ready,
                on_lost=self.cache.mark_unready,
                thread_name="page-invalidator",
            ).start()
        else:
            self.cache.mark_ready()
        log.info(
            "portal started",
            extra={"gateway": self.settings.gateway.url, "cache": self.settings.cache.enabled},
        )

    async def shutdown(self) -> None:
        if self.listener is not None:
            await asyncio.to_thread(self.listener.stop)
            self.listener = None
        self.cache.mark_unready()
        if self.gateway is not None:
            await self.gateway.close()

    def on_event(self, event: CloudEvent) -> None:
        if event.type in INVALIDATING and event.tenant:
            dropped = self.cache.invalidate_tenant(event.tenant)
            log.info(
                "pages invalidated",
                extra={"tenant": event.tenant, "ce_type": event.type, "entries": dropped},
            )
        elif event.type in TENANT_EVENTS and self.directory is not None:
            self.directory.forget()
            self.cache.clear()

    # -- ASGI ---------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await self._plain(send, 405, b"Method Not Allowed", [(b"allow", b"GET, HEAD")])
            return
        if method == "HEAD":
            send = _without_body(send)
        path: str = scope["path"]
        if path.startswith("/static/"):
            await self._static(scope, send, path)
            return
        if path in ("/healthz", "/readyz"):
            await self._probe(send, path)
            return
        key: Key = (
            (_header(scope, b"host") or b"").decode("latin-1").lower(),
            path,
            scope.get("query_string", b""),
        )
        # A signed-in reader's article and every preview are built for that person alone.
        personal = ("/bai-viet/" in path and self._has_session(scope)) or PREVIEW_PREFIX in path
        if not personal:
            cached = self.cache.get(key)
            if cached is not None:
                await self._send_page(scope, send, cached)
                return
        assert self.builder is not None, "lifespan has not run"
        request = Request(scope, receive)
        rendered = await self.builder.build(request, personal=personal)
        PAGE_REQUESTS.labels(rendered.page_type, str(rendered.page.status)).inc()
        if rendered.cacheable and rendered.tenant and not personal:
            self.cache.put(key, rendered.tenant, rendered.page, rendered.generation)
        await self._send_page(scope, send, rendered.page)

    def _has_session(self, scope: Scope) -> bool:
        cookie = _header(scope, b"cookie")
        return bool(cookie) and SESSION_COOKIE.encode() + b"=" in (cookie or b"")

    async def _send_page(self, scope: Scope, send: Send, page: Page) -> None:
        use_gzip = bool(page.gzipped) and accepts_gzip(scope)
        etag = page.gzip_etag if use_gzip else page.etag
        headers = [(k.encode(), v.encode()) for k, v in page.headers]
        headers.append((b"vary", b"Accept-Encoding"))
        if etag:
            headers.append((b"etag", etag.encode()))
        if (
            page.status == 200
            and etag
            and matches(_header(scope, b"if-none-match"), page.etag, page.gzip_etag)
        ):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = page.gzipped if use_gzip else page.body
        headers.append((b"content-type", page.media_type.encode()))
        if use_gzip:
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": page.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _static(self, scope: Scope, send: Send, path: str) -> None:
        asset = self.assets.by_url(path)
        if asset is None:
            await self._plain(send, 404, b"Not Found", [(b"cache-control", b"no-store")])
            return
        page = Page(
            200,
            asset.body,
            asset.media_type,
            (("cache-control", IMMUTABLE),),
            asset.gzipped,
            asset.etag,
            asset.etag[:-1] + '-gz"',
        )
        await self._send_page(scope, send, page)

    async def _probe(self, send: Send, path: str) -> None:
        if path == "/healthz":
            await self._plain(send, 200, b'{"status":"ok"}', json=True)
            return
        gateway_ok = self.gateway is not None and await self.gateway.ready()
        cache_ok = self.cache.active or not self.settings.cache.enabled
        ready = gateway_ok and cache_ok
        body = (
            b'{"ready":'
            + (b"true" if ready else b"false")
            + b',"checks":{"gateway":'
            + (b"true" if gateway_ok else b"false")
            + b',"cache":'
            + (b"true" if cache_ok else b"false")
            + b"}}"
        )
        await self._plain(send, 200 if ready else 503, body, json=True)

    @staticmethod
    async def _plain(
        send: Send,
        status: int,
        body: bytes,
        extra: list[tuple[bytes, bytes]] | None = None,
        *,
        json: bool = False,
    ) -> None:
        media_type = b"application/json" if json else b"text/plain; charset=utf-8"
        headers = [
            (b"content-type", media_type),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
            *(extra or []),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.startup()
                except Exception as exc:
                    log.exception("portal start-up failed")
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _without_body(send: Send) -> Callable[[Message], Awaitable[None]]:
    async def send_headers_only(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_headers_only


def create_app(settings: PortalSettings | None = None) -> Portal:
    return Portal(settings or PortalSettings())


__all__ = ["Portal", "Rendered", "create_app"]
