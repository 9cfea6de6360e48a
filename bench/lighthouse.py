"""Lighthouse benchmark: the portal's home, article and video pages with Lighthouse's
default mobile settings (emulated phone, simulated slow 4G and CPU throttling).

Starts what it needs (the infra must be up: `make infra-up`): a fresh content database,
the content service, a gateway and a portal as subprocesses, a home with stories, an
article and a video story. Lighthouse is the npm package pinned in
web/portal/package-lock.json (12.2.3; tools/web-deps.sh installs it) and runs the
machine's Chromium (NEWSROOM_CHROMIUM, default /usr/bin/chromium).

Targets per page: performance >= 95, accessibility 100, best practices >= 95, SEO 100;
the article page transfers less than 100 KB of HTML + CSS + JS (compressed, as sent;
images and media excluded), counted from Lighthouse's own network records. Lighthouse's
scores are absolute (its throttling is simulated from the trace), so there is no
separate baseline to measure; each figure is printed as a ratio of its target. Scores
move with the machine's load (Lighthouse measures the trace it records), so each page is
run BENCH_LIGHTHOUSE_RUNS times (default 3) and the median of each category is the
figure, as Lighthouse's own docs advise for variability. The last line is the verdict;
exit 0 only on PASS.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("bench_public_read", HERE / "public_read.py")
assert _spec is not None and _spec.loader is not None
base = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = base
_spec.loader.exec_module(base)

LIGHTHOUSE = ROOT / "web" / "portal" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
TRANSFER_BUDGET = 100 * 1024
TEXT_RESOURCES = {"Document", "Stylesheet", "Script"}
TENANT = base.TENANT
RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))


def say(message: str) -> None:
    print(f"[lighthouse] {message}", flush=True)


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, env=env, cwd=ROOT, timeout=300)
    report: dict[str, Any] = json.loads(out.read_text())
    return report


def scores(report: dict[str, Any]) -> dict[str, int]:
    return {
        name: round(float(category["score"] or 0) * 100)
        for name, category in report["categories"].items()
    }


def failing_audits(report: dict[str, Any]) -> list[str]:
    audits = report["audits"]
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{ref['id']}={audit['score']}")
    return found


def text_transfer(report: dict[str, Any]) -> int:
    items = report["audits"]["network-requests"]["details"]["items"]
    return sum(
        int(item.get("transferSize") or 0)
        for item in items
        if item.get("resourceType") in TEXT_RESOURCES
    )


def main() -> int:
    if not LIGHTHOUSE.exists():
        say(f"{LIGHTHOUSE} missing: run tools/web-deps.sh (make bench does)")
        return 2
    with base.content_bench("lighthouse", say) as bench:
        infra, kafka, processes, logs = bench.infra, bench.kafka, bench.processes, bench.logs
        run, content_topic, editorial_topic = bench.run, bench.content_topic, bench.editorial_topic
        content = bench.address
        say("publishing a home's worth of stories, one of them a video")
        slugs = [
            base.publish_one_story(
                content, editorial_topic, kafka, headline=f"Tin sản xuất số {n}: than sạch hơn"
            )
            for n in range(1, 6)
        ]
        video = base.publish_one_story(
            content,
            editorial_topic,
            kafka,
            headline="Video: một ca trực ở phòng điều khiển trung tâm",
            story_type="STORY_TYPE_VIDEO",
            section="video",
            media=(str(uuid.uuid4()),),
        )
        gateway_port, portal_port = base.free_port(), base.free_port()
        portal = f"http://127.0.0.1:{portal_port}"
        processes.start(
            "gateway",
            [sys.executable, "-m", "gateway"],
            {
                "GATEWAY_HTTP__PORT": str(gateway_port),
                "GATEWAY_CONTENT__TARGET": content,
                "GATEWAY_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                "GATEWAY_CACHE__EVENTS_TOPIC": content_topic,
                "GATEWAY_CACHE__GROUP_PREFIX": f"bench.lighthouse.gateway.{run}",
                "GATEWAY_KEYCLOAK__URL": infra["NEWSROOM_KEYCLOAK_URL"],
                "GATEWAY_PUBLIC__PORTAL_URL": portal,
                "GATEWAY_LOG__LEVEL": "WARNING",
                "GATEWAY_LIVE__ENABLED": "false",  # no newsroom app here
            },
        )
        gateway = f"http://127.0.0.1:{gateway_port}"
        base.wait_http(gateway + "/readyz", timeout_s=60, ok=lambda r: r.json()["checks"]["cache"])
        processes.start(
            "portal",
            [sys.executable, "-m", "portal"],
            {
                "PORTAL_WEB__PORT": str(portal_port),
                "PORTAL_HTTP__PORT": str(base.free_port()),
                "PORTAL_GATEWAY__URL": gateway,
                "PORTAL_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                "PORTAL_CACHE__EVENTS_TOPIC": content_topic,
                "PORTAL_CACHE__CLIENT_PREFIX": f"bench.lighthouse.pages.{run}",
                "PORTAL_OIDC__URL": infra["NEWSROOM_KEYCLOAK_URL"],
                "PORTAL_LOG__LEVEL": "WARNING",
            },
        )
        base.wait_http(portal + "/readyz", timeout_s=60)
        pages = {
            "home": f"{portal}/{TENANT}",
            "article": f"{portal}/{TENANT}/bai-viet/{slugs[0]}",
            "video": f"{portal}/{TENANT}/bai-viet/{video}",
        }
        results: dict[str, dict[str, int]] = {}
        transfer = 0
        passed = True
        for name, url in pages.items():
            base.wait_http(url, timeout_s=30)
            say(f"{name}: {url}")
            reports = [lighthouse(url, logs / f"{name}-{n}.json") for n in range(1, RUNS + 1)]
            runs = [scores(r) for r in reports]
            results[name] = {k: round(statistics.median(run[k] for run in runs)) for k in runs[0]}
            say(
                f"  {name} runs: "
                + "; ".join(" ".join(f"{k}={v}" for k, v in r.items()) for r in runs)
            )
            report = reports[-1]
            failing = failing_audits(report)
            page_ok = all(results[name][k] >= target for k, target in TARGETS.items())
            passed = passed and page_ok
            say(
                f"  {name}: "
                + " ".join(f"{k}={v}" for k, v in results[name].items())
                + (f"  (audits below 1: {', '.join(failing)})" if failing else "")
            )
            if name == "article":
                transfer = text_transfer(report)
                say(f"  article HTML+CSS+JS transferred: {transfer:,} bytes")
        passed = passed and 0 < transfer < TRANSFER_BUDGET
        figures = " ".join(
            f"{page}:perf={r['performance']} a11y={r['accessibility']} "
            f"bp={r['best-practices']} seo={r['seo']}"
            for page, r in results.items()
        )
        worst = {k: min(r[k] for r in results.values()) / t for k, t in TARGETS.items()}
        ratios = " ".join(f"{k}={v:.2f}x" for k, v in worst.items())
        print(
            f"lighthouse: {figures} article_kb={transfer / 1024:.1f} "
            f"(worst/target {ratios}, kb {transfer / TRANSFER_BUDGET:.2f}x of budget) "
            f"(target perf>=95 a11y=100 bp>=95 seo=100 article<100KB) "
            f"{'PASS' if passed else 'FAIL'}",
            flush=True,
        )
        return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
