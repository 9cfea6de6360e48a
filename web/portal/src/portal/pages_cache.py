"""Rendered pages kept in the process, dropped per tenant by content events.

Keys are (host, path, query string) of the request; values are finished responses:
status, the HTML and its gzip, strong ETags for both codings, headers. Bounded (LRU) with
a TTL as a safety net. Each tenant has a generation number bumped by every invalidation;
a page rendered while an invalidation happened is not stored, and for ``settle_s`` after
one the tenant's pages are served but not stored (the gateway drops its own cache on the
same event, possibly a moment after us). Until the invalidation listener has its
partitions the cache is bypassed, so a serving cache never misses an event.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from portal.metrics import PAGE_CACHE
from portal.settings import PageCacheSettings

Key = tuple[str, str, bytes]


def strong_etag(body: bytes, suffix: str = "") -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + suffix + '"'


@dataclass(frozen=True, slots=True)
class Page:
    """A finished response, in both codings."""

    status: int
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()
    gzipped: bytes = b""
    etag: str = ""
    gzip_etag: str = ""

    @classmethod
    def of(
        cls,
        status: int,
        body: bytes,
        media_type: str = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (),
        *,
        etag: str | None = None,
    ) -> Page:
        compressed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) > 512 else b""
        tag = etag or strong_etag(body)
        gzip_tag = tag[:-1] + '-gz"' if compressed and tag.endswith('"') else ""
        return cls(status, body, media_type, headers, compressed, tag, gzip_tag)


@dataclass(slots=True)
class _Entry:
    page: Page
    expires_at: float
    generation: int


@dataclass
class PageCache:
    settings: PageCacheSettings
    clock: Callable[[], float] = time.monotonic
    _entries: OrderedDict[Key, _Entry] = field(default_factory=OrderedDict)
    _tenant_of: dict[Key, str] = field(default_factory=dict)
    _by_tenant: dict[str, set[Key]] = field(default_factory=dict)
    _generations: dict[str, int] = field(default_factory=dict)
    _settling: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ready: threading.Event = field(default_factory=threading.Event)

    @property
    def active(self) -> bool:
        return self.settings.enabled and self._ready.is_set()

    def mark_ready(self) -> None:
        self._ready.set()

    def mark_unready(self) -> None:
        self._ready.clear()
        self.clear()

    def generation(self, tenant: str) -> int:
        return self._generations.get(tenant, 0)

    def get(self, key: Key) -> Page | None:
        if not self.active:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                PAGE_CACHE.labels("miss").inc()
                return None
            tenant = self._tenant_of.get(key, "")
            if entry.expires_at <= self.clock() or entry.generation != self.generation(tenant):
                self._drop(key)
                PAGE_CACHE.labels("miss").inc()
                return None
            self._entries.move_to_end(key)
        PAGE_CACHE.labels("hit").inc()
        return entry.page

    def put(self, key: Key, tenant: str, page: Page, generation: int) -> bool:
        """Store ``page`` rendered at ``generation`` of ``tenant``; False when refused."""
        if not self.active:
            return False
        with self._lock:
            now = self.clock()
            if generation != self.generation(tenant) or self._settling.get(tenant, 0.0) > now:
                return False
            self._drop(key)
            self._entries[key] = _Entry(page, now + self.settings.ttl_s, generation)
            self._tenant_of[key] = tenant
            self._by_tenant.setdefault(tenant, set()).add(key)
            while len(self._entries) > self.settings.max_entries:
                oldest, _ = self._entries.popitem(last=False)
                self._forget(oldest)
        return True

    def invalidate_tenant(self, tenant: str) -> int:
        with self._lock:
            self._generations[tenant] = self.generation(tenant) + 1
            self._settling[tenant] = self.clock() + self.settings.settle_s
            keys = self._by_tenant.pop(tenant, set())
            for key in keys:
                self._entries.pop(key, None)
                self._tenant_of.pop(key, None)
        PAGE_CACHE.labels("invalidated").inc(len(keys))
        return len(keys)

    def clear(self) -> None:
        with self._lock:
            for tenant in set(self._generations) | set(self._by_tenant):
                self._generations[tenant] = self.generation(tenant) + 1
            self._entries.clear()
            self._tenant_of.clear()
            self._by_tenant.clear()

    def _drop(self, key: Key) -> None:
        if self._entries.pop(key, None) is not None:
            self._forget(key)

    def _forget(self, key: Key) -> None:
        tenant = self._tenant_of.pop(key, None)
        if tenant is not None:
            keys = self._by_tenant.get(tenant)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._by_tenant[tenant]

    def __len__(self) -> int:
        return len(self._entries)
