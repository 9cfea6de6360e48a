"""The OpenAPI document, told whole: every status an operation can answer, with its problems.

Web apps and subsidiaries' integrations generate clients from ``/openapi.json``, so it
lists, per operation, each status it can return and, for errors, the
``application/problem+json`` body with the ``reason`` values (and problem ``type`` URIs)
that status carries. Statuses come from three places:

- the upstream calls an operation makes: each route names them (``upstream(...)``, or
  ``directory(...)`` for the routes over Keycloak's admin API) and
  ``RPC_ERRORS`` says what each gRPC method can fail with, mapped to HTTP as
  ``gateway.errors`` maps it (its reasons are the ones the proto comments and the
  services name);
- the gateway itself: 400 ``VALIDATION_FAILED`` for an operation with parameters or a
  body; 401 and 403 for the signed-in API; 500, 503 and 504 for any upstream call;
- the public read API: 304 for a matching ``If-None-Match``.

``tests/contract`` runs schemathesis with every check against the real stack to keep this
honest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gateway.errors import PROBLEM_JSON, TITLES, problem_type
from gateway.schemas import Problem

# gRPC method -> HTTP status -> reasons (see gateway.errors.GRPC_TO_HTTP for the mapping).
_TENANT = {404: ("TENANT_NOT_FOUND",)}
_PAGE = {400: ("INVALID_PAGE_TOKEN",)}
_WORKFLOW = {
    404: ("WORKFLOW_NOT_FOUND",),
    409: ("INVALID_TRANSITION", "STALE_REVISION"),
}
# Media attached to a story are checked with the media service, as the editor.
_MEDIA_ATTACH = {
    400: ("TOO_MANY_MEDIA", "NOT_ATTACHABLE"),
    404: ("ASSET_NOT_FOUND", "VERSION_NOT_FOUND"),
    503: ("MEDIA_UNAVAILABLE",),
}
_ASSET = {404: ("ASSET_NOT_FOUND",)}
_UPLOAD_OPEN = ("NO_UPLOAD_IN_PROGRESS", "UPLOAD_EXPIRED")
_GALLERY = {
    400: ("GALLERY_EMPTY", "GALLERY_TOO_LARGE", "NOT_AN_IMAGE", "TEXT_TOO_LONG"),
    404: ("ASSET_NOT_FOUND", "VERSION_NOT_FOUND"),
}
RPC_ERRORS: Mapping[str, Mapping[int, tuple[str, ...]]] = {
    # media-asset (413/415: gateway.errors.REASON_TO_HTTP)
    "media.CreateUploadSession": {
        400: (
            "FILENAME_REQUIRED",
            "INVALID_SIZE",
            "INVALID_SHA256",
            "KIND_MISMATCH",
            "INVALID_FOCAL_POINT",
            "INVALID_SUBTITLES",
            "SUBTITLES_NOT_FOUND",
            "TEXT_TOO_LONG",
        ),
        404: ("ASSET_NOT_FOUND", "VERSION_NOT_FOUND"),
        409: ("UPLOAD_IN_PROGRESS",),
        413: ("FILE_TOO_LARGE", "QUOTA_EXCEEDED"),
        415: ("UNSUPPORTED_CONTENT_TYPE",),
    },
    "media.ListUploadParts": {**_ASSET, 409: _UPLOAD_OPEN},
    "media.CompleteUpload": {
        400: (
            "SHA256_REQUIRED",
            "SHA256_MISMATCH",
            "INVALID_SHA256",
            "SIZE_MISMATCH",
            "UPLOAD_ID_MISMATCH",
        ),
        404: ("ASSET_NOT_FOUND", "VERSION_NOT_FOUND"),
        409: ("PARTS_MISSING", *_UPLOAD_OPEN),
        415: ("EXECUTABLE_REFUSED", "TYPE_MISMATCH", "UNSUPPORTED_TYPE"),
    },
    "media.AbortUpload": {**_ASSET, 409: ("NO_UPLOAD_IN_PROGRESS",)},
    "media.ListAssets": {400: (*_PAGE[400], "QUERY_TOO_LONG")},
    "media.GetAsset": {404: ("ASSET_NOT_FOUND", "VERSION_NOT_FOUND")},
    "media.UpdateAssetMetadata": {400: ("TEXT_TOO_LONG",), **_ASSET},
    "media.DeleteAsset": {403: ("NOT_ASSET_OWNER",), **_ASSET, 409: ("ASSET_IN_USE",)},
    "media.CreateGallery": _GALLERY,
    "media.UpdateGallery": {**_GALLERY, 400: (*_GALLERY[400], "NOT_A_GALLERY")},
    "media.ResolveFile": {404: ("ASSET_NOT_FOUND", "RENDITION_NOT_FOUND")},
    "media.ResolveFilePublic": {404: ("MEDIA_NOT_PUBLISHED",)},
    "media.GetTenantUsage": {},
    "media.SetTenantQuota": {400: ("INVALID_QUOTA",), 403: ("PLATFORM_ADMIN_REQUIRED",)},
    # content
    "content.GetTenant": _TENANT,
    "content.ListSections": {**_TENANT},
    "content.CreateSection": {
        404: ("TENANT_NOT_FOUND", "SECTION_NOT_FOUND"),
        409: ("SECTION_SLUG_TAKEN",),
    },
    "content.CreateStory": {
        400: ("HEADLINE_REQUIRED", "TYPE_REQUIRED", *_MEDIA_ATTACH[400]),
        404: ("TENANT_NOT_FOUND", "SECTION_NOT_FOUND", *_MEDIA_ATTACH[404]),
        503: _MEDIA_ATTACH[503],
    },
    "content.GetStory": {404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND")},
    "content.UpdateStory": {
        400: _MEDIA_ATTACH[400],
        404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND", "SECTION_NOT_FOUND", *_MEDIA_ATTACH[404]),
        409: ("REVISION_CONFLICT", "STORY_RETRACTED", "STORY_LOCKED"),
        503: _MEDIA_ATTACH[503],
    },
    "content.ListStories": {**_PAGE, **_TENANT},
    "content.ListRevisions": {**_PAGE, 404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND")},
    "content.GetRevision": {
        404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND", "REVISION_NOT_FOUND"),
    },
    "content.DiffRevisions": {
        404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND", "REVISION_NOT_FOUND"),
    },
    "content.GetPublishedStory": {404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND")},
    "content.PreviewStory": {
        400: ("REVISION_INVALID",),
        404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND", "REVISION_NOT_FOUND"),
    },
    "content.ListPublishedStories": {**_PAGE, 404: ("TENANT_NOT_FOUND", "SECTION_NOT_FOUND")},
    "content.SearchPublishedStories": {
        **_PAGE,
        400: ("INVALID_PAGE_TOKEN", "QUERY_REQUIRED"),
        **_TENANT,
    },
    "content.GetFeed": {404: ("TENANT_NOT_FOUND", "SECTION_NOT_FOUND")},
    "content.GetSitemap": _TENANT,
    "content.ListRelatedStories": {404: ("TENANT_NOT_FOUND", "STORY_NOT_FOUND")},
    # editorial-approval (content's errors pass through where it reads the story)
    "editorial.Submit": {
        **_WORKFLOW,
        404: ("WORKFLOW_NOT_FOUND", "STORY_NOT_FOUND", "TENANT_NOT_FOUND"),
        409: ("INVALID_TRANSITION", "STALE_REVISION", "NOT_AUTHOR", "MEDIA_NOT_PUBLISHABLE"),
        503: ("MEDIA_UNAVAILABLE",),
    },
    "editorial.Approve": {
        **_WORKFLOW,
        403: ("NOT_STAGE_APPROVER",),
        409: (
            "INVALID_TRANSITION",
            "STALE_REVISION",
            "FOUR_EYES_VIOLATION",
            "SAME_APPROVER",
            "SPOKESPERSON_SIGNOFF_REQUIRED",
        ),
    },
    "editorial.RequestChanges": {
        **_WORKFLOW,
        400: ("REASON_REQUIRED",),
        403: ("NOT_STAGE_APPROVER",),
        409: ("INVALID_TRANSITION", "STALE_REVISION", "FOUR_EYES_VIOLATION", "SAME_APPROVER"),
    },
    "editorial.Schedule": {**_WORKFLOW, 400: ("PUBLISH_AT_IN_PAST", "PUBLISH_AT_REQUIRED")},
    "editorial.Unschedule": _WORKFLOW,
    "editorial.Publish": {
        **_WORKFLOW,
        409: ("INVALID_TRANSITION", "STALE_REVISION", "PUBLISHING_FROZEN", "EMBARGO_ACTIVE"),
    },
    "editorial.FastTrack": {
        **_WORKFLOW,
        400: ("REASON_REQUIRED", "CORRECTION_NOTE_REQUIRED", "ACTION_REQUIRED"),
        404: ("WORKFLOW_NOT_FOUND", "STORY_NOT_FOUND", "TENANT_NOT_FOUND"),
        409: (
            "INVALID_TRANSITION",
            "STALE_REVISION",
            "FOUR_EYES_VIOLATION",
            "EMBARGO_ACTIVE",
            "NOTHING_TO_CORRECT",
            "MEDIA_NOT_PUBLISHABLE",
        ),
        503: ("MEDIA_UNAVAILABLE",),
    },
    "editorial.Retract": {**_WORKFLOW, 400: ("REASON_REQUIRED",)},
    "editorial.Correct": {
        **_WORKFLOW,
        400: ("CORRECTION_NOTE_REQUIRED",),
        404: ("WORKFLOW_NOT_FOUND", "STORY_NOT_FOUND", "TENANT_NOT_FOUND"),
        409: (
            "INVALID_TRANSITION",
            "STALE_REVISION",
            "FOUR_EYES_VIOLATION",
            "NOTHING_TO_CORRECT",
            "PUBLISHING_FROZEN",
            "MEDIA_NOT_PUBLISHABLE",
        ),
        503: ("MEDIA_UNAVAILABLE",),
    },
    "editorial.GetWorkflow": {404: ("WORKFLOW_NOT_FOUND",)},
    "editorial.GetTakedown": {404: ("TAKEDOWN_NOT_FOUND",)},
    "editorial.Nominate": {
        **_WORKFLOW,
        400: ("SAME_TENANT",),
        409: ("INVALID_TRANSITION", "NOT_GROUP_TENANT", "ALREADY_NOMINATED"),
    },
    "editorial.ListQueue": {**_PAGE},
    "editorial.ListAuditLog": {**_PAGE},
    "editorial.RecordRoleChange": {400: ("SUBJECT_REQUIRED",)},
    "editorial.ListComments": {**_PAGE, 404: ("WORKFLOW_NOT_FOUND",)},
    "editorial.AddComment": {
        400: ("BODY_REQUIRED",),
        404: ("WORKFLOW_NOT_FOUND", "STORY_NOT_FOUND"),
        409: ("STALE_REVISION",),
    },
    "editorial.ResolveComment": {404: ("COMMENT_NOT_FOUND",)},
    "editorial.GetPolicy": {},
    "editorial.SetPolicy": {400: ("INVALID_POLICY",)},
    "editorial.SetFreeze": {
        400: ("REASON_REQUIRED", "SCOPE_REQUIRED"),
        403: ("PLATFORM_ADMIN_REQUIRED",),
    },
    "editorial.LiftFreeze": {
        400: ("SCOPE_REQUIRED",),
        403: ("PLATFORM_ADMIN_REQUIRED",),
        404: ("FREEZE_NOT_FOUND",),
    },
    "editorial.ListFreezes": {**_PAGE},
}

# What the gateway itself answers, whatever the upstream.
GATEWAY_ERRORS: Mapping[str, Mapping[int, tuple[str, ...]]] = {
    "validation": {400: ("VALIDATION_FAILED",)},
    "auth": {
        401: ("TOKEN_MISSING", "TOKEN_INVALID", "TOKEN_AUDIENCE", "TOKEN_ISSUER", "TOKEN_TYPE"),
        503: ("AUTH_UNAVAILABLE",),
    },
    "tenant": {403: ("TENANT_MISMATCH", "ROLE_REQUIRED")},
    "upstream": {
        500: ("INTERNAL",),
        503: (
            "UNAVAILABLE",
            "DATABASE_UNAVAILABLE",
            "CONTENT_UNAVAILABLE",
            "AUTH_UNAVAILABLE",
        ),
        504: ("DEADLINE_EXCEEDED",),
    },
}
# The people routes call Keycloak's admin API (gateway.people), not a service.
DIRECTORY_ERRORS: Mapping[int, tuple[str, ...]] = {
    404: ("TENANT_NOT_FOUND",),
    500: ("INTERNAL",),
    503: ("DIRECTORY_UNAVAILABLE",),
    504: ("DEADLINE_EXCEEDED",),
}
# A published story that was taken down is 410 Gone (gateway.errors.REASON_TO_HTTP).
GONE = {410: ("STORY_RETRACTED",)}

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
CURSOR_PATTERN = r"^[A-Za-z0-9_-]*$"
CURSOR_DESCRIPTION = (
    "Con trỏ trang sau: giá trị `next_cursor` của trang trước, để nguyên; con trỏ sai dạng "
    "hoặc không do danh sách này tạo ra là 400 INVALID_PAGE_TOKEN. / Opaque page cursor: "
    "the `next_cursor` of the previous page, passed back unchanged (base64url, no "
    "padding); a malformed cursor, or one this list did not make, is 400 INVALID_PAGE_TOKEN."
)


# OpenAPI links: which response values feed which next request. Generated clients and
# schemathesis's stateful phase follow them. A story exists from its creation; its workflow
# only once it is submitted, so the workflow operations hang off the submit response.
_STORIES = "/v1/tenants/{tenant}/stories"
_STORY = _STORIES + "/{story_id}"
_FROM = {
    "story": {"tenant": "$request.path.tenant", "story_id": "$response.body#/id"},
    "workflow": {"tenant": "$request.path.tenant", "story_id": "$response.body#/workflow/story_id"},
    "comment": {
        "tenant": "$request.path.tenant",
        "story_id": "$response.body#/story_id",
        "comment_id": "$response.body#/id",
    },
    "section": {"tenant": "$request.path.tenant", "section": "$response.body#/slug"},
}
# (method, path, status) of a response -> (link name, method, path, _FROM key) it feeds
LINKS: Mapping[tuple[str, str, str], tuple[tuple[str, str, str, str], ...]] = {
    ("POST", _STORIES, "201"): (
        ("GetStory", "GET", _STORY, "story"),
        ("UpdateStory", "PUT", _STORY, "story"),
        ("ListRevisions", "GET", _STORY + "/revisions", "story"),
        ("Submit", "POST", _STORY + "/submit", "story"),
        ("FastTrack", "POST", _STORY + "/fast-track", "story"),
    ),
    ("PUT", _STORY, "200"): (
        ("GetStory", "GET", _STORY, "story"),
        ("Submit", "POST", _STORY + "/submit", "story"),
    ),
    ("POST", _STORY + "/submit", "200"): (
        ("GetWorkflow", "GET", _STORY + "/workflow", "workflow"),
        ("AddComment", "POST", _STORY + "/comments", "workflow"),
        ("ListComments", "GET", _STORY + "/comments", "workflow"),
        ("Approve", "POST", _STORY + "/approve", "workflow"),
        ("RequestChanges", "POST", _STORY + "/request-changes", "workflow"),
    ),
    ("POST", _STORY + "/approve", "200"): (
        ("GetWorkflow", "GET", _STORY + "/workflow", "workflow"),
        ("Publish", "POST", _STORY + "/publish", "workflow"),
        ("Schedule", "POST", _STORY + "/schedule", "workflow"),
    ),
    ("POST", _STORY + "/publish", "200"): (
        ("Correct", "POST", _STORY + "/correct", "workflow"),
        ("Retract", "POST", _STORY + "/retract", "workflow"),
        ("Nominate", "POST", _STORY + "/nominate", "workflow"),
    ),
    ("POST", _STORY + "/retract", "200"): (
        ("GetTakedown", "GET", _STORY + "/takedown", "workflow"),
    ),
    ("POST", _STORY + "/comments", "201"): (
        ("ResolveComment", "POST", _STORY + "/comments/{comment_id}/resolve", "comment"),
    ),
    ("POST", "/v1/tenants/{tenant}/sections", "201"): (
        ("PublicSection", "GET", "/public/v1/tenants/{tenant}/sections/{section}", "section"),
    ),
}


def _link(schema: dict[str, Any]) -> None:
    paths = schema.get("paths", {})
    for (method, path, status), targets in LINKS.items():
        links = paths[path][method.lower()]["responses"][status].setdefault("links", {})
        for name, target_method, target_path, source in targets:
            target = paths[target_path][target_method.lower()]
            links[name] = {"operationId": target["operationId"], "parameters": dict(_FROM[source])}


def _merge(into: dict[int, list[str]], errors: Mapping[int, Iterable[str]]) -> None:
    for status, reasons in errors.items():
        known = into.setdefault(status, [])
        known.extend(r for r in reasons if r not in known)


def upstream(
    *methods: str,
    gone: bool = False,
    extra: Mapping[int, Iterable[str]] | None = None,
) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route calling ``methods`` (``"content.GetStory"``, …)."""
    found: dict[int, list[str]] = {}
    for method in methods:
        _merge(found, RPC_ERRORS[method])
    if gone:
        _merge(found, GONE)
    if extra:
        _merge(found, extra)
    _merge(found, GATEWAY_ERRORS["upstream"])
    responses: dict[int | str, dict[str, Any]] = {
        status: problem_response(status, reasons) for status, reasons in sorted(found.items())
    }
    return responses


