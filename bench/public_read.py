"""Public read benchmark: GET /public/v1/tenants/{t}/stories/{slug} through the gateway.

Starts what it needs (the infra must be up: `make infra-up`): a fresh content database,
the content service and gateways as subprocesses (`python -m content_service`,
`python -m gateway`), one published story, and a bare FastAPI app serving the same JSON
from memory under the same uvicorn settings. A load generator in a separate process
(`wrk` when installed, else the asyncio HTTP/1.1 client below) drives 64 keep-alive
connections over loopback for a fixed time against each target in turn:

  bare          the bare FastAPI endpoint
  cache_on      the gateway with its read cache (default settings)
  revalidate    the same with If-None-Match: the current ETag (304, no body)
  cache_off     the gateway with GATEWAY_CACHE__ENABLED=false (gRPC + PostgreSQL each time)

This machine is shared and its speed drifts from second to second, so the targets are
measured in interleaved rounds: bare, cache_on, revalidate, bare, cache_off, bare. Each
ratio is taken against the mean of the two bare runs around it, so a slow spell that hits
one side of a ratio is likely to hit the other; the median over the rounds is reported.
Figures are requests/s ratios against bare, plus the p99 latency of cache_on. The last
line is the verdict; the exit code is 0 only on PASS. BENCH_LOADGEN=python forces the
asyncio client even when wrk is installed; BENCH_ROUNDS sets the number of rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 64
WARMUP_S = 1.0
DURATION_S = 4.0
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
TARGETS = {"cache_on": 0.5, "cache_off": 0.25, "revalidate_304": 0.8}
TENANT = "bench"


def say(message: str) -> None:
    print(f"[public_read] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- load generation (runs in its own process) -------------------------------------------


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[str, int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def _worker(
    host: str,
    port: int,
    request: bytes,
    start_at: float,
    stop_at: float,
    latencies: list[float],
    statuses: dict[str, int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while True:
            started = time.perf_counter()
            if started >= stop_at:
                return
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = head[9:12].decode()
            match = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
            if match:
                await reader.readexactly(int(match.group(1)))
            if started >= start_at:
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def _load(
    url: str, headers: list[str], connections: int, warmup: float, duration: float
) -> Result:
    match = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    assert match, url
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: application/json"]
    request = ("\r\n".join([*lines, *headers]) + "\r\n\r\n").encode()
    now = time.perf_counter()
    start_at, stop_at = now + warmup, now + warmup + duration
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    await asyncio.gather(
        *(
            _worker(host, port, request, start_at, stop_at, latencies, statuses)
            for _ in range(connections)
        )
    )
    latencies.sort()
    n = len(latencies)
    return Result(
        requests=n,
        seconds=duration,
        p50_ms=latencies[n // 2] * 1000 if n else 0.0,
        p99_ms=latencies[min(n - 1, int(n * 0.99))] * 1000 if n else 0.0,
        statuses=statuses,
    )


def loadgen_main(args: argparse.Namespace) -> None:
    result = asyncio.run(_load(args.url, args.header, args.connections, args.warmup, args.duration))
    print(json.dumps(result.__dict__))


def _wrk_ms(text: str, label: str) -> float:
    match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return 0.0
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_load(url: str, headers: list[str]) -> Result:
    """Drive ``url`` from a separate process; wrk when present, else the asyncio client."""
    wrk = shutil.which("wrk") if os.environ.get("BENCH_LOADGEN", "wrk") == "wrk" else None
    if wrk:
        subprocess.run(
            [
                wrk,
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{int(WARMUP_S) or 1}s",
                *sum((["-H", h] for h in headers), []),
                url,
            ],
            check=True,
            capture_output=True,
        )
        out = subprocess.run(
            [
                wrk,
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{int(DURATION_S)}s",
                "--latency",
                *sum((["-H", h] for h in headers), []),
                url,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
        seconds = float(re.search(r"requests in ([\d.]+)s", out).group(1))  # type: ignore[union-attr]
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return Result(
            requests=requests,
            seconds=seconds,
            p50_ms=_wrk_ms(out, "50"),
            p99_ms=_wrk_ms(out, "99"),
            statuses={"errors": int(non2xx.group(1))} if non2xx else {},
        )
    command = [
        sys.executable,
        __file__,
        "--loadgen",
        url,
        "--connections",
        str(CONNECTIONS),
        "--warmup",
        str(WARMUP_S),
        "--duration",
        str(DURATION_S),
    ]
    for header in headers:
        command += ["--header", header]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return Result(**json.loads(out.strip().splitlines()[-1]))


# --- the bare app (runs in its own process) ------------------------------------------------


def bare_main(args: argparse.Namespace) -> None:
    import uvicorn
    from fastapi import FastAPI

    document: dict[str, Any] = json.loads(Path(args.serve_bare).read_text())
    app = FastAPI()

    @app.get("/public/v1/tenants/{tenant}/stories/{slug}")
    async def story(tenant: str, slug: str) -> dict[str, Any]:
        return document

    uvicorn.run(app, **UVICORN_SETTINGS, port=args.port)  # type: ignore[arg-type]


# The gateway's own `python -m gateway` settings (gateway/src/gateway/__main__.py).
UVICORN_SETTINGS = {
    "host": "127.0.0.1",
    "log_config": None,
    "access_log": False,
    "proxy_headers": False,
    "server_header": False,
}


# --- orchestration -------------------------------------------------------------------------


class Processes:
    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(
            args, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT
        )
        self.started.append(process)
        return process

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)

    def stop_all(self) -> None:
        for process in reversed(self.started):
            self.stop(process)


def wait_http(url: str, *, timeout_s: float, ok: Any = None) -> Any:
    import httpx

    deadline = time.monotonic() + timeout_s
    last: Any = None
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2)
            last = response.status_code
            if ok is None and response.status_code == 200:
                return response
            if ok is not None and ok(response):
                return response
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {timeout_s}s (last: {last})")


def publish_one_story(
    content_address: str,
    editorial_topic: str,
    kafka: Any,
    *,
    headline: str = "Công ty than Hạ Long khánh thành dây chuyền sàng tuyển mới",
    story_type: str = "STORY_TYPE_NEWS",
    section: str = "",
    media: tuple[str, ...] = (),
) -> str:
    """Tenant, draft and publication (as editorial-approval would order it); the slug."""
    import grpc

    from newsroom.common.v1 import actor_pb2
    from newsroom.content.v1 import content_service_pb2 as pb
    from newsroom.content.v1 import content_service_pb2_grpc, story_pb2
    from newsroom.editorial_approval.v1 import editorial_approval_events_pb2 as ed
    from newsroom_core.events.envelope import new_event
    from newsroom_core.events.kafka import make_producer
    from newsroom_core.grpc.client import make_channel
    from newsroom_core.grpc.metadata import acting_as
    from newsroom_core.identity import SYSTEM, Identity
    from newsroom_core.settings import IdentitySettings

    key = IdentitySettings().secret.get_secret_value().encode()
    channel = make_channel(content_address, identity_key=key)
    stub = content_service_pb2_grpc.ContentServiceStub(channel)  # type: ignore[no-untyped-call]
    editor = Identity(
        "bench-editor", f"{TENANT}.editor", tenant_roles={TENANT: frozenset({"editor"})}
    )
    with acting_as(SYSTEM):
        stub.CreateTenant(
            pb.CreateTenantRequest(tenant=TENANT, name="Bench", default_language="vi")
        )
    with acting_as(editor):
        sections = stub.ListSections(pb.ListSectionsRequest(tenant=TENANT)).sections
        section_id = next((s.id for s in sections if s.slug == section), sections[0].id)
        story = stub.CreateStory(
            pb.CreateStoryRequest(
                tenant=TENANT,
                type=story_pb2.StoryType.Value(story_type),  # type: ignore[arg-type]
                headline=headline,
                byline="Phóng viên Newsroom",
                summary="Dây chuyền mới nâng công suất sàng tuyển lên 3 triệu tấn mỗi năm.",
                body_html="<p>" + "Nội dung bài viết về dây chuyền sàng tuyển. " * 40 + "</p>",
                section_id=section_id,
                tags=["than", "sản xuất", "môi trường"],
                media=[story_pb2.StoryMedia(asset_id=a, caption=headline) for a in media],
            )
        ).story
    message = ed.PublishRequested(
        story_id=story.id,
        tenant=TENANT,
        revision=story.current_revision,
        requested_by=actor_pb2.Actor(user_id="bench-editor", username=f"{TENANT}.editor"),
    )
    message.at.GetCurrentTime()
    event = new_event(
        message,
        type="newsroom.editorial_approval.story.publish_requested.v1",
        source="/newsroom/editorial-approval",
        subject=story.id,
        tenant=TENANT,
    )
    producer = make_producer(kafka, client_id="bench-public-read")
    producer.send(editorial_topic, key=story.id.encode(), value=event.data, headers=event.headers())
    producer.flush(10)
    producer.close(5)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            stub.GetPublishedStory(pb.GetPublishedStoryRequest(tenant=TENANT, slug=story.slug))
            return str(story.slug)
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.NOT_FOUND:
                raise
        time.sleep(0.1)
    raise RuntimeError("content never published the bench story")


@dataclass
class ContentBench:
    """One bench run's content service on a fresh database and its own topics."""

    run: str
    infra: Any
    kafka: Any
    logs: Path
    processes: Processes
    db_url: str
    content_topic: str
    editorial_topic: str
    address: str = ""


