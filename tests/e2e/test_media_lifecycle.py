"""Media end to end through the gateway, with real Keycloak tokens, the real services,
the media worker, S3, ffmpeg and libvips: a photo uploaded straight to the store through
presigned part URLs (hashed while its parts are in flight, the SHA-256 given at
completion), made into renditions without its GPS location, shown by a published
story; replaced after approval, the portal keeps the approved version until the board
approves the new revision; retracted, its files stop being served. And tenants never see
each other's media."""

from __future__ import annotations

import asyncio
import io
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from newsroom_cli.uploader import PartTarget, send_file, sha256_of
from newsroom_media.testing import make_photo
from newsroom_testkit.gateway import Tokens, bearer, eventually, problem

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.keycloak,
    pytest.mark.kafka,
    pytest.mark.postgres,
    pytest.mark.s3,
    pytest.mark.slow,
]

TENANT = "halong"
API = f"/v1/tenants/{TENANT}"
PUBLIC = f"/public/v1/tenants/{TENANT}"
GPS_TAG = 0x8825
ALT = {"vi": "Công nhân mỏ trong ca sáng", "en": "Miners on the morning shift"}


async def upload(
    client: httpx.AsyncClient, token: str, path: Path, *, asset_id: str = "", alt: bool = True
) -> dict[str, Any]:
    """Start, PUT every part straight to the store while hashing the file, complete with
    the SHA-256: the asset (VERIFYING)."""
    body: dict[str, Any] = {
        "filename": path.name,
        "content_type": "image/jpeg",
        "size_bytes": path.stat().st_size,
    }
    if asset_id:
        body["asset_id"] = asset_id
    else:
        body["metadata"] = {
            "title": {"vi": "Ca sáng", "en": "Morning shift"},
            "alt_text": ALT if alt else {},
            "credit": "Ảnh: Phòng Truyền thông",
        }
    started = await client.post(f"{API}/uploads", json=body, headers=bearer(token))
    assert started.status_code == 201, started.text
    session = started.json()["upload"]
    targets = [PartTarget(p["part_number"], p["url"], p["size_bytes"]) for p in session["parts"]]
    sent = await asyncio.to_thread(send_file, path, session["part_size_bytes"], targets)
    asset_id = started.json()["asset"]["id"]
    done = await client.post(
        f"{API}/assets/{asset_id}/upload/complete",
        json={"upload_id": session["upload_id"], "sha256": sent.sha256},
        headers=bearer(token),
    )
    assert done.status_code == 200, done.text
    assert done.json()["version"]["status"] == "verifying"
    return dict(done.json())


async def ready(client: httpx.AsyncClient, token: str, asset_id: str, version: int) -> bool:
    reply = await client.get(
        f"{API}/assets/{asset_id}", params={"version": version}, headers=bearer(token)
    )
    return reply.status_code == 200 and reply.json()["version"]["status"] == "ready"


async def act(
    client: httpx.AsyncClient, token: str, story_id: str, action: str, **body: Any
) -> Any:
    reply = await client.post(
        f"{API}/stories/{story_id}/{action}", json=body, headers=bearer(token)
    )
    assert reply.status_code == 200, reply.text
    return reply.json()


async def public_story(client: httpx.AsyncClient, slug: str) -> dict[str, Any] | None:
    reply = await client.get(f"{PUBLIC}/stories/{slug}")
    return dict(reply.json()) if reply.status_code == 200 else None


async def fetch_public(client: httpx.AsyncClient, url: str, stack: Any) -> httpx.Response:
    """A reader's media URL: the gateway's route (redirect or inline)."""
    assert url.startswith(stack.media_base_url)
    return await client.get("/public/v1/media" + url[len(stack.media_base_url) :])


