"""The portal's site directory: every tenant with the base URL of its site.

The group tenant's site is the portal's root; another tenant's site is ``/<slug>`` under
it, or the root of its own hostname when ``public.tenant_hosts`` names one (same scheme
and port as the portal). Hostnames are deployment configuration (the chart's ingress
needs them too), so they live in the gateway's settings, not in the content database.
The tenant list comes from content and is kept ``sites_ttl_s``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from gateway.settings import PublicSettings
from newsroom.content.v1 import content_service_pb2 as content_pb


@dataclass(frozen=True, slots=True)
class SiteSection:
    slug: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Site:
    tenant: str
    name: str
    default_language: str
    group_tenant: bool
    base_url: str
    hostname: str | None
    # Top-level sections in order: the site's navigation.
    sections: tuple[SiteSection, ...] = ()


def site_base_url(settings: PublicSettings, tenant: str, *, group_tenant: bool) -> str:
    """The absolute base URL (no trailing slash) of a tenant's site."""
    root = settings.portal_url.rstrip("/")
    host = settings.tenant_hosts.get(tenant)
    if host:
        parts = urlsplit(root)
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, netloc, "", "", ""))
    if group_tenant:
        return root
    return f"{root}/{tenant}"


ListTenants = Callable[[Any], Awaitable[Any]]
ListSections = Callable[[str], Awaitable[Any]]


class SiteDirectory:
    def __init__(
        self, settings: PublicSettings, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._sites: list[Site] | None = None
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def sites(
        self, list_tenants: ListTenants, list_sections: ListSections | None = None
    ) -> list[Site]:
        if self._sites is not None and self._clock() - self._loaded_at < self.settings.sites_ttl_s:
            return self._sites
        async with self._lock:
            if self._sites is None or self._clock() - self._loaded_at >= self.settings.sites_ttl_s:
                self._sites = await self._load(list_tenants, list_sections)
                self._loaded_at = self._clock()
        return self._sites

    async def base_url(
        self, tenant: str, list_tenants: ListTenants, list_sections: ListSections | None = None
    ) -> str:
        for site in await self.sites(list_tenants, list_sections):
            if site.tenant == tenant:
                return site.base_url
        return site_base_url(self.settings, tenant, group_tenant=False)

    def forget(self) -> None:
        self._sites = None

    async def _load(
        self, list_tenants: ListTenants, list_sections: ListSections | None
    ) -> list[Site]:
        found: list[Site] = []
        token = ""
        while True:
            reply = await list_tenants(
                content_pb.ListTenantsRequest(page_size=200, page_token=token)
            )
            navigation = (
                await asyncio.gather(*(list_sections(t.slug) for t in reply.tenants))
                if list_sections is not None
                else [None] * len(reply.tenants)
            )
            for tenant, sections in zip(reply.tenants, navigation, strict=True):
                found.append(
                    Site(
                        tenant=tenant.slug,
                        name=tenant.name,
                        default_language=tenant.default_language or "vi",
                        group_tenant=tenant.group_tenant,
                        base_url=site_base_url(
                            self.settings, tenant.slug, group_tenant=tenant.group_tenant
                        ),
                        hostname=self.settings.tenant_hosts.get(tenant.slug),
                        sections=tuple(
                            SiteSection(s.slug, s.name, s.description)
                            for s in (sections.sections if sections is not None else [])
                            if not s.parent_id
                        ),
                    )
                )
            token = reply.next_page_token
            if not token:
                return found
