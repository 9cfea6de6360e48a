"""The newsroom app in the machine's Chromium: what the queue screen downloads, how fast
the queue and the editor become usable, and the autosave round trip of a long story.

Starts the real content and editorial-approval services (in this process, fresh
databases and topics), the gateway over HTTP and the built app behind its static server,
signs in on Keycloak's login page, then measures with the app's own User Timing marks:

* the gzip size of the JavaScript loaded for the queue screen (target <= 250 KB; the
  editor chunk must not be among it), against the budget;
* navigation -> interactive queue and navigation -> ready editor (a 5,000-word story),
  each over 10 loads with the HTTP cache disabled; the baseline is navigation -> the
  response of a static document from the same server, measured alongside;
* the autosave round trip (the app's PUT of a 5,000-word story, from the edit's save to
  the gateway's answer) p99 over 100 saves (target <= 150 ms on this machine), with the
  browser cache on as in a working session; the baseline is the same page's GET /v1/me
  round trip, same token, same gateway. Where the time went is printed alongside: the
  browser's resource timing of each request and the gateway's ``Server-Timing`` (its own
  handling, content's gRPC answer inside it), and the page's main-thread long tasks.

Ends with ``newsroom_app: <figures> (target ...) PASS|FAIL``; exit 0 only on PASS.
"""

from __future__ import annotations

import re
import statistics
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, sync_playwright

from content_service.settings import ContentSettings
from content_service.tenants.models import TenantCreate
from content_service.wiring import assemble as assemble_content
from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.wiring import assemble as assemble_editorial
from gateway.settings import (
    CacheSettings,
    CorsSettings,
    GatewaySettings,
    LiveSettings,
    UpstreamSettings,
)
from newsroom_cli import webapp
from newsroom_core.auth import KeycloakSettings
from newsroom_core.db import drop_database
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.identity import SYSTEM
from newsroom_core.localstack import Infra
from newsroom_core.settings import DbSettings, GrpcSettings, HttpSettings, KafkaSettings
from newsroom_testkit.gateway import admin_client, served_gateway

TENANT = "halong"
USER = "halong.editor"
LOADS = 10
SAVES = 100
WORDS = 5000
TARGET_JS_KB = 250.0
TARGET_AUTOSAVE_P99_MS = 150.0


# Waits for the n-th autosave measure without polling: a polling wait would run on the
# page's main thread every frame while the save it measures is in flight.
WAIT_FOR_SAVES = """(n) => new Promise((resolve, reject) => {
  const done = () => performance.getEntriesByName('autosave', 'measure').length >= n;
  if (done()) return resolve(true);
  const timer = setTimeout(() => reject(new Error('no autosave within 30 s')), 30000);
  const observer = new PerformanceObserver(() => {
    if (done()) { observer.disconnect(); clearTimeout(timer); resolve(true); }
  });
  observer.observe({ type: 'measure' });
})"""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * pct / 100) - 1))]


def long_body(words: int) -> str:
    sentence = (
        "Công nhân mỏ than Hạ Long hoàn thành kế hoạch sản xuất quý bốn an toàn, "
        "vượt sản lượng và chăm lo đời sống người lao động trong dịp Tết Nguyên Đán."
    )
    per_sentence = len(sentence.split())
    paragraphs, count = [], 0
    while count < words:
        paragraphs.append(f"<p>{sentence} {sentence} {sentence}</p>")
        count += 3 * per_sentence
    return "".join(paragraphs)


@contextmanager
def services(infra: Infra, run: str) -> Iterator[GatewaySettings]:
    kafka = KafkaSettings(bootstrap=infra.kafka_bootstrap)
    content_topic, editorial_topic = f"bench.{run}.content", f"bench.{run}.editorial"
    ensure_topics(kafka, [content_topic, editorial_topic])
    server = infra.pg_url.rsplit("/", 1)[0]
    content_db, editorial_db = f"{server}/bench_app_content_{run}", f"{server}/bench_app_ed_{run}"
    grpc, http = GrpcSettings(port=0, shutdown_grace_s=1), HttpSettings(port=0)
    content = assemble_content(
        ContentSettings(
            db=DbSettings(url=content_db),
            kafka=kafka,
            events_topic=content_topic,
            editorial_topic=editorial_topic,
            service_name=f"content-bench-app-{run}",
            grpc=grpc,
            http=http,
        ),
        consumer_purpose=f"bench-app-{run}",
    )
    content.runtime.start()
    editorial = None
    try:
        tenant = TenantCreate(slug=TENANT, name="Than Hạ Long")
        content.aggregates.tenants.create_tenant(SYSTEM, tenant)
        editorial = assemble_editorial(
            EditorialApprovalSettings(
                db=DbSettings(url=editorial_db),
                kafka=kafka,
                content_target=content.address,
                events_topic=editorial_topic,
                content_events_topic=content_topic,
                service_name=f"editorial-bench-app-{run}",
                grpc=grpc,
                http=http,
            ),
            consumer_purpose=f"bench-app-{run}",
        )
        editorial.runtime.start()
        yield GatewaySettings(
            content=UpstreamSettings(target=content.address),
            editorial=UpstreamSettings(target=editorial.address),
            keycloak=KeycloakSettings(url=infra["NEWSROOM_KEYCLOAK_URL"]),
            kafka=kafka,
            cache=CacheSettings(events_topic=content_topic, group_prefix=f"bench.app.{run}"),
            live=LiveSettings(events_topic=editorial_topic, client_prefix=f"bench.app.{run}"),
        )
    finally:
        if editorial is not None:
            editorial.runtime.stop()
        content.runtime.stop()
        drop_database(content_db)
        drop_database(editorial_db)