async def test_photo_upload_publish_replace_reapprove_retract(
    client: httpx.AsyncClient, tokens: Tokens, stack: Any, tmp_path: Path
) -> None:
    contributor, editor, board = (
        tokens("halong.contributor"),
        tokens("halong.editor"),
        tokens("halong.board"),
    )
    first = make_photo(tmp_path / "ca-sang.jpg", width=2000, height=1333)
    asset = await upload(client, contributor, first)
    asset_id = asset["id"]
    assert await eventually(lambda: ready(client, contributor, asset_id, 1), timeout_s=120)

    word = uuid.uuid4().hex[:8]
    created = await client.post(
        f"{API}/stories",
        json={
            "type": "gallery",
            "headline": f"Ca sáng ở mỏ {word}",
            "body_html": f'<p>Ảnh.</p><figure data-media-asset="{asset_id}"></figure>',
            "media": [{"asset_id": asset_id, "caption": "Ca sáng"}],
        },
        headers=bearer(contributor),
    )
    assert created.status_code == 201, created.text
    story = created.json()
    assert story["media"][0]["asset_version"] == 1  # pinned on save
    story_id, slug = story["id"], story["slug"]
    await act(client, contributor, story_id, "submit", revision=1)
    await act(client, editor, story_id, "approve", revision=1)
    await act(client, board, story_id, "approve", revision=1)

    async def on_portal() -> bool:
        return await public_story(client, slug) is not None

    assert await eventually(on_portal, timeout_s=30)
    page = await public_story(client, slug)
    assert page is not None
    [item] = page["media"]
    # (messages: tests/k8s runs this function from a module pytest does not rewrite)
    assert (item["asset_id"], item["version"], item["kind"]) == (asset_id, 1, "image"), item
    assert item["alt"] == ALT["vi"] and item["caption"] == "Ca sáng", item
    assert (item["width"], item["height"]) == (2000, 1333)
    webp = [r for r in item["renditions"] if r["content_type"] == "image/webp"]
    jpeg = [r for r in item["renditions"] if r["content_type"] == "image/jpeg"]
    assert [r["width"] for r in webp] == sorted(r["width"] for r in webp) and webp[-1][
        "width"
    ] >= 1200
    assert jpeg and item["card"]["width"] == 1200
    # served as soon as the portal shows the story: the media service hears of the
    # publication from content's event a moment later, and asks content meanwhile
    card = await fetch_public(client, item["card"]["url"], stack)
    assert card.status_code == 302, card.text
    # every served rendition of the approved version, fetched as a reader: no GPS, no EXIF
    for rendition in [*item["renditions"], item["card"]]:
        redirect = await fetch_public(client, rendition["url"], stack)
        assert redirect.status_code == 302, redirect.text
        async with httpx.AsyncClient() as store:
            body = (await store.get(redirect.headers["location"])).content
        with Image.open(io.BytesIO(body)) as image:
            assert GPS_TAG not in image.getexif() and not image.getexif(), rendition["url"]
    v1_url = webp[0]["url"]

    # The file is replaced after approval: version 2, and a new revision pinning it
    second = make_photo(tmp_path / "ca-sang-2.jpg", width=1800, height=1200)
    await upload(client, contributor, second, asset_id=asset_id)
    assert await eventually(lambda: ready(client, contributor, asset_id, 2), timeout_s=120)

    async def revised() -> bool:
        reply = await client.get(f"{API}/stories/{story_id}", headers=bearer(editor))
        media = reply.json()["media"]
        return bool(reply.json()["current_revision"] == 2 and media[0]["asset_version"] == 2)

    assert await eventually(revised, timeout_s=30)
    # ... which is not approved: the portal still shows version 1, version 2 is not served
    page = await public_story(client, slug)
    assert page is not None and page["revision"] == 1 and page["media"][0]["version"] == 1
    assert (await fetch_public(client, v1_url, stack)).status_code == 302
    v2_url = v1_url.replace("/v1/w", "/v2/w")
    assert v2_url != v1_url
    refused = await fetch_public(client, v2_url, stack)
    assert refused.status_code == 404 and problem(refused)["reason"] == "MEDIA_NOT_PUBLISHED"

    # The editor approves the new revision as a correction: now version 2 is on the portal
    await act(client, editor, story_id, "correct", revision=2, correction_note="Ảnh mới")

    async def shows_version_2() -> bool:
        current = await public_story(client, slug)
        return current is not None and current["media"][0]["version"] == 2

    assert await eventually(shows_version_2, timeout_s=30)
    page = await public_story(client, slug)
    assert page is not None
    v2 = next(r for r in page["media"][0]["renditions"] if r["content_type"] == "image/webp")
    assert await eventually(
        lambda: _status(client, v2["url"], stack, 302), timeout_s=30
    )  # the media service learns of the correction from content's event
    assert await eventually(lambda: _status(client, v1_url, stack, 404), timeout_s=30)

    # A published story's asset cannot be deleted
    refused = await client.delete(f"{API}/assets/{asset_id}", headers=bearer(editor))
    assert refused.status_code == 409 and problem(refused)["reason"] == "ASSET_IN_USE"

    # Retracted: the story and its media are gone for readers
    await act(client, board, story_id, "retract", reason="Ảnh chưa được phép đăng")
    assert await eventually(lambda: _status(client, v2["url"], stack, 404), timeout_s=30)


async def _status(client: httpx.AsyncClient, url: str, stack: Any, status: int) -> bool:
    return (await fetch_public(client, url, stack)).status_code == status


async def test_an_image_without_alt_text_cannot_be_submitted(
    client: httpx.AsyncClient, tokens: Tokens, tmp_path: Path
) -> None:
    contributor = tokens("halong.contributor")
    photo = make_photo(tmp_path / "no-alt.jpg", width=800, height=600)
    asset = await upload(client, contributor, photo, alt=False)
    created = await client.post(
        f"{API}/stories",
        json={"type": "news", "headline": "Ảnh thiếu mô tả", "media": [{"asset_id": asset["id"]}]},
        headers=bearer(contributor),
    )
    assert created.status_code == 201, created.text
    refused = await client.post(
        f"{API}/stories/{created.json()['id']}/submit",
        json={"revision": 1},
        headers=bearer(contributor),
    )
    assert refused.status_code == 409, refused.text
    assert problem(refused)["reason"] == "MEDIA_NOT_PUBLISHABLE"


