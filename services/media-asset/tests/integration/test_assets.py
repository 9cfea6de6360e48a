"""Metadata, galleries, versions, attachments, publication, delivery and deletion, and
tenant isolation across all of them, on the real stack."""

from __future__ import annotations

import dataclasses
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from media_asset_service import events, keys
from media_asset_service.delivery import Delivery
from media_asset_service.jobs.models import JobKind
from media_asset_service.objects import ObjectStore
from media_asset_service.processing.housekeeping import HousekeepingUseCases
from media_asset_service.settings import DeliveryMode
from media_asset_service.wiring import MediaAssetAggregates
from media_asset_service.worker.wiring import WorkerAggregates
from newsroom.content.v1 import content_events_pb2 as ce
from newsroom.content.v1 import story_pb2
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_events_pb2 as me
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_core.db import SessionFactory, session_scope
from newsroom_core.events.envelope import CloudEvent, new_event
from newsroom_media.testing import make_photo
from newsroom_testkit.identities import as_user, failure, member
from newsroom_testkit.media import get_asset, upload
from newsroom_testkit.outbox import deliver, outbox_events

pytestmark = [pytest.mark.postgres, pytest.mark.s3]

ALT = asset_pb2.LocalizedText(vi="Công nhân mỏ trong ca sáng", en="Miners on the morning shift")


def run_jobs(worker: WorkerAggregates) -> None:
    runner = worker.runner(worker.jobs.settings, name="test")
    while (lease := worker.jobs.lease("test-worker")) is not None:
        runner.run_job(lease)


