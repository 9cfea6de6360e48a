"""The newsroom app in a real browser, end to end: a contributor signs in on Keycloak's
login page, writes a story typing Vietnamese through IME compositions, autosaves, reloads
and finds the text; an editor edits the same story meanwhile and the contributor gets the
conflict view with both versions kept; the contributor submits; the editor's queue updates
without a reload; editor and board approve; the story is public; the board retracts it
through the reason dialog and the public API answers 410. Every screen passes axe-core.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import CDPSession, Page, expect

from newsroom_testkit.gateway import Tokens, bearer

if TYPE_CHECKING:  # fixtures' types (conftest modules are not importable at run time)
    from tests.web.newsroom.conftest import ContextFactory, Servers, SignIn, Steps

pytestmark = [pytest.mark.browser, pytest.mark.keycloak, pytest.mark.kafka, pytest.mark.postgres]

TENANT = "halong"


# -- typing Vietnamese through an input method -------------------------------------------


@dataclass(frozen=True)
class Syllable:
    keys: str  # what the person presses, e.g. "Vieejtj" (Telex) or "Ha5" (VNI)
    steps: tuple[str, ...]  # the composition after each keystroke; the last one is committed

    @property
    def text(self) -> str:
        return self.steps[-1]


def telex(keys: str, *steps: str) -> Syllable:
    assert len(steps) == len(keys), (keys, steps)
    return Syllable(keys, steps)


# "Công nhân Việt Nam đón Tết ở Hạ Long" with the compositions an IME shows key by key
# (Telex, and VNI for "Hạ" and "ở": one keyboard layout per person, both must work).
SENTENCE: tuple[Syllable | str, ...] = (
    telex("Coong", "C", "Co", "Cô", "Côn", "Công"),
    " ",
    telex("nhaan", "n", "nh", "nha", "nhâ", "nhân"),
    " ",
    telex("Vieejt", "V", "Vi", "Vie", "Viê", "Viêt", "Việt"),
    " ",
    telex("Nam", "N", "Na", "Nam"),
    " ",
    telex("ddons", "d", "đ", "đo", "đon", "đón"),
    " ",
    telex("Teets", "T", "Te", "Tê", "Têt", "Tết"),
    " ",
    telex("o73", "o", "ơ", "ở"),
    " ",
    telex("Ha5", "H", "Ha", "Hạ"),
    " Long.",
)


def expected_text(sentence: tuple[Syllable | str, ...] = SENTENCE) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in sentence)


def ime_type(cdp: CDPSession, sentence: tuple[Syllable | str, ...] = SENTENCE) -> None:
    for part in sentence:
        if isinstance(part, str):
            cdp.send("Input.insertText", {"text": part})
            continue
        for step in part.steps:
            cdp.send(
                "Input.imeSetComposition",
                {"text": step, "selectionStart": len(step), "selectionEnd": len(step)},
            )
        cdp.send("Input.insertText", {"text": part.text})


# -- helpers ------------------------------------------------------------------------------


def api_get(servers: Servers, token: str, path: str) -> httpx.Response:
    return httpx.get(f"{servers.gateway_url}{path}", headers=bearer(token), timeout=10)


def story_id_of(page: Page) -> str:
    match = re.search(r"/stories/([0-9a-f-]{36})", page.url)
    assert match, page.url
    return match.group(1)


def wait_saved(page: Page) -> None:
    status = page.get_by_test_id("save-status")
    expect(status).to_have_attribute("data-state", "saved", timeout=20_000)


def editor_text(page: Page) -> str:
    return str(page.get_by_test_id("body-editor").inner_text()).strip()


def mark_page(page: Page) -> None:
    """A flag that a reload or navigation would wipe: proves updates arrived live."""
    page.evaluate("() => { window.__sameDocument = true; }")


def same_document(page: Page) -> bool:
    return bool(page.evaluate("() => window.__sameDocument === true"))


HEADLINE = SENTENCE[:7]  # "Công nhân Việt Nam"


@dataclass
class Person:
    page: Page
    cdp: CDPSession


def open_as(new_context: ContextFactory, sign_in: SignIn, username: str) -> Person:
    context = new_context()
    page = context.new_page()
    sign_in(page, username)
    return Person(page, context.new_cdp_session(page))


# -- the journey -----------------------------------------------------------------------------


def test_write_conflict_submit_review_publish_retract(
    servers: Servers,
    new_context: ContextFactory,
    sign_in: SignIn,
    steps: Steps,
    tokens: Tokens,
) -> None:
    # The contributor signs in on the real Keycloak login page.
    context = new_context()
    page = context.new_page()
    page.goto(servers.app_url + "/")
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    steps.shot(page, "sign-in")
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(re.compile(re.escape(servers.keycloak_url) + ".*"))
    expect(page.locator("#kc-login")).to_be_visible()
    steps.shot(page, "keycloak-login", accessible=False)  # Keycloak's page, not ours
    page.locator("#username").fill("halong.contributor")
    page.locator("#password").fill("demo1234")
    page.locator("#kc-login").click()
    page.wait_for_url(f"{servers.app_url}/t/{TENANT}/stories")
    expect(page.get_by_test_id("user-name")).to_be_visible()
    steps.shot(page, "stories")
    contributor = Person(page, context.new_cdp_session(page))

    # A new story; headline and body typed through IME compositions.
    page.get_by_role("button", name="Viết bài mới").click()
    page.wait_for_url(re.compile(rf".*/t/{TENANT}/stories/[0-9a-f-]+$"))
    story_id = story_id_of(page)
    headline = page.locator("input[name=headline]")
    headline.select_text()
    ime_type(contributor.cdp, HEADLINE)
    body = page.get_by_test_id("body-editor")
    body.click()
    ime_type(contributor.cdp, SENTENCE)
    wanted_headline, wanted_body = expected_text(HEADLINE), expected_text(SENTENCE)
    assert headline.input_value() == wanted_headline
    assert editor_text(page) == wanted_body
    wait_saved(page)
    steps.shot(page, "autosaved")

    # Typing on after the save: a second autosave, folded into the same working revision.
    page.keyboard.press("End")
    contributor.cdp.send("Input.insertText", {"text": " Ca sáng."})
    wanted_body += " Ca sáng."
    expect(page.get_by_test_id("save-status")).not_to_have_attribute("data-state", "saved")
    wait_saved(page)
    contributor_token = tokens("halong.contributor")
    sitting = api_get(
        servers, contributor_token, f"/v1/tenants/{TENANT}/stories/{story_id}/revisions"
    ).json()["items"]
    assert [r["number"] for r in sitting] == [2, 1], "one working revision, not one per save"
    assert sitting[0]["saves"] >= 2 and sitting[0]["body_html"] == f"<p>{wanted_body}</p>"

    # Reload: the text comes back from the server (NFC, exactly what was typed).
    page.reload()
    expect(page.get_by_test_id("body-editor")).to_contain_text("Hạ Long")
    assert editor_text(page) == wanted_body
    assert page.locator("input[name=headline]").input_value() == wanted_headline
    saved = api_get(servers, contributor_token, f"/v1/tenants/{TENANT}/stories/{story_id}").json()
    assert saved["headline"] == wanted_headline
    assert f"<p>{wanted_body}</p>" == saved["body_html"]
    assert unicodedata.is_normalized("NFC", saved["body_html"])
    steps.shot(page, "reloaded")

    # An editor edits the same story in another browser and saves first.
    editor = open_as(new_context, sign_in, "halong.editor")
    editor.page.goto(f"{servers.app_url}/t/{TENANT}/stories/{story_id}")
    editor_headline = editor.page.locator("input[name=headline]")
    expect(editor_headline).to_have_value(wanted_headline)
    editor_headline.fill(f"{wanted_headline}: biên tập")
    editor.page.get_by_role("button", name="Lưu", exact=True).click()
    wait_saved(editor.page)
    steps.shot(editor.page, "editor-saved")

    # The contributor, still on the old revision, types on: the save meets a conflict.
    page.get_by_test_id("body-editor").click()
    page.keyboard.press("End")
    contributor.cdp.send("Input.insertText", {"text": " Thêm đoạn mới."})
    conflict = page.get_by_test_id("conflict-view")
    expect(conflict).to_be_visible(timeout=20_000)
    expect(conflict).to_contain_text("biên tập")  # their headline
    expect(conflict).to_contain_text("Thêm đoạn mới")  # my new words
    steps.shot(page, "conflict")
    page.get_by_role("button", name=re.compile("Giữ bản của tôi")).click()
    wait_saved(page)

    # Both versions are in the history: the editor's revision, then mine on top.
    page.get_by_role("link", name="Lịch sử").click()
    expect(page.get_by_test_id("revisions")).to_be_visible()
    expect(page.get_by_test_id("revision-diff")).to_be_visible()
    steps.shot(page, "history")
    revisions = api_get(
        servers, contributor_token, f"/v1/tenants/{TENANT}/stories/{story_id}/revisions?limit=200"
    ).json()["items"]
    by_author = {(r["author"]["username"], r["headline"]) for r in revisions}
    assert ("halong.editor", f"{wanted_headline}: biên tập") in by_author
    newest = max(revisions, key=lambda r: r["number"])
    assert newest["author"]["username"] == "halong.contributor"
    assert "Thêm đoạn mới." in newest["body_html"]

    # The editor waits on the desk queue; the contributor submits.
    editor.page.goto(f"{servers.app_url}/t/{TENANT}/queue?role=editor")
    expect(editor.page.get_by_test_id("queue-count-editor")).to_have_text(re.compile(r"^\d+\+?$"))
    expect(editor.page.get_by_test_id("notifications-button").locator(".dot.on")).to_be_attached()
    before = int(editor.page.get_by_test_id("queue-count-editor").inner_text().rstrip("+"))
    mark_page(editor.page)
    page.get_by_role("link", name="Viết", exact=True).click()
    page.get_by_role("button", name="Gửi duyệt").first.click()
    page.wait_for_url(re.compile(r".*/review$"))
    expect(page.get_by_text("Phiên bản đang duyệt")).to_be_visible()
    steps.shot(page, "submitted")
    mark_page(page)  # the author stays on this screen until the story is published

    # The editor's queue and notifications update without a reload.
    expect(editor.page.get_by_test_id("queue-count-editor")).to_have_text(
        str(before + 1), timeout=20_000
    )
    queue = editor.page.get_by_test_id("queue-table")
    row = queue.get_by_role("link", name=re.compile(wanted_headline))
    expect(row).to_be_visible()
    expect(editor.page.get_by_test_id("unread-count")).not_to_have_text("0")
    assert same_document(editor.page)
    steps.shot(editor.page, "editor-queue-live")

    # A contributor sees no approve button on their own story.
    expect(page.get_by_role("button", name="Duyệt", exact=True)).to_have_count(0)

    # The editor approves the desk stage, with the revision under review shown.
    row.click()
    expect(editor.page.get_by_text("Phiên bản đang duyệt")).to_be_visible()
    steps.shot(editor.page, "editor-review")

    # The preview of that revision: the portal's own article page in a new tab, signed in
    # through the same Keycloak session, marked as a preview and kept from crawlers.
    with editor.page.context.expect_page() as opened:
        editor.page.get_by_test_id("review-preview-link").click()
    preview = opened.value
    preview.wait_for_url(re.compile(re.escape(servers.portal_url) + rf"/{TENANT}/xem-truoc/.+"))
    expect(preview.locator(".preview-flag")).to_contain_text("Bản xem trước: chưa đăng")
    expect(preview.locator("h1")).to_have_text(newest["headline"])
    expect(preview.locator(".story-body")).to_contain_text("Thêm đoạn mới.")
    robots = preview.locator('meta[name="robots"]').get_attribute("content")
    assert robots == "noindex, nofollow"
    steps.shot(preview, "portal-preview")
    preview.close()
    editor.page.get_by_role("button", name="Duyệt", exact=True).click()
    dialog = editor.page.get_by_role("dialog")
    dialog.get_by_label("Nhận xét (không bắt buộc)").fill("Đạt yêu cầu")
    steps.shot(editor.page, "approve-dialog")
    dialog.get_by_role("button", name="Duyệt").click()
    expect(editor.page.get_by_text("Đạt yêu cầu")).to_be_visible()

    # The board approves the final stage: published.
    board = open_as(new_context, sign_in, "halong.board")
    board.page.goto(f"{servers.app_url}/t/{TENANT}/queue?role=board")
    board_row = board.page.get_by_test_id("queue-table").get_by_role(
        "link", name=re.compile(wanted_headline)
    )
    expect(board_row).to_be_visible()
    steps.shot(board.page, "board-queue")
    board_row.click()
    board.page.get_by_role("button", name="Duyệt", exact=True).click()
    board.page.get_by_role("dialog").get_by_role("button", name="Duyệt").click()
    expect(board.page.locator(".badge.status-published").first).to_be_visible(timeout=20_000)
    steps.shot(board.page, "published")

    # The author's notification list names who did what to the story, without a reload.
    expect(page.get_by_test_id("unread-count")).not_to_have_text("0")
    page.get_by_test_id("notifications-button").click()
    notices = page.get_by_test_id("notification-list")
    expect(notices).to_contain_text(f"đã duyệt một bước: {newest['headline']}")
    expect(notices).to_contain_text(f"đã đăng: {newest['headline']}")
    expect(page.get_by_test_id("unread-count")).to_have_text("0")  # opening marks them read
    assert same_document(page)
    steps.shot(page, "author-notifications")
    slug = api_get(servers, contributor_token, f"/v1/tenants/{TENANT}/stories/{story_id}").json()[
        "slug"
    ]
    public = f"{servers.gateway_url}/public/v1/tenants/{TENANT}/stories/{slug}"
    assert _eventually_status(public, 200)

    # The board retracts through the reason dialog (a reason is required).
    board.page.reload()
    board.page.get_by_role("button", name="Gỡ bài", exact=True).click()
    dialog = board.page.get_by_role("dialog")
    dialog.get_by_role("button", name="Gỡ bài").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Cần nhập lý do")
    dialog.get_by_label("Lý do (bắt buộc)").fill("Thông tin chưa được kiểm chứng")
    steps.shot(board.page, "retract-dialog")
    dialog.get_by_role("button", name="Gỡ bài").click()
    expect(board.page.get_by_test_id("takedown-report")).to_be_visible(timeout=20_000)
    steps.shot(board.page, "takedown-report")
    assert _eventually_status(public, 410)

    # The story's audit trail shows every step, retraction and reason included.
    board.page.get_by_role("link", name="Nhật ký").first.click()
    audit = board.page.get_by_test_id("audit")
    expect(audit).to_contain_text("Thông tin chưa được kiểm chứng")
    steps.shot(board.page, "story-audit")
    assert steps.checked  # every screen above went through axe-core


def _eventually_status(url: str, status: int, timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if httpx.get(url, timeout=5).status_code == status:
            return True
        time.sleep(0.25)
    return False
