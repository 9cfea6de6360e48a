"""Server interceptor: request context, identity, metrics and error mapping in one place."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from newsroom_core.context import bound, new_request_id, new_trace, parse_traceparent
from newsroom_core.errors import ERROR_DOMAIN, DomainError, Unavailable
from newsroom_core.grpc.metadata import REQUEST_ID, TENANT, TRACEPARENT, identity_var
from newsroom_core.identity import decode_identity
from newsroom_core.metrics import GRPC_SERVER_ERRORS, GRPC_SERVER_LATENCY, GRPC_SERVER_REQUESTS

log = logging.getLogger(__name__)


def _database_down() -> tuple[type[Exception], ...]:
    """newsroom_core.db's DATABASE_DOWN errors when this process uses a database (the
    module is loaded); a process without one (the gateway) raises none of them and never
    imports SQLAlchemy, psycopg and alembic for this (~10 MB of its idle memory)."""
    db = sys.modules.get("newsroom_core.db")
    return db.DATABASE_DOWN if db is not None else ()


Behavior = Callable[..., Any]


def domain_status(error: DomainError) -> status_pb2.Status:
    """``google.rpc.Status`` with an ``ErrorInfo`` carrying the stable reason."""
    info = error_details_pb2.ErrorInfo(
        reason=error.reason, domain=ERROR_DOMAIN, metadata=error.metadata
    )
    detail = any_pb2.Any()
    detail.Pack(info)
    return status_pb2.Status(code=error.code.value[0], message=error.message, details=[detail])


def error_reason(error: grpc.RpcError) -> str | None:
    """The ErrorInfo reason of a failed call, if the server attached one."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    if status is None:
        return None
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return str(info.reason)
    return None


def _split_method(full: str) -> tuple[str, str]:
    _, service, method = full.split("/", 2) if full.count("/") >= 2 else ("", "", full)
    return service.rsplit(".", 1)[-1], method


class ServerInterceptor(grpc.ServerInterceptor):  # type: ignore[type-arg]
    """Binds request id/trace/tenant, verifies identity, counts calls, maps errors."""

    def __init__(self, identity_key: bytes) -> None:
        self._key = identity_key
        # full method name -> (the servicer's handler, our wrapper): built once per method
        self._wrapped: dict[str, tuple[Any, Any]] = {}

    def intercept_service(
        self, continuation: Callable[[Any], Any], handler_call_details: Any
    ) -> Any:
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        full = handler_call_details.method
        cached = self._wrapped.get(full)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = self._wrap_handler(handler, full)
        self._wrapped[full] = (handler, wrapped)
        return wrapped

    def _wrap_handler(self, handler: Any, full: str) -> Any:
        service, method = _split_method(full)
        if service in ("Health", "ServerReflection"):
            return handler
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap(handler.unary_unary, service, method, streaming=False),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap(handler.unary_stream, service, method, streaming=True),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler  # client-streaming RPCs are not used by our APIs

    def _wrap(self, behavior: Behavior, service: str, method: str, *, streaming: bool) -> Behavior:
        key = self._key
        # label children resolved once per method, not on every call
        handled_ok = GRPC_SERVER_REQUESTS.labels(service, method, grpc.StatusCode.OK.name)
        latency = GRPC_SERVER_LATENCY.labels(service, method)

        def call(request: Any, context: grpc.ServicerContext) -> Any:
            md = {k: v for k, v in context.invocation_metadata() if isinstance(v, str)}
            trace = parse_traceparent(md.get(TRACEPARENT)) or new_trace()
            started = time.perf_counter()
            code = grpc.StatusCode.OK
            with bound(
                request_id=md.get(REQUEST_ID) or new_request_id(),
                trace=trace.child(),
                tenant=md.get(TENANT) or getattr(request, "tenant", None) or None,
            ):
                token = None
                try:
                    token = identity_var.set(decode_identity(md, key))
                    result = behavior(request, context)
                    if streaming:
                        return list(result)
                    return result
                except DomainError as exc:
                    code = exc.code
                    if code in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNAVAILABLE):
                        log.error("%s/%s failed: %s", service, method, exc.message)
                    context.abort_with_status(rpc_status.to_status(domain_status(exc)))
                except _database_down() as exc:
                    # the database is down or dropped the connection: callers may retry
                    code = grpc.StatusCode.UNAVAILABLE
                    log.warning(
                        "%s/%s: database unavailable: %s",
                        service,
                        method,
                        getattr(exc, "orig", exc),
                    )
                    context.abort_with_status(
                        rpc_status.to_status(
                            domain_status(
                                Unavailable(
                                    "cơ sở dữ liệu tạm thời không sẵn sàng (database unavailable)",
                                    reason="DATABASE_UNAVAILABLE",
                                )
                            )
                        )
                    )
                except Exception:
                    code = context.code() or grpc.StatusCode.UNKNOWN  # type: ignore[attr-defined]
                    if code in (grpc.StatusCode.OK, grpc.StatusCode.UNKNOWN):
                        code = grpc.StatusCode.INTERNAL
                        log.exception("%s/%s raised", service, method)
                        context.abort(code, "internal error")
                    raise
                finally:
                    if token is not None:
                        identity_var.reset(token)
                    latency.observe(time.perf_counter() - started)
                    if code is grpc.StatusCode.OK:
                        handled_ok.inc()
                    else:
                        GRPC_SERVER_REQUESTS.labels(service, method, code.name).inc()
                        GRPC_SERVER_ERRORS.labels(service, method, code.name).inc()

        if streaming:

            def stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                yield from call(request, context)

            return stream
        return call
