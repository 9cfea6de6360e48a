"""The gateway's public API over HTTP: the only place the portal gets content from.

One pooled ``aiohttp.ClientSession`` (keep-alive, C-accelerated parsing), opened lazily
inside the serving event loop; JSON decoded with orjson. Answers the portal must
handle become exceptions: ``NotFound`` (404), ``Gone`` (410, a retracted story),
``Unavailable`` (5xx, timeouts, connection errors: the portal shows its 503 page).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
import orjson

from portal.settings import GatewaySettings

Json = dict[str, Any]


class GatewayError(Exception):
    def __init__(self, status: int, reason: str = "") -> None:
        super().__init__(f"gateway answered {status} {reason}".strip())
        self.status = status
        self.reason = reason


class NotFound(GatewayError):
    pass


class Gone(GatewayError):
    pass


class Forbidden(GatewayError):
    """401/403 on the staff read: the session's token is no longer good."""


class Unavailable(GatewayError):
    pass


@dataclass(frozen=True, slots=True)
class Document:
    """A feed or sitemap, passed through as the gateway made it."""

    body: bytes
    content_type: str
    etag: str


def _q(value: str) -> str:
    return quote(value, safe="")


class GatewayClient:
    def __init__(self, settings: GatewaySettings) -> None:
        self.settings = settings
        self.base_url = settings.url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None
        self._slots = asyncio.Semaphore(settings.max_connections)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=self.settings.max_connections, keepalive_timeout=30
                ),
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout_s),
                headers={"Accept": "application/json", "User-Agent": "newsroom-portal"},
                auto_decompress=True,
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _get(
        self, path: str, params: dict[str, Any] | None = None, *, token: str | None = None
    ) -> tuple[bytes, Any]:
        """(body, headers) of a 200; the errors above otherwise."""
        headers = {"Authorization": f"Bearer {token}"} if token else None
        clean = {k: str(v) for k, v in (params or {}).items() if v not in (None, "")}
        try:
            async with (
                self._slots,
                self._client().get(
                    self.base_url + path, params=clean or None, headers=headers
                ) as response,
            ):
                body = await response.read()
                status = response.status
                response_headers = response.headers
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise Unavailable(503, type(exc).__name__) from exc
        if status == 200:
            return body, response_headers
        reason = ""
        if response_headers.get("content-type", "").startswith("application/problem+json"):
            try:
                reason = str(orjson.loads(body).get("reason", ""))
            except orjson.JSONDecodeError:
                reason = ""
        if status == 404:
            raise NotFound(status, reason)
        if status == 410:
            raise Gone(status, reason)
        if status in (401, 403):
            raise Forbidden(status, reason)
        if status == 400 and reason == "INVALID_PAGE_TOKEN":
            raise NotFound(status, reason)
        raise Unavailable(status, reason)

    async def _json(
        self, path: str, params: dict[str, Any] | None = None, *, token: str | None = None
    ) -> Json:
        body, _headers = await self._get(path, params, token=token)
        data: Json = orjson.loads(body)
        return data

    @staticmethod
    def _tenant(tenant: str) -> str:
        return f"/public/v1/tenants/{_q(tenant)}"

    async def sites(self) -> Json:
        return await self._json("/public/v1/sites")

    async def home(self, tenant: str) -> Json:
        return await self._json(f"{self._tenant(tenant)}/")

    async def section(self, tenant: str, section: str, cursor: str | None, limit: int) -> Json:
        return await self._json(
            f"{self._tenant(tenant)}/sections/{_q(section)}", {"cursor": cursor, "limit": limit}
        )

    async def stories(
        self, tenant: str, *, type: str | None = None, section: str | None = None, limit: int = 20
    ) -> Json:
        return await self._json(
            f"{self._tenant(tenant)}/stories", {"type": type, "section": section, "limit": limit}
        )

    async def tag(self, tenant: str, tag: str, cursor: str | None, limit: int) -> Json:
        return await self._json(
            f"{self._tenant(tenant)}/tags/{_q(tag)}", {"cursor": cursor, "limit": limit}
        )

    async def story(self, tenant: str, slug: str) -> Json:
        return await self._json(f"{self._tenant(tenant)}/stories/{_q(slug)}")

    async def staff_story(self, tenant: str, slug: str, token: str) -> Json:
        return await self._json(f"/v1/portal/tenants/{_q(tenant)}/stories/{_q(slug)}", token=token)

    async def preview(self, tenant: str, story_id: str, revision: int | None, token: str) -> Json:
        """A revision as it will be published (staff of the tenant; never cached)."""
        return await self._json(
            f"/v1/tenants/{_q(tenant)}/stories/{_q(story_id)}/preview",
            {"revision": revision},
            token=token,
        )

    async def related(self, tenant: str, slug: str, limit: int = 4) -> Json:
        return await self._json(
            f"{self._tenant(tenant)}/stories/{_q(slug)}/related", {"limit": limit}
        )

    async def search(self, tenant: str, query: str, cursor: str | None, limit: int) -> Json:
        return await self._json(
            f"{self._tenant(tenant)}/search", {"q": query, "cursor": cursor, "limit": limit}
        )

    async def document(self, tenant: str, name: str) -> Document:
        """``rss.xml``, ``atom.xml``, ``sitemap.xml``, ``news-sitemap.xml`` or
        ``sections/<slug>/rss.xml``."""
        body, headers = await self._get(f"{self._tenant(tenant)}/{name}")
        return Document(
            body, headers.get("content-type", "application/xml"), headers.get("etag", "")
        )

    async def ready(self) -> bool:
        try:
            await self._get("/healthz")
        except GatewayError:
            return False
        return True
