"""`newsroom dev`: every service as a child process with prefixed logs, demo tenants and
content, a box of URLs and logins, and a clean stop on Ctrl-C / SIGTERM.

Children run in their own sessions so the terminal's Ctrl-C reaches only this process;
it then stops them in reverse start order: SIGTERM to each process group, a grace
period, SIGKILL for whatever is left.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import FrameType
from typing import IO
from urllib.parse import urlsplit

from newsroom_cli import demo, seed, tenants
from newsroom_cli.output import BLUE, BOLD, CYAN, GREEN, MAGENTA, YELLOW, Outcome, Reporter
from newsroom_cli.settings import CliSettings
from newsroom_core.localstack import reachable, repo_root
from newsroom_core.settings import Environment

READY_TIMEOUT_S = 180.0
STOP_GRACE_S = 20.0
POLL_S = 0.25


@dataclass(frozen=True)
class DevOptions:
    seed_only: bool = False
    seed: bool = True
    skip: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    module: str
    env: Mapping[str, str]
    ready_url: str
    ports: tuple[int, ...]
    colour: str
    # A script to run instead of ``python -m module`` (the app's static server).
    script: Path | None = None

    @property
    def argv(self) -> list[str]:
        if self.script is not None:
            return [sys.executable, str(self.script)]
        return [sys.executable, "-m", self.module]


def _port(hostport: str) -> int:
    return int(hostport.rpartition(":")[2])


def _gateway_port(settings: CliSettings) -> int:
    return urlsplit(settings.gateway_url).port or 80


def service_specs(settings: CliSettings) -> list[ServiceSpec]:
    """The services `make dev` runs, in start order, with the environment each needs.

    Values already in the environment win, so any service setting can be overridden.
    """
    secret = settings.identity_secret.get_secret_value()
    content_port, editorial_port = _port(settings.content_target), _port(settings.editorial_target)
    # static Kafka group membership: a service restarted after a crash takes its partitions
    # back at once (docs/adr/0007); host and port keep two runners on one Kafka apart
    host = socket.gethostname()
    gateway_port = _gateway_port(settings)
    portal_port = urlsplit(settings.portal_url).port or 80
    media_port = _port(settings.media_asset_target)
    media_db = settings.database_url("newsroom_media_asset")

    def media_env(prefix: str) -> dict[str, str]:
        """What the media service and its worker share: database, bucket, delivery."""
        return {
            f"{prefix}LOG__JSON": "false",
            f"{prefix}DB__URL": media_db,
            f"{prefix}KAFKA__BOOTSTRAP": settings.kafka_bootstrap,
            f"{prefix}IDENTITY__SECRET": secret,
            f"{prefix}STORAGE__ENDPOINT": settings.s3_endpoint,
            f"{prefix}STORAGE__ACCESS_KEY": settings.s3_access_key,
            f"{prefix}STORAGE__SECRET_KEY": settings.s3_secret_key.get_secret_value(),
            f"{prefix}STORAGE__BUCKET": settings.s3_bucket,
            # readers fetch published media through the gateway's public media route
            f"{prefix}DELIVERY__BASE_URL": f"{settings.gateway_url.rstrip('/')}/public/v1/media",
        }

    specs = [
        ServiceSpec(
            "media-asset",
            "media_asset_service",
            {
                **media_env("MEDIA_ASSET_"),
                "MEDIA_ASSET_GRPC__PORT": str(media_port),
                # readers' files of versions whose publication event is on its way
                "MEDIA_ASSET_CONTENT_TARGET": settings.content_target,
                "MEDIA_ASSET_HTTP__PORT": str(settings.media_asset_ops_port),
            },
            f"http://127.0.0.1:{settings.media_asset_ops_port}/readyz",
            (media_port, settings.media_asset_ops_port),
            BLUE,
        ),
        ServiceSpec(
            "media-worker",
            "media_asset_service.worker",
            {
                **media_env("MEDIA_WORKER_"),
                "MEDIA_WORKER_HTTP__PORT": str(settings.media_worker_ops_port),
            },
            f"http://127.0.0.1:{settings.media_worker_ops_port}/readyz",
            (settings.media_worker_ops_port,),
            BLUE,
        ),
        ServiceSpec(
            "content",
            "content_service",
            {
                "CONTENT_LOG__JSON": "false",
                "CONTENT_GRPC__PORT": str(content_port),
                "CONTENT_HTTP__PORT": str(settings.content_ops_port),
                "CONTENT_DB__URL": settings.database_url("newsroom_content"),
                "CONTENT_KAFKA__BOOTSTRAP": settings.kafka_bootstrap,
                "CONTENT_KAFKA__GROUP_INSTANCE_ID": f"content-{host}-{content_port}",
                "CONTENT_IDENTITY__SECRET": secret,
                "CONTENT_MEDIA_ASSET_TARGET": settings.media_asset_target,
            },
            f"http://127.0.0.1:{settings.content_ops_port}/readyz",
            (content_port, settings.content_ops_port),
            CYAN,
        ),
        ServiceSpec(
            "editorial-approval",
            "editorial_approval_service",
            {
                "EDITORIAL_APPROVAL_LOG__JSON": "false",
                "EDITORIAL_APPROVAL_GRPC__PORT": str(editorial_port),
                "EDITORIAL_APPROVAL_HTTP__PORT": str(settings.editorial_ops_port),
                "EDITORIAL_APPROVAL_DB__URL": settings.database_url("newsroom_editorial_approval"),
                "EDITORIAL_APPROVAL_KAFKA__BOOTSTRAP": settings.kafka_bootstrap,
                "EDITORIAL_APPROVAL_KAFKA__GROUP_INSTANCE_ID": (
                    f"editorial-approval-{host}-{editorial_port}"
                ),
                "EDITORIAL_APPROVAL_IDENTITY__SECRET": secret,
                "EDITORIAL_APPROVAL_CONTENT_TARGET": settings.content_target,
            },
            f"http://127.0.0.1:{settings.editorial_ops_port}/readyz",
            (editorial_port, settings.editorial_ops_port),
            MAGENTA,
        ),
        ServiceSpec(
            "gateway",
            "gateway",
            {
                "GATEWAY_LOG__JSON": "false",
                "GATEWAY_HTTP__PORT": str(gateway_port),
                "GATEWAY_CONTENT__TARGET": settings.content_target,
                "GATEWAY_EDITORIAL__TARGET": settings.editorial_target,
                "GATEWAY_MEDIA__TARGET": settings.media_asset_target,
                "GATEWAY_KAFKA__BOOTSTRAP": settings.kafka_bootstrap,
                "GATEWAY_IDENTITY__SECRET": secret,
                "GATEWAY_KEYCLOAK__URL": settings.keycloak_url,
                "GATEWAY_KEYCLOAK__REALM": settings.keycloak_realm,
                "GATEWAY_CORS__ORIGINS": json.dumps([app_url(settings)]),
                "GATEWAY_PUBLIC__PORTAL_URL": settings.portal_url,
            },
            f"{settings.gateway_url.rstrip('/')}/readyz",
            (gateway_port,),
            YELLOW,
        ),
        ServiceSpec(
            "portal",
            "portal",
            {
                "PORTAL_LOG__JSON": "false",
                "PORTAL_WEB__PORT": str(portal_port),
                "PORTAL_HTTP__PORT": str(settings.portal_ops_port),
                "PORTAL_GATEWAY__URL": settings.gateway_url,
                "PORTAL_KAFKA__BOOTSTRAP": settings.kafka_bootstrap,
                "PORTAL_OIDC__URL": settings.keycloak_url,
                "PORTAL_OIDC__REALM": settings.keycloak_realm,
            },
            f"http://127.0.0.1:{portal_port}/readyz",
            (portal_port, settings.portal_ops_port),
            GREEN,
        ),
        newsroom_app_spec(settings),
    ]
    return specs


APP_SERVER = Path("web") / "newsroom" / "serve.py"


def app_url(settings: CliSettings) -> str:
    return f"http://127.0.0.1:{settings.app_port}"


def newsroom_app_spec(settings: CliSettings) -> ServiceSpec:
    """The newsroom app's built files (make web-build) behind its small static server."""
    return ServiceSpec(
        "newsroom-app",
        "newsroom-app",
        {
            # serve.py's settings, named as the chart's `newsroom` component writes them
            "NEWSROOM_APP_HTTP__PORT": str(settings.app_port),
            "NEWSROOM_APP_GATEWAY_URL": settings.gateway_url.rstrip("/"),
            "NEWSROOM_APP_OIDC__URL": settings.keycloak_url,
            "NEWSROOM_APP_OIDC__REALM": settings.keycloak_realm,
            "NEWSROOM_APP_OIDC__CLIENT_ID": settings.keycloak_web_client,
            # Uploads are PUT straight to the store (presigned URLs): CSP connect-src.
            "NEWSROOM_APP_STORAGE_URL": f"http://{settings.s3_endpoint}",
        },
        f"{app_url(settings)}/healthz",
        (settings.app_port,),
        BOLD,
        script=repo_root() / APP_SERVER,
    )


