from __future__ import annotations

import grpc

from gateway.errors import GRPC_TO_HTTP, REASON_TO_HTTP, ApiError, problem_body, problem_type


def test_grpc_table_matches_the_documented_mapping() -> None:
    expected = {
        grpc.StatusCode.INVALID_ARGUMENT: 400,
        grpc.StatusCode.UNAUTHENTICATED: 401,
        grpc.StatusCode.PERMISSION_DENIED: 403,
        grpc.StatusCode.NOT_FOUND: 404,
        grpc.StatusCode.ALREADY_EXISTS: 409,
        grpc.StatusCode.ABORTED: 409,
        grpc.StatusCode.FAILED_PRECONDITION: 409,
        grpc.StatusCode.UNAVAILABLE: 503,
        grpc.StatusCode.DEADLINE_EXCEEDED: 504,
    }
    for code, status in expected.items():
        assert GRPC_TO_HTTP[code] == status
    for code in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.DATA_LOSS):
        assert code not in GRPC_TO_HTTP  # falls through to 500
    assert REASON_TO_HTTP[(grpc.StatusCode.NOT_FOUND, "STORY_RETRACTED")] == 410


def test_problem_type_is_a_kebab_uri_of_the_reason() -> None:
    assert problem_type("FOUR_EYES_VIOLATION") == (
        "https://newsroom.dev/problems/four-eyes-violation"
    )


def test_problem_body_has_the_rfc9457_members() -> None:
    body = problem_body(
        status=409,
        reason="INVALID_TRANSITION",
        detail="không thể duyệt",
        instance="/v1/tenants/halong/stories/x/approve",
        request_id="r1",
    )
    assert body == {
        "type": "https://newsroom.dev/problems/invalid-transition",
        "title": "Xung đột trạng thái (Conflict)",
        "status": 409,
        "detail": "không thể duyệt",
        "instance": "/v1/tenants/halong/stories/x/approve",
        "reason": "INVALID_TRANSITION",
        "request_id": "r1",
    }


def test_api_error_defaults_its_reason_from_the_status() -> None:
    assert ApiError(404, "x").reason == "NOT_FOUND"
    assert ApiError(403, "x", reason="ROLE_REQUIRED").reason == "ROLE_REQUIRED"
