"""Process wiring shared by every service: ops HTTP, gRPC, background workers, SIGTERM."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import FrameType
from typing import Protocol, TypeVar

from newsroom_core.grpc.server import GrpcServer, ServiceBinding
from newsroom_core.http import OpsHttpServer, ReadinessCheck
from newsroom_core.logging import configure_logging
from newsroom_core.memory import settle_heap
from newsroom_core.settings import ServiceSettings

log = logging.getLogger(__name__)


class Worker(Protocol):
    """A background loop: the outbox relay, a consumer, a scheduler."""

    def run(self) -> None: ...

    def stop(self) -> None: ...


def worker_health(worker: Worker) -> ReadinessCheck | None:
    """A worker's own ``healthy()`` (relay, consumer: can they reach Kafka), if it has one."""
    check = getattr(worker, "healthy", None)
    return check if callable(check) else None


@dataclass
class ServiceRuntime:
    settings: ServiceSettings
    bindings: Sequence[ServiceBinding]
    workers: Mapping[str, Worker]
    readiness: Mapping[str, ReadinessCheck]
    on_shutdown: Sequence[Callable[[], None]] = ()
    # False: a process with only workers (the media worker) serves no gRPC, only ops HTTP.
    serve_grpc: bool = True

    def __post_init__(self) -> None:
        self.stopped = threading.Event()
        self._threads: list[threading.Thread] = []
        # Workers that report their own health (Kafka reachable) are advisory in /readyz:
        # calls still succeed without them, the outbox keeps what they could not send.
        advisory = {
            name: check
            for name, worker in self.workers.items()
            if (check := worker_health(worker)) is not None and check not in self.readiness.values()
        }
        self.ops = OpsHttpServer(
            self.settings.http.host, self.settings.http.port, self.readiness, advisory
        )
        self._grpc = (
            GrpcServer(
                self.settings.grpc,
                self.bindings,
                identity_key=self.settings.identity.secret.get_secret_value().encode(),
            )
            if self.serve_grpc
            else None
        )

    @property
    def grpc(self) -> GrpcServer:
        if self._grpc is None:
            raise RuntimeError("this process serves no gRPC (serve_grpc=False)")
        return self._grpc

    def start(self) -> ServiceRuntime:
        self.ops.checks.setdefault("workers", self._workers_alive)
        self.ops.start()
        for name, worker in self.workers.items():
            thread = threading.Thread(target=worker.run, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        settle_heap(self.settings.gc)
        if self._grpc is not None:
            self._grpc.start()
        log.info(
            "service started",
            extra={
                "grpc": self._grpc.address if self._grpc is not None else None,
                "ops_port": self.ops.port,
                "workers": list(self.workers),
            },
        )
        return self

    def _workers_alive(self) -> bool:
        return all(t.is_alive() for t in self._threads)

    def stop(self) -> None:
        """Graceful: stop taking calls, let calls finish, stop workers, close resources."""
        if self.stopped.is_set():
            return
        self.stopped.set()
        log.info("shutting down")
        if self._grpc is not None:
            self._grpc.stop()
        for worker in self.workers.values():
            worker.stop()
        for thread in self._threads:
            thread.join(timeout=self.settings.grpc.shutdown_grace_s)
        for callback in self.on_shutdown:
            callback()
        self.ops.stop()
        log.info("stopped")

    def serve_forever(self) -> None:
        """Start, then block until SIGTERM/SIGINT and shut down gracefully."""

        def handle(signum: int, _frame: FrameType | None) -> None:
            log.info("signal received", extra={"signal": signal.Signals(signum).name})
            threading.Thread(target=self.stop, name="shutdown").start()

        signal.signal(signal.SIGTERM, handle)
        signal.signal(signal.SIGINT, handle)
        self.start()
        # Wake up now and then: Python runs signal handlers in the main thread, and a
        # signal the kernel hands to another thread (gRPC's, Kafka's) does not interrupt
        # a wait that has no timeout, so SIGTERM could go unnoticed.
        while not self.stopped.wait(0.2):
            pass
        for thread in threading.enumerate():
            if thread.name == "shutdown":
                thread.join()


class Assembled(Protocol):
    """What a service's ``wiring.assemble`` returns."""

    @property
    def runtime(self) -> ServiceRuntime: ...


S = TypeVar("S", bound=ServiceSettings)


def run_service(settings_type: Callable[[], S], assemble: Callable[[S], Assembled]) -> None:
    """A service's ``__main__``: settings from the environment -> logging -> the assembled
    process (migrated and connected) -> serve until SIGTERM."""
    settings = settings_type()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    assemble(settings).runtime.serve_forever()
