"""Uploads through presigned multipart URLs, against the real S3 server and PostgreSQL."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from minio.error import S3Error

from media_asset_service import keys
from media_asset_service.jobs.models import JobKind
from media_asset_service.objects import ObjectStore
from media_asset_service.uploads.service import UploadStart
from media_asset_service.wiring import MediaAssetAggregates
from media_asset_service.worker.wiring import WorkerAggregates
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_cli.uploader import PartTarget, send_file, sha256_of
from newsroom_core.db import session_scope
from newsroom_core.identity import Identity
from newsroom_core.timestamps import utcnow
from newsroom_testkit.identities import as_user, failure, member
from newsroom_testkit.media import (
    Started,
    complete,
    get_asset,
    send_hashing,
    send_parts,
    start_upload,
    upload,
)

pytestmark = [pytest.mark.postgres, pytest.mark.s3]

MIB = 1024 * 1024
PDF_HEAD = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def random_file(path: Path, size: int, head: bytes = PDF_HEAD) -> Path:
    with path.open("wb") as out:
        out.write(head)
        left = size - len(head)
        while left > 0:
            chunk = os.urandom(min(left, 4 * MIB))
            out.write(chunk)
            left -= len(chunk)
    return path


def run_jobs(worker: WorkerAggregates, limit: int = 10) -> int:
    """Lease and run due jobs in this thread, as one worker slot does; how many ran."""
    runner = worker.runner(worker.jobs.settings, name="test")
    ran = 0
    while ran < limit:
        lease = worker.jobs.lease("test-worker")
        if lease is None:
            return ran
        runner.run_job(lease)
        ran += 1
    return ran


def refused_completion(
    stub: object, identity: Identity, tenant: str, started: Started, *, sha256: str = ""
) -> tuple[str, str]:
    """CompleteUpload that must fail: its (code, reason)."""
    return failure(
        identity,
        stub.CompleteUpload,  # type: ignore[attr-defined]
        pb.CompleteUploadRequest(
            tenant=tenant,
            asset_id=started.asset.id,
            upload_id=started.upload.upload_id,
            sha256=sha256,
        ),
    )


def upload_rest_and_complete(
    stub: object, identity: Identity, tenant: str, path: Path, started: Started
) -> asset_pb2.Asset:
    """Every part PUT while the file is hashed, then CompleteUpload with the digest."""
    sent = send_hashing(path, started.upload)
    return complete(stub, identity, tenant, started, sha256=sent.sha256)


def queue_processing(media: MediaAssetAggregates, asset: asset_pb2.Asset) -> None:
    """What the worker's consumer does on AssetUploaded."""
    with session_scope(media.jobs.sessions) as session:
        media.jobs.enqueue(
            session,
            kind=JobKind.PROCESS,
            tenant=asset.tenant,
            asset_id=asset.id,
            version=asset.version.number,
        )


@pytest.mark.slow
def test_a_200_mb_multipart_upload_completes_and_verifies(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    store: ObjectStore,
    tenant: str,
    files: Path,
) -> None:
    media_big = dataclasses.replace(
        media.uploads,
        settings=media.uploads.settings.model_copy(
            update={"max_size": {**media.uploads.settings.max_size, "document": 300 * MIB}}
        ),
    )
    path = random_file(files / "archive-200mb.pdf", 200 * MIB)
    editor = member(tenant, "editor")
    # no digest at the start: the client hashes while its parts are in flight
    started = media_big.start(
        editor,
        UploadStart(
            tenant=tenant,
            filename=path.name,
            content_type="application/pdf",
            size_bytes=path.stat().st_size,
        ),
    )
    upload_ = started.upload
    assert upload_.part_count == 40 and upload_.part_size == 5 * MIB  # 200 MiB / 5 MiB
    assert all(p.url.startswith("http://") and "uploadId=" in p.url for p in upload_.parts)
    sent = send_file(
        path, upload_.part_size, [PartTarget(p.number, p.url, p.size) for p in upload_.parts]
    )
    assert sorted(sent.etags) == list(range(1, 41))
    view = media_big.complete(
        editor,
        tenant=tenant,
        asset_id=started.view.asset.id,
        upload_id=upload_.upload_id,
        sha256=sent.sha256,
    )
    assert view.version.status == "verifying"
    assert view.version.sha256 == sent.sha256
    key = keys.original_key(tenant, view.asset.id, 1)
    assert store.size_of(key) == 200 * MIB
    queue_processing(media, get_asset(stub, editor, tenant, view.asset.id))
    assert run_jobs(worker) == 1
    ready = get_asset(stub, editor, tenant, view.asset.id)
    assert ready.version.status == asset_pb2.ASSET_STATUS_READY
    assert ready.version.content_type == "application/pdf"
    assert ready.version.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_interrupted_upload_resumes_sending_only_the_missing_parts(
    stub: object, store: ObjectStore, tenant: str, files: Path
) -> None:
    path = random_file(files / "resume.pdf", 23 * MIB)  # 5 parts: 4 x 5 MiB + 3 MiB
    editor = member(tenant, "contributor")
    started = start_upload(stub, editor, tenant, path, content_type="application/pdf")
    assert started.upload.part_count == 5
    sent_first = send_parts(path, started.upload, only=[1, 3])  # the laptop closed here

    reply = as_user(
        editor,
        stub.ListUploadParts,  # type: ignore[attr-defined]
        pb.ListUploadPartsRequest(tenant=tenant, asset_id=started.asset.id),
    )
    assert [(p.part_number, p.etag) for p in reply.stored] == sorted(sent_first.items())
    missing = [p.part_number for p in reply.upload.parts]
    assert missing == [2, 4, 5]
    assert reply.upload.parts[-1].size_bytes == 3 * MIB
    sent_second = send_hashing(path, reply.upload)  # the hash still covers the whole file
    assert set(sent_second.etags) == {2, 4, 5}  # nothing sent twice

    done = complete(stub, editor, tenant, started, sha256=sent_second.sha256)
    assert done.version.status == asset_pb2.ASSET_STATUS_VERIFYING
    stored = store.read_all(keys.original_key(tenant, done.id, 1))
    assert hashlib.sha256(stored).hexdigest() == sent_second.sha256 == sha256_of(path)


