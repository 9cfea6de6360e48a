"""gRPC server bootstrap: health, reflection, interceptors, graceful shutdown."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from newsroom_core.grpc.interceptors import ServerInterceptor
from newsroom_core.settings import GrpcSettings

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ServiceBinding:
    """A servicer, the generated ``add_XServicer_to_server`` and its full service name."""

    servicer: Any
    add_to_server: Callable[[Any, grpc.Server], None]
    full_name: str


class GrpcServer:
    """One grpc.server with the platform's interceptor, health and reflection."""

    def __init__(
        self,
        settings: GrpcSettings,
        bindings: Sequence[ServiceBinding],
        *,
        identity_key: bytes,
    ) -> None:
        self.settings = settings
        self.bindings = list(bindings)
        self._server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=settings.max_workers, thread_name_prefix="grpc"),
            interceptors=[ServerInterceptor(identity_key)],
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ],
        )
        self.health = health.HealthServicer(experimental_non_blocking=True)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self._server)
        for binding in self.bindings:
            binding.add_to_server(binding.servicer, self._server)
        names = [b.full_name for b in self.bindings]
        reflection.enable_server_reflection(
            [*names, health.SERVICE_NAME, reflection.SERVICE_NAME], self._server
        )
        self.port = self._server.add_insecure_port(f"{settings.host}:{settings.port}")
        if self.port == 0:
            raise OSError(f"cannot bind gRPC port {settings.host}:{settings.port}: in use?")

    @property
    def address(self) -> str:
        return f"{self.settings.host}:{self.port}"

    def start(self) -> GrpcServer:
        self._server.start()
        self._set_status(health_pb2.HealthCheckResponse.SERVING)
        log.info("grpc listening", extra={"address": self.address})
        return self

    def stop(self, grace: float | None = None) -> None:
        """Stop taking new calls (health NOT_SERVING first), let running ones finish."""
        self._set_status(health_pb2.HealthCheckResponse.NOT_SERVING)
        self._server.stop(self.settings.shutdown_grace_s if grace is None else grace).wait()

    def wait(self, timeout: float | None = None) -> bool:
        return bool(self._server.wait_for_termination(timeout))

    def _set_status(self, status: int) -> None:
        self.health.set("", status)
        for binding in self.bindings:
            self.health.set(binding.full_name, status)
