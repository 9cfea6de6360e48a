"""Portal benchmark: the article page through the portal vs a bare app rendering the same
template from memory, 64 connections.

Starts what it needs (the infra must be up: `make infra-up`): a fresh content database,
the content service, a gateway and two portals as subprocesses (`python -m ...`), one
published story, and the bare app: the portal's own page code and templates with the
gateway's answers held in memory (no HTTP calls, no page cache), under the same uvicorn
settings. The load generator and the interleaved rounds are those of
``bench/public_read.py`` (wrk when installed), against each target in turn:

  bare       the article rendered from memory for every request
  cache_on   the portal with its page cache (a hit: a dict lookup and the stored bytes)
  cache_off  the portal with PORTAL_CACHE__ENABLED=false: the gateway's public API over
             HTTP (its read cache on, as deployed) and the template rendered each time

Rounds go bare, cache_on, bare, cache_off, bare; each ratio is against the mean of the two
bare runs around it and the median over the rounds is reported with the p99 of each
portal. The last line is the verdict; exit 0 only on PASS. BENCH_ROUNDS sets the rounds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# This file is bench/portal.py: keep `import portal` meaning the portal package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("bench_public_read", HERE / "public_read.py")
assert _spec is not None and _spec.loader is not None
base = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = base  # dataclasses look their module up while it loads
_spec.loader.exec_module(base)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TARGETS = {"cache_on": 0.5, "cache_off": 0.2}
TENANT = base.TENANT


def say(message: str) -> None:
    print(f"[portal] {message}", flush=True)


# --- the bare app (runs in its own process) ------------------------------------------------


def bare_main(args: argparse.Namespace) -> None:
    """The portal's page code over the gateway's answers recorded in ``args.serve_bare``."""
    import uvicorn

    from portal.app import create_app
    from portal.gateway import GatewayClient, Json
    from portal.settings import PageCacheSettings, PortalSettings

    recorded: dict[str, Json] = json.loads(Path(args.serve_bare).read_text())

    class MemoryGateway(GatewayClient):
        async def sites(self) -> Json:
            return recorded["sites"]

        async def home(self, tenant: str) -> Json:
            return recorded["home"]

        async def story(self, tenant: str, slug: str) -> Json:
            return recorded["story"]

        async def related(self, tenant: str, slug: str, limit: int = 4) -> Json:
            return recorded["related"]

    settings = PortalSettings(cache=PageCacheSettings(enabled=False))
    app = create_app(settings)
    startup = app.startup

    async def start_with_memory() -> None:
        await startup()
        assert app.builder is not None
        memory = MemoryGateway(settings.gateway)
        app.builder.gateway = memory
        assert app.directory is not None
        app.directory._load = memory.sites

    app.startup = start_with_memory  # type: ignore[method-assign]
    uvicorn.run(app, **base.UVICORN_SETTINGS, port=args.port)


def record(gateway: str, slug: str, path: Path) -> None:
    import httpx

    tenant = f"{gateway}/public/v1/tenants/{TENANT}"
    answers = {
        "sites": httpx.get(f"{gateway}/public/v1/sites").json(),
        "home": httpx.get(f"{tenant}/").json(),
        "story": httpx.get(f"{tenant}/stories/{slug}").json(),
        "related": httpx.get(f"{tenant}/stories/{slug}/related", params={"limit": 4}).json(),
    }
    path.write_text(json.dumps(answers, ensure_ascii=False))


# --- orchestration -------------------------------------------------------------------------


def main() -> int:
    with base.content_bench("portal", say) as bench:
        infra, kafka, processes, logs = bench.infra, bench.kafka, bench.processes, bench.logs
        run, content_topic, editorial_topic = bench.run, bench.content_topic, bench.editorial_topic
        content_address = bench.address
        say("publishing one story")
        slug = base.publish_one_story(content_address, editorial_topic, kafka)

        gateway_port = base.free_port()
        portal_ports = {"cache_on": base.free_port(), "cache_off": base.free_port()}
        portal_root = f"http://127.0.0.1:{portal_ports['cache_on']}"
        processes.start(
            "gateway",
            [sys.executable, "-m", "gateway"],
            {
                "GATEWAY_HTTP__PORT": str(gateway_port),
                "GATEWAY_CONTENT__TARGET": content_address,
                "GATEWAY_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                "GATEWAY_CACHE__EVENTS_TOPIC": content_topic,
                "GATEWAY_CACHE__GROUP_PREFIX": f"bench.portal.gateway.{run}",
                "GATEWAY_KEYCLOAK__URL": infra["NEWSROOM_KEYCLOAK_URL"],
                "GATEWAY_PUBLIC__PORTAL_URL": portal_root,
                "GATEWAY_LOG__LEVEL": "WARNING",
                "GATEWAY_LIVE__ENABLED": "false",  # no newsroom app here
            },
        )
        gateway = f"http://127.0.0.1:{gateway_port}"
        base.wait_http(
            gateway + "/readyz", timeout_s=60, ok=lambda r: r.json()["advisory"]["cache"]
        )
        path = f"/{TENANT}/bai-viet/{slug}"
        bases: dict[str, str] = {}
        for name, port in portal_ports.items():
            processes.start(
                f"portal-{name}",
                [sys.executable, "-m", "portal"],
                {
                    "PORTAL_WEB__PORT": str(port),
                    "PORTAL_HTTP__PORT": str(base.free_port()),
                    "PORTAL_GATEWAY__URL": gateway,
                    "PORTAL_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                    "PORTAL_CACHE__ENABLED": "true" if name == "cache_on" else "false",
                    "PORTAL_CACHE__EVENTS_TOPIC": content_topic,
                    "PORTAL_CACHE__CLIENT_PREFIX": f"bench.portal.pages.{run}",
                    "PORTAL_OIDC__URL": infra["NEWSROOM_KEYCLOAK_URL"],
                    "PORTAL_LOG__LEVEL": "WARNING",
                },
            )
            bases[name] = f"http://127.0.0.1:{port}"
            base.wait_http(bases[name] + "/readyz", timeout_s=60)
            say(f"portal {name} serving at {bases[name]}")
        recorded = logs / "gateway-answers.json"
        record(gateway, slug, recorded)
        bare_port = base.free_port()
        say("starting the bare app (the portal's templates over the recorded answers)")
        processes.start(
            "bare",
            [sys.executable, __file__, "--serve-bare", str(recorded), "--port", str(bare_port)],
            {"PORTAL_OIDC__URL": infra["NEWSROOM_KEYCLOAK_URL"]},
        )
        bare_url = f"http://127.0.0.1:{bare_port}{path}"
        page = base.wait_http(bare_url, timeout_s=30)
        for name, url in bases.items():
            if base.wait_http(url + path, timeout_s=10).text != page.text:
                raise RuntimeError(f"portal {name} and the bare app render different pages")
        say(f"measuring GET {path} ({len(page.content):,} bytes of HTML)")

        def measure(name: str, url: str) -> Any:
            result = base.run_load(url, [])
            say(
                f"  {name:>9}: {result.rps:8,.0f} req/s  p50 {result.p50_ms:7.2f} ms  "
                f"p99 {result.p99_ms:7.2f} ms  {result.statuses or ''}"
            )
            return result

        ratios: dict[str, list[float]] = {name: [] for name in TARGETS}
        p99s: dict[str, list[float]] = {name: [] for name in TARGETS}
        for number in range(1, ROUNDS + 1):
            say(
                f"round {number}/{ROUNDS}: {base.CONNECTIONS} connections, "
                f"{base.DURATION_S:.0f} s each"
            )
            bare_1 = measure("bare", bare_url).rps
            cache_on = measure("cache_on", bases["cache_on"] + path)
            bare_2 = measure("bare", bare_url).rps
            cache_off = measure("cache_off", bases["cache_off"] + path)
            bare_3 = measure("bare", bare_url).rps
            for name, result, bare_rps in (
                ("cache_on", cache_on, (bare_1 + bare_2) / 2),
                ("cache_off", cache_off, (bare_2 + bare_3) / 2),
            ):
                if result.statuses:
                    raise RuntimeError(f"{name} answered errors: {result.statuses}")
                ratios[name].append(result.rps / bare_rps if bare_rps else 0.0)
                p99s[name].append(result.p99_ms)
            say("  ratios: " + "  ".join(f"{n}={v[-1]:.2f}x" for n, v in ratios.items()))
        final = {name: statistics.median(values) for name, values in ratios.items()}
        passed = all(final[name] >= target for name, target in TARGETS.items())
        print(
            f"portal: cache_on={final['cache_on']:.2f}x cache_off={final['cache_off']:.2f}x "
            f"p99_ms cache_on={statistics.median(p99s['cache_on']):.2f} "
            f"cache_off={statistics.median(p99s['cache_off']):.2f} "
            f"(target cache_on>=0.5 cache_off>=0.2) {'PASS' if passed else 'FAIL'}",
            flush=True,
        )
        return 0 if passed else 1


def cli() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--serve-bare", metavar="ANSWERS_JSON")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.serve_bare:
        bare_main(args)
        return 0
    return main()


if __name__ == "__main__":
    sys.exit(cli())