async def test_tenants_never_see_each_others_media(
    client: httpx.AsyncClient, tokens: Tokens, tmp_path: Path
) -> None:
    owner = tokens("halong.contributor")
    other = tokens("uongbi.editor")
    photo = make_photo(tmp_path / "halong.jpg", width=640, height=480)
    asset_id = (await upload(client, owner, photo))["id"]
    # read, through its own tenant's routes
    got = await client.get(f"/v1/tenants/uongbi/assets/{asset_id}", headers=bearer(other))
    assert got.status_code == 404 and problem(got)["reason"] == "ASSET_NOT_FOUND"
    # list
    listed = await client.get("/v1/tenants/uongbi/assets", headers=bearer(other))
    assert asset_id not in {a["id"] for a in listed.json()["items"]}
    # the other tenant's routes at all
    denied = await client.get(f"{API}/assets/{asset_id}", headers=bearer(other))
    assert denied.status_code == 403 and problem(denied)["reason"] == "TENANT_MISMATCH"
    # attach to a story
    attached = await client.post(
        "/v1/tenants/uongbi/stories",
        json={"type": "news", "headline": "Mượn ảnh", "media": [{"asset_id": asset_id}]},
        headers=bearer(other),
    )
    assert attached.status_code == 404 and problem(attached)["reason"] == "ASSET_NOT_FOUND"
    # put in a gallery
    gallery = await client.post(
        "/v1/tenants/uongbi/galleries",
        json={"items": [{"asset_id": asset_id}]},
        headers=bearer(other),
    )
    assert gallery.status_code == 404 and problem(gallery)["reason"] == "ASSET_NOT_FOUND"


async def test_the_digest_at_completion_is_checked_with_clear_problems(
    client: httpx.AsyncClient, tokens: Tokens, tmp_path: Path
) -> None:
    """Missing at both ends, or two different ones: 400 problem+json, and the upload stays
    open; a wrong one the worker finds in the bytes: REJECTED with CHECKSUM_MISMATCH."""
    contributor = tokens("halong.contributor")
    photo = make_photo(tmp_path / "digest.jpg", width=640, height=480)
    digest = sha256_of(photo)

    async def start(**extra: Any) -> tuple[str, dict[str, Any]]:
        started = await client.post(
            f"{API}/uploads",
            json={
                "filename": photo.name,
                "content_type": "image/jpeg",
                "size_bytes": photo.stat().st_size,
                **extra,
            },
            headers=bearer(contributor),
        )
        assert started.status_code == 201, started.text
        session = started.json()["upload"]
        targets = [
            PartTarget(p["part_number"], p["url"], p["size_bytes"]) for p in session["parts"]
        ]
        await asyncio.to_thread(send_file, photo, session["part_size_bytes"], targets)
        return started.json()["asset"]["id"], session

    async def complete(asset_id: str, session: dict[str, Any], **extra: Any) -> httpx.Response:
        return await client.post(
            f"{API}/assets/{asset_id}/upload/complete",
            json={"upload_id": session["upload_id"], **extra},
            headers=bearer(contributor),
        )

    asset_id, session = await start()
    missing = await complete(asset_id, session)
    assert missing.status_code == 400, missing.text
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert problem(missing)["reason"] == "SHA256_REQUIRED"
    malformed = await complete(asset_id, session, sha256="not-a-digest")
    assert malformed.status_code == 400 and problem(malformed)["reason"] == "VALIDATION_FAILED"
    done = await complete(asset_id, session, sha256=digest)  # still open: now it completes
    assert done.status_code == 200, done.text
    assert done.json()["version"]["sha256"] == digest

    asset_id, session = await start(sha256="e" * 64)
    differs = await complete(asset_id, session, sha256=digest)
    assert differs.status_code == 400, differs.text
    assert problem(differs)["reason"] == "SHA256_MISMATCH"
    claimed = await complete(asset_id, session, sha256="e" * 64)  # the same as at the start
    assert claimed.status_code == 200, claimed.text

    async def rejected() -> bool:
        reply = await client.get(f"{API}/assets/{asset_id}", headers=bearer(contributor))
        return bool(reply.json()["version"]["status"] == "rejected")

    assert await eventually(rejected, timeout_s=120)
    reply = await client.get(f"{API}/assets/{asset_id}", headers=bearer(contributor))
    assert reply.json()["version"]["failure_reason"] == "CHECKSUM_MISMATCH"
