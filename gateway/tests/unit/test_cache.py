from __future__ import annotations

import asyncio

import pytest

from gateway.cache import CachedResponse, CacheKey, PublicCache, request_key, strong_etag
from gateway.settings import CacheSettings

pytestmark = pytest.mark.anyio


def cache_key(tenant: str, rest: str = "", query: bytes = b"") -> CacheKey:
    key = request_key(f"/public/v1/tenants/{tenant}/{rest}", query)
    assert key is not None
    return key


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def ready_cache(**overrides: object) -> tuple[PublicCache, Clock]:
    clock = Clock()
    cache = PublicCache(CacheSettings.model_validate(overrides), clock=clock)
    cache.mark_ready()
    return cache, clock


class Loader:
    def __init__(self, body: bytes = b'{"a":1}') -> None:
        self.calls = 0
        self.body = body

    async def __call__(self) -> CachedResponse:
        self.calls += 1
        await asyncio.sleep(0)
        return CachedResponse.of(self.body + str(self.calls).encode(), "application/json")


async def test_second_read_is_a_hit_with_the_same_etag() -> None:
    cache, _ = ready_cache()
    load = Loader()
    key = cache_key("halong", "stories/a")
    first = await cache.get_or_load(key, load)
    second = await cache.get_or_load(key, load)
    assert load.calls == 1
    assert second == first
    assert first.etag == strong_etag(first.body) and first.etag.startswith('"')


async def test_keys_differ_by_tenant_route_and_params() -> None:
    cache, _ = ready_cache()
    load = Loader()
    for key in (
        cache_key("halong", "stories/a"),
        cache_key("uongbi", "stories/a"),
        cache_key("halong", "stories/b"),
        cache_key("halong", "search", b"q=a"),
    ):
        await cache.get_or_load(key, load)
    assert load.calls == 4
    assert len(cache) == 4


async def test_invalidation_drops_only_that_tenant() -> None:
    cache, _ = ready_cache()
    load = Loader()
    halong, uongbi = cache_key("halong"), cache_key("uongbi")
    await cache.get_or_load(halong, load)
    await cache.get_or_load(uongbi, load)
    assert cache.invalidate_tenant("halong", cause="retracted") == 1
    await cache.get_or_load(halong, load)
    await cache.get_or_load(uongbi, load)
    assert load.calls == 3


async def test_a_load_racing_an_invalidation_is_not_stored() -> None:
    cache, _ = ready_cache()
    key = cache_key("halong", "stories/a")
    release = asyncio.Event()
    calls = 0

    async def slow() -> CachedResponse:
        nonlocal calls
        calls += 1
        await release.wait()
        return CachedResponse.of(b"stale", "application/json")

    pending = asyncio.ensure_future(cache.get_or_load(key, slow))
    await asyncio.sleep(0.01)
    cache.invalidate_tenant("halong")
    release.set()
    assert (await pending).body == b"stale"  # the caller that asked before still gets it
    assert len(cache) == 0  # but it is not kept
    await cache.get_or_load(key, slow)
    assert calls == 2


async def test_concurrent_misses_share_one_load() -> None:
    cache, _ = ready_cache()
    load = Loader()
    key = cache_key("halong", "stories/a")
    results = await asyncio.gather(*(cache.get_or_load(key, load) for _ in range(20)))
    assert load.calls == 1
    assert len({r.etag for r in results}) == 1


async def test_errors_are_not_cached_and_reach_every_waiter() -> None:
    cache, _ = ready_cache()
    calls = 0

    async def failing() -> CachedResponse:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        raise LookupError("gone")

    key = cache_key("halong", "stories/a")
    outcomes = await asyncio.gather(
        *(cache.get_or_load(key, failing) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(o, LookupError) for o in outcomes)
    assert calls == 1
    with pytest.raises(LookupError):
        await cache.get_or_load(key, failing)
    assert calls == 2


async def test_ttl_expires_entries() -> None:
    cache, clock = ready_cache(ttl_s=30)
    load = Loader()
    key = cache_key("halong")
    await cache.get_or_load(key, load)
    clock.now += 29
    await cache.get_or_load(key, load)
    assert load.calls == 1
    clock.now += 2
    await cache.get_or_load(key, load)
    assert load.calls == 2


async def test_size_is_bounded_lru() -> None:
    cache, _ = ready_cache(max_entries=3)
    load = Loader()
    keys = [cache_key("halong", f"stories/{i}") for i in range(4)]
    for key in keys[:3]:
        await cache.get_or_load(key, load)
    await cache.get_or_load(keys[0], load)  # touch: keys[1] is now the oldest
    await cache.get_or_load(keys[3], load)
    assert len(cache) == 3
    calls = load.calls
    await cache.get_or_load(keys[0], load)
    assert load.calls == calls
    await cache.get_or_load(keys[1], load)
    assert load.calls == calls + 1


async def test_disabled_or_unready_cache_always_loads() -> None:
    disabled = PublicCache(CacheSettings(enabled=False))
    disabled.mark_ready()
    unready = PublicCache(CacheSettings())
    for cache in (disabled, unready):
        load = Loader()
        key = cache_key("halong")
        await cache.get_or_load(key, load)
        await cache.get_or_load(key, load)
        assert load.calls == 2
        assert len(cache) == 0


async def test_losing_the_consumer_clears_the_cache() -> None:
    cache, _ = ready_cache()
    load = Loader()
    await cache.get_or_load(cache_key("halong"), load)
    cache.mark_unready()
    assert len(cache) == 0 and not cache.active


def test_request_keys_are_tenant_path_and_exact_query() -> None:
    assert request_key("/public/v1/tenants/halong/search", b"q=than") == (
        "halong",
        "/public/v1/tenants/halong/search",
        b"q=than",
    )
    assert request_key("/public/v1/tenants/halong/", b"") == (
        "halong",
        "/public/v1/tenants/halong/",
        b"",
    )
    assert request_key("/v1/tenants/halong/stories", b"") is None
    assert request_key("/public/v1/tenants/", b"") is None


async def test_peek_serves_only_fresh_entries_of_the_current_generation() -> None:
    cache, clock = ready_cache(ttl_s=30)
    key = cache_key("halong", "stories/a")
    assert cache.peek(key) is None
    await cache.get_or_load(key, Loader(), route="the-route")
    hit = cache.peek(key)
    assert hit is not None and hit[1] == "the-route"
    cache.invalidate_tenant("halong")
    assert cache.peek(key) is None
    await cache.get_or_load(key, Loader())
    clock.now += 31
    assert cache.peek(key) is None
