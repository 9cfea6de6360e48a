"""The worker's PROCESS job on the real S3 server, PostgreSQL and ffmpeg/libvips: images,
video and audio become READY with their renditions, failures keep their reason."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine

from media_asset_service import keys
from media_asset_service.jobs.models import Job, JobKind, JobStatus
from media_asset_service.objects import ObjectStore
from media_asset_service.wiring import MediaAssetAggregates
from media_asset_service.worker.wiring import WorkerAggregates
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_events_pb2 as media_events_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_core.db import SessionFactory, session_scope
from newsroom_media.testing import ffprobe_json, make_photo, make_tone, make_video
from newsroom_testkit.identities import as_user, member
from newsroom_testkit.media import get_asset, upload
from newsroom_testkit.outbox import outbox_events

pytestmark = [pytest.mark.postgres, pytest.mark.s3, pytest.mark.slow]

GPS_TAG = 0x8825


def process_all(
    media: MediaAssetAggregates, worker: WorkerAggregates, asset: asset_pb2.Asset
) -> None:
    with session_scope(media.jobs.sessions) as session:
        media.jobs.enqueue(
            session,
            kind=JobKind.PROCESS,
            tenant=asset.tenant,
            asset_id=asset.id,
            version=asset.version.number,
        )
    runner = worker.runner(worker.jobs.settings, name="test")
    while (lease := worker.jobs.lease("test-worker")) is not None:
        runner.run_job(lease)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as reply:
        return bytes(reply.read())


def test_a_photo_becomes_webp_and_jpeg_renditions_without_exif_gps(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    tenant: str,
    files: Path,
) -> None:
    photo = make_photo(files / "mine.jpg", width=2400, height=1600)
    assert GPS_TAG in Image.open(photo).getexif()  # the original carries a location
    editor = member(tenant, "contributor")
    asset = upload(
        stub,
        editor,
        tenant,
        photo,
        content_type="image/jpeg",
        focal_point=asset_pb2.FocalPoint(x=0.2, y=0.3),
    )
    process_all(media, worker, asset)
    ready = get_asset(stub, editor, tenant, asset.id)
    assert ready.version.status == asset_pb2.ASSET_STATUS_READY, ready.version.failure_detail
    assert (ready.version.width, ready.version.height) == (2400, 1600)
    roles = {(r.role, r.content_type, r.width) for r in ready.version.renditions}
    webp = sorted(w for role, t, w in roles if t == "image/webp")
    jpeg = sorted(
        w for role, t, w in roles if t == "image/jpeg" and role == asset_pb2.RENDITION_ROLE_IMAGE
    )
    assert webp == [320, 640, 960, 1280, 1920] and jpeg == webp
    card = [r for r in ready.version.renditions if r.role == asset_pb2.RENDITION_ROLE_CARD]
    assert [(c.width, c.height) for c in card] == [(1200, 675)]
    assert ready.version.progress_percent == 100
    # every served rendition, fetched through its staff URL: no EXIF, no GPS
    for rendition in ready.version.renditions:
        body = fetch(rendition.url)
        path = files / f"served-{asset.id}-{rendition.path}"
        path.write_bytes(body)
        with Image.open(path) as image:
            assert GPS_TAG not in image.getexif(), rendition.path
            assert not image.getexif(), rendition.path
        assert b"GPS" not in body and b"Exif\x00\x00" not in body, rendition.path


def test_a_video_becomes_an_hls_ladder_with_a_poster(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    store: ObjectStore,
    tenant: str,
    files: Path,
) -> None:
    video = make_video(files / "clip.mp4", size="640x360", seconds=4)
    editor = member(tenant, "editor")
    asset = upload(stub, editor, tenant, video, content_type="video/mp4")
    process_all(media, worker, asset)
    ready = get_asset(stub, editor, tenant, asset.id)
    assert ready.version.status == asset_pb2.ASSET_STATUS_READY, ready.version.failure_detail
    by_role = {r.role: r for r in ready.version.renditions}
    assert by_role[asset_pb2.RENDITION_ROLE_HLS_MASTER].path == "hls/master.m3u8"
    assert by_role[asset_pb2.RENDITION_ROLE_POSTER].content_type == "image/jpeg"
    assert asset_pb2.RENDITION_ROLE_THUMBNAILS_VTT in by_role
    assert 3500 <= ready.version.duration_ms <= 4500
    # the published run holds the whole ladder; nothing else is under the renditions
    root = keys.renditions_root(tenant, asset.id, 1)
    stored = store.keys(root)
    runs = {k[len(root) :].split("/", 1)[0] for k in stored}
    assert len(runs) == 1
    assert any(k.endswith(".m4s") for k in stored)
    master = files / f"{asset.id}-master.m3u8"
    # ffprobe reads the ladder through its master playlist (segments by presigned GET
    # would not resolve; the store's own copy is read here)
    local = files / f"ladder-{asset.id}"
    for key in stored:
        target = local / key[len(root) :].split("/", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(store.read_all(key))
    master = local / "hls" / "master.m3u8"
    probed = ffprobe_json(master, "-show_streams")
    heights = sorted({s["height"] for s in probed["streams"] if s.get("codec_type") == "video"})
    assert heights == [360]


def test_an_audio_bulletin_becomes_hls_and_an_mp3(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    tenant: str,
    files: Path,
) -> None:
    tone = make_tone(files / "bulletin.wav", seconds=6, gain_db=-30)
    editor = member(tenant, "editor")
    asset = upload(stub, editor, tenant, tone, content_type="audio/wav")
    process_all(media, worker, asset)
    ready = get_asset(stub, editor, tenant, asset.id)
    assert ready.version.status == asset_pb2.ASSET_STATUS_READY, ready.version.failure_detail
    roles = {r.role for r in ready.version.renditions}
    assert roles == {asset_pb2.RENDITION_ROLE_HLS_MASTER, asset_pb2.RENDITION_ROLE_DOWNLOAD}


def test_a_retryable_failure_is_retried_then_failed_with_the_reason(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    sessions: SessionFactory,
    tenant: str,
    files: Path,
) -> None:
    video = make_video(files / "big-for-ffmpeg.mp4", size="1280x720", seconds=2)
    editor = member(tenant, "editor")
    asset = upload(stub, editor, tenant, video, content_type="video/mp4")
    # ffmpeg capped at 40 MB of address space cannot even start the ladder
    starved = dataclasses.replace(
        worker.renditions,
        settings=worker.jobs.settings.model_copy(update={"ffmpeg_max_memory_bytes": 40 * 2**20}),
    )
    tight = dataclasses.replace(worker, renditions=starved)
    process_all(media, tight, asset)
    failed = get_asset(stub, editor, tenant, asset.id)
    assert failed.version.status == asset_pb2.ASSET_STATUS_FAILED
    assert failed.version.failure_reason in ("OUT_OF_MEMORY", "TRANSCODE_FAILED")
    assert failed.version.failure_detail  # ffmpeg's last lines, shown to the user
    assert failed.version.attempts == worker.jobs.settings.max_attempts
    with session_scope(sessions) as session:
        from sqlmodel import select

        job = session.exec(select(Job).where(Job.asset_id == asset.id)).one()
        assert (job.status, job.attempts) == (JobStatus.FAILED, worker.jobs.settings.max_attempts)
    # a failed version is listed with its status
    listed = as_user(
        editor,
        stub.ListAssets,  # type: ignore[attr-defined]
        pb.ListAssetsRequest(tenant=tenant, status=asset_pb2.ASSET_STATUS_FAILED),
    )
    assert [a.id for a in listed.assets] == [asset.id]


def _ffmpeg_pids() -> list[int]:
    """ffmpeg processes this test process started (any thread), from /proc."""
    me = os.getpid()
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat_file.read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue  # the process ended while we looked
        if head.split("(", 1)[-1] == "ffmpeg" and int(tail.split()[1]) == me:
            found.append(int(stat_file.parent.name))
    return found


def _ffmpeg_children() -> int:
    return len(_ffmpeg_pids())


def test_a_worker_never_runs_more_jobs_than_its_concurrency(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    tenant: str,
    files: Path,
) -> None:
    """Five videos queued at once, a worker with two slots: all five become READY and at
    no moment do more than two jobs (or more than two ffmpegs) run."""
    editor = member(tenant, "editor")
    assets = []
    for n in range(5):
        clip = make_video(files / f"queue-{n}.mp4", size="640x360", seconds=4)
        asset = upload(stub, editor, tenant, clip, content_type="video/mp4")
        with session_scope(media.jobs.sessions) as session:
            media.jobs.enqueue(
                session,
                kind=JobKind.PROCESS,
                tenant=tenant,
                asset_id=asset.id,
                version=asset.version.number,
            )
        assets.append(asset)
    settings = worker.jobs.settings.model_copy(update={"concurrency": 2})
    runner = worker.runner(settings, name="bounded")
    thread = threading.Thread(target=runner.run, name="bounded-runner", daemon=True)
    peak_jobs = peak_ffmpeg = 0

    def all_done() -> bool:
        statuses = {get_asset(stub, editor, tenant, a.id).version.status for a in assets}
        return statuses <= {asset_pb2.ASSET_STATUS_READY, asset_pb2.ASSET_STATUS_FAILED}

    thread.start()
    try:
        deadline = time.monotonic() + 600
        checked = 0.0
        while time.monotonic() < deadline:
            peak_jobs = max(peak_jobs, runner.running)
            peak_ffmpeg = max(peak_ffmpeg, _ffmpeg_children())
            if time.monotonic() - checked > 1.0:
                checked = time.monotonic()
                if all_done():
                    break
            time.sleep(0.02)
    finally:
        runner.stop()
        thread.join(60)
    for asset in assets:
        done = get_asset(stub, editor, tenant, asset.id)
        assert done.version.status == asset_pb2.ASSET_STATUS_READY, done.version.failure_detail
    assert peak_jobs == 2, "both slots were used, and never a third"
    assert 1 <= peak_ffmpeg <= 2, peak_ffmpeg


def test_progress_is_recorded_and_a_stuck_job_is_stopped_and_retried(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    engine: Engine,
    tenant: str,
    files: Path,
) -> None:
    """The ladder's progress (from ffmpeg's -progress) reaches the asset and AssetProgress
    events; an ffmpeg frozen mid-ladder (SIGSTOP: alive, making no progress) is a stuck
    job: stopped after ``stuck_after_s``, retried, and the retry makes the version READY."""
    editor = member(tenant, "editor")
    clip = make_video(files / "stuck.mp4", size="1280x720", seconds=8)
    asset = upload(stub, editor, tenant, clip, content_type="video/mp4")
    with session_scope(media.jobs.sessions) as session:
        media.jobs.enqueue(
            session, kind=JobKind.PROCESS, tenant=tenant, asset_id=asset.id, version=1
        )
    settings = worker.jobs.settings.model_copy(
        # 6 s without progress: long enough that a loaded machine's ffmpeg (starved for a
        # few seconds at load 25 on 2 cores) is not taken for a stuck one on its retry
        update={"concurrency": 1, "stuck_after_s": 6.0, "heartbeat_s": 0.2}
    )
    runner = worker.runner(settings, name="stuck")
    thread = threading.Thread(target=runner.run, name="stuck-runner", daemon=True)
    seen: list[int] = []
    frozen: list[int] = []
    thread.start()
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            version = get_asset(stub, editor, tenant, asset.id).version
            seen.append(version.progress_percent)
            if version.status in (asset_pb2.ASSET_STATUS_READY, asset_pb2.ASSET_STATUS_FAILED):
                break
            if not frozen and 0 < version.progress_percent < 90:
                frozen = _ffmpeg_pids()
                for pid in frozen:
                    os.kill(pid, signal.SIGSTOP)
            time.sleep(0.1)
    finally:
        runner.stop()
        thread.join(60)
    assert frozen, "ffmpeg was frozen mid-ladder"
    done = get_asset(stub, editor, tenant, asset.id)
    assert done.version.status == asset_pb2.ASSET_STATUS_READY, done.version.failure_detail
    assert done.version.attempts == 2 and done.version.progress_percent == 100
    assert any(0 < p < 100 for p in seen), "progress between 0 and 100 was visible"
    failures = [
        media_events_pb2.ProcessingFailed.FromString(e.data)
        for e in outbox_events(engine, asset.id, "newsroom.media_asset.asset.processing_failed.v1")
    ]
    assert [(f.reason, f.final, f.attempts) for f in failures] == [("JOB_STUCK", False, 1)]
    progress = [
        media_events_pb2.AssetProgress.FromString(e.data).percent
        for e in outbox_events(engine, asset.id, "newsroom.media_asset.asset.progress.v1")
    ]
    assert progress and all(0 < p <= 100 for p in progress), progress
    assert not set(frozen) & set(_ffmpeg_pids()), "the frozen ffmpeg was killed and reaped"


def test_a_job_ending_its_own_lease_is_not_reported_as_lost(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    tenant: str,
    files: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A job finishes its lease itself and returns a moment later: a heartbeat in between
    finds the lease gone, which is the job's own doing, not a loss. A lease taken away
    while the job still runs is one: the job is told to stop."""
    editor = member(tenant, "editor")
    photo = make_photo(files / "lease.jpg", width=320, height=200)
    settings = worker.jobs.settings.model_copy(update={"heartbeat_s": 0.05})
    stops: list[str] = []

    def run(handler_end: str) -> None:
        asset = upload(stub, editor, tenant, photo, content_type="image/jpeg")
        with session_scope(media.jobs.sessions) as session:
            media.jobs.enqueue(
                session, kind=JobKind.PROCESS, tenant=tenant, asset_id=asset.id, version=1
            )
        others = []  # jobs other tests left queued: back to the queue untouched
        while (lease := worker.jobs.lease("lease-test", kinds=(JobKind.PROCESS,))) is not None:
            if lease.asset_id == asset.id:
                break
            others.append(lease)
        for other in others:
            with session_scope(worker.jobs.sessions) as session:
                worker.jobs.release(session, other)
        assert lease is not None
        runner = worker.runner(settings, name="lease-test")

        def handler(held: object, progress: object) -> None:
            with session_scope(worker.jobs.sessions) as session:
                if handler_end == "finish":
                    worker.jobs.finish(session, lease)
                else:
                    worker.jobs.release(session, lease)
            time.sleep(0.5 if handler_end == "finish" else 3.0)  # beats keep coming
            stops.append(getattr(progress, "stop_reason", ""))

        monkeypatch.setattr(runner, "_handler", lambda kind: handler)
        runner.run_job(lease)

    with caplog.at_level("WARNING", logger="media_asset_service.worker.runner"):
        run("finish")
    assert stops == [""]
    assert not [r for r in caplog.records if "lease lost" in r.getMessage()]

    with caplog.at_level("WARNING", logger="media_asset_service.worker.runner"):
        run("release")
    assert stops == ["", "LEASE_LOST"]
    assert [r for r in caplog.records if "lease lost while running" in r.getMessage()]