@pytest.fixture
def ready_image(
    stub: Any,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    files: Path,
) -> Callable[..., asset_pb2.Asset]:
    """``make(tenant, alt=True)``: an image uploaded and processed; READY."""

    def make(tenant: str, *, alt: bool = True, width: int = 1000) -> asset_pb2.Asset:
        photo = make_photo(files / f"{tenant}-{width}.jpg", width=width, height=width * 2 // 3)
        editor = member(tenant, "editor", user_id=f"{tenant}-editor")
        metadata = asset_pb2.AssetMetadata(
            title=asset_pb2.LocalizedText(vi="Ca sáng", en="Morning shift"),
            alt_text=ALT if alt else None,
            credit="Ảnh: Phòng Truyền thông",
        )
        asset = upload(stub, editor, tenant, photo, content_type="image/jpeg", metadata=metadata)
        with session_scope(media.jobs.sessions) as session:
            media.jobs.enqueue(
                session, kind=JobKind.PROCESS, tenant=tenant, asset_id=asset.id, version=1
            )
        run_jobs(worker)
        found = get_asset(stub, editor, tenant, asset.id)
        assert found.version.status == asset_pb2.ASSET_STATUS_READY, found.version.failure_detail
        return found

    return make


def published(story_id: str, tenant: str, revision: int, *media: tuple[str, int]) -> CloudEvent:
    message = ce.StoryPublished(
        story_id=story_id,
        tenant=tenant,
        revision=revision,
        media=[story_pb2.StoryMedia(asset_id=a, asset_version=v) for a, v in media],
        media_asset_ids=[a for a, _ in media],
    )
    return new_event(
        message, type=events.STORY_PUBLISHED, source="/test", subject=story_id, tenant=tenant
    )


def retracted(story_id: str, tenant: str) -> CloudEvent:
    message = ce.StoryRetracted(story_id=story_id, tenant=tenant)
    return new_event(
        message, type=events.STORY_RETRACTED, source="/test", subject=story_id, tenant=tenant
    )


def resolve(stub: Any, identity: Any, tenant: str, *items: tuple[str, int]) -> Any:
    return as_user(
        identity,
        stub.ResolveAttachments,
        pb.ResolveAttachmentsRequest(
            tenant=tenant,
            attachments=[pb.Attachment(asset_id=a, asset_version=v) for a, v in items],
        ),
    ).attachments


def test_metadata_is_bilingual_and_announced(
    stub: Any, engine: Engine, ready_image: Any, tenant: str
) -> None:
    image = ready_image(tenant, alt=False)
    editor = member(tenant, "editor")
    metadata = asset_pb2.AssetMetadata(
        title=asset_pb2.LocalizedText(vi="Lò chợ", en="Longwall face"),
        caption=asset_pb2.LocalizedText(vi="Khai thác than hầm lò", en="Underground mining"),
        credit="Nguyễn Văn A",
        alt_text=ALT,
        licence="© TKV",
    )
    reply = as_user(
        editor,
        stub.UpdateAssetMetadata,
        pb.UpdateAssetMetadataRequest(tenant=tenant, asset_id=image.id, metadata=metadata),
    )
    assert reply.asset.metadata == metadata
    [event] = outbox_events(engine, image.id, events.ASSET_METADATA_UPDATED)
    assert event.parse(me.AssetMetadataUpdated).metadata.alt_text.vi == ALT.vi
    too_long = asset_pb2.AssetMetadata(alt_text=asset_pb2.LocalizedText(vi="x" * 1001))
    assert failure(
        editor,
        stub.UpdateAssetMetadata,
        pb.UpdateAssetMetadataRequest(tenant=tenant, asset_id=image.id, metadata=too_long),
    ) == ("INVALID_ARGUMENT", "TEXT_TOO_LONG")


def test_attachments_pin_versions_and_say_what_blocks_publishing(
    stub: Any, ready_image: Any, tenant: str, files: Path
) -> None:
    with_alt = ready_image(tenant)
    without_alt = ready_image(tenant, alt=False, width=900)
    editor = member(tenant, "editor")
    # a replacement upload in progress: version 0 still pins the READY version 1
    photo = make_photo(files / "replacement.jpg", width=700, height=500)
    upload_start = as_user(
        editor,
        stub.CreateUploadSession,
        pb.CreateUploadSessionRequest(
            tenant=tenant,
            asset_id=with_alt.id,
            filename=photo.name,
            content_type="image/jpeg",
            size_bytes=photo.stat().st_size,
            sha256="c" * 64,
        ),
    )
    assert upload_start.asset.current_version == 2
    first, second = resolve(stub, editor, tenant, (with_alt.id, 0), (without_alt.id, 1))
    assert (first.asset_version, list(first.problems)) == (1, [])
    assert [p.reason for p in second.problems] == ["ALT_TEXT_MISSING"]
    [uploading] = resolve(stub, editor, tenant, (with_alt.id, 2))
    assert [p.reason for p in uploading.problems] == ["NOT_READY"]
    assert failure(
        editor,
        stub.CreateUploadSession,
        pb.CreateUploadSessionRequest(
            tenant=tenant,
            asset_id=with_alt.id,
            filename="again.jpg",
            content_type="image/jpeg",
            size_bytes=1000,
            sha256="d" * 64,
        ),
    ) == ("FAILED_PRECONDITION", "UPLOAD_IN_PROGRESS")
    assert failure(
        editor,
        stub.ResolveAttachments,
        pb.ResolveAttachmentsRequest(
            tenant=tenant, attachments=[pb.Attachment(asset_id=with_alt.id, asset_version=9)]
        ),
    ) == ("NOT_FOUND", "VERSION_NOT_FOUND")


def test_galleries_pin_their_images_and_version_on_change(
    stub: Any, engine: Engine, ready_image: Any, tenant: str
) -> None:
    a, b = ready_image(tenant), ready_image(tenant, alt=False, width=900)
    editor = member(tenant, "contributor")
    items = [
        asset_pb2.GalleryItem(asset_id=a.id, caption=asset_pb2.LocalizedText(vi="Ảnh 1")),
        asset_pb2.GalleryItem(asset_id=b.id),
    ]
    gallery = as_user(
        editor,
        stub.CreateGallery,
        pb.CreateGalleryRequest(
            tenant=tenant,
            metadata=asset_pb2.AssetMetadata(title=asset_pb2.LocalizedText(vi="Một ngày ở mỏ")),
            items=items,
        ),
    ).asset
    assert gallery.kind == asset_pb2.ASSET_KIND_GALLERY
    assert gallery.version.status == asset_pb2.ASSET_STATUS_READY
    assert [(i.asset_id, i.asset_version) for i in gallery.version.items] == [(a.id, 1), (b.id, 1)]
    [ready] = outbox_events(engine, gallery.id, events.ASSET_VERSION_READY)
    assert len(ready.parse(me.AssetVersionReady).asset.version.items) == 2
    [resolved] = resolve(stub, editor, tenant, (gallery.id, 0))
    assert [(p.reason, p.asset_id) for p in resolved.problems] == [
        ("GALLERY_ITEM_ALT_TEXT_MISSING", b.id)
    ]
    updated = as_user(
        editor,
        stub.UpdateGallery,
        pb.UpdateGalleryRequest(tenant=tenant, asset_id=gallery.id, items=items[:1]),
    ).asset
    assert (updated.current_version, len(updated.version.items)) == (2, 1)
    for bad, reason in (
        ([], "GALLERY_EMPTY"),
        ([asset_pb2.GalleryItem(asset_id=gallery.id)], "NOT_AN_IMAGE"),
    ):
        assert failure(
            editor,
            stub.CreateGallery,
            pb.CreateGalleryRequest(tenant=tenant, items=bad),
        ) == ("INVALID_ARGUMENT", reason)


def test_only_versions_of_published_stories_are_served_to_readers(
    stub: Any,
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    sessions: SessionFactory,
    store: ObjectStore,
    ready_image: Any,
    tenant: str,
) -> None:
    image = ready_image(tenant)
    editor = member(tenant, "editor", user_id=f"{tenant}-editor")
    rendition = next(r.path for r in image.version.renditions if r.content_type == "image/webp")
    public = pb.ResolveFileRequest(tenant=tenant, asset_id=image.id, version=1, path=rendition)
    assert failure(None, stub.ResolveFile, public) == ("NOT_FOUND", "MEDIA_NOT_PUBLISHED")
    staff = as_user(editor, stub.ResolveFile, public)  # staff see drafts
    assert staff.redirect_url.startswith("http")

    router = media.router()
    deliver(sessions, router, published("story-1", tenant, 3, (image.id, 1)))
    answer = as_user(None, stub.ResolveFile, public)
    with urllib.request.urlopen(answer.redirect_url, timeout=10) as reply:
        assert reply.headers["Content-Type"] == "image/webp"
    assert 0 < answer.max_age_s <= 60
    assert get_asset(stub, editor, tenant, image.id).published
    # an asset a published story shows cannot be deleted
    assert failure(
        editor, stub.DeleteAsset, pb.DeleteAssetRequest(tenant=tenant, asset_id=image.id)
    ) == ("FAILED_PRECONDITION", "ASSET_IN_USE")
    # an older publication event arriving late changes nothing
    deliver(sessions, router, published("story-1", tenant, 2))
    assert as_user(None, stub.ResolveFile, public).redirect_url

    deliver(sessions, router, retracted("story-1", tenant))
    assert failure(None, stub.ResolveFile, public) == ("NOT_FOUND", "MEDIA_NOT_PUBLISHED")
    as_user(editor, stub.DeleteAsset, pb.DeleteAssetRequest(tenant=tenant, asset_id=image.id))
    assert failure(editor, stub.GetAsset, pb.GetAssetRequest(tenant=tenant, asset_id=image.id)) == (
        "NOT_FOUND",
        "ASSET_NOT_FOUND",
    )
    run_jobs(worker)  # the purge
    assert store.keys(keys.asset_root(tenant, image.id)) == []


def test_public_delivery_copies_published_versions_and_removes_them_on_retraction(
    media: MediaAssetAggregates,
    worker: WorkerAggregates,
    sessions: SessionFactory,
    store: ObjectStore,
    ready_image: Any,
    tenant: str,
) -> None:
    image = ready_image(tenant)
    settings = worker.housekeeping.delivery.settings.model_copy(
        update={"mode": DeliveryMode.PUBLIC}
    )
    store.allow_public_reads(settings.public_prefix)
    public_delivery = Delivery(settings, store)
    housekeeping = HousekeepingUseCases(
        sessions=sessions, store=store, delivery=public_delivery, jobs=worker.jobs
    )
    public_worker = dataclasses.replace(worker, housekeeping=housekeeping)
    publication = dataclasses.replace(media.publication, mode=DeliveryMode.PUBLIC)
    router = dataclasses.replace(media, publication=publication).router()

    deliver(sessions, router, published("story-p", tenant, 1, (image.id, 1)))
    run_jobs(public_worker)
    endpoint = f"http://{store.client._base_url.host}/{store.bucket}/"  # noqa: SLF001
    path = next(r.path for r in image.version.renditions if r.content_type == "image/jpeg")
    url = endpoint + keys.public_key(settings.public_prefix, tenant, image.id, 1, path)
    with urllib.request.urlopen(url, timeout=10) as reply:  # anonymous
        assert reply.status == 200
    # drafts are never public: the original and the private renditions stay closed
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(endpoint + keys.original_key(tenant, image.id, 1), timeout=10)

    deliver(sessions, router, retracted("story-p", tenant))
    run_jobs(public_worker)
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=10)


