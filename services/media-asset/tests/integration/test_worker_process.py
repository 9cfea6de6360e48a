"""The real worker process (``python -m media_asset_service.worker``), woken by media
events on the real Kafka: a worker SIGKILLed mid-transcode is replaced and the job is
redone, ending with exactly one complete ladder and nothing half-made ever visible."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from media_asset_service import keys
from media_asset_service.objects import ObjectStore
from media_asset_service.processing.renditions import scratch_root
from media_asset_service.settings import JobSettings
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_core.settings import KafkaSettings
from newsroom_core.storage import StorageSettings
from newsroom_core.testing.run import token
from newsroom_media.testing import make_photo, make_video
from newsroom_testkit.identities import failure, member
from newsroom_testkit.media import get_asset, upload, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.kafka,
    pytest.mark.s3,
    pytest.mark.slow,
    pytest.mark.fault,
]


class WorkerProcess:
    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "media_asset_service.worker"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_started(self, timeout_s: float = 60) -> WorkerProcess:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited early:\n{self.log_path.read_text()}")
            if '"service started"' in self.log_path.read_text(errors="replace"):
                return self
            time.sleep(0.05)
        raise AssertionError(f"worker not started:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._log.close()


@pytest.fixture
def launch(
    media_db: str,
    storage: StorageSettings,
    kafka_settings: KafkaSettings,
    events_topic: str,
    tmp_path: Path,
) -> Iterator[Callable[[], WorkerProcess]]:
    env = {
        **os.environ,
        "MEDIA_WORKER_DB__URL": media_db,
        "MEDIA_WORKER_STORAGE__ENDPOINT": storage.endpoint,
        "MEDIA_WORKER_STORAGE__ACCESS_KEY": storage.access_key,
        "MEDIA_WORKER_STORAGE__SECRET_KEY": storage.secret_key.get_secret_value(),
        "MEDIA_WORKER_STORAGE__BUCKET": storage.bucket,
        "MEDIA_WORKER_KAFKA__BOOTSTRAP": kafka_settings.bootstrap,
        "MEDIA_WORKER_KAFKA__SESSION_TIMEOUT_MS": "6000",
        "MEDIA_WORKER_EVENTS_TOPIC": events_topic,
        "MEDIA_WORKER_UPLOADS_PURPOSE": f"uploads-{token()}",
        "MEDIA_WORKER_HTTP__PORT": "0",
        "MEDIA_WORKER_OUTBOX__POLL_INTERVAL_S": "0.2",
        "MEDIA_WORKER_JOBS__LEASE_TTL_S": "3",
        "MEDIA_WORKER_JOBS__HEARTBEAT_S": "0.5",
        "MEDIA_WORKER_JOBS__POLL_INTERVAL_S": "0.5",
        "MEDIA_WORKER_JOBS__FFMPEG_THREADS": "1",
        "MEDIA_WORKER_JOBS__SCRATCH_DIR": str(tmp_path / "scratch"),
        "MEDIA_WORKER_LOG__LEVEL": "INFO",
    }
    started: list[WorkerProcess] = []

    def start() -> WorkerProcess:
        process = WorkerProcess(env, tmp_path / f"worker-{len(started)}.log")
        started.append(process)
        return process.wait_started()

    start.scratch = tmp_path / "scratch"  # type: ignore[attr-defined]
    yield start
    for process in started:
        process.stop()


def job_state(engine: Engine, asset_id: str) -> tuple[str, int, int]:
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT status, attempts, progress_percent FROM media_job "
                "WHERE asset_id = :id AND kind = 'process'"
            ),
            {"id": asset_id},
        ).one_or_none()
    return (str(row[0]), int(row[1]), int(row[2])) if row else ("none", 0, 0)


def test_a_worker_killed_mid_transcode_ends_with_one_complete_ladder(
    launch: Any,
    stub: Any,
    engine: Engine,
    store: ObjectStore,
    tenant: str,
    files: Path,
) -> None:
    video = make_video(files / "interview-1080p.mp4", size="1920x1080", seconds=10)
    first = launch()
    editor = member(tenant, "editor")
    asset = upload(stub, editor, tenant, video, content_type="video/mp4")
    # the worker learns of it from Kafka (its own relay publishes the service's outbox)
    wait_for(
        lambda: (
            job_state(engine, asset.id)[0] == "running" and job_state(engine, asset.id)[2] >= 20
        ),
        timeout_s=180,
    )
    first.kill()
    status, attempts, percent = job_state(engine, asset.id)
    assert (status, attempts) == ("running", 1) and 20 <= percent < 100

    # nothing of the dead attempt is visible: no renditions, no file served
    during = get_asset(stub, editor, tenant, asset.id)
    assert during.version.status == asset_pb2.ASSET_STATUS_PROCESSING
    assert list(during.version.renditions) == []
    assert failure(
        None,
        stub.ResolveFile,
        pb.ResolveFileRequest(tenant=tenant, asset_id=asset.id, version=1, path="hls/master.m3u8"),
    ) == ("NOT_FOUND", "MEDIA_NOT_PUBLISHED")
    assert any(launch.scratch.rglob("*"))  # the dead worker's half-made files

    launch()  # its replacement takes the job over once the lease runs out
    wait_for(
        lambda: (
            get_asset(stub, editor, tenant, asset.id).version.status == asset_pb2.ASSET_STATUS_READY
        ),
        timeout_s=240,
    )
    status, attempts, _ = job_state(engine, asset.id)
    assert (status, attempts) == ("done", 2)
    ready = get_asset(stub, editor, tenant, asset.id)
    assert ready.version.progress_percent == 100
    assert {r.height for r in ready.version.renditions if r.role == asset_pb2.RENDITION_ROLE_POSTER}

    # exactly one complete ladder in the store: one run's prefix, every file it lists
    root = keys.renditions_root(tenant, asset.id, 1)
    stored = store.keys(root)
    runs = {k[len(root) :].split("/", 1)[0] for k in stored}
    assert len(runs) == 1, runs
    prefix = root + runs.pop() + "/"
    with engine.connect() as conn:
        listed = conn.execute(
            text("SELECT files, renditions_prefix FROM asset_version WHERE asset_id = :id"),
            {"id": asset.id},
        ).one()
    assert listed[1] == prefix
    assert sorted(prefix + f["path"] for f in listed[0]) == sorted(stored)
    rungs = {
        f["path"].split("/")[1]
        for f in listed[0]
        if f["path"].count("/") == 2 and f["path"].startswith("hls/")
    }
    assert rungs >= {"360p", "720p", "1080p"}
    # and the replacement removed the dead worker's scratch directory
    assert not list(scratch_root(JobSettings(scratch_dir=str(launch.scratch))).iterdir())


def test_an_upload_event_wakes_the_worker_and_the_relay_publishes(
    launch: Any, stub: Any, tenant: str, files: Path
) -> None:
    launch()
    photo = make_photo(files / "wake.jpg", width=800, height=600)
    editor = member(tenant, "contributor")
    asset = upload(stub, editor, tenant, photo, content_type="image/jpeg")
    wait_for(
        lambda: (
            get_asset(stub, editor, tenant, asset.id).version.status == asset_pb2.ASSET_STATUS_READY
        ),
        timeout_s=120,
    )
