"""A 1 GiB browser upload through the presigned multipart flow vs the minio client's
``fput_object`` of the same file to the same S3 server, and what the upload costs the
media-asset service and the gateway in memory.

Starts what it needs on the shared stack (`make infra-up`; PostgreSQL, Kafka, MinIO and
Keycloak must be up): a fresh database, its own bucket and topics, and the real processes
``python -m media_asset_service``, ``python -m media_asset_service.worker`` and
``python -m gateway`` (BENCH_PORT_RANGE=first-last puts their ports in a block, e.g.
61000-61999; else the OS picks free ones). The caller is the Keycloak demo user
halong.contributor with a real access token, as a browser would be.

The file: a real 2 s 640x360 H.264 MP4 (ffmpeg testsrc2, moov first) followed by one
ISO BMFF ``free`` box of random bytes up to exactly 1 GiB, made in a temp dir and deleted
afterwards. Random bytes, so nothing on the way can compress them; a real MP4, so the
platform takes it for what it is and the worker can verify and process it to READY.

Measured, per round (BENCH_ROUNDS, default 3; the order alternates between rounds):

  flow   what the browser does, timed end to end: POST /v1/tenants/halong/uploads at the
         gateway (the service plans the parts and presigns one PUT URL per part), every
         part PUT straight to MinIO, 4 at once, while one more thread hashes the whole
         file (``newsroom_cli.uploader.send_file``, the client ``newsroom media import``
         and the tests use), POST .../upload/complete with the SHA-256 (the service
         completes the multipart upload and checks size and the real type).
         Untimed afterwards: the real worker downloads the object, verifies its size and
         SHA-256 and processes it; the bench requires READY with the declared SHA-256
         before the next measurement starts, so the worker never runs during one.
  fput   ``Minio.fput_object`` of the same file into the same bucket with the same part
         size (the one the service chose) and the same parts in flight (4).

Both sides hash the file once with SHA-256, overlapped with sending: the flow in one
thread beside its part PUTs (for the digest it gives at completion), fput_object part by
part in its sending threads for its V4 signature (plain HTTP on loopback), and MinIO
then re-hashes fput's parts to check them; presigned PUTs are UNSIGNED-PAYLOAD. The
figure is fput seconds / flow seconds (1.0 = as fast as the plain client); the verdict
is the median over the rounds, every round's figure is printed beside it and so is the
flow's split (parts, start + complete) and when its hash was done, counted from the
first part (information: it runs alongside, nothing waits for it unless it ends after
the last part).

Memory: the resident set (VmRSS from /proc, the process and any children) of the
media-asset service and of the gateway, sampled every 20 ms during the timed part of each
upload; the peak over the 1 GiB flow uploads against the peak during a 100 MiB flow
upload made the same way before the rounds (after a small warm-up upload that loads the
code paths; an upload whose bytes never pass through these processes should not move
their memory).

Targets: ratio >= 0.9; each peak < 150 MB and within 10 % of its 100 MiB peak. The last
line is the verdict; exit 0 only on PASS. Everything it made (processes, bucket and its
objects, database, topics, consumer groups, temp files) is removed at the end.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import statistics
import struct
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("bench_public_read", HERE / "public_read.py")
assert _spec is not None and _spec.loader is not None
base = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = base
_spec.loader.exec_module(base)

MIB = 1024 * 1024
GIB = 1024 * MIB
SIZE = int(os.environ.get("BENCH_UPLOAD_BYTES", str(GIB)))
REFERENCE_SIZE = 100 * MIB
WARMUP_SIZE = 16 * MIB
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RATIO_TARGET = 0.9
RSS_TARGET_MB = 150.0
RSS_GROWTH_TARGET = 0.10
TENANT = "halong"
USER = "halong.contributor"
API = f"/v1/tenants/{TENANT}"
SAMPLE_S = 0.02
READY_TIMEOUT_S = 900.0


def _size(amount: int) -> str:
    return f"{amount / GIB:g} GiB" if amount % GIB == 0 else f"{amount / MIB:g} MiB"


def say(message: str) -> None:
    print(f"[upload] {message}", flush=True)


# --- ports -----------------------------------------------------------------------------------


class Ports:
    """Free loopback ports, from BENCH_PORT_RANGE ("61000-61999") when set."""

    def __init__(self, spec: str) -> None:
        first, _, last = spec.partition("-")
        self.next = int(first) if spec else 0
        self.last = int(last or first) if spec else 0

    def take(self) -> int:
        if not self.next:
            return int(base.free_port())
        while self.next <= self.last:
            port, self.next = self.next, self.next + 1
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
        raise SystemExit("BENCH_PORT_RANGE has no free port left")


# --- the file ----------------------------------------------------------------------------------


def make_file(path: Path, size: int, clip: Path) -> Path:
    """``clip`` (a real MP4) and one ``free`` box of random bytes: exactly ``size`` bytes."""
    head = clip.read_bytes()
    pad = size - len(head)
    assert 8 < pad < 2**32, pad
    shown = -1
    with path.open("wb") as out:
        out.write(head)
        out.write(struct.pack(">I4s", pad, b"free"))
        left = pad - 8
        while left:
            chunk = os.urandom(min(8 * MIB, left))
            out.write(chunk)
            left -= len(chunk)
            percent = 100 * (size - left) // size
            if size >= GIB and percent // 25 > shown // 25:
                say(f"  writing {path.name}: {percent}%")
                shown = percent
    return path


def make_clip(path: Path) -> Path:
    from newsroom_media.testing import ffmpeg

    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-movflags", "+faststart", str(path),
    )  # fmt: skip
    return path


# --- memory ------------------------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    todo.extend(int(k) for k in kids.read().split())
    return found


def rss_mb(pid: int) -> float:
    """VmRSS of ``pid`` and its descendants, MB."""
    total = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError), open(f"/proc/{member}/status", encoding="ascii") as st:
            for line in st:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
    return total / 1024


class PeakRss:
    """Samples the RSS of named processes while the ``with`` block runs; ``peaks`` in MB."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.peaks = {name: rss_mb(pid) for name, pid in pids.items()}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peaks[name] = max(self.peaks[name], rss_mb(pid))
            self.samples += 1
            self._stop.wait(SAMPLE_S)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        for name, pid in self.pids.items():
            self.peaks[name] = max(self.peaks[name], rss_mb(pid))


