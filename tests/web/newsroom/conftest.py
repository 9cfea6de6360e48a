"""Browser tests of the newsroom app: the built app (web/newsroom/dist) behind its own
static server, the real gateway over HTTP (uvicorn, with CORS and the live stream), the
real services from tests/conftest.py, the real Keycloak login page, and the machine's
Chromium driven by Playwright (never `playwright install`).

Screenshots of every step go to ``.local/artifacts/newsroom-app/<test>/`` (git-ignored);
every screenshot step also runs axe-core and fails on a serious or critical violation.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from gateway.main import create_app
from gateway.settings import CorsSettings, GatewaySettings
from gateway.testing import WEB_CLIENT, admin_client
from newsroom_core.localstack import repo_root

pytestmark = [pytest.mark.browser]

APP_DIR = repo_root() / "web" / "newsroom"
DIST = APP_DIR / "dist"
AXE = APP_DIR / "node_modules" / "axe-core" / "axe.min.js"
# Registered as redirect URIs of the newsroom-web client (deploy/local/keycloak): the
# browser tests' app server takes the first free one.
APP_PORTS = range(18181, 18189)
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("NEWSROOM_ARTIFACTS", repo_root() / ".local" / "artifacts"))
PASSWORD = "demo1234"
BLOCKING = ("serious", "critical")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer 200 within {timeout_s}s")


@dataclass
class Servers:
    gateway_url: str
    app_url: str
    keycloak_url: str


@pytest.fixture(scope="session")
def app_port() -> Iterator[int]:
    """A free port among the registered ones, held by a lock file across test processes."""
    locks = ARTIFACTS / ".ports"
    locks.mkdir(parents=True, exist_ok=True)
    for port in APP_PORTS:
        lock = locks / f"{port}.lock"
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _stale(lock):
                lock.unlink(missing_ok=True)
                try:
                    fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                except FileExistsError:
                    continue
            else:
                continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                os.close(fd)
                lock.unlink(missing_ok=True)
                continue
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        try:
            yield port
        finally:
            lock.unlink(missing_ok=True)
        return
    pytest.fail(f"no free app port in {APP_PORTS.start}-{APP_PORTS.stop - 1} (see {locks})")


def _stale(lock: Path) -> bool:
    try:
        pid = int(lock.read_text() or "0")
    except (OSError, ValueError):
        return True
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def allow_app_origin(keycloak_url: str, app_url: str) -> None:
    """The realm file lists the browser tests' ports as redirect URIs of newsroom-web, and
    Keycloak derives the token endpoint's CORS origins from them. A Keycloak imported from
    an older realm file lacks them: add this origin (idempotent, loopback only)."""
    admin = admin_client(keycloak_url)
    client_id = admin.get_client_id(WEB_CLIENT)
    assert client_id, f"client {WEB_CLIENT} missing from the realm"
    client = admin.get_client(client_id)
    redirects, origins = list(client.get("redirectUris", [])), list(client.get("webOrigins", []))
    if f"{app_url}/*" in redirects and (app_url in origins or "+" in origins):
        if app_url in origins or all("*" not in uri.split("//", 1)[1] for uri in redirects):
            return
    if app_url not in origins:
        origins.append(app_url)
    if f"{app_url}/*" not in redirects:
        redirects.append(f"{app_url}/*")
    admin.update_client(client_id, {"redirectUris": redirects, "webOrigins": origins})


@pytest.fixture(scope="session")
def servers(
    gateway_settings: GatewaySettings, keycloak_url: str, app_port: int
) -> Iterator[Servers]:
    if not (DIST / "index.html").exists():
        pytest.fail("web/newsroom/dist is missing: run `make web-build` (make test-web does)")
    app_url = f"http://127.0.0.1:{app_port}"
    allow_app_origin(keycloak_url, app_url)
    settings = gateway_settings.model_copy(update={"cors": CorsSettings(origins=[app_url])})
    gateway_port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=gateway_port,
            log_level="warning",
            lifespan="on",
        )
    )
    thread = threading.Thread(target=server.run, name="gateway-http", daemon=True)
    thread.start()
    gateway_url = f"http://127.0.0.1:{gateway_port}"
    wait_http(f"{gateway_url}/readyz", 60)
    app = subprocess.Popen(
        [
            sys.executable,
            str(APP_DIR / "serve.py"),
            "--port",
            str(app_port),
            "--api",
            gateway_url,
            "--keycloak",
            keycloak_url,
            "--renew-before",
            os.environ.get("NEWSROOM_TEST_RENEW_BEFORE_S", "60"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_http(f"{app_url}/healthz")
        yield Servers(gateway_url, app_url, keycloak_url.rstrip("/"))
    finally:
        app.terminate()
        app.wait(10)
        server.should_exit = True
        thread.join(15)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: make infra-up installs chromium (component media)")
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class Steps:
    """Numbered screenshots of one test, each checked with axe-core."""

    folder: Path
    axe_source: str
    count: int = 0
    checked: list[str] = field(default_factory=list)

    def shot(self, page: Page, name: str, *, accessible: bool = True) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if accessible:
            violations = axe_violations(page, self.axe_source)
            blocking = [v for v in violations if v["impact"] in BLOCKING]
            (self.folder / f"{self.count:02d}-{name}.axe.json").write_text(
                json.dumps(violations, ensure_ascii=False, indent=2)
            )
            assert not blocking, f"axe on {name}: {json.dumps(blocking, ensure_ascii=False)}"
            self.checked.append(name)
        return path


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core in the page (evaluated over CDP, so the app's CSP does not block it)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;undefined")
    result: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {
              resultTypes: ["violations"],
              runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                "best-practice"] },
            });
            return r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
            }));
        }"""
    )
    return result


@pytest.fixture
def steps(request: pytest.FixtureRequest) -> Steps:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `make web-deps`")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder = ARTIFACTS / "newsroom-app" / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    return Steps(folder, AXE.read_text())


ContextFactory = Callable[[], BrowserContext]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture
def new_context(
    browser: Browser, request: pytest.FixtureRequest, steps: Steps
) -> Iterator[ContextFactory]:
    """Fresh browser profiles (one per person), Vietnamese locale, Vietnam time. When the
    test fails, every open page is captured with its console log."""
    made: list[BrowserContext] = []
    console: list[str] = []

    def make() -> BrowserContext:
        context = browser.new_context(
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(20_000)
        context.on(
            "page",
            lambda page: page.on("console", lambda m: console.append(f"{m.type}: {m.text}")),
        )
        made.append(context)
        return context

    yield make
    if request.node.stash.get(FAILED, False):
        for c, context in enumerate(made):
            for p, page in enumerate(context.pages):
                page.screenshot(path=str(steps.folder / f"failed-{c}-{p}.png"), full_page=True)
                (steps.folder / f"failed-{c}-{p}.url").write_text(page.url)
        (steps.folder / "console.log").write_text("\n".join(console))
    for context in made:
        context.close()


SignIn = Callable[[Page, str], None]


@pytest.fixture
def sign_in(servers: Servers) -> SignIn:
    """Through the app's button and Keycloak's own login form, back to the app."""

    def run(page: Page, username: str) -> None:
        page.goto(servers.app_url + "/")
        page.get_by_test_id("sign-in").click()
        page.wait_for_url(re.compile(re.escape(servers.keycloak_url) + ".*"))
        page.locator("#username").fill(username)
        page.locator("#password").fill(PASSWORD)
        page.locator("#kc-login").click()
        page.wait_for_url(re.compile(re.escape(servers.app_url) + "/t/.*"))
        page.get_by_test_id("user-name").wait_for()

    return run