def test_completing_with_parts_missing_says_which(stub: object, tenant: str, files: Path) -> None:
    path = random_file(files / "gaps.pdf", 12 * MIB)
    editor = member(tenant, "editor")
    started = start_upload(stub, editor, tenant, path, content_type="application/pdf")
    send_parts(path, started.upload, only=[1])
    digest = sha256_of(path)
    assert refused_completion(stub, editor, tenant, started, sha256=digest) == (
        "FAILED_PRECONDITION",
        "PARTS_MISSING",
    )
    send_parts(path, started.upload, only=[2, 3])
    assert complete(stub, editor, tenant, started, sha256=digest).version.status == (
        asset_pb2.ASSET_STATUS_VERIFYING
    )
    # completing again is harmless, with or without the digest
    assert complete(stub, editor, tenant, started).version.number == 1
    assert complete(stub, editor, tenant, started, sha256=digest).version.sha256 == digest


def test_a_jpg_that_is_an_executable_is_rejected(
    stub: object, store: ObjectStore, tenant: str, files: Path
) -> None:
    path = files / "holiday.jpg"
    shutil.copyfile("/bin/true", path)  # a real ELF program named like a photo
    editor = member(tenant, "contributor")
    started = start_upload(stub, editor, tenant, path, content_type="image/jpeg")
    sent = send_hashing(path, started.upload)
    code, reason = refused_completion(stub, editor, tenant, started, sha256=sent.sha256)
    assert (code, reason) == ("INVALID_ARGUMENT", "EXECUTABLE_REFUSED")
    asset = get_asset(stub, editor, tenant, started.asset.id)
    assert asset.version.status == asset_pb2.ASSET_STATUS_REJECTED
    assert asset.version.failure_reason == "EXECUTABLE_REFUSED"
    assert store.size_of(keys.original_key(tenant, asset.id, 1)) is None  # deleted


def test_a_declared_image_that_is_a_pdf_is_a_type_mismatch(
    stub: object, tenant: str, files: Path
) -> None:
    path = random_file(files / "scan.jpg", 64 * 1024)
    editor = member(tenant, "editor")
    started = start_upload(stub, editor, tenant, path, content_type="image/jpeg")
    sent = send_hashing(path, started.upload)
    assert refused_completion(stub, editor, tenant, started, sha256=sent.sha256) == (
        "INVALID_ARGUMENT",
        "TYPE_MISMATCH",
    )


@pytest.mark.parametrize("given_at", ["completion", "start"])
def test_a_wrong_checksum_is_rejected_by_the_worker(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    store: ObjectStore,
    tenant: str,
    files: Path,
    given_at: str,
) -> None:
    path = random_file(files / f"tampered-{given_at}.pdf", 1 * MIB)
    editor = member(tenant, "editor")
    wrong = "0" * 64
    if given_at == "completion":
        asset = upload(stub, editor, tenant, path, content_type="application/pdf", sha256=wrong)
    else:
        started = start_upload(
            stub, editor, tenant, path, content_type="application/pdf", sha256=wrong
        )
        send_parts(path, started.upload)
        asset = complete(stub, editor, tenant, started)
    assert asset.version.status == asset_pb2.ASSET_STATUS_VERIFYING
    assert asset.version.sha256 == wrong
    queue_processing(media, asset)
    run_jobs(worker)
    found = get_asset(stub, editor, tenant, asset.id)
    assert found.version.status == asset_pb2.ASSET_STATUS_REJECTED
    assert found.version.failure_reason == "CHECKSUM_MISMATCH"
    assert sha256_of(path) in found.version.failure_detail
    assert store.size_of(keys.original_key(tenant, asset.id, 1)) is None