@contextlib.contextmanager
def content_bench(name: str, say_: Any = None) -> Iterator[ContentBench]:
    """Checks the infra, makes a database and topics, starts `python -m content_service`;
    afterwards stops every process started through it and drops what it made."""
    from kafka import KafkaAdminClient
    from sqlalchemy.engine import make_url

    from newsroom_core.db import drop_database, ensure_database
    from newsroom_core.events.kafka import ensure_topics
    from newsroom_core.localstack import Infra, reachable
    from newsroom_core.settings import KafkaSettings

    tell = say_ or say
    infra = Infra.load()
    pg = make_url(infra.pg_url)
    for label, address in (
        ("PostgreSQL", f"{pg.host}:{pg.port}"),
        ("Kafka", infra.kafka_bootstrap),
    ):
        if not reachable(address):
            raise SystemExit(f"{label} is not reachable at {address}: run `make infra-up` first")
    run = uuid.uuid4().hex[:8]
    bench = ContentBench(
        run=run,
        infra=infra,
        kafka=KafkaSettings(bootstrap=infra.kafka_bootstrap),
        logs=Path(tempfile.mkdtemp(prefix=f"bench-{name}-")),
        processes=Processes(Path(".")),
        db_url=pg.set(database=f"bench_{name}_{run}").render_as_string(hide_password=False),
        content_topic=f"bench.{run}.content-events",
        editorial_topic=f"bench.{run}.editorial-events",
    )
    bench.processes.logs = bench.logs
    tell(f"run {run}: logs in {bench.logs}")
    try:
        ensure_database(bench.db_url)
        ensure_topics(bench.kafka, [bench.content_topic, bench.editorial_topic], partitions=1)
        content_grpc, content_http = free_port(), free_port()
        tell("starting the content service (fresh database, migrations)")
        bench.processes.start(
            "content",
            [sys.executable, "-m", "content_service"],
            {
                "CONTENT_SERVICE_NAME": f"content-bench-{run}",
                "CONTENT_DB__URL": bench.db_url,
                "CONTENT_GRPC__PORT": str(content_grpc),
                "CONTENT_HTTP__PORT": str(content_http),
                "CONTENT_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                "CONTENT_EVENTS_TOPIC": bench.content_topic,
                "CONTENT_EDITORIAL_TOPIC": bench.editorial_topic,
                "CONTENT_LOG__LEVEL": "WARNING",
            },
        )
        wait_http(f"http://127.0.0.1:{content_http}/readyz", timeout_s=120)
        bench.address = f"127.0.0.1:{content_grpc}"
        yield bench
    finally:
        bench.processes.stop_all()
        with contextlib.suppress(Exception):
            drop_database(bench.db_url)
        with contextlib.suppress(Exception):
            admin = KafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
            admin.delete_topics([bench.content_topic, bench.editorial_topic])
            admin.close()