def mark_time(page: Page, name: str) -> float:
    page.wait_for_function(
        "(name) => performance.getEntriesByName(name, 'mark').length > 0", arg=name
    )
    value: float = page.evaluate(
        "(name) => performance.getEntriesByName(name, 'mark')[0].startTime", name
    )
    return value


def document_time(page: Page, url: str) -> float:
    page.goto(url)
    value: float = page.evaluate("() => performance.getEntriesByType('navigation')[0].responseEnd")
    return value


def measure(app_url: str, gateway_url: str, keycloak_url: str) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=webapp.CHROMIUM, args=webapp.CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.set_default_timeout(30_000)
        webapp.keycloak_sign_in(page, app_url, keycloak_url, USER)
        token = webapp.access_token(page)
        headers = {"Authorization": f"Bearer {token}"}
        story = httpx.post(
            f"{gateway_url}/v1/tenants/{TENANT}/stories",
            json={"type": "news", "headline": "Bài dài 5.000 chữ", "body_html": long_body(WORDS)},
            headers=headers,
            timeout=30,
        )
        story.raise_for_status()
        story_id = story.json()["id"]
        words = len(re.sub("<[^>]+>", " ", story.json()["body_html"]).split())

        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

        # JavaScript of the queue screen (fresh load, cache off), as sent over the wire.
        scripts: dict[str, int] = {}

        def on_response(response: Any) -> None:
            if response.request.resource_type == "script" and response.url.startswith(app_url):
                scripts[response.url] = int(response.headers.get("content-length", "0"))

        page.on("response", on_response)
        queue_url = f"{app_url}/t/{TENANT}/queue"
        page.goto(queue_url)
        mark_time(page, "queue-interactive")
        page.remove_listener("response", on_response)
        figures["queue_js_kb"] = sum(scripts.values()) / 1024
        figures["queue_js_files"] = sorted(Path(u).name for u in scripts)
        figures["editor_chunk_on_queue"] = any("StoryEditor" in u for u in scripts)

        print(f"loading the queue {LOADS} times...", flush=True)
        queue, editor, baseline = [], [], []
        for _ in range(LOADS):
            baseline.append(document_time(page, f"{app_url}/config.json"))
            page.goto(queue_url)
            queue.append(mark_time(page, "queue-interactive"))
        print(f"loading the editor ({words} words) {LOADS} times...", flush=True)
        for _ in range(LOADS):
            page.goto(f"{app_url}/t/{TENANT}/stories/{story_id}")
            editor.append(mark_time(page, "editor-ready"))
        figures.update(queue=queue, editor=editor, baseline=baseline, words=words)

        # The saves are measured the way a person typing meets them: in a session whose
        # browser cache works (DevTools' cache switch also disables Chromium's CORS preflight
        # cache, which would add an OPTIONS exchange to every save that no real session pays
        # more than once per Access-Control-Max-Age).
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        print(f"autosaving {SAVES} times...", flush=True)
        page.get_by_test_id("body-editor").click()
        page.evaluate(
            """() => {
                performance.setResourceTimingBufferSize(1000);
                performance.clearResourceTimings();
                window.__longTasks = [];
                new PerformanceObserver((list) => {
                  for (const e of list.getEntries()) window.__longTasks.push(e.duration);
                }).observe({ type: 'longtask' });
            }"""
        )
        page.keyboard.press("Control+End")
        for i in range(SAVES):
            page.keyboard.insert_text(f" {i}")
            page.evaluate(WAIT_FOR_SAVES, i + 1)
        saves: list[float] = page.evaluate(
            "() => performance.getEntriesByName('autosave', 'measure').map((m) => m.duration)"
        )
        me: list[float] = page.evaluate(
            """async ([api, token, n]) => {
                const out = [];
                for (let i = 0; i < n; i += 1) {
                  const t0 = performance.now();
                  const headers = { Authorization: "Bearer " + token };
                  const r = await fetch(api + "/v1/me", { headers });
                  await r.json();
                  out.push(performance.now() - t0);
                }
                return out;
            }""",
            [gateway_url, webapp.access_token(page), SAVES],
        )
        # Where each story request's time went: the browser's view of the exchange (the
        # CORS preflight and the queue before the request is sent, then request to last
        # byte) and the gateway's Server-Timing (its whole handling, content's answer in it).
        split: list[dict[str, float]] = page.evaluate(
            """(story) => performance.getEntriesByType('resource')
                .filter((e) => e.initiatorType === 'fetch' && e.name.endsWith('/stories/' + story))
                .map((e) => ({
                  ...Object.fromEntries(e.serverTiming.map((t) => [t.name, t.duration])),
                  before_request: e.requestStart - e.startTime,
                  exchange: e.responseEnd - e.requestStart,
                  total: e.duration,
                }))
                .filter((t) => t.upstream !== undefined)""",
            story_id,
        )
        long_tasks: list[float] = page.evaluate("() => window.__longTasks ?? []")
        figures.update(saves=saves, me=me, split=split, long_tasks=long_tasks)
        browser.close()
    return figures