def directory(
    extra: Mapping[int, Iterable[str]] | None = None, *methods: str
) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route that reads or changes Keycloak's groups and users (and
    calls ``methods`` of the services, as ``upstream``)."""
    found: dict[int, list[str]] = {}
    _merge(found, DIRECTORY_ERRORS)
    for method in methods:
        _merge(found, RPC_ERRORS[method])
    if methods:
        _merge(found, GATEWAY_ERRORS["upstream"])
    if extra:
        _merge(found, extra)
    return {status: problem_response(status, reasons) for status, reasons in sorted(found.items())}


def problem_response(status: int, reasons: Iterable[str]) -> dict[str, Any]:
    """One error response: problem+json, the reasons and their problem type URIs."""
    reasons = list(reasons)
    lines = "\n".join(f"- `{r}`: {problem_type(r)}" for r in reasons)
    title = TITLES.get(status, "")
    return {
        "description": f"{title}\n\n{lines}" if lines else title,
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    }


def _reasons_of(response: Mapping[str, Any]) -> list[str]:
    return [
        line.split("`")[1]
        for line in str(response.get("description", "")).splitlines()
        if line.startswith("- `")
    ]


def _add(responses: dict[str, Any], errors: Mapping[int, Iterable[str]]) -> None:
    for status, reasons in errors.items():
        key = str(status)
        merged = _reasons_of(responses[key]) if key in responses else []
        merged.extend(r for r in reasons if r not in merged)
        responses[key] = problem_response(status, merged)


def finish(schema: dict[str, Any], tenant_scoped: set[tuple[str, str]]) -> dict[str, Any]:
    """Adds what the gateway answers on its own to every operation of ``schema``.

    ``tenant_scoped`` holds the (method, path) pairs whose tenant check may refuse with 403.
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses: dict[str, Any] = operation.setdefault("responses", {})
            responses.pop("422", None)
            if operation.get("parameters") or operation.get("requestBody"):
                _add(responses, GATEWAY_ERRORS["validation"])
            if path.startswith("/v1/"):
                _add(responses, GATEWAY_ERRORS["auth"])
            if (method.upper(), path) in tenant_scoped:
                _add(responses, GATEWAY_ERRORS["tenant"])
            for response in responses.values():
                content = response.get("content", {})
                json_body = content.get("application/json", {})
                if json_body.get("schema") == PROBLEM_REF:
                    content[PROBLEM_JSON] = content.pop("application/json")
            operation["responses"] = dict(sorted(responses.items()))
    _link(schema)
    return schema
