"""Latency from the final approval call to the ``content.published`` event being consumed.

Starts the real content and editorial-approval services as processes (fresh databases,
topics of their own), then for each of 500 stories: a contributor drafts and submits, an
editor approves, and the clock starts at the board's final ``Approve`` call. The path
is: editorial-approval outbox -> relay -> Kafka -> content's idempotent consumer
(publishes the snapshot, writes StoryPublished to its outbox) -> relay -> Kafka -> this
script's consumer. p50/p99 over the 500 stories; target p99 < 300 ms on this machine.
The baseline, measured in the same run with the same consumer, is one bare kafka-python
produce -> consume hop; the ratio says how many bare hops the whole pipeline costs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.content.v1.content_service_pb2_grpc import ContentServiceStub
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1.editorial_approval_service_pb2_grpc import (
    EditorialApprovalServiceStub,
)
from newsroom_core.db import drop_database
from newsroom_core.events.envelope import CloudEvent
from newsroom_core.events.kafka import ensure_topics, make_producer
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.metadata import identity_var
from newsroom_core.identity import PLATFORM_ADMIN, Identity
from newsroom_core.localstack import Infra
from newsroom_core.settings import IdentitySettings, KafkaSettings

STORIES = 500
TARGET_P99_MS = 300.0
PUBLISHED = "newsroom.content.story.published.v1"
RAW = "newsroom.bench.raw.v1"
TENANT = "halong"
KEY = IdentitySettings().secret.get_secret_value().encode()

PLATFORM = Identity("bench-admin", "platform.admin", realm_roles=frozenset({PLATFORM_ADMIN}))
WRITER = Identity(
    "bench-writer", "halong.contributor", tenant_roles={TENANT: frozenset({"contributor"})}
)
EDITOR = Identity("bench-editor", "halong.editor", tenant_roles={TENANT: frozenset({"editor"})})
BOARD = Identity("bench-board", "halong.board", tenant_roles={TENANT: frozenset({"board"})})


def start(module: str, env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    handle = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", module], env=env, stdout=handle, stderr=handle)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{module} exited:\n{log.read_text()[-3000:]}")
        for line in log.read_text(errors="replace").splitlines():
            if '"service started"' in line:
                return proc, str(json.loads(line)["grpc"])
        time.sleep(0.1)
    raise RuntimeError(f"{module} did not start:\n{log.read_text()[-3000:]}")


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * pct / 100) - 1)]


def call(identity: Identity, method: Any, request: Any) -> Any:
    token = identity_var.set(identity)
    try:
        return method(request, timeout=10)
    finally:
        identity_var.reset(token)


def main() -> int:
    infra = Infra.load()
    run = uuid.uuid4().hex[:6]
    pg = infra.pg_url.rsplit("/", 1)[0]
    content_db, editorial_db = f"{pg}/bench_content_{run}", f"{pg}/bench_editorial_{run}"
    content_topic, editorial_topic = f"bench.{run}.content.events.v1", f"bench.{run}.editorial.v1"
    raw_topic = f"bench.{run}.raw"
    ensure_topics(
        KafkaSettings(bootstrap=infra.kafka_bootstrap), [content_topic, editorial_topic, raw_topic]
    )
    logs = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    base = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs: list[subprocess.Popen[bytes]] = []

    seen: dict[str, float] = {}
    ready = threading.Event()
    stop = threading.Event()

    def consume() -> None:
        consumer = KafkaConsumer(
            content_topic,
            raw_topic,
            bootstrap_servers=infra.kafka_bootstrap,
            group_id=f"bench.pipeline.{run}",
            auto_offset_reset="latest",
            fetch_max_wait_ms=100,
            metadata_max_age_ms=5000,
        )
        while not consumer.assignment():
            consumer.poll(timeout_ms=100)
        ready.set()
        while not stop.is_set():
            for records in consumer.poll(timeout_ms=100).values():
                now = time.perf_counter()
                for record in records:
                    event = CloudEvent.from_record(record.headers, record.value)
                    if event.type in (PUBLISHED, RAW):
                        seen.setdefault(event.subject, now)
        consumer.close()

    def wait_for(subject: str, began: float) -> float:
        """Milliseconds from ``began`` until the consumer saw ``subject``."""
        deadline = began + 10
        while subject not in seen and time.perf_counter() < deadline:
            time.sleep(0.0005)
        if subject not in seen:
            raise RuntimeError(f"{subject} never arrived")
        return (seen[subject] - began) * 1000

    try:
        print(f"starting content and editorial-approval (logs in {logs})...", flush=True)
        content, content_addr = start(
            "content_service",
            {
                **base,
                "CONTENT_SERVICE_NAME": f"content-bench-{run}",
                "CONTENT_DB__URL": content_db,
                "CONTENT_GRPC__PORT": "0",
                "CONTENT_HTTP__PORT": "0",
                "CONTENT_EVENTS_TOPIC": content_topic,
                "CONTENT_EDITORIAL_TOPIC": editorial_topic,
                "CONTENT_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
            },
            logs / "content.log",
        )
        procs.append(content)
        editorial, editorial_addr = start(
            "editorial_approval_service",
            {
                **base,
                "EDITORIAL_APPROVAL_SERVICE_NAME": f"editorial-bench-{run}",
                "EDITORIAL_APPROVAL_DB__URL": editorial_db,
                "EDITORIAL_APPROVAL_GRPC__PORT": "0",
                "EDITORIAL_APPROVAL_HTTP__PORT": "0",
                "EDITORIAL_APPROVAL_CONTENT_TARGET": content_addr,
                "EDITORIAL_APPROVAL_EVENTS_TOPIC": editorial_topic,
                "EDITORIAL_APPROVAL_CONTENT_EVENTS_TOPIC": content_topic,
                "EDITORIAL_APPROVAL_KAFKA__BOOTSTRAP": infra.kafka_bootstrap,
            },
            logs / "editorial.log",
        )
        procs.append(editorial)
        content_stub = ContentServiceStub(make_channel(content_addr, identity_key=KEY))  # type: ignore[no-untyped-call]
        desk = EditorialApprovalServiceStub(make_channel(editorial_addr, identity_key=KEY))  # type: ignore[no-untyped-call]
        call(
            PLATFORM,
            content_stub.CreateTenant,
            content_pb.CreateTenantRequest(tenant=TENANT, name="Than Hạ Long"),
        )
        threading.Thread(target=consume, daemon=True).start()
        if not ready.wait(60):
            raise RuntimeError("bench consumer got no partitions")

        print("baseline: bare kafka-python produce -> consume hops...", flush=True)
        producer = make_producer(KafkaSettings(bootstrap=infra.kafka_bootstrap), client_id="b")
        raw: list[float] = []
        for i in range(STORIES):
            event = CloudEvent(
                type=RAW, source="/bench", subject=f"raw-{i}", tenant=TENANT, data=b""
            )
            began = time.perf_counter()
            producer.send(raw_topic, key=event.subject.encode(), value=b"", headers=event.headers())
            producer.flush()
            raw.append(wait_for(event.subject, began))
        producer.close()

        latencies: list[float] = []
        for i in range(STORIES):
            story = call(
                WRITER,
                content_stub.CreateStory,
                content_pb.CreateStoryRequest(
                    tenant=TENANT,
                    type=story_pb2.STORY_TYPE_NEWS,
                    visibility=story_pb2.VISIBILITY_PUBLIC,
                    language="vi",
                    headline=f"Bản tin số {i}: đẩy mạnh truyền thông an toàn lao động {run}",
                    summary="Tóm tắt bản tin",
                    body_html="<p>Nội dung bản tin.</p>",
                ),
            ).story
            ref = {"tenant": TENANT, "story_id": story.id, "revision": story.current_revision}
            call(WRITER, desk.Submit, editorial_pb.SubmitRequest(**ref))
            call(EDITOR, desk.Approve, editorial_pb.ApproveRequest(**ref))
            began = time.perf_counter()
            call(BOARD, desk.Approve, editorial_pb.ApproveRequest(**ref))
            latencies.append(wait_for(story.id, began))
            if (i + 1) % 100 == 0:
                so_far = statistics.median(latencies)
                print(f"  {i + 1}/{STORIES} stories, p50 so far {so_far:.1f} ms", flush=True)
    finally:
        stop.set()
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(30)
        for url in (content_db, editorial_db):
            drop_database(url)

    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    raw_p50, raw_p99 = percentile(raw, 50), percentile(raw, 99)
    verdict = "PASS" if p99 < TARGET_P99_MS else "FAIL"
    print(f"baseline bare kafka hop: p50={raw_p50:.1f}ms p99={raw_p99:.1f}ms")
    print(
        f"pipeline: p50={p50:.1f}ms p99={p99:.1f}ms max={max(latencies):.1f}ms "
        f"p99_vs_bare_hop={p99 / raw_p99:.1f}x over {len(latencies)} stories "
        f"(target p99<{TARGET_P99_MS:.0f}ms) {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