# --- the two ways to upload --------------------------------------------------------------------


@dataclass
class FlowResult:
    asset_id: str
    sha256: str
    seconds: float
    # From the first part until the hashing thread was done (alongside the parts).
    hash_s: float
    parts_s: float
    calls_s: float
    part_size: int
    part_count: int
    peaks: dict[str, float]


def flow_upload(
    gateway: httpx.Client, token: str, path: Path, pids: dict[str, int], concurrency: int
) -> FlowResult:
    """The browser's upload through the gateway, timed and with the services' RSS sampled."""
    from newsroom_cli.uploader import PartTarget, send_file
    from newsroom_testkit.gateway import bearer

    size = path.stat().st_size
    sent = [0, -1]

    def progress(amount: int) -> None:
        sent[0] += amount
        percent = 100 * sent[0] // size
        if size >= GIB and percent // 25 > sent[1] // 25:
            say(f"  flow: {percent}% of the parts sent")
            sent[1] = percent

    hashed = [0, 0.0]

    def hashing(amount: int) -> None:  # the hashing thread's progress: when it is done
        hashed[0] += amount
        if hashed[0] >= size:
            hashed[1] = time.perf_counter()

    with PeakRss(pids) as memory:
        started_at = time.perf_counter()
        started = gateway.post(
            f"{API}/uploads",
            json={
                "filename": path.name,
                "content_type": "video/mp4",
                "size_bytes": size,
                "metadata": {"title": {"vi": "Bản tin thử tải lên", "en": "Upload bench"}},
            },
            headers=bearer(token),
        )
        if started.status_code != 201:
            raise RuntimeError(f"upload start: {started.status_code} {started.text[:500]}")
        session = started.json()["upload"]
        asset_id = started.json()["asset"]["id"]
        parts = session["parts"]
        targets = [PartTarget(p["part_number"], p["url"], p["size_bytes"]) for p in parts]
        parts_at = time.perf_counter()
        files = send_file(
            path,
            session["part_size_bytes"],
            targets,
            concurrency=concurrency,
            on_bytes=progress,
            on_hashed=hashing,
        )
        sent_at = time.perf_counter()
        done = gateway.post(
            f"{API}/assets/{asset_id}/upload/complete",
            json={"upload_id": session["upload_id"], "sha256": files.sha256},
            headers=bearer(token),
        )
        finished_at = time.perf_counter()
    if done.status_code != 200:
        raise RuntimeError(f"upload complete: {done.status_code} {done.text[:500]}")
    return FlowResult(
        asset_id=asset_id,
        sha256=files.sha256,
        seconds=finished_at - started_at,
        hash_s=hashed[1] - parts_at,
        parts_s=sent_at - parts_at,
        calls_s=(parts_at - started_at) + (finished_at - sent_at),
        part_size=int(session["part_size_bytes"]),
        part_count=int(session["part_count"]),
        peaks=memory.peaks,
    )