def test_a_digest_given_at_completion_is_verified_and_processed(
    stub: object,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    tenant: str,
    files: Path,
) -> None:
    path = random_file(files / "hashed-in-flight.pdf", 11 * MIB)  # 3 parts
    editor = member(tenant, "contributor")
    started = start_upload(stub, editor, tenant, path, content_type="application/pdf")
    assert started.asset.version.sha256 == ""  # nothing claimed yet
    asset = upload_rest_and_complete(stub, editor, tenant, path, started)
    assert asset.version.sha256 == sha256_of(path)
    queue_processing(media, asset)
    assert run_jobs(worker) == 1
    ready = get_asset(stub, editor, tenant, asset.id)
    assert ready.version.status == asset_pb2.ASSET_STATUS_READY
    assert ready.version.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_same_digest_at_start_and_completion_is_accepted(
    stub: object, tenant: str, files: Path
) -> None:
    path = random_file(files / "both.pdf", 2 * MIB)
    editor = member(tenant, "editor")
    digest = sha256_of(path)
    started = start_upload(
        stub, editor, tenant, path, content_type="application/pdf", sha256=digest.upper()
    )
    assert started.asset.version.sha256 == digest  # normalised to lower case
    done = upload_rest_and_complete(stub, editor, tenant, path, started)
    assert (done.version.status, done.version.sha256) == (asset_pb2.ASSET_STATUS_VERIFYING, digest)


def test_a_digest_at_completion_that_differs_from_the_start_is_refused(
    stub: object, store: ObjectStore, tenant: str, files: Path
) -> None:
    path = random_file(files / "two-digests.pdf", 2 * MIB)
    editor = member(tenant, "editor")
    started = start_upload(
        stub, editor, tenant, path, content_type="application/pdf", sha256="c" * 64
    )
    sent = send_hashing(path, started.upload)
    assert refused_completion(stub, editor, tenant, started, sha256=sent.sha256) == (
        "INVALID_ARGUMENT",
        "SHA256_MISMATCH",
    )
    # nothing changed: the upload is still open, its parts still there
    asset = get_asset(stub, editor, tenant, started.asset.id)
    assert (asset.version.status, asset.version.sha256) == (
        asset_pb2.ASSET_STATUS_UPLOADING,
        "c" * 64,
    )
    reply = as_user(
        editor,
        stub.ListUploadParts,  # type: ignore[attr-defined]
        pb.ListUploadPartsRequest(tenant=tenant, asset_id=started.asset.id),
    )
    assert [p.part_number for p in reply.stored] == [1] and not reply.upload.parts
    assert store.size_of(keys.original_key(tenant, started.asset.id, 1)) is None


def test_a_digest_given_neither_at_start_nor_at_completion_is_refused(
    stub: object, tenant: str, files: Path
) -> None:
    path = random_file(files / "no-digest.pdf", 2 * MIB)
    editor = member(tenant, "contributor")
    started = start_upload(stub, editor, tenant, path, content_type="application/pdf")
    sent = send_hashing(path, started.upload)
    assert refused_completion(stub, editor, tenant, started) == (
        "INVALID_ARGUMENT",
        "SHA256_REQUIRED",
    )
    assert refused_completion(stub, editor, tenant, started, sha256="xyz") == (
        "INVALID_ARGUMENT",
        "INVALID_SHA256",
    )
    assert get_asset(stub, editor, tenant, started.asset.id).version.status == (
        asset_pb2.ASSET_STATUS_UPLOADING
    )
    # the upload stayed open: completing with the digest now works
    done = complete(stub, editor, tenant, started, sha256=sent.sha256)
    assert done.version.status == asset_pb2.ASSET_STATUS_VERIFYING
    # and a completed upload keeps its digest: another one is refused
    assert refused_completion(stub, editor, tenant, started, sha256="d" * 64) == (
        "INVALID_ARGUMENT",
        "SHA256_MISMATCH",
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"content_type": "application/zip", "filename": "a.zip"}, "UNSUPPORTED_CONTENT_TYPE"),
        ({"sha256": "not-a-digest"}, "INVALID_SHA256"),
        ({"size_bytes": 0}, "INVALID_SIZE"),
        ({"filename": "  "}, "FILENAME_REQUIRED"),
        ({"size_bytes": 101 * MIB}, "FILE_TOO_LARGE"),
    ],
)
def test_refusals_at_start_name_their_rule(
    stub: object, tenant: str, change: dict[str, object], reason: str
) -> None:
    request = {
        "tenant": tenant,
        "filename": "photo.jpg",
        "content_type": "image/jpeg",
        "size_bytes": 1000,
        "sha256": "a" * 64,
        **change,
    }
    assert failure(
        member(tenant, "contributor"),
        stub.CreateUploadSession,  # type: ignore[attr-defined]
        pb.CreateUploadSessionRequest(**request),  # type: ignore[arg-type]
    ) == ("INVALID_ARGUMENT", reason)


