"""In-process read cache of the public API.

Keys are ``(tenant, path, query string)`` of the request (the route and its parameters,
exactly as the client sent them); values are finished responses (body, media type,
strong ETag). Bounded (LRU) with a TTL as a safety net; a tenant's entries are dropped
when content publishes, corrects or retracts one of its stories (``gateway.events``).

Route handlers fill the cache (``get_or_load``); ``PublicCacheMiddleware`` answers hits,
including 304 revalidations, before routing, so a hit costs one dict lookup. An entry
only exists after its route handler validated the same request and answered 200.

Correctness against races: each tenant has a generation number, bumped by every
invalidation; a response loaded while an invalidation happened is not stored. Until the
invalidation consumer has its partitions the cache is bypassed (``ready``), so an event
can never be missed by a cache that is serving. Concurrent misses of one key share one
upstream call.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from gateway.metrics import (
    CACHE_BYPASS,
    CACHE_COALESCED,
    CACHE_ENTRIES,
    CACHE_HIT,
    CACHE_INVALIDATIONS,
    CACHE_MISS,
)
from gateway.settings import CacheSettings

CacheKey = tuple[str, str, bytes]
PUBLIC_PREFIX = "/public/v1/tenants/"


@dataclass(frozen=True, slots=True)
class CachedResponse:
    body: bytes
    media_type: str
    etag: str

    @classmethod
    def of(cls, body: bytes, media_type: str) -> CachedResponse:
        return cls(body, media_type, strong_etag(body))


def strong_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def request_key(path: str, query_string: bytes) -> CacheKey | None:
    """The cache key of a public API request; None outside ``/public/v1/tenants/<t>/``."""
    if not path.startswith(PUBLIC_PREFIX):
        return None
    tenant, _, _rest = path[len(PUBLIC_PREFIX) :].partition("/")
    if not tenant:
        return None
    return (tenant, path, query_string)


@dataclass(slots=True)
class _Entry:
    value: CachedResponse
    generation: int
    expires_at: float
    route: object


Loader = Callable[[], Awaitable[CachedResponse]]


class PublicCache:
    def __init__(
        self, settings: CacheSettings, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.enabled = settings.enabled
        self.max_entries = settings.max_entries
        self.ttl_s = settings.ttl_s
        self._clock = clock
        self._entries: OrderedDict[CacheKey, _Entry] = OrderedDict()
        self._by_tenant: dict[str, set[CacheKey]] = {}
        self._generations: dict[str, int] = {}
        self._inflight: dict[CacheKey, asyncio.Task[CachedResponse]] = {}
        self._lock = threading.Lock()
        self._ready = threading.Event()

    # -- readiness (set by the invalidation consumer) ---------------------------------
    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def active(self) -> bool:
        return self.enabled and self._ready.is_set()

    def mark_ready(self) -> None:
        self._ready.set()

    def mark_unready(self) -> None:
        """Invalidations may be missed from now on: stop serving and forget everything."""
        self._ready.clear()
        self.clear()

    # -- reads --------------------------------------------------------------------------
    def peek(self, key: CacheKey) -> tuple[CachedResponse, object] | None:
        """A fresh entry and the route that made it, or None (the route handler loads)."""
        if not self.active:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if (
                entry.generation != self._generations.get(key[0], 0)
                or entry.expires_at <= self._clock()
            ):
                self._drop(key)
                return None
            self._entries.move_to_end(key)
        CACHE_HIT.inc()
        return entry.value, entry.route

    async def get_or_load(
        self, key: CacheKey, loader: Loader, *, route: object = None
    ) -> CachedResponse:
        if not self.active:
            CACHE_BYPASS.inc()
            return await loader()
        tenant = key[0]
        with self._lock:
            entry = self._entries.get(key)
            generation = self._generations.get(tenant, 0)
            if entry is not None:
                if entry.generation == generation and entry.expires_at > self._clock():
                    self._entries.move_to_end(key)
                    CACHE_HIT.inc()
                    return entry.value
                self._drop(key)
        task = self._inflight.get(key)
        if task is None:
            CACHE_MISS.inc()
            task = asyncio.ensure_future(self._load(key, generation, loader, route))
            self._inflight[key] = task
            task.add_done_callback(lambda done: self._finished(key, done))
        else:
            CACHE_COALESCED.inc()
        return await asyncio.shield(task)

    async def _load(
        self, key: CacheKey, generation: int, loader: Loader, route: object
    ) -> CachedResponse:
        value = await loader()
        self._put(key, value, generation, route)
        return value

    def _finished(self, key: CacheKey, task: asyncio.Task[CachedResponse]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if not task.cancelled():
            task.exception()  # retrieved here so an error nobody awaited is not logged

    def _put(
        self, key: CacheKey, value: CachedResponse, generation: int, route: object = None
    ) -> None:
        tenant = key[0]
        with self._lock:
            if self._generations.get(tenant, 0) != generation or not self.active:
                return  # invalidated while loading: the value may be stale
            self._entries[key] = _Entry(value, generation, self._clock() + self.ttl_s, route)
            self._entries.move_to_end(key)
            self._by_tenant.setdefault(tenant, set()).add(key)
            while len(self._entries) > self.max_entries:
                old, _ = self._entries.popitem(last=False)
                self._forget(old)
            CACHE_ENTRIES.set(len(self._entries))

    def _drop(self, key: CacheKey) -> None:
        if self._entries.pop(key, None) is not None:
            self._forget(key)

    def _forget(self, key: CacheKey) -> None:
        keys = self._by_tenant.get(key[0])
        if keys is not None:
            keys.discard(key)
            if not keys:
                del self._by_tenant[key[0]]

    # -- invalidation ---------------------------------------------------------------------
    def invalidate_tenant(self, tenant: str, *, cause: str = "manual") -> int:
        """Drop every entry of ``tenant``; returns how many were dropped."""
        with self._lock:
            self._generations[tenant] = self._generations.get(tenant, 0) + 1
            keys = self._by_tenant.pop(tenant, set())
            for key in keys:
                self._entries.pop(key, None)
            CACHE_ENTRIES.set(len(self._entries))
        CACHE_INVALIDATIONS.labels(cause).inc()
        return len(keys)

    def clear(self) -> None:
        with self._lock:
            for tenant in list(self._generations) + list(self._by_tenant):
                self._generations[tenant] = self._generations.get(tenant, 0) + 1
            self._entries.clear()
            self._by_tenant.clear()
            CACHE_ENTRIES.set(0)

    def __len__(self) -> int:
        return len(self._entries)
