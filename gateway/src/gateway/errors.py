"""RFC 9457 problem details, and the one table mapping gRPC status codes to HTTP.

Every error the gateway answers is ``application/problem+json``::

    {"type": "https://newsroom.dev/problems/four-eyes-violation", "title": "...",
     "status": 409, "detail": "...", "instance": "/v1/tenants/halong/stories/…/approve",
     "reason": "FOUR_EYES_VIOLATION", "request_id": "…"}

``reason`` is the service's ``google.rpc.ErrorInfo`` reason (stable, UPPER_SNAKE) or one
of the gateway's own (``TOKEN_INVALID``, ``VALIDATION_FAILED``, ``ROLE_REQUIRED``, …).

FAILED_PRECONDITION maps to 409 Conflict, not 422: the request is well-formed, the
resource's current state (workflow state, freeze, embargo) forbids it; 422 stays unused
so that clients never confuse a state conflict with a validation error (400).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import grpc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.routing import allowed_methods
from newsroom_core.context import request_id_var
from newsroom_core.grpc.interceptors import error_reason

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://newsroom.dev/problems/"

GRPC_TO_HTTP: Mapping[grpc.StatusCode, int] = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.FAILED_PRECONDITION: 409,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}
"""Anything else (INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED, CANCELLED) is a 500."""

# (code, reason) pairs that deserve a more precise HTTP status than their code's.
REASON_TO_HTTP: Mapping[tuple[grpc.StatusCode, str], int] = {
    # A published story that was taken down: 410 Gone tells crawlers to drop it.
    (grpc.StatusCode.NOT_FOUND, "STORY_RETRACTED"): 410,
    # An upload refused for its size: the client should not retry it as it is.
    (grpc.StatusCode.INVALID_ARGUMENT, "FILE_TOO_LARGE"): 413,
    (grpc.StatusCode.RESOURCE_EXHAUSTED, "QUOTA_EXCEEDED"): 413,
    # ... or for its type (declared or found in its bytes).
    (grpc.StatusCode.INVALID_ARGUMENT, "UNSUPPORTED_CONTENT_TYPE"): 415,
    (grpc.StatusCode.INVALID_ARGUMENT, "EXECUTABLE_REFUSED"): 415,
    (grpc.StatusCode.INVALID_ARGUMENT, "TYPE_MISMATCH"): 415,
    (grpc.StatusCode.INVALID_ARGUMENT, "UNSUPPORTED_TYPE"): 415,
}

TITLES: Mapping[int, str] = {
    400: "Yêu cầu không hợp lệ (Invalid request)",
    401: "Chưa xác thực (Authentication required)",
    403: "Không có quyền (Permission denied)",
    404: "Không tìm thấy (Not found)",
    405: "Phương thức không được hỗ trợ (Method not allowed)",
    409: "Xung đột trạng thái (Conflict)",
    410: "Đã bị gỡ bỏ (Gone)",
    413: "Yêu cầu quá lớn (Request too large)",
    415: "Loại tệp không được hỗ trợ (Unsupported media type)",
    429: "Quá nhiều yêu cầu (Too many requests)",
    500: "Lỗi hệ thống (Internal error)",
    503: "Dịch vụ tạm thời không khả dụng (Service unavailable)",
    504: "Hết thời gian chờ dịch vụ (Upstream timeout)",
}

DEFAULT_REASONS: Mapping[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    410: "GONE",
    413: "REQUEST_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

INTERNAL_DETAIL = "Đã xảy ra lỗi không mong muốn (an unexpected error occurred)."
# Seconds a client should wait before trying a 503 again (RFC 9110 Retry-After): about
# what a restarted database or service takes to be back on this platform.
RETRY_AFTER_S = 2
BEARER_CHALLENGE = 'Bearer realm="newsroom"'


class ApiError(Exception):
    """An error answered as problem+json; raised by routes, auth and the gRPC client."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        reason: str | None = None,
        headers: Mapping[str, str] | None = None,
        errors: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.reason = reason or DEFAULT_REASONS.get(status, "ERROR")
        self.headers = dict(headers or {})
        self.errors = list(errors or [])


