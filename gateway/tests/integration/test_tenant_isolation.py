"""Tenant isolation over every route: a halong token gets 403/404 on each uongbi route.

The table is checked against ``app.routes``: a route added without an entry here fails
``test_every_route_is_in_the_table``, so new routes are covered automatically.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from starlette.routing import BaseRoute

from gateway.routing import all_routes
from newsroom_testkit.gateway import Tokens, bearer, problem

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak]

T = "/v1/tenants/{tenant}"
S = T + "/stories/{story_id}"
A = T + "/assets"

# (method, route template) -> (query params, JSON body) of a request that would be valid.
TENANT_ROUTES: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any] | None]] = {
    ("POST", T + "/stories"): ({}, {"type": "news", "headline": "Tin"}),
    ("GET", T + "/stories"): ({"limit": 5}, None),
    ("GET", S): ({}, None),
    ("PUT", S): ({}, {"type": "news", "headline": "Tin", "expected_revision": 1}),
    ("GET", S + "/revisions"): ({}, None),
    ("GET", S + "/revisions/{number}"): ({}, None),
    ("GET", S + "/diff"): ({"from": 1, "to": 2}, None),
    ("GET", S + "/preview"): ({}, None),
    ("POST", S + "/submit"): ({}, {"revision": 1}),
    ("POST", S + "/approve"): ({}, {"revision": 1}),
    ("POST", S + "/request-changes"): ({}, {"revision": 1, "reason": "sửa"}),
    ("POST", S + "/schedule"): ({}, {"revision": 1, "publish_at": "2030-01-01T00:00:00Z"}),
    ("POST", S + "/unschedule"): ({}, {"reason": "x"}),
    ("POST", S + "/publish"): ({}, {"revision": 1}),
    ("POST", S + "/retract"): ({}, {"reason": "x"}),
    ("POST", S + "/correct"): ({}, {"revision": 2, "correction_note": "x"}),
    ("POST", S + "/fast-track"): ({}, {"action": "retract", "reason": "x"}),
    ("GET", S + "/workflow"): ({}, None),
    ("GET", S + "/takedown"): ({}, None),
    ("POST", S + "/nominate"): ({}, {"target_tenant": "tkv"}),
    ("GET", S + "/comments"): ({}, None),
    ("POST", S + "/comments"): ({}, {"revision": 1, "body": "x"}),
    ("POST", S + "/comments/{comment_id}/resolve"): ({}, None),
    ("GET", T + "/queue"): ({"role": "editor"}, None),
    ("GET", T + "/audit"): ({}, None),
    ("GET", T + "/search"): ({"q": "than"}, None),
    ("GET", T + "/sections"): ({}, None),
    ("POST", T + "/sections"): ({}, {"slug": "moi", "name": "Mới"}),
    ("GET", T + "/policy"): ({}, None),
    ("PUT", T + "/policy"): ({}, {"stages": [{"role": "editor"}, {"role": "board"}]}),
    ("GET", T + "/freezes"): ({}, None),
    ("POST", T + "/freezes"): ({}, {"reason": "x"}),
    ("POST", T + "/freezes/lift"): ({}, {"reason": "x"}),
    ("GET", T + "/people"): ({}, None),
    ("POST", T + "/people"): ({}, {"username": "no-such-user", "roles": ["contributor"]}),
    ("PUT", T + "/people/{user_id}/roles"): ({}, {"roles": ["contributor"]}),
    ("POST", T + "/uploads"): (
        {},
        {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": 1000, "sha256": "0" * 64},
    ),
    ("GET", A): ({}, None),
    ("GET", A + "/{asset_id}"): ({}, None),
    ("PUT", A + "/{asset_id}/metadata"): ({}, {"credit": "Ảnh: x"}),
    ("DELETE", A + "/{asset_id}"): ({}, None),
    ("GET", A + "/{asset_id}/upload"): ({}, None),
    ("DELETE", A + "/{asset_id}/upload"): ({}, None),
    ("POST", A + "/{asset_id}/upload/complete"): ({}, {"upload_id": "u1"}),
    ("GET", A + "/{asset_id}/versions/{version}/files/{path:path}"): ({}, None),
    ("POST", T + "/galleries"): ({}, {"items": [{"asset_id": str(uuid.uuid4())}]}),
    ("PUT", T + "/galleries/{asset_id}/items"): ({}, {"items": [{"asset_id": str(uuid.uuid4())}]}),
    ("GET", T + "/media-usage"): ({}, None),
    ("PUT", T + "/media-quota"): ({}, {"quota_bytes": 0}),
}

# Routes outside /v1/tenants/{tenant}, with why they are not tenant-isolated by token.
OTHER_ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/v1/me"): "the caller's own identity",
    ("GET", "/v1/events"): "the caller's own live stream, filtered by their tenants and roles",
    ("GET", "/public/v1/tenants/{tenant}/"): "public portal API (anonymous)",
    ("GET", "/public/v1/tenants/{tenant}/sections/{section}"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/stories/{slug}"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/search"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/rss.xml"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/atom.xml"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/sections/{section}/rss.xml"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/sitemap.xml"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/news-sitemap.xml"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/stories"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/stories/{slug}/related"): "public portal API",
    ("GET", "/public/v1/tenants/{tenant}/tags/{tag}"): "public portal API",
    ("GET", "/public/v1/sites"): "public portal API: every tenant's site",
    ("GET", "/public/v1/media/tenants/{tenant}/assets/{asset_id}/v{version}/{path:path}"): "a "
    "published story's media file, anonymous (media-asset checks publication)",
    ("GET", "/v1/portal/tenants/{tenant}/stories/{slug}"): "any staff of the group reads "
    "internal stories (content re-checks the staff role; test_portal_api)",
    ("GET", "/healthz"): "ops",
    ("GET", "/readyz"): "ops",
    ("GET", "/metrics"): "ops",
    ("GET", "/openapi.json"): "docs",
    ("GET", "/docs"): "docs",
    ("GET", "/docs/oauth2-redirect"): "docs",
}


def route_keys(app: FastAPI) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    route: BaseRoute
    for route in all_routes(app.routes):
        path = getattr(route, "path", None)
        assert path is not None, route
        for method in getattr(route, "methods", None) or {"GET"}:
            if method != "HEAD":
                keys.add((method, path))
    return keys


def concrete(template: str, tenant: str) -> str:
    ids = {name: uuid.uuid4() for name in ("story_id", "comment_id", "user_id", "asset_id")}
    return template.replace("{path:path}", "hls/master.m3u8").format(
        tenant=tenant, number=1, version=1, **ids
    )


async def test_every_route_is_in_the_table(app: FastAPI) -> None:
    routes = route_keys(app)
    missing = sorted(routes - set(TENANT_ROUTES) - set(OTHER_ROUTES))
    assert not missing, f"routes missing from the isolation table: {missing}"
    stale = sorted((set(TENANT_ROUTES) | set(OTHER_ROUTES)) - routes)
    assert not stale, f"table entries without a route: {stale}"
    assert all(path.startswith(T) for _, path in TENANT_ROUTES)
    assert not any(path.startswith(T) for _, path in OTHER_ROUTES)


@pytest.mark.parametrize("username", ["halong.board", "halong.editor", "halong.tenant-admin"])
async def test_a_halong_token_gets_403_or_404_on_every_uongbi_route(
    client: httpx.AsyncClient, tokens: Tokens, username: str
) -> None:
    headers = bearer(tokens(username))
    failures: list[str] = []
    for (method, template), (params, body) in sorted(TENANT_ROUTES.items()):
        response = await client.request(
            method, concrete(template, "uongbi"), params=params, json=body, headers=headers
        )
        if response.status_code not in (403, 404):
            failures.append(f"{method} {template}: {response.status_code} {response.text[:200]}")
            continue
        body_json = problem(response)
        if response.status_code == 403 and body_json["reason"] != "TENANT_MISMATCH":
            failures.append(f"{method} {template}: reason {body_json['reason']}")
    assert not failures, "\n".join(failures)


async def test_the_same_requests_pass_the_tenant_check_at_home(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    """Control: the table's requests are well-formed; at home they are not refused for
    tenant scope (they may fail later for other reasons, e.g. the story does not exist)."""
    headers = bearer(tokens("halong.board"))
    for (method, template), (params, body) in sorted(TENANT_ROUTES.items()):
        response = await client.request(
            method, concrete(template, "halong"), params=params, json=body, headers=headers
        )
        assert response.status_code != 400 or problem(response)["reason"] != "VALIDATION_FAILED", (
            method,
            template,
            response.text,
        )
        if response.status_code == 403:
            assert problem(response)["reason"] != "TENANT_MISMATCH", (method, template)
