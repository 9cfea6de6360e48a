from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from google.protobuf.wrappers_pb2 import StringValue
from grpc_health.v1 import health_pb2, health_pb2_grpc

from newsroom_core.errors import NotFound
from newsroom_core.grpc.client import make_channel
from newsroom_core.grpc.interceptors import error_reason
from newsroom_core.grpc.metadata import current_identity, identity_var
from newsroom_core.grpc.server import GrpcServer, ServiceBinding
from newsroom_core.identity import Identity
from newsroom_core.metrics import GRPC_SERVER_ERRORS, GRPC_SERVER_REQUESTS
from newsroom_core.settings import GrpcSettings

SERVICE = "newsroom.test.v1.EchoService"
KEY = b"test-identity-key"


class Echo:
    def __init__(self) -> None:
        self.flaky_calls = 0

    def echo(self, request: StringValue, context: grpc.ServicerContext) -> StringValue:
        if request.value == "missing":
            raise NotFound("no such story", reason="STORY_NOT_FOUND")
        if request.value == "slow":
            time.sleep(1.0)
        return StringValue(value=f"{request.value} from {current_identity().username}")

    def flaky(self, request: StringValue, context: grpc.ServicerContext) -> StringValue:
        self.flaky_calls += 1
        if self.flaky_calls < 3:
            context.abort(grpc.StatusCode.UNAVAILABLE, "warming up")
        return StringValue(value="ok")


def add_echo(servicer: Echo, server: grpc.Server) -> None:
    handlers = {
        name: grpc.unary_unary_rpc_method_handler(
            getattr(servicer, name.lower()),
            request_deserializer=StringValue.FromString,
            response_serializer=StringValue.SerializeToString,
        )
        for name in ("Echo", "Flaky")
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))


@pytest.fixture
def server() -> Iterator[tuple[GrpcServer, Echo]]:
    echo = Echo()
    srv = GrpcServer(
        GrpcSettings(port=0, shutdown_grace_s=5),
        [ServiceBinding(echo, add_echo, SERVICE)],
        identity_key=KEY,
    ).start()
    yield srv, echo
    srv.stop(0)


def call(channel: grpc.Channel, method: str, value: str, **kwargs: Any) -> str:
    stub = channel.unary_unary(
        f"/{SERVICE}/{method}",
        request_serializer=StringValue.SerializeToString,
        response_deserializer=StringValue.FromString,
    )
    return str(stub(StringValue(value=value), **kwargs).value)


def counter(metric: Any, *labels: str) -> float:
    return float(metric.labels(*labels)._value.get())


def test_health_serving_and_not_serving_after_stop(server: tuple[GrpcServer, Echo]) -> None:
    srv, _ = server
    with grpc.insecure_channel(srv.address) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for name in ("", SERVICE):
            reply = health.Check(health_pb2.HealthCheckRequest(service=name), timeout=2)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_interceptor_counts_calls_and_maps_domain_errors(server: tuple[GrpcServer, Echo]) -> None:
    srv, _ = server
    ok_before = counter(GRPC_SERVER_REQUESTS, "EchoService", "Echo", "OK")
    nf_before = counter(GRPC_SERVER_ERRORS, "EchoService", "Echo", "NOT_FOUND")
    token = identity_var.set(Identity("u1", "halong.editor"))
    try:
        channel = make_channel(srv.address, identity_key=KEY)
        assert call(channel, "Echo", "hello") == "hello from halong.editor"
        with pytest.raises(grpc.RpcError) as err:
            call(channel, "Echo", "missing")
    finally:
        identity_var.reset(token)
    assert err.value.code() is grpc.StatusCode.NOT_FOUND
    assert error_reason(err.value) == "STORY_NOT_FOUND"
    assert counter(GRPC_SERVER_REQUESTS, "EchoService", "Echo", "OK") == ok_before + 1
    assert counter(GRPC_SERVER_ERRORS, "EchoService", "Echo", "NOT_FOUND") == nf_before + 1


def test_unsigned_or_missing_identity_is_unauthenticated(server: tuple[GrpcServer, Echo]) -> None:
    srv, _ = server
    token = identity_var.set(Identity("u1", "mallory"))
    try:
        forged = make_channel(srv.address, identity_key=b"wrong key")
        with pytest.raises(grpc.RpcError) as err:
            call(forged, "Echo", "hello")
        assert err.value.code() is grpc.StatusCode.UNAUTHENTICATED
        assert error_reason(err.value) == "IDENTITY_SIGNATURE"
    finally:
        identity_var.reset(token)
    anonymous = make_channel(srv.address, identity_key=KEY)
    with pytest.raises(grpc.RpcError) as err:
        call(anonymous, "Echo", "hello")
    assert err.value.code() is grpc.StatusCode.UNAUTHENTICATED


def test_client_default_deadline(server: tuple[GrpcServer, Echo]) -> None:
    srv, _ = server
    token = identity_var.set(Identity("u1", "x"))
    try:
        channel = make_channel(srv.address, identity_key=KEY, default_deadline_s=0.2)
        with pytest.raises(grpc.RpcError) as err:
            call(channel, "Echo", "slow")
    finally:
        identity_var.reset(token)
    assert err.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED


def test_idempotent_methods_are_retried(server: tuple[GrpcServer, Echo]) -> None:
    srv, echo = server
    channel = make_channel(
        srv.address, service=SERVICE, idempotent_methods=["Flaky"], identity_key=KEY
    )
    assert call(channel, "Flaky", "x") == "ok"
    assert echo.flaky_calls == 3


def test_graceful_stop_lets_running_call_finish(server: tuple[GrpcServer, Echo]) -> None:
    srv, _ = server
    results: list[str] = []
    channel = make_channel(srv.address, identity_key=KEY, default_deadline_s=5)

    def slow_call() -> None:
        identity_var.set(Identity("u1", "x"))  # context vars do not cross threads
        results.append(call(channel, "Echo", "slow"))

    worker = threading.Thread(target=slow_call)
    worker.start()
    time.sleep(0.3)
    srv.stop(grace=3)
    worker.join(5)
    assert results == ["slow from x"]