def test_the_tenant_quota_counts_uploads_in_progress(stub: object, tenant: str) -> None:
    from newsroom_testkit.identities import PLATFORM

    as_user(
        PLATFORM,
        stub.SetTenantQuota,  # type: ignore[attr-defined]
        pb.SetTenantQuotaRequest(tenant=tenant, quota_bytes=10 * MIB),
    )
    editor = member(tenant, "editor")
    start = pb.CreateUploadSessionRequest(
        tenant=tenant,
        filename="a.jpg",
        content_type="image/jpeg",
        size_bytes=6 * MIB,
        sha256="b" * 64,
    )
    as_user(editor, stub.CreateUploadSession, start)  # type: ignore[attr-defined]
    assert failure(editor, stub.CreateUploadSession, start) == (  # type: ignore[attr-defined]
        "RESOURCE_EXHAUSTED",
        "QUOTA_EXCEEDED",
    )
    usage = as_user(
        editor,
        stub.GetTenantUsage,  # type: ignore[attr-defined]
        pb.GetTenantUsageRequest(tenant=tenant),
    )
    assert (usage.used_bytes, usage.quota_bytes) == (6 * MIB, 10 * MIB)
    assert failure(
        editor,
        stub.SetTenantQuota,  # type: ignore[attr-defined]
        pb.SetTenantQuotaRequest(tenant=tenant, quota_bytes=1),
    ) == ("PERMISSION_DENIED", "PLATFORM_ADMIN_REQUIRED")


def test_abort_removes_a_new_asset(
    stub: object, store: ObjectStore, tenant: str, files: Path
) -> None:
    path = random_file(files / "abort.pdf", 6 * MIB)
    editor = member(tenant, "editor")
    started = start_upload(stub, editor, tenant, path, content_type="application/pdf")
    send_parts(path, started.upload, only=[1])
    reply = as_user(
        editor,
        stub.AbortUpload,  # type: ignore[attr-defined]
        pb.AbortUploadRequest(tenant=tenant, asset_id=started.asset.id),
    )
    assert not reply.HasField("asset")
    assert failure(
        editor,
        stub.GetAsset,  # type: ignore[attr-defined]
        pb.GetAssetRequest(tenant=tenant, asset_id=started.asset.id),
    ) == ("NOT_FOUND", "ASSET_NOT_FOUND")
    with pytest.raises(S3Error):
        store.list_parts(keys.original_key(tenant, started.asset.id, 1), started.upload.upload_id)


def test_abandoned_uploads_are_aborted_and_cleaned(
    stub: object, media: MediaAssetAggregates, store: ObjectStore, tenant: str, files: Path
) -> None:
    path = random_file(files / "abandoned.pdf", 6 * MIB)
    editor = member(tenant, "editor")
    started = start_upload(stub, editor, tenant, path, content_type="application/pdf")
    send_parts(path, started.upload, only=[1])
    # a multipart upload the store has but no session knows (a start that crashed)
    orphan_key = keys.original_key(tenant, "00000000-0000-0000-0000-000000000000", 1)
    orphan = store.create_multipart(orphan_key, "application/pdf")
    later = utcnow() + timedelta(seconds=media.uploads.settings.abandon_after_s + 60)
    cleaner = dataclasses.replace(media.uploads, clock=lambda: later)
    assert cleaner.sweep() >= 2
    assert failure(
        editor,
        stub.GetAsset,  # type: ignore[attr-defined]
        pb.GetAssetRequest(tenant=tenant, asset_id=started.asset.id),
    ) == ("NOT_FOUND", "ASSET_NOT_FOUND")
    pending = {u.upload_id for u in store.pending_uploads(f"tenants/{tenant}/")}
    assert started.upload.upload_id not in pending and orphan not in pending