def unauthenticated(detail: str, *, reason: str = "UNAUTHENTICATED") -> ApiError:
    error = "invalid_request" if reason == "TOKEN_MISSING" else "invalid_token"
    return ApiError(
        401,
        detail,
        reason=reason,
        headers={"WWW-Authenticate": f'{BEARER_CHALLENGE}, error="{error}"'},
    )


def problem_type(reason: str) -> str:
    return PROBLEM_BASE + reason.lower().replace("_", "-")


def rpc_reason(error: grpc.RpcError) -> str | None:
    """The ErrorInfo reason of a failed call; ``error_reason`` reads aio errors too."""
    try:
        return error_reason(error)
    except ValueError:  # a Status whose code disagrees with the call's: ignore it
        return None


def from_rpc_error(error: grpc.RpcError, *, service: str, method: str) -> ApiError:
    code: grpc.StatusCode = error.code()
    details: str = error.details() or ""
    reason = rpc_reason(error)
    status = GRPC_TO_HTTP.get(code, 500)
    status = REASON_TO_HTTP.get((code, reason or ""), status)
    if status >= 500:
        log.warning(
            "upstream call failed",
            extra={"upstream": service, "method": method, "code": code.name, "details": details},
        )
        detail = {
            503: f"Dịch vụ {service} tạm thời không khả dụng (service unavailable).",
            504: f"Dịch vụ {service} không trả lời kịp (upstream timeout).",
        }.get(status, INTERNAL_DETAIL)
        return ApiError(status, detail, reason=reason if status != 500 else "INTERNAL")
    headers = (
        {"WWW-Authenticate": f'{BEARER_CHALLENGE}, error="invalid_token"'} if status == 401 else {}
    )
    return ApiError(
        status, details or TITLES.get(status, ""), reason=reason or code.name, headers=headers
    )


def _request_id(request: Request | None) -> str | None:
    rid = request_id_var.get()
    if rid is None and request is not None:
        rid = getattr(request.state, "request_id", None)
    return rid


def problem_body(
    *,
    status: int,
    reason: str,
    detail: str,
    instance: str,
    request_id: str | None,
    errors: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(reason),
        "title": TITLES.get(status, "Lỗi (Error)"),
        "status": status,
        "detail": detail,
        "instance": instance,
        "reason": reason,
        "request_id": request_id,
    }
    if errors:
        body["errors"] = list(errors)
    return body


def problem_response(request: Request, error: ApiError) -> JSONResponse:
    body = problem_body(
        status=error.status,
        reason=error.reason,
        detail=error.detail,
        instance=request.url.path,
        request_id=_request_id(request),
        errors=error.errors,
    )
    headers = {"Cache-Control": "no-store", **error.headers}
    if error.status == 503:
        # a dependency is down (database, a service, Keycloak): come back shortly
        headers.setdefault("Retry-After", str(RETRY_AFTER_S))
    return JSONResponse(body, status_code=error.status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        found.append(
            {
                "field": ".".join(loc),
                "message": str(err.get("msg", "")),
                "type": str(err.get("type", "")),
            }
        )
    return found


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return problem_response(request, exc)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
    headers = dict(exc.headers or {})
    if exc.status_code == 404 and detail == "Not Found":
        detail = "Không có đường dẫn này (no such route)."
        reason = "ROUTE_NOT_FOUND"
    else:
        reason = DEFAULT_REASONS.get(exc.status_code, "ERROR")
    if exc.status_code == 405:
        detail = "Phương thức không được hỗ trợ (method not allowed)."
        headers["Allow"] = ", ".join(allowed_methods(request.app.router.routes, request.scope))
    error = ApiError(exc.status_code, detail, reason=reason, headers=headers)
    return problem_response(request, error)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    error = ApiError(
        400,
        "Dữ liệu gửi lên không hợp lệ (request validation failed).",
        reason="VALIDATION_FAILED",
        errors=_field_errors(exc),
    )
    return problem_response(request, error)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