def test_tenant_a_cannot_read_list_or_attach_tenant_b_assets(stub: Any, ready_image: Any) -> None:
    a, b = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
    image = ready_image(b)
    outsider = member(a, "editor", "board", "tenant-admin")
    path = image.version.renditions[0].path
    calls: list[tuple[Any, Any]] = [
        (stub.GetAsset, pb.GetAssetRequest(tenant=a, asset_id=image.id)),
        (stub.GetDownloadUrl, pb.GetDownloadUrlRequest(tenant=a, asset_id=image.id)),
        (
            stub.ResolveAttachments,
            pb.ResolveAttachmentsRequest(tenant=a, attachments=[pb.Attachment(asset_id=image.id)]),
        ),
        (
            stub.CreateGallery,
            pb.CreateGalleryRequest(tenant=a, items=[asset_pb2.GalleryItem(asset_id=image.id)]),
        ),
        (
            stub.UpdateAssetMetadata,
            pb.UpdateAssetMetadataRequest(tenant=a, asset_id=image.id),
        ),
        (stub.DeleteAsset, pb.DeleteAssetRequest(tenant=a, asset_id=image.id)),
        (
            stub.ResolveFile,
            pb.ResolveFileRequest(tenant=a, asset_id=image.id, version=1, path=path),
        ),
        (
            stub.CreateUploadSession,
            pb.CreateUploadSessionRequest(
                tenant=a,
                asset_id=image.id,
                filename="x.jpg",
                content_type="image/jpeg",
                size_bytes=10,
                sha256="e" * 64,
            ),
        ),
    ]
    for call, request in calls:
        assert failure(outsider, call, request) == ("NOT_FOUND", "ASSET_NOT_FOUND"), call
    listed = as_user(outsider, stub.ListAssets, pb.ListAssetsRequest(tenant=a))
    assert list(listed.assets) == []
    # naming the other tenant outright is refused before anything is looked up
    assert failure(outsider, stub.GetAsset, pb.GetAssetRequest(tenant=b, asset_id=image.id)) == (
        "PERMISSION_DENIED",
        "TENANT_MISMATCH",
    )
    assert failure(outsider, stub.ListAssets, pb.ListAssetsRequest(tenant=b)) == (
        "PERMISSION_DENIED",
        "TENANT_MISMATCH",
    )


