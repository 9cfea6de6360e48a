"""ServiceRuntime.serve_forever: a real process shuts down gracefully on SIGTERM."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# The process starts a runtime with a gRPC server, an ops server and one worker thread;
# once it serves, a non-main thread sends SIGTERM to itself. The kernel then hands the
# signal to that thread, not to the main thread waiting in serve_forever: the shutdown
# must happen anyway (a wait without a timeout would sleep through it).
PROGRAM = textwrap.dedent(
    """
    import signal, sys, threading, time
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from newsroom_core.runtime import ServiceRuntime
    from newsroom_core.settings import GrpcSettings, HttpSettings, ServiceSettings

    class Idle:
        def __init__(self):
            self.done = threading.Event()
        def run(self):
            self.done.wait()
        def stop(self):
            self.done.set()

    settings = ServiceSettings(
        grpc=GrpcSettings(port=0, shutdown_grace_s=1), http=HttpSettings(port=0)
    )
    runtime = ServiceRuntime(settings, bindings=[], workers={"idle": Idle()}, readiness={})

    def terminate_from_another_thread():
        health = health_pb2_grpc.HealthStub(grpc.insecure_channel(runtime.grpc.address))
        health.Check(health_pb2.HealthCheckRequest(), wait_for_ready=True, timeout=20)
        print("serving", flush=True)
        time.sleep(0.3)
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)

    threading.Thread(target=terminate_from_another_thread, daemon=True).start()
    runtime.serve_forever()
    print("stopped cleanly", flush=True)
    """
)


def test_sigterm_delivered_to_another_thread_still_stops_the_service() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["serving", "stopped cleanly"], result.stdout