def wait_verified(
    gateway: httpx.Client, token: str, result: FlowResult, size: int
) -> tuple[float, dict[str, Any]]:
    """Until the worker has verified (size, SHA-256) and processed the upload: READY."""
    from newsroom_testkit.gateway import bearer

    start = time.perf_counter()
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        reply = gateway.get(f"{API}/assets/{result.asset_id}", headers=bearer(token))
        reply.raise_for_status()
        version = reply.json()["version"]
        if version["status"] in ("ready", "rejected", "failed"):
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"asset {result.asset_id} still {version['status']}")
        time.sleep(0.5)
    if version["status"] != "ready":
        raise RuntimeError(
            f"the worker refused the upload: {version['status']} {version['failure_reason']}: "
            f"{version['failure_detail'][:300]}"
        )
    if version["sha256"] != result.sha256 or version["size_bytes"] != size:
        raise RuntimeError(f"asset {result.asset_id} is not the file: {version}")
    return time.perf_counter() - start, version


# --- orchestration -----------------------------------------------------------------------------


def main() -> int:
    from kafka import KafkaAdminClient
    from sqlalchemy.engine import make_url

    from media_asset_service.objects import ObjectStore
    from media_asset_service.settings import UploadSettings
    from media_asset_service.uploads.parts import plan_parts
    from newsroom_cli.uploader import DEFAULT_CONCURRENCY
    from newsroom_core.db import drop_database, ensure_database
    from newsroom_core.localstack import Infra, reachable
    from newsroom_core.storage import StorageSettings
    from newsroom_testkit.gateway import Tokens
    from newsroom_testkit.media import drop_bucket

    infra = Infra.load()
    pg = make_url(infra.pg_url)
    s3, keycloak = infra["NEWSROOM_S3_ENDPOINT"], infra["NEWSROOM_KEYCLOAK_URL"]
    for label, address in (
        ("PostgreSQL", f"{pg.host}:{pg.port}"),
        ("Kafka", infra.kafka_bootstrap),
        ("S3", s3),
        ("Keycloak", keycloak.split("://", 1)[-1].split("/", 1)[0]),
    ):
        if not reachable(address):
            raise SystemExit(f"{label} is not reachable at {address}: run `make infra-up` first")

    run = uuid.uuid4().hex[:8]
    work = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    logs = work / "logs"
    logs.mkdir()
    processes = base.Processes(logs)
    db_url = pg.set(database=f"bench_upload_{run}").render_as_string(hide_password=False)
    storage = StorageSettings(
        endpoint=s3,
        access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
        secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        bucket=f"bench-upload-{run}",
    )
    events_topic, content_topic = f"bench.{run}.media-events", f"bench.{run}.content-events"
    ports = Ports(os.environ.get("BENCH_PORT_RANGE", ""))
    concurrency = DEFAULT_CONCURRENCY
    plan = plan_parts(
        SIZE, min_part_size=UploadSettings().min_part_size, max_parts=UploadSettings().max_parts
    )
    assert plan is not None
    say(f"run {run}: files and logs in {work}")
    try:
        ensure_database(db_url)
        store = ObjectStore.connect(storage)
        shared = {
            "DB__URL": db_url,
            "KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
            "STORAGE__ENDPOINT": s3,
            "STORAGE__ACCESS_KEY": storage.access_key,
            "STORAGE__SECRET_KEY": storage.secret_key.get_secret_value(),
            "STORAGE__BUCKET": storage.bucket,
            "EVENTS_TOPIC": events_topic,
            "LOG__LEVEL": "WARNING",
        }
        media_grpc, media_http, worker_http, gateway_http = (ports.take() for _ in range(4))
        say("starting media-asset (fresh database, migrations), its worker and the gateway")
        service = processes.start(
            "media-asset",
            [sys.executable, "-m", "media_asset_service"],
            {f"MEDIA_ASSET_{k}": v for k, v in shared.items()}
            | {
                "MEDIA_ASSET_SERVICE_NAME": f"media-asset-bench-{run}",
                "MEDIA_ASSET_CONTENT_EVENTS_TOPIC": content_topic,
                "MEDIA_ASSET_GRPC__PORT": str(media_grpc),
                "MEDIA_ASSET_HTTP__PORT": str(media_http),
            },
        )
        base.wait_http(f"http://127.0.0.1:{media_http}/readyz", timeout_s=300)
        scratch = work / "worker-scratch"
        scratch.mkdir()
        processes.start(
            "media-worker",
            [sys.executable, "-m", "media_asset_service.worker"],
            {f"MEDIA_WORKER_{k}": v for k, v in shared.items()}
            | {
                "MEDIA_WORKER_SERVICE_NAME": f"media-worker-bench-{run}",
                "MEDIA_WORKER_UPLOADS_PURPOSE": f"uploads-{run}",
                "MEDIA_WORKER_HTTP__PORT": str(worker_http),
                "MEDIA_WORKER_JOBS__SCRATCH_DIR": str(scratch),
            },
        )
        base.wait_http(f"http://127.0.0.1:{worker_http}/readyz", timeout_s=300)
        gateway_process = processes.start(
            "gateway",
            [sys.executable, "-m", "gateway"],
            {
                "GATEWAY_HTTP__PORT": str(gateway_http),
                "GATEWAY_MEDIA__TARGET": f"127.0.0.1:{media_grpc}",
                # Stories are not part of an upload: nothing listens there.
                "GATEWAY_CONTENT__TARGET": f"127.0.0.1:{ports.take()}",
                "GATEWAY_EDITORIAL__TARGET": f"127.0.0.1:{ports.take()}",
                "GATEWAY_CACHE__ENABLED": "false",
                "GATEWAY_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
                "GATEWAY_KEYCLOAK__URL": keycloak,
                "GATEWAY_LOG__LEVEL": "WARNING",
            },
        )
        gateway_url = f"http://127.0.0.1:{gateway_http}"
        base.wait_http(
            gateway_url + "/readyz",
            timeout_s=300,
            ok=lambda r: r.json()["checks"]["keycloak"] and r.json()["advisory"]["media-asset"],
        )
        pids = {"media-asset": service.pid, "gateway": gateway_process.pid}
        tokens = Tokens(keycloak)
        minio = store.client

        say("making the files: a real 2 s MP4, padded with random bytes")
        clip = make_clip(work / "clip.mp4")
        warmup = make_file(work / "warmup.mp4", WARMUP_SIZE, clip)
        reference = make_file(work / "reference-100MiB.mp4", REFERENCE_SIZE, clip)
        big = make_file(work / f"upload-{SIZE // MIB}MiB.mp4", SIZE, clip)

        with httpx.Client(base_url=gateway_url, timeout=120) as gateway:

            def flow(path: Path) -> FlowResult:
                token = tokens.grant(USER)["access_token"]  # fresh: outlives the upload
                result = flow_upload(gateway, token, path, pids, concurrency)
                waited, version = wait_verified(gateway, token, result, path.stat().st_size)
                say(
                    f"  flow {path.name}: {result.seconds:.2f}s ({result.part_count} parts "
                    f"{result.parts_s:.2f}s, SHA-256 alongside done at {result.hash_s:.2f}s, "
                    f"start+complete {result.calls_s:.2f}s); peak RSS "
                    + ", ".join(f"{n} {mb:.1f} MB" for n, mb in result.peaks.items())
                    + f"; the worker verified SHA-256 and size and made it "
                    f"{version['status']} in {waited:.1f}s more"
                )
                return result

            say(f"warm-up: {WARMUP_SIZE // MIB} MiB through the flow")
            flow(warmup)
            say(f"reference: {REFERENCE_SIZE // MIB} MiB through the flow")
            ref = flow(reference)
            flows: list[FlowResult] = []
            fputs: list[float] = []
            for number in range(1, ROUNDS + 1):
                say(f"round {number}/{ROUNDS}: {_size(SIZE)}, {concurrency} parts at once")

                def measure_fput(number: int = number) -> None:
                    key = f"bench/fput-{number}.mp4"
                    start = time.perf_counter()
                    minio.fput_object(
                        storage.bucket,
                        key,
                        str(big),
                        content_type="video/mp4",
                        part_size=plan.part_size,
                        num_parallel_uploads=concurrency,
                    )
                    fputs.append(time.perf_counter() - start)
                    stored = minio.stat_object(storage.bucket, key).size
                    minio.remove_object(storage.bucket, key)
                    if stored != SIZE:
                        raise RuntimeError(f"fput_object stored {stored} bytes")
                    say(f"  fput_object: {fputs[-1]:.2f}s")

                def measure_flow() -> None:
                    flows.append(flow(big))
                    if flows[-1].part_size != plan.part_size:
                        raise RuntimeError("the service chose another part size than planned")

                steps = [measure_flow, measure_fput] if number % 2 else [measure_fput, measure_flow]
                for step in steps:
                    step()
                say(f"  ratio fput/flow: {fputs[-1] / flows[-1].seconds:.2f}")
    except BaseException:
        for log in sorted(logs.glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()[-15:]
            say(f"last lines of {log.name}:\n    " + "\n    ".join(lines))
        raise
    finally:
        processes.stop_all()
        with contextlib.suppress(Exception):
            drop_bucket(ObjectStore.connect(storage))
        with contextlib.suppress(Exception):
            drop_database(db_url)
        with contextlib.suppress(Exception):
            admin = KafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
            admin.delete_topics([t for t in admin.list_topics() if run in t])
            groups = [g for g, _ in admin.list_consumer_groups() if run in g]
            if groups:
                admin.delete_consumer_groups(groups)
            admin.close()
        shutil.rmtree(work, ignore_errors=True)
        say("cleaned up: processes stopped; bucket, database, topics and files removed")

    ratios = [p / f.seconds for p, f in zip(fputs, flows, strict=True)]
    ratio = statistics.median(ratios)
    peaks = {name: max(f.peaks[name] for f in flows) for name in pids}
    growth = {name: peaks[name] / ref.peaks[name] - 1 for name in pids}
    rss_ok = all(peaks[n] < RSS_TARGET_MB and growth[n] <= RSS_GROWTH_TARGET for n in pids)
    passed = ratio >= RATIO_TARGET and rss_ok
    median_flow = statistics.median(f.seconds for f in flows)
    memory = " ".join(
        f"{n}={peaks[n]:.0f}MB (100MiB: {ref.peaks[n]:.0f}MB, {growth[n]:+.1%})" for n in pids
    )
    print(
        f"upload: ratio={ratio:.2f} (fput_object/flow, median of {ROUNDS}: "
        f"{', '.join(f'{r:.2f}' for r in ratios)}; flow {median_flow:.1f}s "
        f"[parts {statistics.median(f.parts_s for f in flows):.1f}s, SHA-256 alongside done "
        f"at {statistics.median(f.hash_s for f in flows):.1f}s], fput_object "
        f"{statistics.median(fputs):.1f}s; {_size(SIZE)}, {plan.part_count} parts of "
        f"{plan.part_size // MIB} MiB, {concurrency} at once) peak_rss {memory} "
        f"(target ratio>={RATIO_TARGET}, rss<{RSS_TARGET_MB:.0f}MB and within "
        f"{RSS_GROWTH_TARGET:.0%} of the 100MiB upload's) {'PASS' if passed else 'FAIL'}",
        flush=True,
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