def test_the_library_search_finds_words_without_accents_and_pages_within_a_search(
    stub: Any, files: Path
) -> None:
    tenant, other = f"s-{uuid.uuid4().hex[:8]}", f"o-{uuid.uuid4().hex[:8]}"
    editor = member(tenant, "editor", name="tran.b")

    def add(filename: str, tenant_: str = tenant, **metadata: Any) -> str:
        photo = make_photo(files / filename, width=64, height=48)
        who = editor if tenant_ == tenant else member(tenant_, "editor")
        meta = asset_pb2.AssetMetadata(**metadata)
        return str(upload(stub, who, tenant_, photo, content_type="image/jpeg", metadata=meta).id)

    opening = add(
        "IMG_2041.jpg",
        title=asset_pb2.LocalizedText(vi="Lễ khánh thành nhà máy Đà Nẵng"),
        credit="Ảnh: Trần Thị B",
    )
    shift = add("mine.jpg", alt_text=ALT, credit="Phòng Truyền thông")
    board = add("hop.jpeg", caption=asset_pb2.LocalizedText(en="Board meeting, 50% quorum"))
    add("elsewhere.jpg", other, title=asset_pb2.LocalizedText(vi="Đà Nẵng"))

    def search(query: str, **request: Any) -> Any:
        return as_user(
            editor, stub.ListAssets, pb.ListAssetsRequest(tenant=tenant, query=query, **request)
        )

    def found(query: str) -> list[str]:
        return [a.id for a in search(query).assets]

    assert found("da nang") == [opening]
    assert found("ĐÀ NẴNG") == [opening]
    assert found("img_20") == [opening]  # a part of a word, in the file name
    assert found("cong nhan") == [shift]  # alt text
    assert found("  truyen   thong  ca ") == [shift]  # every word, anywhere
    assert found("truyen thong da nang") == []
    assert found("quorum") == [board]  # the English caption
    assert found("%") == [board]  # literally: no wildcards
    assert found("_") == [opening]
    assert found("tran.b") == [board, shift, opening]  # the uploader
    assert found("") == [board, shift, opening]

    first = search("jpg", page_size=1)
    assert [a.id for a in first.assets] == [shift] and first.next_page_token
    second = search("jpg", page_size=1, page_token=first.next_page_token)
    assert [a.id for a in second.assets] == [opening] and not second.next_page_token
    # a page token belongs to its search
    bad = pb.ListAssetsRequest(tenant=tenant, query="mine", page_token=first.next_page_token)
    assert failure(editor, stub.ListAssets, bad) == ("INVALID_ARGUMENT", "INVALID_PAGE_TOKEN")
    for query in ("x" * 201, " ".join("abcdefghijk")):
        request = pb.ListAssetsRequest(tenant=tenant, query=query)
        assert failure(editor, stub.ListAssets, request) == ("INVALID_ARGUMENT", "QUERY_TOO_LONG")
