"""Which tenant's site a request is for, and that site's URLs.

The site directory comes from the gateway (``/public/v1/sites``): the group tenant's site
is the portal's root, another tenant's is ``/<slug>`` under it, or the root of its own
hostname. A request is matched by its Host first (own hostnames), then by its first path
segment (path sites), else it belongs to the group's site. A path site whose tenant has
its own hostname redirects there, so every page has one canonical URL.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Site:
    tenant: str
    name: str
    default_language: str
    group_tenant: bool
    base_url: str
    hostname: str | None
    # Top-level sections, in menu order: {"slug", "name", "description"}.
    sections: tuple[dict[str, str], ...] = ()

    def section(self, slug: str) -> dict[str, str] | None:
        return next((s for s in self.sections if s["slug"] == slug), None)

    @property
    def prefix(self) -> str:
        """The path of the site's root on its host ('' or '/<slug>')."""
        return urlsplit(self.base_url).path.rstrip("/")

    def url(self, path: str = "/") -> str:
        """An absolute URL of the site (``path`` starts with '/')."""
        return self.base_url + (path if path != "/" or not self.prefix else "")

    def path(self, path: str = "/") -> str:
        """A host-relative link to a page of the site."""
        return (self.prefix + path) if path != "/" else (self.prefix or "/")

    @classmethod
    def of(cls, data: dict[str, Any]) -> Site:
        return cls(
            tenant=data["tenant"],
            name=data["name"],
            default_language=data.get("default_language") or "vi",
            group_tenant=bool(data.get("group_tenant")),
            base_url=str(data["base_url"]).rstrip("/"),
            hostname=data.get("hostname"),
            sections=tuple(
                {
                    "slug": str(x["slug"]),
                    "name": str(x["name"]),
                    "description": str(x.get("description", "")),
                }
                for x in data.get("sections") or []
            ),
        )


@dataclass(frozen=True, slots=True)
class Match:
    site: Site
    # The path inside the site, always starting with '/'.
    rest: str
    # Set when the request must move to the site's canonical address.
    redirect: str | None = None


@dataclass(frozen=True, slots=True)
class Directory:
    sites: tuple[Site, ...]
    portal_url: str

    @property
    def group(self) -> Site | None:
        return next((s for s in self.sites if s.group_tenant), None)

    def by_tenant(self, tenant: str) -> Site | None:
        return next((s for s in self.sites if s.tenant == tenant), None)

    @property
    def subsidiaries(self) -> list[Site]:
        return [s for s in self.sites if not s.group_tenant]

    def match(self, host: str, path: str) -> Match | None:
        name = host.rsplit(":", 1)[0].lower() if not host.startswith("[") else host
        for site in self.sites:
            if site.hostname and site.hostname.lower() == name:
                return Match(site, path or "/")
        segment, _, remainder = path.lstrip("/").partition("/")
        if segment:
            for site in self.sites:
                if site.group_tenant or site.tenant != segment:
                    continue
                rest = "/" + remainder
                if site.hostname:  # lives on its own hostname: one canonical address
                    return Match(site, rest, redirect=site.url(rest))
                return Match(site, rest)
        group = self.group
        return Match(group, path or "/") if group is not None else None


Loader = Callable[[], Awaitable[dict[str, Any]]]


class SiteDirectory:
    """The directory from the gateway, kept ``ttl_s`` (tenants are rarely added)."""

    def __init__(
        self, load: Loader, *, ttl_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._load = load
        self._ttl_s = ttl_s
        self._clock = clock
        self._value: Directory | None = None
        self._at = 0.0
        self._lock = asyncio.Lock()

    async def get(self) -> Directory:
        if self._value is not None and self._clock() - self._at < self._ttl_s:
            return self._value
        async with self._lock:
            if self._value is None or self._clock() - self._at >= self._ttl_s:
                data = await self._load()
                self._value = Directory(
                    tuple(Site.of(s) for s in data.get("sites", [])),
                    str(data.get("portal_url", "")).rstrip("/"),
                )
                self._at = self._clock()
        return self._value

    def forget(self) -> None:
        self._value = None