def register_app_origin(settings: CliSettings, out: Reporter) -> bool:
    """The app's origin as a web origin of newsroom-web, so its browser may call Keycloak's
    token endpoint (newsroom_cli.webapp says why the realm file cannot say it)."""
    from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
    from keycloak.exceptions import KeycloakError

    from newsroom_cli import webapp

    origin = app_url(settings)
    try:
        admin = KeycloakAdmin(
            connection=KeycloakOpenIDConnection(
                server_url=settings.keycloak_url.rstrip("/") + "/",
                username=settings.keycloak_admin,
                password=settings.keycloak_admin_password.get_secret_value(),
                realm_name=settings.keycloak_realm,
                user_realm_name="master",
                client_id="admin-cli",
                timeout=10,
            )
        )
        added = webapp.allow_app_origins(admin, [origin])
    except (KeycloakError, RuntimeError, ValueError) as exc:
        out.step(
            Outcome.WARNING,
            "newsroom-app",
            f"không đăng ký được nguồn {origin} với Keycloak (could not register the app's "
            f"origin; sign-in will fail): {exc}",
        )
        return False
    out.step(
        Outcome.CREATED if added else Outcome.ALREADY_THERE,
        "newsroom-app",
        f"nguồn web {origin} của {webapp.WEB_CLIENT} (web origin registered)",
    )
    return True


def importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


# --- child processes ------------------------------------------------------------------


@dataclass
class Child:
    spec: ServiceSpec
    process: subprocess.Popen[bytes]
    pump: threading.Thread

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def process_alive(self) -> bool:
        return self.alive


@dataclass
class Supervisor:
    """Starts children with line-prefixed output and stops them gracefully."""

    out: Reporter
    cwd: Path
    children: list[Child] = field(default_factory=list)
    prefix_width: int = 18

    def prefix(self, name: str, colour: str) -> str:
        return self.out.paint(f"{name:<{self.prefix_width}} │ ", colour)

    def start(self, spec: ServiceSpec) -> Child:
        env = dict(os.environ)
        for key, value in spec.env.items():
            env.setdefault(key, value)
        env["PYTHONUNBUFFERED"] = "1"
        process = subprocess.Popen(
            spec.argv,
            cwd=self.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert process.stdout is not None
        pump = threading.Thread(
            target=self._pump,
            args=(process.stdout, self.prefix(spec.name, spec.colour)),
            name=f"log-{spec.name}",
            daemon=True,
        )
        pump.start()
        child = Child(spec, process, pump)
        self.children.append(child)
        return child

    def _pump(self, stream: IO[bytes], prefix: str) -> None:
        for raw in iter(stream.readline, b""):
            self.out.line(prefix + raw.decode("utf-8", "replace").rstrip("\r\n"))
        stream.close()

    def dead(self) -> list[Child]:
        return [c for c in self.children if not c.alive]

    def stop(self, grace_s: float = STOP_GRACE_S, force: threading.Event | None = None) -> None:
        """SIGTERM each child's group in reverse start order, wait, then SIGKILL.

        ``force`` (a second Ctrl-C) cuts the grace period short.
        """
        force = force or threading.Event()
        for child in reversed(self.children):
            if child.alive:
                self.out.line(self.note(f"dừng (stopping) {child.spec.name}…"))
                _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        while any(c.alive for c in self.children) and time.monotonic() < deadline:
            if force.wait(POLL_S):
                self.out.line(self.note("dừng ngay (Ctrl-C again: killing now)"))
                break
        for child in reversed(self.children):
            if child.alive:
                self.out.line(self.note(f"{child.spec.name} chưa dừng, SIGKILL (did not stop)"))
                _signal_group(child.process, signal.SIGKILL)
            child.process.wait()
        for child in self.children:
            child.pump.join(timeout=2)
            self.out.line(
                self.note(f"đã dừng (stopped) {child.spec.name}, {exit_status(child.process)}")
            )

    def note(self, text: str) -> str:
        return self.prefix("newsroom", BOLD) + text


def exit_status(process: subprocess.Popen[bytes]) -> str:
    code = process.returncode
    if code is not None and code < 0:
        return f"exit {signal.Signals(-code).name}"
    return f"exit {code}"


def _signal_group(process: subprocess.Popen[bytes], signum: signal.Signals) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


SIGNAL_ECHO_S = 1.0


@contextmanager
def stop_signals(stop: threading.Event, force: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (a second one ``force``) instead of raising.

    One Ctrl-C in a terminal reaches us more than once (the terminal signals the whole
    foreground group, and ``uv run`` forwards it too), so a repeat within a second is
    the same keypress, not a request to kill at once.
    """
    first: list[float] = []

    def handle(_signum: int, _frame: FrameType | None) -> None:
        now = time.monotonic()
        if stop.is_set() and first and now - first[0] > SIGNAL_ECHO_S:
            force.set()
        if not first:
            first.append(now)
        stop.set()

    previous = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our URLs
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wait_until(
    check: Callable[[], bool],
    *,
    stop: threading.Event,
    timeout_s: float,
    alive: Callable[[], bool] = lambda: True,
) -> bool:
    """Poll ``check`` until it holds; False on timeout, stop request or a dead process."""
    deadline = time.monotonic() + timeout_s
    while not stop.is_set() and alive():
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        stop.wait(POLL_S)
    return False


# --- infrastructure -------------------------------------------------------------------


def infra_problems(settings: CliSettings) -> list[str]:
    pg = urlsplit(settings.pg_dsn)
    realm = f"{settings.keycloak_url.rstrip('/')}/realms/{settings.keycloak_realm}"
    healthy = {
        "postgres": reachable(f"{pg.hostname or '127.0.0.1'}:{pg.port or 5432}"),
        "kafka": reachable(settings.kafka_bootstrap.split(",")[0]),
        "s3": reachable(settings.s3_endpoint),
        "keycloak": http_ok(f"{realm}/.well-known/openid-configuration"),
    }
    return [name for name, ok in healthy.items() if not ok]


def ensure_infra(settings: CliSettings, out: Reporter, root: Path) -> CliSettings | None:
    """The settings to use once the stack is healthy (infra.sh up when needed); None if not."""
    missing = infra_problems(settings)
    if not missing:
        out.step(
            Outcome.ALREADY_THERE,
            "hạ tầng (infrastructure)",
            "đang chạy (running)",
            collapsible=False,
        )
        return settings
    script = root / "deploy" / "local" / "infra.sh"
    if not script.exists():
        out.step(
            Outcome.FAILED,
            "hạ tầng (infrastructure)",
            f"không chạy (not running): {', '.join(missing)}; không thấy {script}",
        )
        return None
    out.line(f"• hạ tầng chưa sẵn sàng ({', '.join(missing)}): chạy {script} up …")
    result = subprocess.run([str(script), "up", "postgres", "kafka", "s3", "keycloak"], cwd=root)
    settings = CliSettings.load()
    missing = infra_problems(settings)
    if result.returncode != 0 or missing:
        out.step(
            Outcome.FAILED,
            "hạ tầng (infrastructure)",
            f"infra.sh up thất bại (failed, exit {result.returncode}); "
            f"chưa chạy (not running): {', '.join(missing) or '-'}",
        )
        return None
    out.step(Outcome.CREATED, "hạ tầng (infrastructure)", "đã khởi động (started)")
    return settings


# --- the command ----------------------------------------------------------------------


def provision_and_seed(
    settings: CliSettings, out: Reporter, *, with_seed: bool, stop: threading.Event
) -> bool:
    """Demo tenants through the same code as `newsroom tenant create`, then demo content."""
    for spec in demo.TENANTS:
        if stop.is_set():
            return False
        tenants.create_tenant(spec, settings, out)
    if with_seed:
        seed.seed(settings, out, stop=stop)
    return not out.failed


def run_dev(settings: CliSettings, out: Reporter, options: DevOptions) -> int:
    root = repo_root()
    out.collapse_unchanged = True
    ready_settings = ensure_infra(settings, out, root)
    if ready_settings is None:
        return 1
    settings = ready_settings
    if options.seed_only:
        done = provision_and_seed(settings, out, with_seed=options.seed, stop=threading.Event())
        return 0 if done else 1

    specs: list[ServiceSpec] = []
    for spec in service_specs(settings):
        if spec.name in options.skip:
            out.step(
                Outcome.ALREADY_THERE,
                spec.name,
                "bỏ qua theo yêu cầu (skipped: --skip)",
                collapsible=False,
            )
        elif spec.script is not None and not (spec.script.parent / "dist" / "index.html").exists():
            out.step(
                Outcome.WARNING,
                spec.name,
                "bỏ qua: chưa build (skipped: not built, run make web-build)",
                collapsible=False,
            )
        elif spec.script is None and not importable(spec.module):
            out.step(
                Outcome.ALREADY_THERE,
                spec.name,
                f"bỏ qua: chưa có gói {spec.module} (skipped: package not importable)",
                collapsible=False,
            )
        else:
            specs.append(spec)
    busy = [(s.name, p) for s in specs for p in s.ports if reachable(f"127.0.0.1:{p}", 0.3)]
    if busy:
        for name, port in busy:
            out.step(
                Outcome.FAILED,
                name,
                f"cổng {port} đang bị chiếm (port already in use): "
                "một `newsroom dev` khác hay dịch vụ đang chạy? (another dev runner running?)",
            )
        return 1

    stop, force = threading.Event(), threading.Event()
    supervisor = Supervisor(out, root)
    with stop_signals(stop, force):
        try:
            return _run(settings, out, options, specs, supervisor, stop)
        finally:
            supervisor.stop(force=force)


def _run(
    settings: CliSettings,
    out: Reporter,
    options: DevOptions,
    specs: list[ServiceSpec],
    supervisor: Supervisor,
    stop: threading.Event,
) -> int:
    started = {s.name for s in specs}
    for spec in specs:
        child = supervisor.start(spec)
        command = spec.script.name if spec.script else f"-m {spec.module}"
        out.line(supervisor.note(f"khởi động (starting) {spec.name}: python {command}"))
        url = spec.ready_url
        if spec.name == "gateway" and not {"content", "editorial-approval"} <= started:
            url = url.removesuffix("/readyz") + "/healthz"  # its upstreams are not all here
        ready = wait_until(
            partial(http_ok, url),
            stop=stop,
            timeout_s=READY_TIMEOUT_S,
            alive=child.process_alive,
        )
        if stop.is_set():
            return 0
        if not child.alive:
            out.step(
                Outcome.FAILED,
                spec.name,
                f"đã thoát khi khởi động (exited during start-up, {exit_status(child.process)})",
            )
            return 1
        if ready:
            out.step(Outcome.CREATED, spec.name, f"sẵn sàng (ready): {url}")
        else:
            out.step(
                Outcome.WARNING,
                spec.name,
                f"chưa sẵn sàng sau (not ready after) {READY_TIMEOUT_S:.0f}s: {url}",
            )

    if "newsroom-app" in started:
        register_app_origin(settings, out)
    if "content" in started:
        provision_and_seed(settings, out, with_seed=options.seed, stop=stop)
    else:
        out.step(
            Outcome.WARNING, "demo", "không có content: bỏ qua dữ liệu mẫu (no content service)"
        )
    if stop.is_set():
        return 0
    print_box(settings, out, started)

    while not stop.wait(0.5):
        dead = supervisor.dead()
        if dead:
            for child in dead:
                out.step(
                    Outcome.FAILED,
                    child.spec.name,
                    f"đã dừng bất ngờ (exited unexpectedly, {exit_status(child.process)}); "
                    "dừng tất cả (stopping everything)",
                )
            return 1
    return 0


def print_box(settings: CliSettings, out: Reporter, started: set[str]) -> None:
    gateway = settings.gateway_url.rstrip("/")
    public = f"{gateway}/public/v1/tenants"
    keycloak = settings.keycloak_url.rstrip("/")
    marker = demo.MARKER
    minio_login = f"{settings.s3_access_key} / " + (
        settings.s3_secret_key.get_secret_value()
        if settings.environment is Environment.DEV
        else "…"
    )
    services: list[tuple[str, str]] = []
    if "newsroom-app" in started:
        services.append(("Toà soạn (newsroom app)", app_url(settings)))
    if "portal" in started:
        portal = settings.portal_url.rstrip("/")
        services += [
            ("Cổng tin (portal)", f"{portal}/"),
            ("Trang đơn vị (tenant site)", f"{portal}/halong"),
            ("Bài viết trên cổng (article)", f"{portal}/{marker.tenant}/bai-viet/{marker.slug}"),
            ("Truyền hình (online TV)", f"{portal}/truyen-hinh"),
            ("Tìm kiếm trên cổng (search)", f"{portal}/halong/tim-kiem?q=truyen%20thong"),
        ]
    if "gateway" in started:
        services += [
            ("API docs (Swagger)", f"{gateway}/docs"),
            ("Trang chủ (public home)", f"{public}/halong/"),
            ("Bài viết (story)", f"{public}/{marker.tenant}/stories/{marker.slug}"),
            ("Tìm kiếm (search)", f"{public}/halong/search?q=an%20toan"),
            ("RSS", f"{public}/uongbi/rss.xml"),
            ("Atom", f"{public}/tkv/atom.xml"),
            ("Sitemap", f"{public}/tkv/sitemap.xml"),
        ]
    services += [
        ("Keycloak admin", f"{keycloak}/admin  (admin / admin)"),
        ("Keycloak realm", f"{keycloak}/realms/{settings.keycloak_realm}/account"),
        ("MinIO console", f"{settings.s3_console_url}  ({minio_login})"),
    ]
    metrics: list[tuple[str, str]] = []
    if "content" in started:
        metrics.append(
            (
                "content",
                f"gRPC {settings.content_target}  "
                f"http://127.0.0.1:{settings.content_ops_port}/metrics",
            )
        )
    if "editorial-approval" in started:
        metrics.append(
            (
                "editorial-approval",
                f"gRPC {settings.editorial_target}  "
                f"http://127.0.0.1:{settings.editorial_ops_port}/metrics",
            )
        )
    if "media-asset" in started:
        metrics.append(
            (
                "media-asset",
                f"gRPC {settings.media_asset_target}  "
                f"http://127.0.0.1:{settings.media_asset_ops_port}/metrics",
            )
        )
    if "media-worker" in started:
        metrics.append(
            ("media-worker", f"http://127.0.0.1:{settings.media_worker_ops_port}/metrics")
        )
    if "gateway" in started:
        metrics.append(("gateway", f"{gateway}/metrics"))
    logins = [
        (f"{login.username}", f"{demo.PASSWORD}   {login.tenant:<7} {login.role}")
        for login in demo.logins()
    ]
    # The password grant is open only on the dev realm's test client, never on newsroom-web.
    out.line(
        f"Mã truy cập cho API (an API token, client {settings.keycloak_test_client}): "
        f"curl -s -d grant_type=password -d client_id={settings.keycloak_test_client} "
        f"-d username=halong.editor -d password={demo.PASSWORD} "
        f"{keycloak}/realms/{settings.keycloak_realm}/protocol/openid-connect/token"
    )
    out.box(
        "Newsroom dev đang chạy (running) — Ctrl-C để dừng (to stop)",
        [
            services,
            metrics,
            "Đăng nhập mẫu (demo logins): người dùng / mật khẩu / đơn vị / vai trò",
            logins,
        ],
    )
