"""The portal in a real browser: Playwright driving the machine's Chromium.

Every page type is opened, screenshotted into ``.artifacts/web/`` (git-ignored), checked
with axe-core (npm, installed by tools/web-deps.sh) for zero violations and watched for
console errors. Staff sign in on the real Keycloak login page.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from newsroom_core.localstack import repo_root

pytestmark = [pytest.mark.postgres, pytest.mark.kafka, pytest.mark.keycloak, pytest.mark.slow]

WebStack = Any  # tests/web/conftest.py: WebStack
OWN_HOST = "uongbi.localhost"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = repo_root() / "web" / "portal" / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "/halong/bai-viet/than-ha-long-day-manh-truyen-thong-an-toan-lao-dong"


# Module scope: the sync API keeps an event loop running in this thread while it is open,
# and asyncio tests that run later in the same worker need the thread's loop free.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    yield browser
    browser.close()


class Watched:
    """A page whose console errors and uncaught exceptions are collected."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text} ({m.location})")
                if m.type == "error"
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    # bypass_csp: only so axe-core can be injected; the pages' own CSP is tested by its
    # absence of console errors in test_javascript_pages_run_under_the_content_security_policy
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    watch = Watched(context)
    yield watch
    context.close()
    assert watch.unexpected() == [], "console errors"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    assert AXE.is_file(), f"{AXE} missing: run tools/web-deps.sh"
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def check(watch: Watched, url: str, name: str, artifacts: Path, status: int = 200) -> Page:
    page = watch.page
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    if status >= 400:  # Chromium reports the document's own status as a console error
        watch.allowed.append(
            re.compile(
                r"Failed to load resource: the server responded with a status of " + str(status)
            )
        )
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert axe_violations(page) == [], f"axe violations on {name}"
    return page


PAGES = [
    ("home-group", "/", 200),
    ("home-tenant", "/halong", 200),
    ("section", "/halong/chuyen-muc/tin-tuc", 200),
    ("article", ARTICLE, 200),
    ("article-english-story", "/halong/bai-viet/ha-long-coal-safety-week", 200),
    ("article-english-interface", ARTICLE + "?lang=en", 200),
    ("article-corrected", "/halong/bai-viet/san-luong-than-thang-muoi", 200),
    ("article-gallery", "/halong/bai-viet/anh-ngay-hoi-tho-mo", 200),
    ("article-video", "/halong/bai-viet/video-ca-dem-bang-tai", 200),
    ("tag", "/halong/the/an-toan-lao-dong", 200),
    ("search", "/halong/tim-kiem?q=truyen+thong", 200),
    ("online-tv", "/halong/truyen-hinh", 200),
    ("radio", "/phat-thanh", 200),
    ("not-found", "/halong/khong-co-trang-nay", 404),
    ("retracted", "/halong/bai-viet/tin-da-bi-go", 410),
]


