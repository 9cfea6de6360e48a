"""`newsroom dev` as a real process: it starts the real services, provisions and seeds the
demo tenants, serves the seeded story through the gateway, and stops everything on
SIGINT with exit code 0.

Isolated from a developer's running stack: free ports, fresh databases, this test's own
topics, consumer groups and bucket (all through the environment the runner passes on).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from kafka import KafkaAdminClient

from newsroom_cli import demo, webapp
from newsroom_core.localstack import Infra, reachable, repo_root
from newsroom_core.testing.run import token

pytestmark = [
    pytest.mark.keycloak,
    pytest.mark.postgres,
    pytest.mark.kafka,
    pytest.mark.s3,
    pytest.mark.slow,
    pytest.mark.heavy,
]

BOX_TITLE = "Ctrl-C để dừng (to stop)"
# make test builds the app first; a bare pytest run without a build skips that part.
APP_BUILT = (repo_root() / "web" / "newsroom" / "dist" / "index.html").exists()
START_TIMEOUT_S = 600.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Runner:
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    box_shown: threading.Event = field(default_factory=threading.Event)

    def pump(self) -> None:
        """Collects output; ``box_shown`` once the whole box (title to bottom) is printed."""
        assert self.process.stdout is not None
        in_box = False
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            in_box = in_box or BOX_TITLE in line
            if in_box and line.startswith("╰"):
                self.box_shown.set()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Ports:
    content: int
    content_ops: int
    editorial: int
    editorial_ops: int
    gateway: int
    portal: int
    portal_ops: int
    media: int
    media_ops: int
    worker_ops: int
    app: int

    def all(self) -> tuple[int, ...]:
        return (
            self.media,
            self.media_ops,
            self.worker_ops,
            self.content,
            self.content_ops,
            self.editorial,
            self.editorial_ops,
            self.gateway,
            self.portal,
            self.portal_ops,
            self.app,
        )


@pytest.fixture
def dev_run(infra: Infra, kafka_settings: object) -> Iterator[str]:
    """Names this test's topics and consumer groups (with the test run's id in them);
    both are deleted afterwards."""
    run = token()
    yield run
    admin = KafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    try:
        groups = [g["group_id"] for g in admin.list_groups() if run in g["group_id"]]
        # A stopped consumer's group empties once the broker drops its member.
        deadline = time.monotonic() + 30
        while groups and time.monotonic() < deadline:
            results = admin.delete_groups(groups)
            groups = [g for g, result in results.items() if result != "OK"]
            time.sleep(0.5 if groups else 0)
        topics = [t for t in admin.list_topics() if run in t]
        if topics:
            admin.delete_topics(topics)
    finally:
        admin.close()


@pytest.fixture
def runner(
    database_factory: Callable[[str], str], dev_run: str, bucket: str, keycloak_url: str
) -> Iterator[tuple[Runner, Ports]]:
    # The app on one of the shared test ports: the runner registers its origin in Keycloak.
    with webapp.claimed_app_port() as app_port:
        yield from _runner(database_factory, dev_run, bucket, app_port)


def _runner(
    database_factory: Callable[[str], str], dev_run: str, bucket: str, app_port: int
) -> Iterator[tuple[Runner, Ports]]:
    c, c_ops, e, e_ops, g, p, p_ops, m, m_ops, w_ops = (free_port() for _ in range(10))
    ports = Ports(c, c_ops, e, e_ops, g, p, p_ops, m, m_ops, w_ops, app_port)
    run = dev_run
    topics = {
        "content": f"test.dev-{run}.content",
        "editorial": f"test.dev-{run}.editorial",
        "social": f"test.dev-{run}.social",
        "media": f"test.dev-{run}.media",
    }
    media_db = database_factory("dev_media")
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "NEWSROOM_CONTENT_TARGET": f"127.0.0.1:{ports.content}",
        "NEWSROOM_CONTENT_OPS_PORT": str(ports.content_ops),
        "NEWSROOM_EDITORIAL_TARGET": f"127.0.0.1:{ports.editorial}",
        "NEWSROOM_EDITORIAL_OPS_PORT": str(ports.editorial_ops),
        "NEWSROOM_GATEWAY_URL": f"http://127.0.0.1:{ports.gateway}",
        "NEWSROOM_PORTAL_URL": f"http://127.0.0.1:{ports.portal}",
        "NEWSROOM_PORTAL_OPS_PORT": str(ports.portal_ops),
        "NEWSROOM_APP_PORT": str(ports.app),
        "NEWSROOM_S3_BUCKET": bucket,
        "NEWSROOM_MEDIA_ASSET_TARGET": f"127.0.0.1:{ports.media}",
        "NEWSROOM_MEDIA_ASSET_OPS_PORT": str(ports.media_ops),
        "NEWSROOM_MEDIA_WORKER_OPS_PORT": str(ports.worker_ops),
        "MEDIA_ASSET_DB__URL": media_db,
        "MEDIA_ASSET_SERVICE_NAME": f"media-asset-test-{run}",
        "MEDIA_ASSET_EVENTS_TOPIC": topics["media"],
        "MEDIA_ASSET_CONTENT_EVENTS_TOPIC": topics["content"],
        "MEDIA_WORKER_DB__URL": media_db,
        "MEDIA_WORKER_SERVICE_NAME": f"media-worker-test-{run}",
        "MEDIA_WORKER_EVENTS_TOPIC": topics["media"],
        "CONTENT_MEDIA_EVENTS_TOPIC": topics["media"],
        # Service settings the runner would otherwise default: this test's own resources.
        "CONTENT_DB__URL": database_factory("dev_content"),
        "CONTENT_SERVICE_NAME": f"content-test-{run}",
        "CONTENT_EVENTS_TOPIC": topics["content"],
        "CONTENT_EDITORIAL_TOPIC": topics["editorial"],
        "EDITORIAL_APPROVAL_DB__URL": database_factory("dev_editorial"),
        "EDITORIAL_APPROVAL_SERVICE_NAME": f"editorial-approval-test-{run}",
        "EDITORIAL_APPROVAL_EVENTS_TOPIC": topics["editorial"],
        "EDITORIAL_APPROVAL_CONTENT_EVENTS_TOPIC": topics["content"],
        "EDITORIAL_APPROVAL_SOCIAL_EVENTS_TOPIC": topics["social"],
        "GATEWAY_CACHE__EVENTS_TOPIC": topics["content"],
        "GATEWAY_CACHE__GROUP_PREFIX": f"gateway-test-{run}",
        "GATEWAY_LIVE__EVENTS_TOPIC": topics["editorial"],
        "GATEWAY_LIVE__CLIENT_PREFIX": f"gateway-live-test-{run}",
        "PORTAL_CACHE__EVENTS_TOPIC": topics["content"],
        "PORTAL_CACHE__CLIENT_PREFIX": f"portal-test-{run}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom_cli", "dev"],
        cwd=repo_root(),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    found = Runner(process)
    pump = threading.Thread(target=found.pump, daemon=True)
    pump.start()
    yield found, ports
    if process.poll() is None:  # the test failed before stopping it
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    pump.join(timeout=10)


def eventually(check: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


# Above START_TIMEOUT_S: starting six services and transcoding the demo media on a loaded
# machine may take most of it, and the stop must still be seen.
@pytest.mark.timeout(START_TIMEOUT_S + 240)
def test_dev_runs_provisions_seeds_serves_and_stops_cleanly_on_ctrl_c(
    runner: tuple[Runner, Ports], keycloak_url: str
) -> None:
    dev, ports = runner

    shown = dev.box_shown.wait(START_TIMEOUT_S)

    assert shown and dev.process.poll() is None, dev.output
    output = dev.output
    for name in (
        "media-asset",
        "media-worker",
        "content",
        "editorial-approval",
        "gateway",
        "portal",
    ):
        assert f"✓ {name}: sẵn sàng (ready)" in output, output
        # Each service's own log lines, prefixed with its name, in text (not JSON) format.
        prefixed = [line for line in dev.lines if line.startswith(f"{name:<18} │ ")]
        assert prefixed, output
        assert not any(line.split("│ ", 1)[1].startswith("{") for line in prefixed)
    assert not [line for line in dev.lines if line.startswith("✗ ")], output
    for story in demo.STORIES:
        assert f"«{story.headline}»: → {demo.STATE_LABELS[story.target]}" in output
    for login in demo.logins():
        assert login.username in output
    assert f"http://127.0.0.1:{ports.gateway}/docs" in output
    # API tokens come from the dev realm's test client, never from newsroom-web
    assert "grant_type=password -d client_id=newsroom-test " in output
    if APP_BUILT:
        # The newsroom app's static server, pointed at this runner's gateway.
        assert f"http://127.0.0.1:{ports.app}" in output
        config = httpx.get(f"http://127.0.0.1:{ports.app}/config.json").json()
        assert config["apiBase"] == f"http://127.0.0.1:{ports.gateway}"
        preflight = httpx.options(
            f"http://127.0.0.1:{ports.gateway}/v1/me",
            headers={
                "Origin": f"http://127.0.0.1:{ports.app}",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert preflight.headers["access-control-allow-origin"] == f"http://127.0.0.1:{ports.app}"
        # ... and Keycloak lets the app's browser call its token endpoint from there.
        token = httpx.post(
            f"{keycloak_url.rstrip('/')}/realms/newsroom/protocol/openid-connect/token",
            headers={"Origin": f"http://127.0.0.1:{ports.app}"},
            data={"grant_type": "authorization_code", "client_id": "newsroom-web", "code": "x"},
        )
        assert token.json().get("error") == "invalid_grant", token.text  # not "Invalid origin"
        assert token.headers["access-control-allow-origin"] == f"http://127.0.0.1:{ports.app}"

    for port in (ports.content_ops, ports.editorial_ops, ports.media_ops, ports.worker_ops):
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200
    marker = demo.MARKER
    story_url = (
        f"http://127.0.0.1:{ports.gateway}/public/v1/tenants/{marker.tenant}/stories/{marker.slug}"
    )
    # Published through Kafka: editorial -> content -> the gateway's public API.
    assert eventually(lambda: httpx.get(story_url).status_code == 200), output
    assert httpx.get(story_url).json()["headline"] == marker.headline
    # The portal serves it on the printed URL, and the gateway's feeds link there.
    article = f"http://127.0.0.1:{ports.portal}/{marker.tenant}/bai-viet/{marker.slug}"
    assert article in output
    assert eventually(lambda: httpx.get(article).status_code == 200), output
    assert marker.headline in httpx.get(article).text
    feed = httpx.get(f"http://127.0.0.1:{ports.gateway}/public/v1/tenants/{marker.tenant}/rss.xml")
    # The demo video, transcoded on start, is on the portal's story with its HLS ladder.
    video = next(s for s in demo.STORIES if s.type == demo.VIDEO and s.media)
    video_url = (
        f"http://127.0.0.1:{ports.gateway}/public/v1/tenants/{video.tenant}/stories/{video.slug}"
    )
    assert eventually(lambda: httpx.get(video_url).status_code == 200), output
    [item] = httpx.get(video_url).json()["media"]
    assert item["kind"] == "video" and item["hls_url"].endswith("/hls/master.m3u8")
    master = httpx.get(item["hls_url"])
    assert master.status_code == 200 and "#EXT-X-STREAM-INF" in master.text
    assert f"<link>{article}</link>" in feed.text

    dev.process.send_signal(signal.SIGINT)

    assert dev.process.wait(timeout=90) == 0, dev.output
    assert "đã dừng (stopped) content" in dev.output
    assert not [p for p in ports.all() if reachable(f"127.0.0.1:{p}", 0.5)]
