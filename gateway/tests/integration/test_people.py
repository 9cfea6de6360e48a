"""Tenant admins manage people's roles in their own tenant, through the gateway and
Keycloak's admin API; nothing outside the tenant is read or changed."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gateway.settings import GatewaySettings, UpstreamSettings
from newsroom_testkit.gateway import Tokens, admin_client, bearer, gateway_client, problem
from newsroom_testkit.servers import free_port

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak]

PEOPLE = "/v1/tenants/halong/people"


@pytest.fixture
def newcomer(keycloak_url: str) -> Iterator[dict[str, Any]]:
    """A user of this test alone, in the uongbi tenant to begin with; deleted afterwards."""
    admin = admin_client(keycloak_url)
    username = f"test.people-{uuid.uuid4().hex[:8]}"
    user_id = admin.create_user(
        {"username": username, "enabled": True, "firstName": "Người", "lastName": "Mới"}
    )
    uongbi = admin.get_group_by_path("/tenants/uongbi/contributor")
    admin.group_user_add(user_id, uongbi["id"])
    try:
        yield {"id": user_id, "username": username}
    finally:
        admin.delete_user(user_id)


def paths_of(keycloak_url: str, user_id: str) -> set[str]:
    groups: list[dict[str, Any]] = admin_client(keycloak_url).get_user_groups(user_id)
    return {str(g["path"]) for g in groups}


async def test_tenant_admin_adds_changes_and_removes_roles_in_their_tenant_only(
    client: httpx.AsyncClient, tokens: Tokens, newcomer: dict[str, Any], keycloak_url: str
) -> None:
    admin = bearer(tokens("halong.tenant-admin"))

    listed = await client.get(PEOPLE, headers=admin)
    assert listed.status_code == 200, listed.text
    by_name = {p["username"]: p for p in listed.json()["items"]}
    assert by_name["halong.contributor"]["roles"] == ["contributor"]
    assert "uongbi.contributor" not in by_name
    assert newcomer["username"] not in by_name  # not a member of halong yet

    added = await client.post(
        PEOPLE, json={"username": newcomer["username"], "roles": ["contributor"]}, headers=admin
    )
    assert added.status_code == 201, added.text
    assert added.json()["roles"] == ["contributor"]
    changed = await client.put(
        f"{PEOPLE}/{newcomer['id']}/roles", json={"roles": ["editor", "board"]}, headers=admin
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["roles"] == ["board", "editor"]
    assert paths_of(keycloak_url, newcomer["id"]) == {
        "/tenants/halong/board",
        "/tenants/halong/editor",
        "/tenants/uongbi/contributor",  # the other tenant's membership is untouched
    }

    removed = await client.put(
        f"{PEOPLE}/{newcomer['id']}/roles", json={"roles": []}, headers=admin
    )
    assert removed.status_code == 200, removed.text
    assert paths_of(keycloak_url, newcomer["id"]) == {"/tenants/uongbi/contributor"}
    same = await client.put(f"{PEOPLE}/{newcomer['id']}/roles", json={"roles": []}, headers=admin)
    assert same.status_code == 200, "a change to nothing is fine, and not recorded"

    # Each change is in halong's audit log: who, whose roles, before and after.
    audit = await client.get("/v1/tenants/halong/audit", params={"limit": 50}, headers=admin)
    assert audit.status_code == 200, audit.text
    changes = [
        (r["roles_before"], r["roles_after"], r["actor"]["username"])
        for r in audit.json()["items"]
        if r["action"] == "change_roles" and (r["subject"] or {}).get("user_id") == newcomer["id"]
    ]
    assert changes == [
        (["board", "editor"], [], "halong.tenant-admin"),
        (["contributor"], ["board", "editor"], "halong.tenant-admin"),
        ([], ["contributor"], "halong.tenant-admin"),
    ]
    elsewhere = await client.get(
        "/v1/tenants/uongbi/audit", params={"limit": 50}, headers=bearer(tokens("uongbi.board"))
    )
    assert newcomer["id"] not in elsewhere.text, "another tenant's log shows none of it"


async def test_a_role_change_the_audit_log_cannot_take_is_undone(
    gateway_settings: GatewaySettings, tokens: Tokens, newcomer: dict[str, Any], keycloak_url: str
) -> None:
    closed = UpstreamSettings(target=f"127.0.0.1:{free_port()}", deadline_s=2)
    settings = gateway_settings.model_copy(update={"editorial": closed})
    async with gateway_client(settings) as (_app, client):
        refused = await client.post(
            PEOPLE,
            json={"username": newcomer["username"], "roles": ["editor"]},
            headers=bearer(tokens("halong.tenant-admin")),
        )
    assert refused.status_code == 503, refused.text
    assert paths_of(keycloak_url, newcomer["id"]) == {"/tenants/uongbi/contributor"}


async def test_people_routes_refuse_non_admins_bad_roles_and_self_demotion(
    client: httpx.AsyncClient, tokens: Tokens, keycloak_url: str
) -> None:
    editor = await client.get(PEOPLE, headers=bearer(tokens("halong.editor")))
    assert editor.status_code == 403
    assert problem(editor)["reason"] == "ROLE_REQUIRED"

    admin = bearer(tokens("halong.tenant-admin"))
    me = (await client.get("/v1/me", headers=admin)).json()
    bad = await client.put(
        f"{PEOPLE}/{me['user_id']}/roles", json={"roles": ["owner"]}, headers=admin
    )
    assert bad.status_code == 400
    assert problem(bad)["reason"] == "INVALID_ROLE"
    demoted = await client.put(
        f"{PEOPLE}/{me['user_id']}/roles", json={"roles": ["editor"]}, headers=admin
    )
    assert demoted.status_code == 409
    assert problem(demoted)["reason"] == "SELF_DEMOTION"
    assert "/tenants/halong/tenant-admin" in paths_of(keycloak_url, me["user_id"])

    unknown = await client.post(
        PEOPLE, json={"username": f"nobody-{uuid.uuid4().hex}", "roles": ["editor"]}, headers=admin
    )
    assert unknown.status_code == 404
    assert problem(unknown)["reason"] == "USER_NOT_FOUND"
