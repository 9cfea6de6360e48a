"""Browser tests of the newsroom app: the built app (web/newsroom/dist) behind its own
static server, the real gateway over HTTP (uvicorn, with CORS and the live stream), this suite's own
content and editorial-approval services (``stack_factory`` in tests/conftest.py), the real
Keycloak login page, and the machine's
Chromium driven by Playwright (never `playwright install`).

Screenshots of every step go to ``.artifacts/web/newsroom-app/<test>/`` (git-ignored);
every screenshot step also runs axe-core and fails on a serious or critical violation.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from gateway.settings import CorsSettings, GatewaySettings
from newsroom_cli import webapp
from newsroom_core.localstack import Infra, repo_root
from newsroom_core.settings import KafkaSettings
from newsroom_testkit.gateway import admin_client, served_gateway
from newsroom_testkit.servers import ThreadServer, free_port
from portal.app import create_app as create_portal
from portal.settings import GatewaySettings as PortalGatewaySettings
from portal.settings import OidcSettings, PageCacheSettings, PortalSettings

pytestmark = [pytest.mark.browser]

AXE = webapp.APP_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("NEWSROOM_ARTIFACTS", repo_root() / ".artifacts" / "web"))
BLOCKING = ("serious", "critical")
# The machine is shared (2 cores, other suites running): waits are generous, never timed.
expect.set_options(timeout=20_000)


@dataclass
class Servers:
    gateway_url: str
    app_url: str
    keycloak_url: str
    portal_url: str


@pytest.fixture(scope="package")
def stack(stack_factory: Callable[[str], AbstractContextManager[Any]]) -> Iterator[Any]:
    with stack_factory("app") as stack:
        yield stack


@pytest.fixture(scope="package")
def gateway_settings(
    stack: object, gateway_settings_factory: Callable[[object, str], GatewaySettings]
) -> GatewaySettings:
    return gateway_settings_factory(stack, "app.gateway.cache")


@pytest.fixture(scope="package")
def app_port() -> Iterator[int]:
    with webapp.claimed_app_port() as port:
        yield port


@pytest.fixture(scope="package")
def servers(
    gateway_settings: GatewaySettings,
    keycloak_url: str,
    app_port: int,
    infra: Infra,
    kafka_settings: KafkaSettings,
    portal_client: None,
) -> Iterator[Servers]:
    if not (webapp.DIST / "index.html").exists():
        pytest.fail("web/newsroom/dist is missing: run `make web-build` (make test-web does)")
    app_url = f"http://127.0.0.1:{app_port}"
    webapp.allow_app_origins(admin_client(keycloak_url), webapp.shared_origins())
    portal_port = free_port()
    portal_url = f"http://127.0.0.1:{portal_port}"
    public = gateway_settings.public.model_copy(update={"portal_url": portal_url})
    settings = gateway_settings.model_copy(
        update={"cors": CorsSettings(origins=[app_url]), "public": public}
    )
    with served_gateway(settings) as gateway_url:
        # The portal renders the app's previews (its /xem-truoc/ route), reading this gateway.
        portal = ThreadServer(
            create_portal(
                PortalSettings(
                    gateway=PortalGatewaySettings(url=gateway_url),
                    kafka=kafka_settings,
                    cache=PageCacheSettings(
                        events_topic=gateway_settings.cache.events_topic,
                        client_prefix="app-tests.pages",
                    ),
                    oidc=OidcSettings(url=keycloak_url),
                )
            ),
            portal_port,
        ).start("/readyz")
        try:
            with webapp.served_app(
                app_port,
                api_base=gateway_url,
                keycloak_url=keycloak_url,
                # Media uploads are PUT straight to the store's presigned URLs.
                storage_url=f"http://{infra['NEWSROOM_S3_ENDPOINT']}",
                portal_url=portal_url,
            ) as served:
                assert served == app_url
                yield Servers(gateway_url, app_url, keycloak_url.rstrip("/"), portal_url)
        finally:
            portal.stop()


# Module scope, not session: sync Playwright keeps an event loop running while it is
# open, and the async (anyio) tests that share this worker process need it closed.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(webapp.CHROMIUM).exists():
        pytest.fail(f"{webapp.CHROMIUM} missing: make infra-up installs it (component media)")
    chromium = playwright.chromium.launch(
        executable_path=webapp.CHROMIUM, args=webapp.CHROMIUM_ARGS
    )
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
        context.set_default_timeout(40_000)
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
        webapp.keycloak_sign_in(page, servers.app_url, servers.keycloak_url, username)

    return run
