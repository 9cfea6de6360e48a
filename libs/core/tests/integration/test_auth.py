from __future__ import annotations

import base64
import json

import pytest
from pydantic import SecretStr

from newsroom_core.auth import KeycloakSettings, TokenVerifier, openid_client
from newsroom_core.errors import Unauthenticated
from newsroom_core.localstack import Infra

pytestmark = pytest.mark.keycloak


def settings(infra: Infra, url: str) -> KeycloakSettings:
    return KeycloakSettings(
        url=url,
        realm=infra["NEWSROOM_KEYCLOAK_REALM"],
        client_id=infra["NEWSROOM_KEYCLOAK_GATEWAY_CLIENT"],
        client_secret=SecretStr(infra["NEWSROOM_KEYCLOAK_GATEWAY_SECRET"]),
    )


def user_token(infra: Infra, url: str, username: str) -> str:
    client = openid_client(
        KeycloakSettings(
            url=url,
            realm=infra["NEWSROOM_KEYCLOAK_REALM"],
            client_id=infra["NEWSROOM_KEYCLOAK_TEST_CLIENT"],
            client_secret=SecretStr(""),
        )
    )
    return str(client.token(username, "demo1234")["access_token"])


def test_real_token_maps_to_tenant_roles(infra: Infra, keycloak_url: str) -> None:
    verifier = TokenVerifier(settings(infra, keycloak_url))
    identity = verifier.identity(user_token(infra, keycloak_url, "halong.editor"))
    assert identity.username == "halong.editor"
    assert identity.tenant_roles == {"halong": frozenset({"editor"})}
    admin = verifier.identity(user_token(infra, keycloak_url, "platform.admin"))
    assert admin.is_platform_admin


def test_tampered_token_is_rejected(infra: Infra, keycloak_url: str) -> None:
    verifier = TokenVerifier(settings(infra, keycloak_url))
    header, payload, signature = user_token(infra, keycloak_url, "halong.contributor").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["groups"] = ["/tenants/uongbi/board"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(Unauthenticated) as err:
        verifier.identity(f"{header}.{forged}.{signature}")
    assert err.value.reason == "TOKEN_INVALID"
    with pytest.raises(Unauthenticated):
        verifier.identity("not-a-jwt")
