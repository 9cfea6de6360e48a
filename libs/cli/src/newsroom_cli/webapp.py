"""Running the built newsroom app outside `make dev`: for the browser tests and the
``newsroom_app`` benchmark.

The app signs in with Keycloak's code flow, so the origin it is served from must be a
redirect URI of the ``newsroom-web`` client (Keycloak also derives the token endpoint's
CORS origins from them). The realm file registers a small block of loopback ports for
this; a run takes the first free one, holding a lock file so parallel runs on one
machine never share a port.
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

from newsroom_core.localstack import repo_root

APP_DIR = repo_root() / "web" / "newsroom"
DIST = APP_DIR / "dist"
SERVER = APP_DIR / "serve.py"
# Redirect URIs of newsroom-web in deploy/local/keycloak/newsroom-realm.json.
APP_PORTS = range(18181, 18189)
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
def claimed_app_port(locks: Path) -> Iterator[int]:
    """A free port among the registered ones, held (lock file) until the block ends."""
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


def allow_app_origin(admin: KeycloakAdmin, app_url: str) -> bool:
    """Make sure ``app_url`` may sign in through newsroom-web; True if it had to be added.

    A Keycloak imported from an older realm file may lack the registered ports (the
    realm is re-imported only when its file changes on the stack's own checkout).
    Idempotent, loopback origins only.
    """
    if not app_url.startswith("http://127.0.0.1:"):
        raise ValueError(f"only loopback app origins are added: {app_url}")
    client_id = admin.get_client_id(WEB_CLIENT)
    if not client_id:
        raise RuntimeError(f"client {WEB_CLIENT} missing from the realm")
    client: dict[str, Any] = admin.get_client(client_id)
    redirects = list(client.get("redirectUris", []))
    origins = list(client.get("webOrigins", []))
    wanted = f"{app_url}/*"
    if wanted in redirects and (app_url in origins or "+" in origins):
        return False
    if wanted not in redirects:
        redirects.append(wanted)
    if app_url not in origins:
        origins.append(app_url)
    admin.update_client(client_id, {"redirectUris": redirects, "webOrigins": origins})
    return True


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
    port: int, *, api_base: str, keycloak_url: str, renew_before_s: int = 60
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