def main() -> int:
    use_wrk = shutil.which("wrk") and os.environ.get("BENCH_LOADGEN", "wrk") == "wrk"
    generator = "wrk" if use_wrk else "asyncio client (apt-get install wrk: lighter)"
    say(f"load generator: {generator}")
    with content_bench("public_read") as bench:
        infra, kafka, processes, logs = bench.infra, bench.kafka, bench.processes, bench.logs
        run, content_topic, editorial_topic = bench.run, bench.content_topic, bench.editorial_topic
        content_address = bench.address
        say("publishing one story")
        slug = publish_one_story(content_address, editorial_topic, kafka)
        path = f"/public/v1/tenants/{TENANT}/stories/{slug}"
        say(f"measuring GET {path}")

        def gateway(name: str, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
            port = free_port()
            process = processes.start(
                name,
                [sys.executable, "-m", "gateway"],
                {
                    "GATEWAY_HTTP__PORT": str(port),
                    "GATEWAY_CONTENT__TARGET": content_address,
                    "GATEWAY_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                    "GATEWAY_CACHE__ENABLED": "true" if cache else "false",
                    "GATEWAY_CACHE__EVENTS_TOPIC": content_topic,
                    "GATEWAY_CACHE__GROUP_PREFIX": f"bench.gateway.cache.{run}",
                    "GATEWAY_KEYCLOAK__URL": infra["NEWSROOM_KEYCLOAK_URL"],
                },
            )
            base = f"http://127.0.0.1:{port}"
            wait_http(base + path, timeout_s=60)
            say(f"gateway {name} serving at {base}")
            if cache:  # the invalidation consumer has its partitions: the cache serves
                wait_http(
                    base + "/readyz", timeout_s=60, ok=lambda r: r.json()["advisory"]["cache"]
                )
            return process, base

        def measure(name: str, url: str, headers: list[str] | None = None) -> Result:
            result = run_load(url, headers or [])
            say(
                f"  {name:>14}: {result.rps:8,.0f} req/s  p50 {result.p50_ms:7.2f} ms  "
                f"p99 {result.p99_ms:7.2f} ms  {result.statuses or ''}"
            )
            return result

        on, on_base = gateway("gateway-cache-on", cache=True)
        off, off_base = gateway("gateway-cache-off", cache=False)
        document = wait_http(on_base + path, timeout_s=10)
        etag = document.headers["etag"]
        body_file = logs / "story.json"
        body_file.write_bytes(document.content)
        bare_port = free_port()
        say("starting the bare FastAPI app (same JSON from memory, same uvicorn settings)")
        bare = processes.start(
            "bare",
            [sys.executable, __file__, "--serve-bare", str(body_file), "--port", str(bare_port)],
            {},
        )
        bare_url = f"http://127.0.0.1:{bare_port}{path}"
        if wait_http(bare_url, timeout_s=30).json() != document.json():
            raise RuntimeError("the bare app does not serve the gateway's JSON")
        if wait_http(off_base + path, timeout_s=10).json() != document.json():
            raise RuntimeError("the gateways disagree")

        # Interleaved rounds: each ratio is taken against the bare run of its own round, so
        # load from other processes on the machine hits both sides; the median is reported.
        ratios: dict[str, list[float]] = {name: [] for name in TARGETS}
        p99s: list[float] = []
        for number in range(1, ROUNDS + 1):
            say(f"round {number}/{ROUNDS}: {CONNECTIONS} connections, {DURATION_S:.0f} s each")
            bare_1 = measure("bare", bare_url).rps
            cache_on = measure("cache_on", on_base + path)
            revalidate = measure("revalidate_304", on_base + path, [f"If-None-Match: {etag}"])
            if revalidate.statuses and set(revalidate.statuses) - {"304"}:
                raise RuntimeError(f"revalidation answered {revalidate.statuses}")
            bare_2 = measure("bare", bare_url).rps
            cache_off = measure("cache_off", off_base + path)
            bare_3 = measure("bare", bare_url).rps
            for name, result, bare_rps in (
                ("cache_on", cache_on, (bare_1 + bare_2) / 2),
                ("revalidate_304", revalidate, (bare_1 + bare_2) / 2),
                ("cache_off", cache_off, (bare_2 + bare_3) / 2),
            ):
                ratios[name].append(result.rps / bare_rps if bare_rps else 0.0)
            p99s.append(cache_on.p99_ms)
            say(
                "  ratios: "
                + "  ".join(f"{name}={values[-1]:.2f}x" for name, values in ratios.items())
            )
        for process in (on, off, bare):
            processes.stop(process)

        final = {name: statistics.median(values) for name, values in ratios.items()}
        passed = all(final[name] >= target for name, target in TARGETS.items())
        print(
            f"public_read: cache_on={final['cache_on']:.2f}x cache_off={final['cache_off']:.2f}x "
            f"revalidate_304={final['revalidate_304']:.2f}x p99_ms={statistics.median(p99s):.2f} "
            f"(target cache_on>=0.5 cache_off>=0.25 revalidate_304>=0.8) "
            f"{'PASS' if passed else 'FAIL'}",
            flush=True,
        )
        return 0 if passed else 1


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loadgen", metavar="URL")
    parser.add_argument("--serve-bare", metavar="JSON_FILE")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--warmup", type=float, default=WARMUP_S)
    parser.add_argument("--duration", type=float, default=DURATION_S)
    args = parser.parse_args()
    if args.loadgen:
        args.url = args.loadgen
        loadgen_main(args)
        return 0
    if args.serve_bare:
        bare_main(args)
        return 0
    return main()


if __name__ == "__main__":
    sys.exit(cli())