def main() -> int:
    infra = Infra.load()
    if not (webapp.DIST / "index.html").exists():
        print("web/newsroom/dist missing: make web-build (make bench builds it)", file=sys.stderr)
        return 2
    run = uuid.uuid4().hex[:6]
    keycloak_url = infra["NEWSROOM_KEYCLOAK_URL"]
    print("starting content, editorial-approval, gateway and the app...", flush=True)
    with services(infra, run) as settings, webapp.claimed_app_port() as port:
        app_url = f"http://127.0.0.1:{port}"
        webapp.allow_app_origins(admin_client(keycloak_url), webapp.shared_origins())
        settings = settings.model_copy(update={"cors": CorsSettings(origins=[app_url])})
        with (
            served_gateway(settings) as gateway_url,
            webapp.served_app(port, api_base=gateway_url, keycloak_url=keycloak_url),
        ):
            figures = measure(app_url, gateway_url, keycloak_url)

    js_kb = figures["queue_js_kb"]
    q50, e50, b50 = (statistics.median(figures[k]) for k in ("queue", "editor", "baseline"))
    save_p50, save_p99 = percentile(figures["saves"], 50), percentile(figures["saves"], 99)
    me_p99 = percentile(figures["me"], 99)
    print(f"queue screen JavaScript: {', '.join(figures['queue_js_files'])}")
    print(f"baseline static document: p50={b50:.1f}ms; GET /v1/me round trip p99={me_p99:.1f}ms")
    print(
        f"queue interactive p50={q50:.0f}ms p90={percentile(figures['queue'], 90):.0f}ms; "
        f"editor ready ({figures['words']} words) p50={e50:.0f}ms "
        f"p90={percentile(figures['editor'], 90):.0f}ms over {LOADS} loads each"
    )
    saves = len(figures["saves"])
    slowest = ", ".join(f"{v:.0f}" for v in sorted(figures["saves"])[-5:])
    print(
        f"autosave round trip p50={save_p50:.1f}ms p99={save_p99:.1f}ms over {saves} saves "
        f"(slowest {slowest} ms; in order: {', '.join(f'{v:.0f}' for v in figures['saves'][:8])} …)"
    )
    split = figures["split"]
    if split:

        def p50_p99(key: str) -> str:
            values = [t[key] for t in split]
            return f"p50={percentile(values, 50):.1f} p99={percentile(values, 99):.1f}ms"

        print(
            f"story requests during the saves ({len(split)}): before the request (preflight, "
            f"queue) {p50_p99('before_request')}; request to last byte {p50_p99('exchange')}; "
            f"gateway {p50_p99('gateway')}, of which content {p50_p99('upstream')}"
        )
    tasks = figures["long_tasks"]
    print(
        f"main-thread long tasks during the saves: {len(tasks)}, "
        f"{sum(tasks):.0f}ms in all, longest {max(tasks, default=0):.0f}ms"
    )
    ok = (
        js_kb <= TARGET_JS_KB
        and not figures["editor_chunk_on_queue"]
        and save_p99 <= TARGET_AUTOSAVE_P99_MS
    )
    verdict = "PASS" if ok else "FAIL"
    print(
        f"newsroom_app: queue_js={js_kb:.0f}KB gz ({js_kb / TARGET_JS_KB:.2f} of budget, "
        f"editor chunk {'LOADED' if figures['editor_chunk_on_queue'] else 'not loaded'}) "
        f"queue_interactive_p50={q50:.0f}ms ({q50 / b50:.1f}x static doc) "
        f"editor_ready_p50={e50:.0f}ms ({e50 / b50:.1f}x static doc) "
        f"autosave_p99={save_p99:.0f}ms ({save_p99 / me_p99:.1f}x GET /v1/me) "
        f"(target js<={TARGET_JS_KB:.0f}KB, autosave p99<={TARGET_AUTOSAVE_P99_MS:.0f}ms) {verdict}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
