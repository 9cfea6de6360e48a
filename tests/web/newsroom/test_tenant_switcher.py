"""A person with roles in two subsidiaries switches between them: each tenant shows that
tenant's stories only and the screens that person's roles there allow, and the choice
survives a reload."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

from newsroom_cli import webapp
from newsroom_testkit.gateway import admin_client, bearer

if TYPE_CHECKING:
    from tests.web.newsroom.conftest import ContextFactory, Servers, SignIn, Steps

pytestmark = [pytest.mark.browser, pytest.mark.keycloak, pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture
def two_tenants(keycloak_url: str) -> Iterator[str]:
    """An account of this test alone: contributor in halong, editor in uongbi."""
    admin = admin_client(keycloak_url)
    username = f"test.switch-{uuid.uuid4().hex[:8]}"
    user_id = admin.create_user(
        {
            "username": username,
            "enabled": True,
            "firstName": "Hai",
            "lastName": "Đơn Vị",
            "email": f"{username}@example.test",
            "emailVerified": True,
            "credentials": [
                {"type": "password", "value": webapp.DEMO_PASSWORD, "temporary": False}
            ],
        }
    )
    try:
        for path in ("/tenants/halong/contributor", "/tenants/uongbi/editor"):
            admin.group_user_add(user_id, admin.get_group_by_path(path)["id"])
        yield username
    finally:
        admin.delete_user(user_id)


def write(servers: Servers, token: str, tenant: str, headline: str) -> None:
    response = httpx.post(
        f"{servers.gateway_url}/v1/tenants/{tenant}/stories",
        json={"type": "news", "headline": headline, "body_html": "<p>Nội dung</p>"},
        headers=bearer(token),
        timeout=30,
    )
    assert response.status_code == 201, response.text


def test_tenant_switcher_scopes_stories_and_screens(
    servers: Servers, new_context: ContextFactory, sign_in: SignIn, steps: Steps, two_tenants: str
) -> None:
    page = new_context().new_page()
    sign_in(page, two_tenants)
    token = webapp.access_token(page)
    mark = uuid.uuid4().hex[:6]
    write(servers, token, "halong", f"Tin Hạ Long {mark}")
    write(servers, token, "uongbi", f"Tin Uông Bí {mark}")

    switcher = page.get_by_test_id("tenant-switcher")
    expect(switcher.locator("option")).to_have_text(["halong", "uongbi"])
    switcher.select_option("halong")
    page.wait_for_url(re.compile(r".*/t/halong/stories$"))
    menu = page.get_by_role("navigation", name="Điều hướng chính")
    # A contributor in halong: no review queue; halong's story, not uongbi's.
    expect(menu.get_by_role("link", name="Hàng chờ duyệt")).to_have_count(0)
    expect(page.get_by_text(f"Tin Hạ Long {mark}")).to_be_visible()
    expect(page.get_by_text(f"Tin Uông Bí {mark}")).to_have_count(0)
    steps.shot(page, "halong-contributor")

    switcher.select_option("uongbi")
    # An editor in uongbi lands on the review queue; the stories list is uongbi's alone.
    page.wait_for_url(re.compile(r".*/t/uongbi/queue$"))
    expect(menu.get_by_role("link", name="Hàng chờ duyệt")).to_be_visible()
    steps.shot(page, "uongbi-editor-queue")
    menu.get_by_role("link", name="Bài viết").click()
    expect(page.get_by_text(f"Tin Uông Bí {mark}")).to_be_visible()
    expect(page.get_by_text(f"Tin Hạ Long {mark}")).to_have_count(0)
    steps.shot(page, "uongbi-stories")

    # The choice is remembered: the app's root opens uongbi again after a reload.
    page.goto(servers.app_url + "/")
    page.wait_for_url(re.compile(r".*/t/uongbi/queue$"))
    expect(switcher).to_have_value("uongbi")