@pytest.mark.parametrize(("name", "path", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_page_type_is_accessible_without_console_errors(
    web_stack: WebStack, watched: Watched, artifacts: Path, name: str, path: str, status: int
) -> None:
    page = check(watched, web_stack.url(path), name, artifacts, status)
    assert page.locator("main h1").count() >= 1
    assert page.locator("html").get_attribute("lang") in ("vi", "en")


def test_own_hostname_site(web_stack: WebStack, watched: Watched, artifacts: Path) -> None:
    page = check(watched, web_stack.url("/", host=OWN_HOST), "home-own-hostname", artifacts)
    assert "Uông Bí hoàn thành đại tu" in page.content()
    page.get_by_role("link", name="Uông Bí hoàn thành đại tu tổ máy số 1").first.click()
    assert page.url == web_stack.url("/bai-viet/uong-bi-hoan-thanh-dai-tu", host=OWN_HOST)


def test_section_paging_and_search_in_the_browser(
    web_stack: WebStack, watched: Watched, artifacts: Path
) -> None:
    page = watched.page
    page.goto(web_stack.url("/halong/chuyen-muc/tin-tuc"))
    first = page.locator(".card-title a").all_inner_texts()
    page.get_by_role("link", name=re.compile("Bài cũ hơn")).click()
    page.wait_for_url(re.compile(r"cursor="))
    second = page.locator(".card-title a").all_inner_texts()
    assert first and second and set(first).isdisjoint(second)
    page.screenshot(path=str(artifacts / "section-page-2.png"), full_page=True)

    page.goto(web_stack.url("/halong"))
    page.get_by_label("Tìm trên trang").fill("truyen thong")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/halong/tim-kiem\?q=truyen"))
    hit = page.locator(".hit .card-title a").first
    assert "truyền thông" in hit.inner_text()
    assert page.locator(".snippet mark").count() >= 1


def test_article_reads_without_javascript(
    web_stack: WebStack, browser: Browser, artifacts: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(web_stack.url(ARTICLE))
    assert page.locator("h1").inner_text() == "Than Hạ Long đẩy mạnh truyền thông an toàn lao động"
    assert "10 phút trao đổi" in page.locator(".story-body").inner_text()
    assert page.locator(".tags a").count() == 2
    page.screenshot(path=str(artifacts / "article-no-javascript.png"), full_page=True)
    context.close()


def test_javascript_pages_run_under_the_content_security_policy(
    web_stack: WebStack, browser: Browser
) -> None:
    context = browser.new_context()  # the site's own CSP in force
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ("/", ARTICLE, "/halong/bai-viet/video-ca-dem-bang-tai", "/halong/truyen-hinh"):
        page.goto(web_stack.url(path))
        page.wait_for_load_state("load")
    context.close()
    assert errors == []


def test_internal_story_only_after_signing_in_on_keycloak(
    web_stack: WebStack, browser: Browser, artifacts: Path
) -> None:
    path = "/bai-viet/lich-giao-ban-noi-bo-tuan-nay"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    watch = Watched(context)
    watch.allowed.append(re.compile(r"status of 404"))
    page = watch.page
    page.set_default_timeout(90_000)  # Keycloak's login page on a loaded machine
    response = page.goto(web_stack.url(path))
    assert response is not None and response.status == 404
    assert "Lịch giao ban nội bộ" not in page.content()
    page.screenshot(path=str(artifacts / "internal-anonymous.png"), full_page=True)

    page.get_by_role("link", name="đăng nhập nhân viên", exact=True).click()
    page.wait_for_selector("#username")  # Keycloak's own login page
    assert page.url.startswith(web_stack.cli.keycloak_url)
    assert "code_challenge_method=S256" in page.url and "code_challenge=" in page.url
    page.screenshot(path=str(artifacts / "keycloak-login.png"), full_page=True)
    page.fill("#username", "halong.editor")
    page.fill("#password", "demo1234")
    page.click("#kc-login")
    page.wait_for_url(web_stack.url(path))
    assert page.locator("h1").inner_text() == "Lịch giao ban nội bộ tuần này"
    assert page.locator(".internal-flag").count() == 1
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["portal_session"]["httpOnly"] is True
    assert "eyJ" not in cookies["portal_session"]["value"], "the token is sealed, not readable"
    page.screenshot(path=str(artifacts / "internal-signed-in.png"), full_page=True)
    assert axe_violations(page) == []
    reply = page.request.get(web_stack.url(path))
    assert reply.headers["cache-control"] == "private, no-store"
    assert reply.headers["x-robots-tag"] == "noindex"
    context.close()
    assert watch.unexpected() == []

    # the signed-in view was never cached for anybody else
    anonymous = browser.new_context()
    other = anonymous.new_page()
    again = other.goto(web_stack.url(path))
    assert again is not None and again.status == 404
    assert "Lịch giao ban nội bộ" not in other.content()
    anonymous.close()


def _current_source(page: Page, selector: str) -> dict[str, Any]:
    """What the browser chose and decoded for the first image matching ``selector``."""
    page.wait_for_function(
        "s => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth }",
        arg=selector,
        timeout=60_000,
    )
    chosen: dict[str, Any] = page.evaluate(
        """s => { const i = document.querySelector(s);
        return {src: i.currentSrc, natural: i.naturalWidth, alt: i.alt,
                width: i.getAttribute('width'), height: i.getAttribute('height'),
                webp: i.parentElement.querySelector('source[type="image/webp"]').srcset} }""",
        selector,
    )
    return chosen


def _srcset_widths(srcset: str) -> dict[str, int]:
    pairs = (entry.strip().rsplit(" ", 1) for entry in srcset.split(","))
    return {url: int(width.rstrip("w")) for url, width in pairs}


def test_article_image_srcset_is_picked_by_the_browser(
    web_stack: WebStack, browser: Browser, artifacts: Path
) -> None:
    """currentSrc of the lead image is one of its WebP renditions, chosen for the viewport:
    a phone gets a narrower file than a desktop, and the file (a presigned redirect into
    the store) really decodes."""
    lead = ".story-lead picture img"
    picked: dict[str, dict[str, Any]] = {}
    for device, viewport in (("desktop", (1280, 900)), ("phone", (360, 740))):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=1
        )
        watch = Watched(context)
        watch.page.goto(web_stack.url(ARTICLE))
        chosen = _current_source(watch.page, lead)
        watch.page.screenshot(path=str(artifacts / f"article-lead-{device}.png"))
        reply = watch.page.request.get(chosen["src"])  # the gateway's redirect, followed
        assert reply.ok, chosen["src"]
        served = Image.open(io.BytesIO(reply.body()))
        context.close()
        assert watch.unexpected() == []
        widths = _srcset_widths(chosen["webp"])
        assert chosen["src"] in widths, f"{chosen['src']} is not a WebP rendition"
        assert chosen["alt"] == "Sân khấu khai mạc với băng rôn ngày hội thợ mỏ"
        assert (chosen["width"], chosen["height"]) == ("1920", "1280"), "intrinsic size"
        # naturalWidth is density-corrected for srcset images: the file itself says
        assert served.format == "WEBP" and served.width == widths[chosen["src"]], "its real width"
        picked[device] = {"width": widths[chosen["src"]], "all": sorted(widths.values())}
    # sizes: 46rem (736 px) on a desktop, the full width (360 px) on a phone
    desktop, phone = picked["desktop"], picked["phone"]
    assert desktop["width"] >= 736 and phone["width"] >= 360
    assert phone["width"] < desktop["width"], picked
    assert len(desktop["all"]) >= 4 and desktop["all"][-1] >= 1200


def test_gallery_keyboard_navigation(
    web_stack: WebStack, watched: Watched, artifacts: Path
) -> None:
    """ArrowRight/ArrowLeft move the current slide and the counter (wrapping round)."""
    page = watched.page
    page.goto(web_stack.url("/halong/bai-viet/anh-ngay-hoi-tho-mo"))
    gallery = page.locator("[data-gallery]").first
    slides = gallery.locator(".gallery-slide")
    assert slides.count() == 3
    counter = gallery.locator("[data-index]")
    assert gallery.locator(".gallery-controls").is_visible()

    def current() -> int:
        flags = slides.evaluate_all("els => els.map(e => e.classList.contains('current'))")
        assert flags.count(True) == 1, flags
        return int(flags.index(True))

    gallery.focus()
    assert current() == 0 and counter.inner_text() == "1"
    page.keyboard.press("ArrowRight")
    assert current() == 1 and counter.inner_text() == "2"
    page.keyboard.press("ArrowRight")
    assert current() == 2 and counter.inner_text() == "3"
    chosen = _current_source(page, ".gallery-slide.current picture img")
    assert chosen["alt"] == "Đoàn thanh niên biểu diễn văn nghệ buổi tối"
    page.keyboard.press("ArrowRight")
    assert current() == 0 and counter.inner_text() == "1", "wraps to the first"
    page.keyboard.press("ArrowLeft")
    assert current() == 2 and counter.inner_text() == "3", "wraps to the last"
    page.keyboard.press("ArrowLeft")
    assert current() == 1 and counter.inner_text() == "2"
    captions = slides.locator("figcaption").all_inner_texts()
    assert [c.split(" Ảnh")[0].strip() for c in captions] == ["Khai mạc", "Kéo co", "Văn nghệ"]
    page.screenshot(path=str(artifacts / "gallery-second-slide.png"))


def _plays_past(page: Page, selector: str, seconds: float) -> float:
    """Starts the player muted (autoplay rules allow it) and waits for currentTime."""
    page.evaluate(
        "s => { const m = document.querySelector(s); m.muted = true; return m.play() }",
        selector,
    )
    page.wait_for_function(
        "([s, t]) => document.querySelector(s).currentTime > t",
        arg=[selector, seconds],
        timeout=90_000,
    )
    return float(page.evaluate("s => document.querySelector(s).currentTime", selector))


def test_video_plays_hls_past_two_seconds(
    web_stack: WebStack, watched: Watched, artifacts: Path
) -> None:
    """hls.js plays the ladder (native HLS is for browsers without MSE): currentTime
    passes 2 s; the poster and the master playlist are served to readers."""
    page = watched.page
    page.goto(web_stack.url("/halong/bai-viet/video-ca-dem-bang-tai"))
    video = page.locator("video[data-hls]").first
    hls_url = video.get_attribute("data-hls") or ""
    assert hls_url.endswith("/hls/master.m3u8")
    poster = video.get_attribute("poster") or ""
    reply = page.request.get(poster)
    assert reply.ok and reply.headers["content-type"] == "image/jpeg", poster
    assert (video.get_attribute("width"), video.get_attribute("height")) == ("1280", "720")
    master = page.request.get(hls_url)
    assert master.ok and "#EXT-X-STREAM-INF" in master.text()
    video.hover()  # a reader's pointer over the player loads hls.js and attaches it
    page.wait_for_function(
        "() => { const v = document.querySelector('video[data-hls]');"
        " return v.src !== '' || v.currentSrc !== '' }",
        timeout=60_000,
    )
    assert _plays_past(page, "video[data-hls]", 2.0) > 2.0
    engine = page.evaluate(
        "() => { const v = document.querySelector('video[data-hls]');"
        " return v.src.startsWith('blob:') ? 'hls.js' : 'native' }"
    )
    assert engine == "hls.js", "Chromium has Media Source Extensions: hls.js plays"
    assert page.evaluate("() => document.querySelector('video[data-hls]').videoWidth") > 0
    page.screenshot(path=str(artifacts / "video-playing.png"))


def test_audio_bulletin_plays(web_stack: WebStack, watched: Watched, artifacts: Path) -> None:
    """The radio page's player plays: currentTime advances; the MP3 downloads."""
    page = watched.page
    page.goto(web_stack.url("/phat-thanh"))
    assert "Bản tin phát thanh số 1" in page.locator("main").inner_text()
    download = page.get_by_role("link", name="Tải về").first
    href = download.get_attribute("href") or ""
    assert download.get_attribute("download") is not None and href.endswith(".mp3"), href
    mp3 = page.request.get(href)
    assert mp3.ok and mp3.headers["content-type"] == "audio/mpeg"
    assert mp3.body()[:3] == b"ID3" or mp3.body()[0] == 0xFF, "an MP3 stream"
    assert _plays_past(page, "figure.media-audio audio", 1.0) > 1.0
    page.screenshot(path=str(artifacts / "radio-playing.png"))
