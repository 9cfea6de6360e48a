"""Running the built newsroom app outside a deployment: `make dev`, the browser tests and
the ``newsroom_app`` benchmark.

The app signs in with Keycloak's code flow and then calls Keycloak's token endpoint from
the browser, so its origin must be a web origin of the ``newsroom-web`` client. The realm's
``http://127.0.0.1:*`` redirect URI admits any loopback port for the redirect itself, but
Keycloak cannot derive a CORS origin from a port wildcard (``webOrigins: +`` yields none
for it): each origin the app is served from is registered through the admin API,
idempotently. ``make dev`` registers its own port; tests and the benchmark share a small
block of ports, registered all at once (so parallel runs never lose each other's update),
and a run holds one of them with a lock file under the stack's state directory, shared by
every clone that uses the same stack.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from keycloak import KeycloakAdmin

from newsroom_core.localstack import repo_root, state_dir

APP_DIR = repo_root() / "web" / "newsroom"
DIST = APP_DIR / "dist"
SERVER = APP_DIR / "serve.py"
# Where tests and benchmarks serve the app: registered as web origins of newsroom-web.
APP_PORTS = range(18181, 18189)
PORT_LOCKS = state_dir() / "app-ports"
WEB_CLIENT = "newsroom-web"
DEMO_PASSWORD = "demo1234"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
# The machine's Chromium, headless as root, with nothing phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The signed-in person's access token, as oidc-client-ts keeps it in sessionStorage.
ACCESS_TOKEN_JS = """() => {
    for (let i = 0; i < sessionStorage.length; i += 1) {
      const key = sessionStorage.key(i);
      if (key && key.startsWith("oidc.user:")) {
        return JSON.parse(sessionStorage.getItem(key)).access_token;
      }
    }
    return "";
}"""

if TYPE_CHECKING:
    from playwright.sync_api import Page


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


def _take(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        if not _stale(lock):
            return False
        lock.unlink(missing_ok=True)
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return False
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    return True


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextmanager
def claimed_app_port(locks: Path = PORT_LOCKS) -> Iterator[int]:
    """A free port of ``APP_PORTS``, held (lock file) until the block ends."""
    locks.mkdir(parents=True, exist_ok=True)
    for port in APP_PORTS:
        lock = locks / f"{port}.lock"
        if not _take(lock):
            continue
        if not _bindable(port):
            lock.unlink(missing_ok=True)
            continue
        try:
            yield port
        finally:
            lock.unlink(missing_ok=True)
        return
    raise RuntimeError(f"no free app port in {APP_PORTS.start}-{APP_PORTS.stop - 1} ({locks})")


def shared_origins() -> list[str]:
    """The origins of ``APP_PORTS``."""
    return [f"http://127.0.0.1:{port}" for port in APP_PORTS]


def allow_app_origins(admin: KeycloakAdmin, origins: list[str]) -> bool:
    """Make sure the app may call Keycloak from ``origins``; True if some had to be added.

    Loopback origins only, one update for all of them, and a no-op when they are all
    there already (the usual case: the shared stack's Keycloak keeps them until the realm
    is imported anew).
    """
    for origin in origins:
        if not re.fullmatch(r"http://(127\.0\.0\.1|localhost):\d{2,5}", origin):
            raise ValueError(f"only loopback app origins are registered: {origin}")
    client_id = admin.get_client_id(WEB_CLIENT)
    if not client_id:
        raise RuntimeError(f"client {WEB_CLIENT} missing from the realm")
    added = False
    for _ in range(5):  # someone else's update in between may drop ours: read it back
        client: dict[str, Any] = admin.get_client(client_id)
        known = list(client.get("webOrigins", []))
        missing = [o for o in origins if o not in known]
        if not missing:
            return added
        admin.update_client(client_id, {"webOrigins": known + missing})
        added = True
        time.sleep(0.2)
    raise RuntimeError(f"could not register {origins} as web origins of {WEB_CLIENT}")


def wait_http(url: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer 200 within {timeout_s:.0f}s")


@contextmanager
def served_app(
    port: int,
    *,
    api_base: str,
    keycloak_url: str,
    renew_before_s: int = 60,
    storage_url: str = "",
    portal_url: str = "",
) -> Iterator[str]:
    """web/newsroom/dist behind serve.py on ``port``; yields the app's URL."""
    if not (DIST / "index.html").exists():
        raise RuntimeError("web/newsroom/dist is missing: run `make web-build`")
    app_url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            sys.executable,
            str(SERVER),
            "--port",
            str(port),
            "--api",
            api_base,
            "--keycloak",
            keycloak_url,
            "--renew-before",
            str(renew_before_s),
            "--storage",
            storage_url,
            "--portal",
            portal_url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"{app_url}/healthz")
        yield app_url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def keycloak_sign_in(page: Page, app_url: str, keycloak_url: str, username: str) -> None:
    """Through the app's sign-in button and Keycloak's own login form, back to the app."""
    page.goto(app_url + "/")
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(re.compile(re.escape(keycloak_url.rstrip("/")) + ".*"))
    page.locator("#username").fill(username)
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("#kc-login").click()
    page.wait_for_url(re.compile(re.escape(app_url) + "/t/.*"))
    page.get_by_test_id("user-name").wait_for()


def access_token(page: Page) -> str:
    token: str = page.evaluate(ACCESS_TOKEN_JS)
    return token
