"""Who sees what, and the session itself: a contributor sees no review tools and cannot
reach another tenant; the access token renews silently before it expires; sign-out ends
the Keycloak session; a tenant admin manages sections and the approval policy; the board
freezes publishing and everyone in the tenant sees the banner appear live."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, Request, Route, expect

from newsroom_cli import webapp
from newsroom_testkit.gateway import admin_client

if TYPE_CHECKING:
    from tests.web.newsroom.conftest import ContextFactory, Servers, SignIn, Steps

pytestmark = [pytest.mark.browser, pytest.mark.keycloak, pytest.mark.kafka, pytest.mark.postgres]


def stored_access_token(page: Page) -> str:
    return webapp.access_token(page)


def test_contributor_sees_no_review_tools_and_no_other_tenant(
    servers: Servers, new_context: ContextFactory, sign_in: SignIn, steps: Steps
) -> None:
    page = new_context().new_page()
    sign_in(page, "halong.contributor")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Bài viết")).to_be_visible()
    for hidden in ("Hàng chờ duyệt", "Nhật ký", "Quản trị đơn vị"):
        expect(nav.get_by_role("link", name=hidden)).to_have_count(0)
    steps.shot(page, "contributor-nav")

    # Another tenant's pages: the app says so, and the gateway refuses the data itself.
    page.goto(f"{servers.app_url}/t/uongbi/stories")
    expect(page.get_by_test_id("not-member")).to_be_visible()
    steps.shot(page, "other-tenant")
    status = page.evaluate(
        """async ([api, token]) => (await fetch(api + "/v1/tenants/uongbi/stories",
              { headers: { Authorization: "Bearer " + token } })).status""",
        [servers.gateway_url, stored_access_token(page)],
    )
    assert status == 403


def test_silent_renewal_then_sign_out(
    servers: Servers, new_context: ContextFactory, sign_in: SignIn, steps: Steps
) -> None:
    context = new_context()
    page = context.new_page()

    # Renew five seconds after sign-in (tokens live 900 s): the app's own config, served
    # with a larger margin for this page only.
    def config(route: Route, request: Request) -> None:
        response = route.fetch()
        body: dict[str, Any] = response.json()
        body["renewBeforeSeconds"] = 895
        route.fulfill(response=response, body=json.dumps(body))

    page.route("**/config.json", config)
    sign_in(page, "halong.editor")
    first = stored_access_token(page)
    assert first
    with page.expect_response(
        lambda r: (
            r.url.endswith("/protocol/openid-connect/token")
            and "refresh_token" in (r.request.post_data or "")
        ),
        timeout=30_000,
    ) as renewal:
        pass
    assert renewal.value.status == 200
    page.wait_for_function(
        f"(first) => ({webapp.ACCESS_TOKEN_JS})() !== first",
        arg=first,
    )
    # The renewed token works: the app still loads data.
    page.get_by_role("link", name="Bài viết").first.click()
    expect(page.get_by_role("heading", name="Bài viết")).to_be_visible()
    steps.shot(page, "renewed")

    # Sign-out ends the Keycloak session too: signing in again asks for the password.
    page.get_by_test_id("sign-out").click()
    page.wait_for_url(re.compile(re.escape(servers.app_url) + r"/(\?.*)?$"))
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    steps.shot(page, "signed-out")
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(re.compile(re.escape(servers.keycloak_url) + ".*"))
    expect(page.locator("#password")).to_be_visible()


@pytest.fixture
def newcomer(keycloak_url: str) -> Iterator[str]:
    """An account of this test alone, in no tenant yet; deleted afterwards."""
    admin = admin_client(keycloak_url)
    username = f"test.app-{uuid.uuid4().hex[:8]}"
    user_id = admin.create_user({"username": username, "enabled": True, "firstName": "Mới"})
    try:
        yield username
    finally:
        admin.delete_user(user_id)


def test_tenant_admin_people_sections_and_policy(
    servers: Servers, new_context: ContextFactory, sign_in: SignIn, steps: Steps, newcomer: str
) -> None:
    page = new_context().new_page()
    sign_in(page, "uongbi.tenant-admin")
    page.get_by_role("link", name="Quản trị đơn vị").click()
    expect(page.get_by_role("heading", name="Chuyên mục")).to_be_visible()
    slug = f"an-toan-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Tên chuyên mục").fill("An toàn lao động")
    page.get_by_label("Đường dẫn").fill(slug)
    page.get_by_role("button", name="Thêm chuyên mục").click()
    expect(page.get_by_test_id("sections")).to_contain_text(f"/{slug}")

    stages = page.get_by_test_id("policy-stages")
    expect(stages.get_by_role("listitem")).to_have_count(2)
    page.get_by_role("button", name="Thêm bước").click()
    page.get_by_label("Bước 3: vai trò").select_option("spokesperson")
    page.get_by_label("Bước 3: tên").fill("Người phát ngôn")
    page.get_by_role("button", name="Lưu quy định").click()
    expect(page.get_by_text("Đã lưu quy định duyệt.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Bước 3: tên")).to_have_value("Người phát ngôn")
    steps.shot(page, "tenant-admin")

    # People: an existing account joins the tenant as a contributor, then also editor.
    people = page.get_by_test_id("people")
    expect(people.get_by_label("uongbi.contributor: Cộng tác viên")).to_be_checked()
    page.get_by_label("Tên đăng nhập").fill(newcomer)
    page.get_by_role("button", name="Thêm vào đơn vị").click()
    expect(people.get_by_label(f"{newcomer}: Cộng tác viên")).to_be_checked()
    people.get_by_label(f"{newcomer}: Biên tập viên").check()
    row = people.get_by_role("row", name=re.compile(newcomer))
    saved_roles = page.expect_response(
        lambda r: r.url.endswith("/roles") and r.request.method == "PUT"
    )
    with saved_roles as put:
        row.get_by_role("button", name="Lưu vai trò").click()
    assert put.value.status == 200
    page.reload()
    expect(people.get_by_label(f"{newcomer}: Biên tập viên")).to_be_checked()
    steps.shot(page, "people")

    # Both changes are in the tenant's audit trail: by whom, whose roles, before and after.
    page.get_by_role("link", name="Nhật ký", exact=True).click()
    changes = page.get_by_test_id("audit").get_by_role("row").filter(has_text="Đổi vai trò")
    expect(changes.filter(has_text="Mới: không còn vai trò → Cộng tác viên")).to_have_count(1)
    expect(
        changes.filter(has_text="Mới: Cộng tác viên → Cộng tác viên, Biên tập viên")
    ).to_have_count(1)
    steps.shot(page, "role-changes-audited")
    page.get_by_role("link", name="Quản trị đơn vị").click()
    # Restore the default policy for the other tests of this tenant.
    page.get_by_role("button", name="Bỏ bước").nth(2).click()
    page.get_by_role("button", name="Lưu quy định").click()
    expect(page.get_by_text("Đã lưu quy định duyệt.")).to_be_visible()


def test_board_freeze_banner_appears_live_for_the_tenant(
    servers: Servers, new_context: ContextFactory, sign_in: SignIn, steps: Steps
) -> None:
    contributor = new_context().new_page()
    sign_in(contributor, "uongbi.contributor")
    expect(contributor.get_by_test_id("freeze-banner")).to_have_count(0)
    expect(contributor.get_by_test_id("notifications-button").locator(".dot.on")).to_be_attached()

    board = new_context().new_page()
    sign_in(board, "uongbi.board")
    board.get_by_role("link", name="Tạm dừng đăng").click()
    board.get_by_role("button", name="Tạm dừng đăng (đơn vị)").click()
    dialog = board.get_by_role("dialog")
    dialog.get_by_label("Lý do").fill("Sự cố an toàn, chờ thông tin chính thức")
    steps.shot(board, "freeze-dialog")
    dialog.get_by_role("button", name="Tạm dừng").click()
    expect(board.get_by_test_id("freeze-banner")).to_be_visible()
    steps.shot(board, "frozen")

    # The contributor's screen shows the banner without a reload.
    contributor.evaluate("() => { window.__sameDocument = true; }")
    expect(contributor.get_by_test_id("freeze-banner")).to_contain_text("Sự cố an toàn")
    assert contributor.evaluate("() => window.__sameDocument === true")
    steps.shot(contributor, "contributor-banner")

    board.get_by_role("button", name="Bỏ tạm dừng (đơn vị)").click()
    board.get_by_role("dialog").get_by_label("Lý do").fill("Đã có thông tin")
    board.get_by_role("dialog").get_by_role("button", name="Bỏ tạm dừng").click()
    expect(board.get_by_test_id("freeze-banner")).to_have_count(0)
    expect(contributor.get_by_test_id("freeze-banner")).to_have_count(0)
