"""Bearer tokens from the real Keycloak: identity, expiry, signatures, roles."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from jwcrypto import jwk, jwt

from gateway.errors import ApiError
from gateway.metrics import TOKEN_CHECKS
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom_core.identity import Identity
from newsroom_testkit.gateway import (
    TEST_CLIENT,
    Tokens,
    admin_client,
    bearer,
    eventually,
    problem,
)

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak]


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return decoded


def header_of(token: str) -> dict[str, Any]:
    head = token.split(".")[0]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    return decoded


def signed_with_our_own_key(claims: dict[str, Any], kid: str) -> str:
    key = jwk.JWK.generate(kty="RSA", size=2048)
    token = jwt.JWT(header={"alg": "RS256", "typ": "JWT", "kid": kid}, claims=claims)
    token.make_signed_token(key)
    return str(token.serialize())


def counter(outcome: str) -> float:
    return float(TOKEN_CHECKS.labels(outcome)._value.get())


async def test_me_maps_groups_to_tenant_roles(client: httpx.AsyncClient, tokens: Tokens) -> None:
    response = await client.get("/v1/me", headers=bearer(tokens("halong.editor")))
    assert response.status_code == 200, response.text
    me = response.json()
    assert me["username"] == "halong.editor"
    assert me["tenants"] == [{"tenant": "halong", "roles": ["editor"]}]
    assert me["platform_admin"] is False
    admin = (await client.get("/v1/me", headers=bearer(tokens("platform.admin")))).json()
    assert admin["platform_admin"] is True


async def test_verified_tokens_are_cached_until_they_expire(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    token = tokens("halong.board")
    await client.get("/v1/me", headers=bearer(token))
    verified, cached = counter("verified"), counter("cached")
    for _ in range(3):
        assert (await client.get("/v1/me", headers=bearer(token))).status_code == 200
    assert counter("cached") == cached + 3
    assert counter("verified") == verified


async def test_wrongly_signed_and_tampered_tokens_are_401(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    real = tokens("halong.contributor")
    claims = claims_of(real)
    claims["groups"] = ["/tenants/uongbi/board"]
    forged = [
        signed_with_our_own_key(claims, header_of(real)["kid"]),  # known kid, wrong key
        signed_with_our_own_key(claims, "unknown-kid"),  # forces a JWKS refresh, still wrong
    ]
    head, _, signature = real.split(".")
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    forged.append(f"{head}.{payload}.{signature}")  # tampered payload, Keycloak's signature
    none_header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').decode().rstrip("=")
    forged.append(f"{none_header}.{payload}.")
    forged.append("a.b.c")
    for token in forged:
        response = await client.get("/v1/tenants/uongbi/stories", headers=bearer(token))
        assert response.status_code == 401, (token[:40], response.text)
        assert response.headers["www-authenticate"].startswith("Bearer")
        body = problem(response)
        assert body["reason"] == "TOKEN_INVALID"
        assert body["type"] == "https://newsroom.dev/problems/token-invalid"


@pytest.fixture
def short_lived_client(keycloak_url: str) -> Iterator[str]:
    """A Keycloak client like newsroom-test whose access tokens live four seconds."""
    admin = admin_client(keycloak_url)
    like = next(c for c in admin.get_clients() if c["clientId"] == TEST_CLIENT)
    mappers = [{k: v for k, v in m.items() if k != "id"} for m in like.get("protocolMappers", [])]
    client_id = f"gateway-test-short-{uuid.uuid4().hex[:8]}"
    admin.create_client(
        {
            "clientId": client_id,
            "publicClient": True,
            "directAccessGrantsEnabled": True,
            "standardFlowEnabled": False,
            "attributes": {"access.token.lifespan": "4"},
            "protocolMappers": mappers,
        }
    )
    yield client_id
    created = admin.get_client_id(client_id)
    assert created is not None
    admin.delete_client(created)


async def test_expired_token_is_401(
    client: httpx.AsyncClient, tokens: Tokens, short_lived_client: str
) -> None:
    token = str(tokens.grant("halong.editor", client_id=short_lived_client)["access_token"])
    expires_at = float(claims_of(token)["exp"])
    fresh = await client.get("/v1/me", headers=bearer(token))
    assert fresh.status_code == 200, fresh.text  # valid (and now cached) until exp

    async def past_expiry() -> bool:
        return time.time() > expires_at + 0.2

    assert await eventually(past_expiry, timeout_s=10, interval_s=0.1)
    response = await client.get("/v1/me", headers=bearer(token))
    assert response.status_code == 401
    body = problem(response)
    assert body["reason"] == "TOKEN_INVALID"
    assert "hết hạn" in body["detail"] and "expired" in body["detail"]
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_a_missing_role_is_403(client: httpx.AsyncClient, tokens: Tokens) -> None:
    contributor = bearer(tokens("halong.contributor"))
    story = str(uuid.uuid4())
    for path, body in (
        (f"/v1/tenants/halong/stories/{story}/approve", {"revision": 1}),
        (f"/v1/tenants/halong/stories/{story}/retract", {"reason": "x"}),
        (f"/v1/tenants/halong/stories/{story}/publish", {"revision": 1}),
        ("/v1/tenants/halong/freezes", {"reason": "x"}),
        ("/v1/tenants/halong/sections", {"slug": "x", "name": "X"}),
    ):
        response = await client.post(path, json=body, headers=contributor)
        assert response.status_code == 403, (path, response.text)
        assert problem(response)["reason"] == "ROLE_REQUIRED"
    put = await client.put(
        "/v1/tenants/halong/policy", json={"stages": [{"role": "editor"}]}, headers=contributor
    )
    assert put.status_code == 403
    audit = await client.get("/v1/tenants/halong/audit", headers=contributor)
    assert audit.status_code == 403
    viewer = await client.get("/v1/tenants/halong/stories", headers=bearer(tokens("ops.viewer")))
    assert viewer.status_code == 403
    assert problem(viewer)["reason"] == "TENANT_MISMATCH"


async def test_services_recheck_tenant_scope_behind_the_gateway(app: FastAPI) -> None:
    """Defence in depth: a call that skipped the gateway's check is refused by content."""
    halong_editor = Identity(
        "u-halong", "halong.editor", tenant_roles={"halong": frozenset({"editor"})}
    )
    upstreams = app.state.gateway.upstreams
    with pytest.raises(ApiError) as refused:
        await upstreams.content_call(
            "ListStories", content_pb.ListStoriesRequest(tenant="uongbi"), identity=halong_editor
        )
    assert refused.value.status == 403
    with pytest.raises(ApiError) as anonymous:
        await upstreams.content_call(
            "ListStories", content_pb.ListStoriesRequest(tenant="uongbi"), identity=None
        )
    assert anonymous.value.status == 401
