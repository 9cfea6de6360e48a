"""The realm a deployment imports allows no password grant; only the dev/test overlay has
a client for it (``newsroom-test``), and the running local realm is the composed one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsroom_core.localstack import Infra, repo_root

REALM_DIR = repo_root(Path(__file__).parent) / "deploy" / "local" / "keycloak"
DEPLOYABLE = REALM_DIR / "newsroom-realm.json"


def load(path: Path) -> dict[str, Any]:
    realm: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return realm


def clients(realm: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["clientId"]: c for c in realm.get("clients", [])}


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The realm the local stack imports, composed as deploy/local/components/keycloak.sh
    composes it."""
    out = tmp_path_factory.mktemp("realm") / "newsroom-realm.json"
    overlays = sorted(str(p) for p in (REALM_DIR / "dev").glob("*.json"))
    subprocess.run(
        [sys.executable, str(REALM_DIR / "compose_realm.py"), str(DEPLOYABLE), str(out), *overlays],
        check=True,
    )
    return load(out)


def test_the_deployable_realm_allows_no_password_grant_and_has_no_demo_users() -> None:
    realm = load(DEPLOYABLE)
    found = clients(realm)
    assert set(found) == {"newsroom-web", "newsroom-portal", "newsroom-gateway"}
    assert [c for c, client in found.items() if client.get("directAccessGrantsEnabled", True)] == []
    web = found["newsroom-web"]
    assert web["publicClient"] is True and web["standardFlowEnabled"] is True
    assert web["implicitFlowEnabled"] is False
    assert web["attributes"]["pkce.code.challenge.method"] == "S256"
    # the portal signs staff in server side: a confidential client, code flow with PKCE
    portal = found["newsroom-portal"]
    assert portal["publicClient"] is False and portal["standardFlowEnabled"] is True
    assert portal["implicitFlowEnabled"] is False
    assert portal["attributes"]["pkce.code.challenge.method"] == "S256"
    # only the gateway's service account; no user with a password
    assert [u["username"] for u in realm["users"]] == ["service-account-newsroom-gateway"]
    assert not [u for u in realm["users"] if u.get("credentials")]
    assert realm["groups"] == [{"name": "tenants", "subGroups": []}]


def test_the_dev_realm_adds_the_test_client_demo_tenants_and_users(
    composed: dict[str, Any],
) -> None:
    found = clients(composed)
    assert set(found) == {"newsroom-web", "newsroom-portal", "newsroom-gateway", "newsroom-test"}
    test_client = found["newsroom-test"]
    assert test_client["directAccessGrantsEnabled"] is True
    assert test_client["standardFlowEnabled"] is False  # no browser login through it
    assert found["newsroom-web"]["directAccessGrantsEnabled"] is False
    # same claims as the web client: groups and the gateway audience
    mappers = {m["protocolMapper"] for m in test_client["protocolMappers"]}
    assert mappers == {m["protocolMapper"] for m in found["newsroom-web"]["protocolMappers"]}
    [tenants] = composed["groups"]
    assert [g["name"] for g in tenants["subGroups"]] == ["tkv", "halong", "uongbi"]
    usernames = {u["username"] for u in composed["users"]}
    assert {"halong.editor", "platform.admin", "service-account-newsroom-gateway"} <= usernames


def token_endpoint(infra: Infra) -> str:
    base = infra["NEWSROOM_KEYCLOAK_URL"].rstrip("/")
    return f"{base}/realms/{infra['NEWSROOM_KEYCLOAK_REALM']}/protocol/openid-connect/token"


def password_grant(infra: Infra, client_id: str) -> httpx.Response:
    return httpx.post(
        token_endpoint(infra),
        data={
            "grant_type": "password",
            "client_id": client_id,
            "username": "halong.editor",
            "password": "demo1234",
        },
        timeout=30,
    )


@pytest.mark.keycloak
def test_keycloak_refuses_the_password_grant_on_the_web_client(
    infra: Infra, keycloak_url: str
) -> None:
    refused = password_grant(infra, infra["NEWSROOM_KEYCLOAK_WEB_CLIENT"])
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"] == "unauthorized_client"

    granted = password_grant(infra, infra["NEWSROOM_KEYCLOAK_TEST_CLIENT"])
    assert granted.status_code == 200, granted.text
    assert granted.json()["access_token"]
