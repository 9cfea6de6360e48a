"""One domain error hierarchy with stable UPPER_SNAKE reasons.

Services raise these; each class names its one gRPC status (``code``), which the server
interceptor (``grpc.interceptors``) answers with, attaching a ``google.rpc.ErrorInfo``
that carries the reason. The gateway alone maps gRPC codes to HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping

import grpc

ERROR_DOMAIN = "newsroom"


class DomainError(Exception):
    code: grpc.StatusCode = grpc.StatusCode.INTERNAL
    default_reason = "INTERNAL"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason
        self.metadata = dict(metadata or {})


class InvalidArgument(DomainError):
    code = grpc.StatusCode.INVALID_ARGUMENT
    default_reason = "INVALID_ARGUMENT"


class NotFound(DomainError):
    code = grpc.StatusCode.NOT_FOUND
    default_reason = "NOT_FOUND"


class AlreadyExists(DomainError):
    code = grpc.StatusCode.ALREADY_EXISTS
    default_reason = "ALREADY_EXISTS"


class FailedPrecondition(DomainError):
    code = grpc.StatusCode.FAILED_PRECONDITION
    default_reason = "FAILED_PRECONDITION"


class Conflict(DomainError):
    """Optimistic-concurrency conflicts: the caller should re-read and retry."""

    code = grpc.StatusCode.ABORTED
    default_reason = "CONFLICT"


class PermissionDenied(DomainError):
    code = grpc.StatusCode.PERMISSION_DENIED
    default_reason = "PERMISSION_DENIED"


class Unauthenticated(DomainError):
    code = grpc.StatusCode.UNAUTHENTICATED
    default_reason = "UNAUTHENTICATED"


class Unavailable(DomainError):
    code = grpc.StatusCode.UNAVAILABLE
    default_reason = "UNAVAILABLE"
