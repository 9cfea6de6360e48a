"""The gRPC -> HTTP table on real gRPC errors (an in-process server on port 0 raising the
platform's domain errors through the platform interceptor)."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import httpx
import pytest
from fastapi import FastAPI
from google.protobuf.wrappers_pb2 import StringValue

from gateway.errors import ApiError, from_rpc_error
from gateway.main import create_app
from gateway.settings import CacheSettings, GatewaySettings
from newsroom_core import errors
from newsroom_core.grpc.server import GrpcServer, ServiceBinding
from newsroom_core.settings import GrpcSettings
from newsroom_testkit.gateway import gateway_client, problem

pytestmark = pytest.mark.anyio

SERVICE = "newsroom.test.v1.Failing"
RAISES: dict[str, Exception] = {
    "INVALID": errors.InvalidArgument("thiếu tiêu đề", reason="HEADLINE_REQUIRED"),
    "UNAUTH": errors.Unauthenticated("no identity", reason="IDENTITY_MISSING"),
    "DENIED": errors.PermissionDenied("not yours", reason="TENANT_MISMATCH"),
    "MISSING": errors.NotFound("no story", reason="STORY_NOT_FOUND"),
    "GONE": errors.NotFound("retracted", reason="STORY_RETRACTED"),
    "EXISTS": errors.AlreadyExists("taken", reason="SECTION_SLUG_TAKEN"),
    "CONFLICT": errors.Conflict("stale", reason="REVISION_CONFLICT"),
    "STATE": errors.FailedPrecondition("frozen", reason="PUBLISHING_FROZEN"),
    "DOWN": errors.Unavailable("db down at 10.0.0.5", reason="DB_UNAVAILABLE"),
    "CRASH": RuntimeError("password=hunter2 in a traceback"),
}
EXPECTED = {
    "INVALID": (400, "HEADLINE_REQUIRED"),
    "UNAUTH": (401, "IDENTITY_MISSING"),
    "DENIED": (403, "TENANT_MISMATCH"),
    "MISSING": (404, "STORY_NOT_FOUND"),
    "GONE": (410, "STORY_RETRACTED"),
    "EXISTS": (409, "SECTION_SLUG_TAKEN"),
    "CONFLICT": (409, "REVISION_CONFLICT"),
    "STATE": (409, "PUBLISHING_FROZEN"),
    "DOWN": (503, "DB_UNAVAILABLE"),
    "CRASH": (500, "INTERNAL"),
}


def _fail(request: StringValue, context: grpc.ServicerContext) -> StringValue:
    raise RAISES[request.value]


def _add(servicer: object, server: grpc.Server) -> None:
    handler = grpc.unary_unary_rpc_method_handler(
        _fail,
        request_deserializer=StringValue.FromString,
        response_serializer=StringValue.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(SERVICE, {"Fail": handler}),)
    )


@pytest.fixture(scope="module")
def failing_server() -> Iterator[GrpcServer]:
    server = GrpcServer(
        GrpcSettings(port=0, shutdown_grace_s=1),
        [ServiceBinding(None, _add, SERVICE)],
        identity_key=b"test",
    ).start()
    yield server
    server.stop(0)


async def test_each_grpc_code_maps_to_its_http_status(failing_server: GrpcServer) -> None:
    async with grpc.aio.insecure_channel(failing_server.address) as channel:
        call = channel.unary_unary(
            f"/{SERVICE}/Fail",
            request_serializer=StringValue.SerializeToString,
            response_deserializer=StringValue.FromString,
        )
        for name, (status, reason) in EXPECTED.items():
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await call(StringValue(value=name))
            error = from_rpc_error(raised.value, service="test", method="Fail")
            assert (error.status, error.reason) == (status, reason), name
            if status >= 500:
                assert "hunter2" not in error.detail and "10.0.0.5" not in error.detail
            if status == 401:
                assert error.headers["WWW-Authenticate"].startswith("Bearer")


async def test_an_unhandled_exception_is_a_500_problem_without_internals(
    gateway_settings: GatewaySettings,
) -> None:
    settings = gateway_settings.model_copy(
        update={"cache": CacheSettings(invalidate_from_kafka=False)}
    )
    app: FastAPI = create_app(settings)

    async def boom() -> None:
        raise RuntimeError("password=hunter2")

    async def refuse() -> None:
        raise ApiError(409, "đang tạm dừng", reason="PUBLISHING_FROZEN")

    app.add_api_route("/boom", boom)
    app.add_api_route("/refuse", refuse)
    async with gateway_client(settings, app) as (_, client):
        response: httpx.Response = await client.get("/boom", headers={"X-Request-ID": "b-1"})
        assert response.status_code == 500
        body = problem(response)
        assert body["reason"] == "INTERNAL" and body["request_id"] == "b-1"
        assert "hunter2" not in response.text
        refused = await client.get("/refuse")
        assert refused.status_code == 409
        assert problem(refused)["type"] == "https://newsroom.dev/problems/publishing-frozen"
