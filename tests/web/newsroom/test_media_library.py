"""The newsroom app's media library in a real browser, against the real media-asset
service, worker and object store: a contributor uploads an image (file input), watches
its progress bar, is refused insertion until alt text and credit are given, inserts it and
finds it after a reload; an upload cut off after its first part resumes after a reload and
sends only the missing parts; a gallery is built from dropped images and reordered with
the keyboard. Every step with the library open is checked by axe-core.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pyvips
from playwright.sync_api import Locator, Page, Request, Route, expect

from newsroom_testkit.gateway import Tokens, bearer, problem

if TYPE_CHECKING:  # fixtures' types (conftest modules are not importable at run time)
    from tests.web.newsroom.conftest import ContextFactory, Servers, SignIn, Steps

pytestmark = [pytest.mark.browser, pytest.mark.keycloak, pytest.mark.kafka, pytest.mark.postgres]

TENANT = "halong"
CONTRIBUTOR = "halong.contributor"

# Records every value the progress bars take (attribute changes), from before the upload.
WATCH_PROGRESS = """() => {
  window.__progress = [];
  new MutationObserver((changes) => {
    for (const change of changes) {
      const el = change.target;
      if (el.getAttribute && el.getAttribute("role") === "progressbar") {
        window.__progress.push(Number(el.getAttribute("aria-valuenow")));
      }
    }
  }).observe(document.body,
             { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });
}"""


def noise(width: int, height: int, seed: int) -> pyvips.Image:
    bands = [
        pyvips.Image.gaussnoise(
            width, height, mean=60 + 40 * ((seed + b) % 4), sigma=50, seed=seed + b
        )
        for b in range(3)
    ]
    image: pyvips.Image = bands[0].bandjoin(bands[1:]).cast("uchar")
    return image


def jpeg(path: Path, width: int, height: int, seed: int) -> Path:
    path.write_bytes(noise(width, height, seed).jpegsave_buffer(Q=92))
    return path


def api_get(servers: Servers, token: str, path: str) -> httpx.Response:
    return httpx.get(f"{servers.gateway_url}{path}", headers=bearer(token), timeout=10)


def wait_asset(servers: Servers, token: str, asset_id: str, status: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while True:
        asset: dict[str, Any] = api_get(
            servers, token, f"/v1/tenants/{TENANT}/assets/{asset_id}"
        ).json()
        found = asset["version"]["status"]
        if found == status:
            return asset
        assert found not in ("failed", "rejected"), asset["version"]
        assert time.monotonic() < deadline, f"{asset_id} still {found}"
        time.sleep(0.5)


def new_story(page: Page, servers: Servers, headline: str) -> str:
    page.get_by_role("button", name="Viết bài mới").click()
    page.wait_for_url(re.compile(rf".*/t/{TENANT}/stories/[0-9a-f-]+$"))
    page.locator("input[name=headline]").fill(headline)
    match = re.search(r"/stories/([0-9a-f-]{36})", page.url)
    assert match, page.url
    return match.group(1)


def open_library(page: Page) -> None:
    page.get_by_role("button", name="Chèn ảnh, video, âm thanh").click()
    expect(page.get_by_test_id("media-library")).to_be_visible()


def wait_saved(page: Page) -> None:
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-state", "saved")


def wait_story(servers: Servers, token: str, story_id: str, embedded: str) -> dict[str, Any]:
    """The story as the content service stored it, once its body embeds ``embedded``."""
    deadline = time.monotonic() + 30
    while True:
        story: dict[str, Any] = api_get(
            servers, token, f"/v1/tenants/{TENANT}/stories/{story_id}"
        ).json()
        if f'data-media-asset="{embedded}"' in story["body_html"]:
            return story
        assert time.monotonic() < deadline, story["body_html"]
        time.sleep(0.3)


def status_of(page: Page, asset_id: str) -> Locator:
    return page.locator(
        f"[data-testid=asset][data-asset-id='{asset_id}'] [data-testid=asset-status]"
    )


def part_number(url: str) -> int | None:
    values = parse_qs(urlsplit(url).query).get("partNumber")
    return int(values[0]) if values else None


def test_upload_progress_alt_text_and_credit_then_insert(
    servers: Servers,
    new_context: ContextFactory,
    sign_in: SignIn,
    steps: Steps,
    tokens: Tokens,
    tmp_path: Path,
) -> None:
    image = jpeg(tmp_path / "mo-than-ha-long.jpg", 1600, 1200, seed=1)
    page = new_context().new_page()
    sign_in(page, CONTRIBUTOR)
    story_id = new_story(page, servers, "Ảnh mỏ than")
    open_library(page)
    steps.shot(page, "library")

    # A slower uplink than loopback, so the bar has values between 0 and 100 to show.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 1_000_000},
    )
    page.evaluate(WATCH_PROGRESS)
    calls: dict[str, Any] = {}
    page.on(
        "request",
        lambda r: (
            calls.__setitem__(r.url.rsplit("/", 1)[-1], r.post_data_json)
            if r.method == "POST" and r.url.endswith(("/uploads", "/upload/complete"))
            else None
        ),
    )
    page.get_by_test_id("file-input").set_input_files(image)
    upload = page.get_by_test_id("upload")
    bar = upload.get_by_role("progressbar", name="Tiến độ tải lên mo-than-ha-long.jpg")
    expect(upload).to_have_attribute("data-phase", "uploading")
    expect(bar).not_to_have_attribute("aria-valuenow", "0")
    steps.shot(page, "uploading", accessible=False)  # mid-upload: axe would outlast it
    expect(upload).to_have_attribute("data-phase", "done", timeout=60_000)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    values: list[int] = page.evaluate("() => window.__progress")
    assert values[-1] == 100, values
    assert any(0 < v < 100 for v in values), f"the bar never moved between 0 and 100: {values}"
    assert values == sorted(values), f"progress went backwards: {values}"
    asset_id = upload.get_attribute("data-asset-id")
    assert asset_id

    token = tokens(CONTRIBUTOR)
    stored = api_get(servers, token, f"/v1/tenants/{TENANT}/assets/{asset_id}").json()
    assert stored["version"]["size_bytes"] == image.stat().st_size
    digest = hashlib.sha256(image.read_bytes()).hexdigest()
    assert stored["version"]["sha256"] == digest
    # The upload starts before the file is hashed; the digest goes with the completion.
    assert calls["uploads"].get("sha256") is None, calls
    assert calls["complete"]["sha256"] == digest, calls

    card = page.locator(f"[data-testid=asset][data-asset-id='{asset_id}']")
    card.get_by_role("button", name="Chọn mo-than-ha-long").click()
    details = page.get_by_test_id("asset-details")
    details.get_by_role("button", name="Chèn vào bài").click()
    expect(details.get_by_test_id("alt-error")).to_be_visible()
    expect(details.get_by_test_id("credit-error")).to_be_visible()
    expect(details.locator("textarea[name=alt-vi]")).to_have_attribute("aria-invalid", "true")
    expect(details.locator("input[name=credit]")).to_have_attribute("aria-invalid", "true")
    steps.shot(page, "insert-refused")
    assert page.get_by_test_id("body-editor").locator("figure").count() == 0

    details.locator("input[name=credit]").fill("Ảnh: Công ty Than Hạ Long")
    details.get_by_role("button", name="Chèn vào bài").click()
    expect(details.get_by_test_id("credit-error")).to_have_count(0)
    expect(details.get_by_test_id("alt-error")).to_be_visible()  # credit alone is not enough
    details.locator("textarea[name=alt-vi]").fill("Công nhân đẩy xe goòng trong lò")
    details.get_by_role("button", name="Chèn vào bài").click()
    expect(page.get_by_test_id("media-library")).to_be_hidden()
    figure = page.get_by_test_id("body-editor").locator(f"figure[data-media-asset='{asset_id}']")
    expect(figure).to_be_visible()
    wait_saved(page)
    steps.shot(page, "inserted")
    token = tokens(CONTRIBUTOR)
    wait_story(servers, token, story_id, asset_id)

    page.reload()
    expect(
        page.get_by_test_id("body-editor").locator(f"figure[data-media-asset='{asset_id}']")
    ).to_be_visible()
    saved = api_get(servers, token, f"/v1/tenants/{TENANT}/stories/{story_id}").json()
    assert f'data-media-asset="{asset_id}"' in saved["body_html"]
    assert [m["asset_id"] for m in saved["media"]] == [asset_id]
    metadata = api_get(servers, token, f"/v1/tenants/{TENANT}/assets/{asset_id}").json()["metadata"]
    assert metadata["credit"] == "Ảnh: Công ty Than Hạ Long"
    assert metadata["alt_text"]["vi"] == "Công nhân đẩy xe goòng trong lò"
    open_library(page)
    expect(page.get_by_test_id("story-media-item")).to_have_attribute("data-asset-id", asset_id)
    steps.shot(page, "after-reload")


def test_resume_after_reload_sends_only_missing_parts(
    servers: Servers,
    new_context: ContextFactory,
    sign_in: SignIn,
    steps: Steps,
    tokens: Tokens,
    tmp_path: Path,
) -> None:
    # 21 MB of noise: three parts at the service's 8 MiB minimum part size.
    big = tmp_path / "toan-canh-cang.png"
    big.write_bytes(noise(2600, 2700, seed=7).pngsave_buffer(compression=1))
    size, digest = big.stat().st_size, hashlib.sha256(big.read_bytes()).hexdigest()
    context = new_context()
    page = context.new_page()
    sign_in(page, CONTRIBUTOR)
    new_story(page, servers, "Toàn cảnh cảng")
    open_library(page)

    first_page_parts: list[int] = []
    held: list[Route] = []
    finished: list[int] = []
    reloaded: list[bool] = []

    def hold_after_first(route: Route, request: Request) -> None:
        number = part_number(request.url)
        if not reloaded and request.method == "PUT" and number is not None:
            first_page_parts.append(number)
            if number != 1:
                held.append(route)  # never answered: the connection drops with the page
                return
        route.continue_()

    page.route(re.compile(r".*[?&]uploadId=.*"), hold_after_first)
    page.on(
        "requestfinished",
        lambda r: finished.append(n) if r.method == "PUT" and (n := part_number(r.url)) else None,
    )
    page.get_by_test_id("file-input").set_input_files(big)
    upload = page.get_by_test_id("upload")
    expect(upload).to_have_attribute("data-phase", "uploading", timeout=60_000)
    deadline = time.monotonic() + 60
    while 1 not in finished or len(held) < 2:
        assert time.monotonic() < deadline, (finished, first_page_parts)
        page.wait_for_timeout(100)
    steps.shot(page, "part-one-stored", accessible=False)
    # The digest is kept with the session once the hash (running beside the parts) is done.
    stored_uploads = f"() => JSON.parse(localStorage.getItem('newsroom.uploads.{TENANT}'))"
    page.wait_for_function(f"() => ({stored_uploads})()?.[0]?.sha256", timeout=60_000)
    pending = page.evaluate(stored_uploads)
    assert len(pending) == 1 and pending[0]["sha256"] == digest
    asset_id = pending[0]["assetId"]

    # The reload drops the held parts' connections: they never reach the store.
    page.reload()
    expect(page.get_by_test_id("body-editor")).to_be_visible()
    reloaded.append(True)
    sent_after: list[int] = []
    page.on(
        "request",
        lambda r: sent_after.append(n) if r.method == "PUT" and (n := part_number(r.url)) else None,
    )
    open_library(page)
    expect(page.get_by_test_id("pending-upload")).to_contain_text("toan-canh-cang.png")
    steps.shot(page, "pending-after-reload")
    parts = api_get(servers, tokens(CONTRIBUTOR), f"/v1/tenants/{TENANT}/assets/{asset_id}/upload")
    assert [p["part_number"] for p in parts.json()["stored"]] == [1], parts.text
    page.get_by_test_id("file-input").set_input_files(big)
    upload = page.get_by_test_id("upload")
    expect(upload).to_have_attribute("data-phase", "done", timeout=90_000)
    expect(upload).to_contain_text("1 phần đã có trên kho")
    expect(upload.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("pending-upload")).to_have_count(0)
    steps.shot(page, "resumed")
    assert upload.get_attribute("data-asset-id") == asset_id
    assert sorted(sent_after) == [2, 3], f"parts sent after the reload: {sent_after}"
    assert page.evaluate(f"() => localStorage.getItem('newsroom.uploads.{TENANT}')") is None

    # The worker verifies the SHA-256 while reading the file: READY means the assembled
    # object is exactly the file.
    asset = wait_asset(servers, tokens(CONTRIBUTOR), asset_id, "ready")
    assert asset["version"]["size_bytes"] == size
    assert asset["version"]["sha256"] == digest
    expect(status_of(page, asset_id)).to_have_attribute("data-status", "ready", timeout=30_000)


def drop_files(page: Page, files: list[Path]) -> None:
    """A real drop event on the drop zone with the files in its DataTransfer."""
    payload = [
        {"name": f.name, "type": "image/jpeg", "b64": base64.b64encode(f.read_bytes()).decode()}
        for f in files
    ]
    transfer = page.evaluate_handle(
        """(files) => {
          const dt = new DataTransfer();
          for (const f of files) {
            const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
            dt.items.add(new File([bytes], f.name, { type: f.type }));
          }
          return dt;
        }""",
        payload,
    )
    zone = page.get_by_test_id("drop-zone")
    zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    zone.dispatch_event("drop", {"dataTransfer": transfer})


def test_gallery_built_and_reordered_with_the_keyboard(
    servers: Servers,
    new_context: ContextFactory,
    sign_in: SignIn,
    steps: Steps,
    tokens: Tokens,
    tmp_path: Path,
) -> None:
    names = ["bang-tai", "nha-sang-tuyen", "ben-xa-lan"]
    files = [jpeg(tmp_path / f"{n}.jpg", 640, 480, seed=20 + i) for i, n in enumerate(names)]
    page = new_context().new_page()
    sign_in(page, CONTRIBUTOR)
    story_id = new_story(page, servers, "Một ngày ở mỏ")
    open_library(page)
    drop_files(page, files)
    uploads = page.get_by_test_id("upload")
    expect(uploads).to_have_count(3)
    for i in range(3):
        expect(uploads.nth(i)).to_have_attribute("data-phase", "done", timeout=60_000)
    ids = {
        str(uploads.nth(i).get_attribute("data-asset-id")): str(
            uploads.nth(i).locator("strong").first.inner_text()
        ).removesuffix(".jpg")
        for i in range(3)
    }
    by_name = {name: asset_id for asset_id, name in ids.items()}
    assert set(by_name) == set(names)
    for asset_id in by_name.values():
        expect(status_of(page, asset_id)).to_have_attribute("data-status", "ready", timeout=60_000)

    for name in names:  # chosen in this order
        page.get_by_role("checkbox", name=f"Thêm {name} vào bộ ảnh").check()
    builder = page.get_by_test_id("gallery-builder")
    items = builder.get_by_test_id("gallery-item")
    expect(items).to_have_count(3)

    def order() -> list[str]:
        return [str(items.nth(i).get_attribute("data-asset-id")) for i in range(items.count())]

    assert order() == [by_name[n] for n in names]
    # Keyboard only: the "down" button of the first item, then Alt+ArrowUp on the last one.
    builder.get_by_role("button", name="Đưa bang-tai xuống").focus()
    page.keyboard.press("Enter")
    expect(items.first).to_have_attribute("data-asset-id", by_name["nha-sang-tuyen"])
    expect(builder.get_by_role("status").first).to_contain_text("bang-tai ở vị trí 2/3")
    items.nth(2).focus()
    page.keyboard.press("Alt+ArrowUp")
    expected = [by_name["nha-sang-tuyen"], by_name["ben-xa-lan"], by_name["bang-tai"]]
    expect(items.nth(1)).to_have_attribute("data-asset-id", by_name["ben-xa-lan"])
    assert order() == expected
    # Focus follows the moved item, so it can be moved again.
    assert page.evaluate("() => document.activeElement?.dataset.assetId") == by_name["ben-xa-lan"]

    builder.locator("input[name=gallery-title]").fill("Một ngày ở mỏ")
    for position, caption in enumerate(["Nhà sàng", "Bến xà lan", "Băng tải"], start=1):
        builder.get_by_label(f"Chú thích ảnh {position}").fill(caption)
    builder.get_by_role("button", name="Lưu bộ ảnh").click()
    saved = builder.get_by_test_id("gallery-saved")
    expect(saved).to_be_visible()
    gallery_id = str(saved.get_attribute("data-asset-id"))
    steps.shot(page, "gallery-saved")

    token = tokens(CONTRIBUTOR)
    gallery = api_get(servers, token, f"/v1/tenants/{TENANT}/assets/{gallery_id}").json()
    assert gallery["kind"] == "gallery"
    assert gallery["metadata"]["title"]["vi"] == "Một ngày ở mỏ"
    assert [i["asset_id"] for i in gallery["version"]["items"]] == expected
    assert [i["caption"]["vi"] for i in gallery["version"]["items"]] == [
        "Nhà sàng",
        "Bến xà lan",
        "Băng tải",
    ]

    builder.get_by_role("button", name="Chèn bộ ảnh vào bài").click()
    expect(page.get_by_test_id("media-library")).to_be_hidden()
    expect(
        page.get_by_test_id("body-editor").locator(f"figure[data-media-asset='{gallery_id}']")
    ).to_be_visible()
    wait_saved(page)
    story = wait_story(servers, token, story_id, gallery_id)
    assert [m["asset_id"] for m in story["media"]] == [gallery_id]
    steps.shot(page, "gallery-inserted")


def test_library_screen_searches_without_accents_pages_and_keeps_to_its_tenant(
    servers: Servers,
    new_context: ContextFactory,
    sign_in: SignIn,
    steps: Steps,
    tokens: Tokens,
    tmp_path: Path,
) -> None:
    names = ["le-khanh-thanh", "bang-chuyen-so-2", "bang-chuyen-so-3", "kho-than", "cang-cua-ong"]
    files = [jpeg(tmp_path / f"{n}.jpg", 320, 240, seed=40 + i) for i, n in enumerate(names)]
    page = new_context().new_page()
    sign_in(page, CONTRIBUTOR)
    page.get_by_role("navigation").get_by_role("link", name="Thư viện tệp").click()
    page.wait_for_url(re.compile(rf".*/t/{TENANT}/media$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thư viện đa phương tiện")
    drop_files(page, files)
    uploads = page.get_by_test_id("upload")
    expect(uploads).to_have_count(len(names))
    for i in range(len(names)):
        expect(uploads.nth(i)).to_have_attribute("data-phase", "done", timeout=60_000)
    ids = {
        str(uploads.nth(i).locator("strong").first.inner_text()).removesuffix(".jpg"): str(
            uploads.nth(i).get_attribute("data-asset-id")
        )
        for i in range(len(names))
    }
    opening = ids["le-khanh-thanh"]
    page.locator(f"[data-testid=asset][data-asset-id='{opening}']").get_by_role(
        "button", name="Chọn le-khanh-thanh"
    ).click()
    details = page.get_by_test_id("asset-details")
    details.get_by_label("Tiêu đề (tiếng Việt)").fill("Lễ khánh thành nhà máy tuyển Đà Nẵng")
    details.get_by_role("button", name="Lưu thông tin").click()
    expect(details.get_by_role("status")).to_have_text("Đã lưu thông tin tệp.")
    # no story here: nothing to insert into
    expect(details.get_by_role("button", name="Chèn vào bài")).to_have_count(0)

    cards = page.get_by_test_id("assets").get_by_test_id("asset")
    search = page.get_by_role("searchbox", name="Tìm tệp")
    search.fill("khanh thanh da nang")  # typed without accents; searched after a pause
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_attribute("data-asset-id", opening)
    expect(page.get_by_test_id("media-count")).to_have_text("1 tệp")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["khanh thanh da nang"]
    steps.shot(page, "library-search")

    # Paging within a search: two per page here (the app asks for 48), the real cursor.
    def two_per_page(route: Route, request: Request) -> None:
        route.continue_(url=request.url.replace("limit=48", "limit=2"))

    page.route(re.compile(r".*/v1/tenants/[^/]+/assets\?.*"), two_per_page)
    search.fill("bang-chuyen")
    search.press("Enter")
    expect(cards).to_have_count(2)
    expect(page.get_by_test_id("media-count")).to_have_text("2 tệp")
    search.fill("")
    page.get_by_label("Loại tệp").select_option("image")
    expect(cards).to_have_count(2)
    expect(page.get_by_test_id("media-count")).to_have_text("2 tệp đầu tiên; còn nữa")
    page.get_by_test_id("media-more").click()
    expect(cards).to_have_count(4, timeout=10_000)
    shown = [str(cards.nth(i).get_attribute("data-asset-id")) for i in range(4)]
    assert len(set(shown)) == 4, shown  # the second page follows the first, no repeats
    for i in range(4):
        expect(cards.nth(i)).to_contain_text("Ảnh")
    page.unroute(re.compile(r".*/v1/tenants/[^/]+/assets\?.*"))

    # The search is in the address: a reload finds the same files.
    search.fill("ĐÀ NẴNG")
    expect(cards).to_have_count(1)
    page.reload()
    expect(page.get_by_role("searchbox", name="Tìm tệp")).to_have_value("ĐÀ NẴNG")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_attribute("data-asset-id", opening)
    steps.shot(page, "library-search-reloaded")

    # Another tenant's staff, searching the same words in their own library, find nothing.
    other = new_context().new_page()
    sign_in(other, "uongbi.contributor")
    other.goto(f"{servers.app_url}/t/uongbi/media?q=khanh+thanh+da+nang")
    expect(other.get_by_test_id("media-count")).to_have_text(
        "Không có tệp nào khớp “khanh thanh da nang”."
    )
    expect(other.get_by_test_id("assets").get_by_test_id("asset")).to_have_count(0)
    steps.shot(other, "library-other-tenant")
    # and the gateway refuses the first tenant's library to them outright
    refused = api_get(servers, tokens("uongbi.contributor"), f"/v1/tenants/{TENANT}/assets?q=da")
    assert refused.status_code == 403, refused.text  # not a member of halong
    assert problem(refused)["reason"]
    words = "+".join("abcdefghijk")  # eleven words: a pasted paragraph, not a search
    too_long = api_get(servers, tokens(CONTRIBUTOR), f"/v1/tenants/{TENANT}/assets?q={words}")
    assert too_long.status_code == 400, too_long.text
    assert problem(too_long)["reason"] == "QUERY_TOO_LONG"
