"""What the OpenAPI promises, request by request: the inputs schemathesis once turned into
500s are 400s the schema describes, every method of a path is in a 405's ``Allow``, and
each documented error carries a problem+json body."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from gateway.schemas import INT32_MAX
from newsroom_testkit.gateway import Tokens, bearer, problem

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak]

T = "/v1/tenants/halong"


async def test_a_405_lists_every_method_of_the_path(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    token = bearer(tokens("halong.board"))
    for path, allowed in (
        (f"{T}/freezes", "GET, POST"),
        (f"{T}/stories", "GET, POST"),
        (f"{T}/stories/00000000-0000-0000-0000-000000000000", "GET, PUT"),
        (f"{T}/policy", "GET, PUT"),
        ("/public/v1/tenants/halong/rss.xml", "GET"),
    ):
        response = await client.request("DELETE", path, headers=token)
        assert response.status_code == 405, (path, response.text)
        assert response.headers["allow"] == allowed, path
        assert problem(response)["reason"] == "METHOD_NOT_ALLOWED"


async def test_a_malformed_cursor_is_a_documented_400(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    token = bearer(tokens("halong.editor"))
    foreign = base64.urlsafe_b64encode(json.dumps({"k": "other"}).encode()).decode().rstrip("=")
    decoded = await client.get(f"{T}/stories", params={"cursor": foreign}, headers=token)
    assert decoded.status_code == 400
    assert problem(decoded)["reason"] == "INVALID_PAGE_TOKEN"
    shaped = await client.get(f"{T}/stories", params={"cursor": "not/base64url="}, headers=token)
    assert shaped.status_code == 400
    assert problem(shaped)["reason"] == "INVALID_PAGE_TOKEN"
    document = (await client.get("/openapi.json")).json()
    [cursor] = [
        p
        for p in document["paths"][f"{'/v1/tenants/{tenant}'}/stories"]["get"]["parameters"]
        if p["name"] == "cursor"
    ]
    assert "INVALID_PAGE_TOKEN" in cursor["description"]
    assert cursor["schema"]["pattern"] == "^[A-Za-z0-9_-]*$"


async def test_values_the_services_cannot_store_are_400_not_500(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    token = bearer(tokens("halong.contributor"))
    story = {"type": "news", "headline": "Tin ngắn"}
    for body in (
        {**story, "tags": ["than\u0000"]},  # PostgreSQL text holds no NUL
        {**story, "headline": " \t\u3000"},  # blank once stripped
    ):
        response = await client.post(f"{T}/stories", json=body, headers=token)
        assert response.status_code == 400, (body, response.text)
        assert problem(response)["reason"] == "VALIDATION_FAILED"
    created = await client.post(f"{T}/stories", json=story, headers=token)
    assert created.status_code == 201, created.text
    url = f"{T}/stories/{created.json()['id']}"
    too_big = await client.post(f"{url}/submit", json={"revision": INT32_MAX + 1}, headers=token)
    assert too_big.status_code == 400  # protobuf int32 ends at 2^31 - 1
    assert problem(too_big)["reason"] == "VALIDATION_FAILED"
    revision = await client.get(f"{url}/revisions/{INT32_MAX + 1}", headers=token)
    assert revision.status_code == 400
    assert problem(revision)["reason"] == "VALIDATION_FAILED"


async def test_every_error_response_is_documented_as_problem_json(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    assert "Problem" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    content = response["content"]
                    assert list(content) == ["application/problem+json"], (method, path, status)
                    schema = content["application/problem+json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Problem"}
            # Neither calls anything per request: /v1/me reads the token, /v1/events streams
            # what the gateway's own Kafka tail already holds.
            if path not in {"/v1/me", "/v1/events"}:
                assert {"500", "503", "504"} <= set(operation["responses"]), (method, path)
    feeds = document["paths"]
    atom = feeds["/public/v1/tenants/{tenant}/atom.xml"]["get"]["responses"]["200"]["content"]
    rss = feeds["/public/v1/tenants/{tenant}/rss.xml"]["get"]["responses"]["200"]["content"]
    assert list(atom) == ["application/atom+xml"] and list(rss) == ["application/rss+xml"]
    approve = feeds["/v1/tenants/{tenant}/stories/{story_id}/approve"]["post"]["responses"]
    assert "FOUR_EYES_VIOLATION" in approve["409"]["description"]
