"""Request ids, problem+json, validation, probes, metrics and the OpenAPI document."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from gateway.main import CONVERTOR, api_routes
from gateway.settings import CacheSettings, GatewaySettings, UpstreamSettings
from newsroom_testkit.gateway import gateway_client, problem, unused_target

pytestmark = pytest.mark.anyio


async def test_request_id_is_echoed_or_made(client: httpx.AsyncClient) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.status_code == 200
    assert given.headers["x-request-id"] == "abc-123"
    made = await client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    unsafe = await client.get("/healthz", headers={"X-Request-ID": "a b<script>"})
    assert unsafe.headers["x-request-id"] != "a b<script>"


async def test_unknown_route_is_a_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nothing-here", headers={"X-Request-ID": "rid-404"})
    assert response.status_code == 404
    body = problem(response)
    assert body["reason"] == "ROUTE_NOT_FOUND"
    assert body["type"] == "https://newsroom.dev/problems/route-not-found"
    assert body["instance"] == "/v1/nothing-here"
    assert body["request_id"] == "rid-404"


async def test_missing_token_is_401_with_a_bearer_challenge(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert problem(response)["reason"] == "TOKEN_MISSING"
    garbage = await client.get("/v1/me", headers={"Authorization": "Bearer not-a-jwt"})
    assert garbage.status_code == 401
    assert 'error="invalid_token"' in garbage.headers["www-authenticate"]
    assert problem(garbage)["reason"] == "TOKEN_INVALID"


async def test_validation_errors_are_400_with_field_errors(client: httpx.AsyncClient) -> None:
    response = await client.get("/public/v1/tenants/halong/search")
    assert response.status_code == 400
    body = problem(response)
    assert body["reason"] == "VALIDATION_FAILED"
    assert [e["field"] for e in body["errors"]] == ["query.q"]
    bad_tenant = await client.get("/public/v1/tenants/Not_A_Slug/stories/x")
    assert bad_tenant.status_code == 400
    assert problem(bad_tenant)["errors"][0]["field"] == "path.tenant"


async def test_unknown_story_is_404_from_the_content_service(client: httpx.AsyncClient) -> None:
    response = await client.get("/public/v1/tenants/halong/stories/khong-co-bai-nay")
    assert response.status_code == 404
    body = problem(response)
    assert body["reason"] == "STORY_NOT_FOUND"
    assert body["type"] == "https://newsroom.dev/problems/story-not-found"
    unknown_tenant = await client.get("/public/v1/tenants/no-such-tenant/stories/x")
    assert unknown_tenant.status_code == 404
    assert problem(unknown_tenant)["reason"] == "TENANT_NOT_FOUND"


async def test_unavailable_service_is_503_without_internals(
    gateway_settings: GatewaySettings,
) -> None:
    settings = gateway_settings.model_copy(
        update={
            "content": UpstreamSettings(target=unused_target(), deadline_s=1),
            "cache": CacheSettings(invalidate_from_kafka=False),
        }
    )
    async with gateway_client(settings) as (_, client):
        response = await client.get("/public/v1/tenants/halong/stories/x")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "2"  # come back when it has restarted
        body = problem(response)
        assert body["reason"] == "UNAVAILABLE"
        assert "127.0.0.1" not in body["detail"]
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"]["content"] is False


async def test_probes_and_metrics(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    await client.get("/public/v1/tenants/halong/stories/metrics-probe")
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    text = metrics.text
    assert (
        'newsroom_gateway_http_requests_total{code="404",method="GET",'
        'route="/public/v1/tenants/{tenant}/stories/{slug}"}'
    ) in text
    assert "newsroom_gateway_http_request_duration_seconds_bucket" in text
    assert "newsroom_gateway_upstream_calls_total" in text
    assert "process_cpu_seconds_total" in text  # the platform registry is exposed too


async def test_openapi_is_3_1_documented_and_versioned(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    tags = {t["name"]: t["description"] for t in document["tags"]}
    assert {"stories", "workflow", "public", "audit"} <= set(tags)
    assert "/" in tags["stories"]  # Vietnamese / English
    assert "keycloak" in document["components"]["securitySchemes"]
    assert "Problem" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        assert path.startswith(("/v1/", "/public/v1/")), path
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            assert "422" not in operation["responses"], (method, path)
            # 400 exactly where there is something to validate: /v1/me takes nothing
            takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
            assert ("400" in operation["responses"]) is takes_input, (method, path)
            if path.startswith("/v1/tenants/"):
                assert "x-required-roles" in operation, (method, path)
                assert "401" in operation["responses"] and "403" in operation["responses"]
    documented = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    for route in api_routes(app):
        if route.include_in_schema:
            for method in route.methods or ():
                assert (method, CONVERTOR.sub(r"{\1}", route.path)) in documented


async def test_story_fields_are_documented_in_both_languages(client: httpx.AsyncClient) -> None:
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    headline = schemas["StoryCreate"]["properties"]["headline"]["description"]
    assert "Tiêu đề" in headline and "headline" in headline


def test_cache_can_be_switched_off_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GATEWAY_CACHE__ENABLED", "false")
    monkeypatch.setenv("GATEWAY_CONTENT__TARGET", "10.0.0.1:1234")
    settings = GatewaySettings()
    assert settings.cache.enabled is False
    assert settings.content.target == "10.0.0.1:1234"
    assert settings.http.port == 8000


async def test_keycloak_unreachable_is_503_not_401(gateway_settings: GatewaySettings) -> None:
    settings = gateway_settings.model_copy(
        update={
            "keycloak": gateway_settings.keycloak.model_copy(
                update={"url": f"http://{unused_target()}"}
            ),
            "cache": CacheSettings(invalidate_from_kafka=False),
        }
    )
    async with gateway_client(settings) as (_, client):
        response = await client.get("/v1/me", headers={"Authorization": "Bearer a.b.c"})
        assert response.status_code == 503
        assert response.headers["retry-after"].isdigit()
        assert problem(response)["reason"] == "AUTH_UNAVAILABLE"
        ready = (await client.get("/readyz")).json()
        assert ready["checks"]["keycloak"] is False
        assert ready["advisory"]["keycloak"] is False
