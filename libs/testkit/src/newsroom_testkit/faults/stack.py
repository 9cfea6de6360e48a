"""A private PostgreSQL and Kafka (``deploy/local/infra.sh``) and the platform's processes.

Everything listens on free loopback ports and keeps its state under one folder, so a run
can SIGKILL any part of it while other test runs use the shared stack.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import psycopg

from newsroom_cli import demo
from newsroom_cli.clients import Services, as_system
from newsroom_cli.dev import service_specs
from newsroom_cli.settings import CliSettings
from newsroom_cli.tenants import TenantSpec
from newsroom_core.db import libpq_dsn
from newsroom_core.localstack import repo_root
from newsroom_testkit.servers import http_status

ROOT = repo_root(Path(__file__).resolve().parent)
INFRA = ROOT / "deploy" / "local" / "infra.sh"
KAFKA_READY = ROOT / "deploy" / "local" / "kafka_ready.py"
COMPONENTS = ("postgres", "kafka", "s3", "keycloak")
SLOW_MACHINE_WAITS = {
    "NEWSROOM_PG_WAIT_S": 120,
    "NEWSROOM_KAFKA_WAIT_S": 300,
    "NEWSROOM_S3_WAIT_S": 120,
    "NEWSROOM_KEYCLOAK_WAIT_S": 900,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StartError(RuntimeError):
    """A component or process did not come up; the message carries its log tail."""


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


@dataclass(frozen=True)
class InfraPorts:
    pg: int
    kafka: int
    kafka_controller: int
    s3: int
    s3_console: int
    keycloak: int

    @classmethod
    def pick(cls) -> InfraPorts:
        return cls(*(free_port() for _ in range(6)))


class PrivateInfra:
    """``deploy/local/infra.sh`` pointed at its own state folder and ports."""

    def __init__(self, state: Path, ports: InfraPorts | None = None) -> None:
        self.state = state
        self.ports = ports or InfraPorts.pick()

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_")}
        keep = ("NEWSROOM_CACHE",)  # downloads are shared: a private stack is no new install
        env.update({k: os.environ[k] for k in keep if k in os.environ})
        # These runs test that components come back, not how fast a busy machine starts
        # them (a first Keycloak import took over 5 min on two shared cores).
        for name, seconds in SLOW_MACHINE_WAITS.items():
            env[name] = os.environ.get(name, str(seconds))
        env.update(
            NEWSROOM_STATE=str(self.state),
            NEWSROOM_PG_PORT=str(self.ports.pg),
            NEWSROOM_KAFKA_PORT=str(self.ports.kafka),
            NEWSROOM_KAFKA_CONTROLLER_PORT=str(self.ports.kafka_controller),
            NEWSROOM_S3_PORT=str(self.ports.s3),
            NEWSROOM_S3_CONSOLE_PORT=str(self.ports.s3_console),
            NEWSROOM_KEYCLOAK_PORT=str(self.ports.keycloak),
        )
        return env

    def run(self, *args: str, timeout_s: float = 900) -> subprocess.CompletedProcess[str]:
        """``infra.sh ARGS`` (stdout and stderr together in ``.stdout``)."""
        return subprocess.run(
            [str(INFRA), *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout_s,
            check=False,
        )

    def make_infra_up(
        self, *components: str, timeout_s: float = 900, ports_in_env: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """``make infra-up [COMPONENTS=...]`` as a developer types it, on this stack
        (without ``ports_in_env``, with only ``NEWSROOM_STATE`` to find it by)."""
        only = [f"COMPONENTS={' '.join(components)}"] if components else []
        env = self.env
        if not ports_in_env:
            env = {k: v for k, v in env.items() if not k.endswith("_PORT")}
        return subprocess.run(
            ["make", "--no-print-directory", "infra-up", *only],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout_s,
            check=False,
        )

    def up(self, *components: str) -> None:
        result = self.run("up", *components)
        if result.returncode != 0:
            raise StartError(f"infra.sh up {' '.join(components)} failed:\n{result.stdout}")

    def down(self) -> None:
        self.run("down", timeout_s=180)

    def component_dir(self, component: str) -> Path:
        return self.state / "infra" / component

    def log(self, component: str) -> Path:
        return self.state / "logs" / f"{component}.log"

    def pid(self, component: str) -> int | None:
        """The pid the stack's own files name (postgres: postmaster.pid)."""
        if component == "postgres":
            path = self.component_dir("postgres") / "data" / "postmaster.pid"
        else:
            path = self.component_dir(component) / f"{component}.pid"
        try:
            return int(path.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill(self, component: str) -> int:
        """SIGKILL the component's main process (what a crash or the OOM killer does)."""
        pid = self.pid(component)
        if pid is None:
            raise StartError(f"{component}: no pid file: is it running?")
        os.kill(pid, signal.SIGKILL)
        return pid

    @property
    def pg_dsn(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.ports.pg}/postgres"

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.ports.kafka}"

    @property
    def s3_endpoint(self) -> str:
        return f"127.0.0.1:{self.ports.s3}"

    @property
    def keycloak_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.keycloak}"

    def healthy(self, component: str) -> bool:
        """The same checks as ``infra.sh status``, without its process overhead."""
        if component == "postgres":
            try:
                with psycopg.connect(libpq_dsn(self.pg_dsn), connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
                return True
            except psycopg.Error:
                return False
        if component == "kafka":
            probe = subprocess.run(
                [sys.executable, str(KAFKA_READY), "-q", "--timeout", "2"]
                + ["--bootstrap", self.kafka_bootstrap],
                check=False,
                timeout=20,
            )
            return probe.returncode == 0
        if component == "s3":
            return http_status(f"http://{self.s3_endpoint}/minio/health/live") == 200
        if component == "keycloak":
            url = f"{self.keycloak_url}/realms/newsroom/.well-known/openid-configuration"
            return http_status(url) == 200
        raise ValueError(f"unknown component {component!r}")

    def wait_healthy(self, component: str, timeout_s: float = 120) -> float:
        """Poll until healthy; the monotonic time it first was."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.healthy(component):
                return time.monotonic()
            time.sleep(0.1)
        raise StartError(
            f"{component} not healthy after {timeout_s:.0f}s:\n{log_tail(self.log(component))}"
        )


def up_healthy(infra: PrivateInfra, components: Iterable[str]) -> str:
    """``make infra-up COMPONENTS=...``, which must exit 0 and leave each healthy; its
    output (the recovery tests look for what it said it cleaned up)."""
    wanted = tuple(components)
    result = infra.make_infra_up(*wanted)
    if result.returncode != 0:
        raise StartError(f"make infra-up exited {result.returncode}:\n{result.stdout}")
    for component in wanted:
        if not infra.healthy(component):
            raise StartError(f"{component} unhealthy after a successful up:\n{result.stdout}")
    return result.stdout


@contextmanager
def private_infra(root: Path, components: Iterable[str]) -> Iterator[PrivateInfra]:
    """A stack of ``components`` under ``root``, stopped and removed afterwards."""
    infra = PrivateInfra(root / "state")
    try:
        up_healthy(infra, components)
        yield infra
    finally:
        infra.down()
        shutil.rmtree(root, ignore_errors=True)


T = TypeVar("T")


def until(probe: Callable[[], T], timeout_s: float, *, done: Callable[[T], bool] = bool) -> T:
    """Call ``probe`` every 0.1 s until ``done`` says its value will do, or ``timeout_s``
    passed; the last value either way (the caller asserts on it)."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def wait_gone(pid: int, timeout_s: float = 30) -> None:
    """Until ``pid`` has exited (a zombie counts as gone)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.05)
    raise StartError(f"pid {pid} still alive after {timeout_s:.0f}s")


def child_pids(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and fields[0] not in ("Z", "X"):
            found.append(int(stat.parent.name))
    return found


# --- the platform's processes ---------------------------------------------------------


@dataclass
class Proc:
    """One platform process in its own session (a SIGKILL takes its whole group)."""

    name: str
    argv: list[str]
    env: Mapping[str, str]
    ready_url: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start {self.starts} =====\n".encode())
            self.process = subprocess.Popen(
                self.argv,
                env=dict(self.env),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int:
        if self.process is None:
            raise StartError(f"{self.name} was never started")
        return self.process.pid

    def ready(self) -> bool:
        return self.alive and http_status(self.ready_url, timeout_s=1.0) == 200

    def wait_ready(self, timeout_s: float = 120) -> float:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not self.alive:
                raise StartError(f"{self.name} exited:\n{log_tail(self.log_path)}")
            if http_status(self.ready_url, timeout_s=3.0) == 200:
                return time.monotonic()
            time.sleep(0.05)
        raise StartError(
            f"{self.name} not ready after {timeout_s:.0f}s:\n{log_tail(self.log_path)}"
        )

    def kill(self) -> int:
        pid = self.pid
        self._signal(signal.SIGKILL)
        assert self.process is not None
        self.process.wait(timeout=30)
        return pid

    def stop(self, grace_s: float = 20) -> None:
        if not self.alive:
            return
        assert self.process is not None
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def _signal(self, signum: signal.Signals) -> None:
        try:
            os.killpg(self.pid, signum)
        except ProcessLookupError:
            pass


@dataclass(frozen=True)
class PlatformPorts:
    content: int
    content_ops: int
    editorial: int
    editorial_ops: int
    gateway: int
    content_relay_ops: int
    editorial_relay_ops: int

    @classmethod
    def pick(cls) -> PlatformPorts:
        return cls(*(free_port() for _ in range(7)))


RELAYS = {"content-relay": "content", "editorial-relay": "editorial-approval"}
# one access-log line per request is a good share of the gateway's CPU under a stream of
# portal polls on two cores; warnings and errors are what these runs look at
QUIET = {"GATEWAY_LOG__LEVEL": "WARNING"}
# start order; stop goes the other way
ORDER = ("content", "editorial-approval", "content-relay", "editorial-relay", "gateway")


@dataclass
class Platform:
    """content, editorial-approval, their outbox relays and the gateway, as ``make dev``
    runs them (same modules, same environment) on a ``PrivateInfra``. The portal is left
    out: it renders the gateway's public API, which the stream's watcher reads itself.

    ``separate_relays`` runs each outbox relay as its own process
    (``python -m newsroom_core.relay``), so that it can be killed apart from its service.
    ``pythonpath`` puts other source folders first for the children (to measure another
    checkout's services with this harness).
    """

    infra: PrivateInfra
    keycloak_url: str
    logs: Path
    separate_relays: bool = True
    pythonpath: str = ""
    ports: PlatformPorts = field(default_factory=PlatformPorts.pick)
    extra_env: Mapping[str, str] = field(default_factory=dict)
    procs: dict[str, Proc] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        self.settings = CliSettings(
            pg_dsn=self.infra.pg_dsn,
            kafka_bootstrap=self.infra.kafka_bootstrap,
            keycloak_url=self.keycloak_url,
            content_target=f"127.0.0.1:{self.ports.content}",
            content_ops_port=self.ports.content_ops,
            editorial_target=f"127.0.0.1:{self.ports.editorial}",
            editorial_ops_port=self.ports.editorial_ops,
            gateway_url=f"http://127.0.0.1:{self.ports.gateway}",
        )
        base = {k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_")}
        base["PYTHONUNBUFFERED"] = "1"
        if self.pythonpath:
            base["PYTHONPATH"] = os.pathsep.join(
                p for p in (self.pythonpath, base.get("PYTHONPATH", "")) if p
            )
        prefixes = {"content": "CONTENT", "editorial-approval": "EDITORIAL_APPROVAL"}
        for spec in service_specs(self.settings):
            if spec.name not in ORDER:
                continue  # the portal: a reader of the gateway's public API, watched directly
            env = {**base, **spec.env, **QUIET, **self.extra_env}
            if spec.name in prefixes and self.separate_relays:
                env[f"{prefixes[spec.name]}_OUTBOX__ENABLED"] = "false"
            self.procs[spec.name] = Proc(
                spec.name,
                [sys.executable, "-m", spec.module],
                env,
                spec.ready_url,
                self.logs / f"{spec.name}.log",
            )
        if self.separate_relays:
            databases = {
                "content": "newsroom_content",
                "editorial-approval": "newsroom_editorial_approval",
            }
            ops = {
                "content-relay": self.ports.content_relay_ops,
                "editorial-relay": self.ports.editorial_relay_ops,
            }
            for name, service in RELAYS.items():
                env = {
                    **base,
                    "RELAY_SERVICE_NAME": service,
                    "RELAY_DB__URL": self.settings.database_url(databases[service]),
                    "RELAY_KAFKA__BOOTSTRAP": self.infra.kafka_bootstrap,
                    "RELAY_HTTP__PORT": str(ops[name]),
                    "RELAY_LOG__JSON": "false",
                    **self.extra_env,
                }
                self.procs[name] = Proc(
                    name,
                    [sys.executable, "-m", "newsroom_core.relay"],
                    env,
                    f"http://127.0.0.1:{ops[name]}/readyz",
                    self.logs / f"{name}.log",
                )

    @property
    def names(self) -> list[str]:
        return [n for n in ORDER if n in self.procs]

    @property
    def gateway_url(self) -> str:
        return self.settings.gateway_url

    def start(self, timeout_s: float = 180) -> None:
        """Start everything in order, each ready before the next (as ``make dev``)."""
        for name in self.names:
            self.procs[name].start()
            self.procs[name].wait_ready(timeout_s)
            if name == "content":
                self.provision()

    def provision(self, tenants: Iterable[TenantSpec] = demo.TENANTS) -> None:
        """The demo tenants in content (Keycloak already has their users and groups)."""
        from newsroom.content.v1 import content_service_pb2 as content_pb

        with Services(self.settings) as services, as_system():
            for spec in tenants:
                services.content.CreateTenant(
                    content_pb.CreateTenantRequest(
                        tenant=spec.slug,
                        name=spec.name,
                        default_language=spec.language,
                        group_tenant=spec.group_tenant,
                    )
                )

    def restart(self, name: str, timeout_s: float = 180) -> float:
        proc = self.procs[name]
        proc.start()
        return proc.wait_ready(timeout_s)

    def stop(self) -> None:
        for name in reversed(self.names):
            self.procs[name].stop()

    def database_url(self, service: str) -> str:
        return self.settings.database_url(
            {"content": "newsroom_content", "editorial-approval": "newsroom_editorial_approval"}[
                service
            ]
        )
