"""Lighthouse benchmark: the portal's home, article and video pages with Lighthouse's
default mobile settings (emulated phone, simulated slow 4G and CPU throttling).

The pages are the ones a new user sees after `make dev`: the bench runs `newsroom dev`
itself (every service, the media worker and the portal, demo tenants and demo content:
photos, a gallery and a 10 s 720p video transcoded into its HLS ladder) on a PostgreSQL,
a Kafka and an S3 server of its own (deploy/local/infra.sh with a private state dir and
ports; the shared stack's Keycloak signs nothing here, it is only where the portal's
sign-in link points). It waits until the demo video's page carries its HLS ladder and
poster, so the video page is measured with the real player (hls.js, loaded on demand)
and its poster, not an empty frame. Lighthouse is the npm package pinned in
web/portal/package-lock.json (tools/web-deps.sh installs it) and runs the machine's
Chromium (NEWSROOM_CHROMIUM, default /usr/bin/chromium).

Targets per page: performance >= 95, accessibility 100, best practices >= 95, SEO 100;
the article page transfers less than 100 KB of HTML + CSS + JS (compressed, as sent;
images and media excluded), counted from Lighthouse's own network records. Lighthouse's
scores are absolute (its throttling is simulated from the trace), so there is no
separate baseline to measure; each figure is printed as a ratio of its target. Scores
move with the machine's load (Lighthouse measures the trace it records), so each page is
run BENCH_LIGHTHOUSE_RUNS times (default 3) and the median of each category is the
figure, as Lighthouse's own docs advise for variability. The last line is the verdict;
exit 0 only on PASS. `--keep` keeps the logs and reports (printed path).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

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
# the player's source: empty until the worker has made the ladder
HLS_SOURCE = re.compile(r'data-hls="[^"]+"')
NEWSROOM_CACHE = "NEWSROOM_CACHE"
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


VIDEO_READY_TIMEOUT_S = 900.0


def dev_environment(infra: Any, shared: Any, logs: Path) -> tuple[dict[str, str], dict[str, str]]:
    """`newsroom dev`'s environment on the private stack, every port a free one; the URLs."""
    free = base.free_port
    gateway, portal = f"http://127.0.0.1:{free()}", f"http://127.0.0.1:{free()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_")}
    env.update(
        PYTHONUNBUFFERED="1",
        NEWSROOM_STATE=str(infra.state),  # its infra.env: PostgreSQL, Kafka, S3 and keys
        NEWSROOM_KEYCLOAK_URL=shared["NEWSROOM_KEYCLOAK_URL"],
        NEWSROOM_FFMPEG=shared["NEWSROOM_FFMPEG"],
        NEWSROOM_CONTENT_TARGET=f"127.0.0.1:{free()}",
        NEWSROOM_CONTENT_OPS_PORT=str(free()),
        NEWSROOM_EDITORIAL_TARGET=f"127.0.0.1:{free()}",
        NEWSROOM_EDITORIAL_OPS_PORT=str(free()),
        NEWSROOM_MEDIA_ASSET_TARGET=f"127.0.0.1:{free()}",
        NEWSROOM_MEDIA_ASSET_OPS_PORT=str(free()),
        NEWSROOM_MEDIA_WORKER_OPS_PORT=str(free()),
        NEWSROOM_GATEWAY_URL=gateway,
        NEWSROOM_PORTAL_URL=portal,
        NEWSROOM_PORTAL_OPS_PORT=str(free()),
        NEWSROOM_APP_PORT=str(free()),
    )
    if NEWSROOM_CACHE in os.environ:
        env[NEWSROOM_CACHE] = os.environ[NEWSROOM_CACHE]
    return env, {"gateway": gateway, "portal": portal}


def wait_video_ready(url: str, dev: subprocess.Popen[bytes], log: Path) -> float:
    """Until the video page carries its HLS ladder and poster (the worker transcoded the
    demo video and the story shows the approved version); the seconds it took."""
    started = time.monotonic()
    deadline = started + VIDEO_READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if dev.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise SystemExit(f"newsroom dev exited ({dev.returncode}):\n{tail}")
        with contextlib.suppress(httpx.HTTPError):
            page = httpx.get(url, timeout=10, headers={"Cache-Control": "no-cache"})
            if page.status_code == 200 and HLS_SOURCE.search(page.text):
                return time.monotonic() - started
        time.sleep(2)
    raise SystemExit(f"{url} had no HLS ladder after {VIDEO_READY_TIMEOUT_S:.0f}s (log: {log})")


def stop_dev(dev: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, as a developer stops it; then the whole process group if it lingers."""
    if dev.poll() is None:
        os.killpg(dev.pid, signal.SIGINT)
        try:
            dev.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(dev.pid, signal.SIGKILL)
            dev.wait(timeout=30)


def main() -> int:
    from newsroom_cli import demo
    from newsroom_core.localstack import Infra, state_dir
    from newsroom_testkit.faults.stack import private_infra

    keep = "--keep" in sys.argv[1:]
    if not LIGHTHOUSE.exists():
        say(f"{LIGHTHOUSE} missing: run tools/web-deps.sh (make bench does)")
        return 2
    shared = Infra.load()
    run = uuid.uuid4().hex[:8]
    logs = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    say(f"run {run}: logs and reports in {logs}")
    say("starting a PostgreSQL, a Kafka and an S3 server of this run's own")
    root = state_dir() / "bench" / f"lighthouse-{run}"
    try:
        with private_infra(root, ("postgres", "kafka", "s3")) as infra:
            env, urls = dev_environment(infra, shared, logs)
            portal = urls["portal"]
            dev_log = logs / "newsroom-dev.log"
            say(f"starting `newsroom dev --skip newsroom-app` (log: {dev_log})")
            with dev_log.open("wb") as sink:
                dev = subprocess.Popen(
                    [sys.executable, "-m", "newsroom_cli", "dev", "--skip", "newsroom-app"],
                    env=env,
                    cwd=ROOT,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            try:
                article, video = (
                    demo.MARKER,
                    next(s for s in demo.STORIES if s.type == demo.VIDEO and s.media),
                )
                pages = {
                    "home": f"{portal}/{video.tenant}",
                    "article": f"{portal}/{article.tenant}/bai-viet/{article.slug}",
                    "video": f"{portal}/{video.tenant}/bai-viet/{video.slug}",
                }
                waited = wait_video_ready(pages["video"], dev, dev_log)
                say(f"demo content seeded; the video page has its HLS ladder ({waited:.0f}s)")
                return measure(pages, logs)
            finally:
                stop_dev(dev)
    finally:
        if not keep:
            shutil.rmtree(logs, ignore_errors=True)


def measure(pages: dict[str, str], logs: Path) -> int:
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
            f"  {name} runs: " + "; ".join(" ".join(f"{k}={v}" for k, v in r.items()) for r in runs)
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
