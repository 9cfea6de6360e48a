"""The whole platform behind a real portal, for the portal's HTTP and browser tests.

Content and editorial-approval run in-process on fresh databases and this run's own event
topics; the gateway and the portal are real uvicorn servers on free loopback ports (the
browser talks to the portal, the portal to the gateway over HTTP, exactly as deployed).
Tenants and stories are made the way ``make dev`` makes its demo: ``newsroom_cli``'s
provisioning and seed, as the demo users of the real Keycloak, walked through the real
approval workflow. ``uongbi`` has its own hostname (``uongbi.localhost``: browsers resolve
``*.localhost`` to loopback).
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
import uvicorn
from keycloak.exceptions import KeycloakError

from content_service.consumers import PURPOSE as CONTENT_PURPOSE
from content_service.settings import ContentSettings
from content_service.wiring import ContentProcess
from content_service.wiring import assemble as assemble_content
from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.wiring import EditorialProcess
from editorial_approval_service.wiring import assemble as assemble_editorial
from gateway.main import create_app as create_gateway
from gateway.settings import CacheSettings, GatewaySettings, PublicSettings, UpstreamSettings
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom_cli import demo, seed, tenants
from newsroom_cli.clients import Services, as_system
from newsroom_cli.keycloak_admin import Directory, connect
from newsroom_cli.output import Reporter
from newsroom_cli.settings import CliSettings
from newsroom_core.auth import KeycloakSettings
from newsroom_core.grpc.metadata import acting_as
from newsroom_core.localstack import Infra, repo_root
from newsroom_core.settings import (
    DbSettings,
    GrpcSettings,
    HttpSettings,
    KafkaSettings,
    OutboxSettings,
)
from newsroom_core.testing.run import token
from newsroom_testkit.gateway import admin_client
from portal.app import Portal
from portal.app import create_app as create_portal
from portal.settings import GatewaySettings as PortalGatewaySettings
from portal.settings import OidcSettings, PageCacheSettings, PortalSettings

RUN = uuid.uuid4().hex[:6]
P = demo.Target.PUBLISHED
VIDEO_ASSET = "7d1c2b3a-4e5f-4a6b-9c8d-0e1f2a3b4c05"
GALLERY_ASSET = "8e2d3c4b-5f6a-4b7c-8d9e-1f2a3b4c5d06"
AUDIO_ASSET = "9f3e4d5c-6a7b-4c8d-9e0f-2a3b4c5d6e07"


def _story(tenant: str, slug: str, headline: str, **fields: Any) -> demo.DemoStory:
    return demo.DemoStory(
        tenant=tenant,
        slug=slug,
        headline=headline,
        target=fields.pop("target", P),
        summary=fields.pop("summary", f"Tóm tắt: {headline}"),
        paragraphs=fields.pop("paragraphs", (f"Nội dung bài «{headline}».",)),
        byline=fields.pop("byline", "Phóng viên Newsroom"),
        **fields,
    )


# What the portal's tests read: every page type, in the order the seed makes them.
STORIES: tuple[demo.DemoStory, ...] = (
    _story("tkv", "tap-doan-tong-ket-nam", "Tập đoàn tổng kết một năm sản xuất an toàn"),
    _story(
        "tkv",
        "lich-giao-ban-noi-bo-tuan-nay",
        "Lịch giao ban nội bộ tuần này",
        internal=True,
        summary="Chỉ dành cho cán bộ, nhân viên.",
    ),
    _story(
        "halong",
        "than-ha-long-day-manh-truyen-thong-an-toan-lao-dong",
        "Than Hạ Long đẩy mạnh truyền thông an toàn lao động",
        tags=("an toàn lao động", "truyền thông nội bộ"),
        paragraphs=(
            "Công ty vừa khởi động chương trình truyền thông an toàn lao động năm nay.",
            "Mỗi ca sản xuất bắt đầu bằng 10 phút trao đổi về rủi ro.",
        ),
    ),
    _story("halong", "sang-kien-tiet-kiem-dien", "Sáng kiến tiết kiệm điện ở phân xưởng cơ điện"),
    _story(
        "halong",
        "dao-tao-tho-lo-moi",
        "Đào tạo thợ lò mới theo chuẩn an toàn",
        tags=("an toàn lao động", "đào tạo"),
    ),
    _story(
        "halong", "ha-long-coal-safety-week", "Ha Long Coal opens its safety week", language="en"
    ),
    _story(
        "halong",
        "san-luong-than-thang-muoi",
        "Sản lượng than tháng 10 đạt 450 nghìn tấn",
        target=demo.Target.CORRECTED,
        note="Đính chính: 450 nghìn tấn, không phải 540 nghìn tấn.",
        corrected_paragraph="Sản lượng than tháng 10 đạt 450 nghìn tấn.",
    ),
    _story("halong", "thong-bao-se-duoc-go", "Thông báo tạm dừng băng tải số 2"),
    _story(
        "halong",
        "video-ca-dem-bang-tai",
        "Video: ca đêm trên tuyến băng tải",
        type=demo.VIDEO,
        section="video",
        media=((VIDEO_ASSET, "Ca đêm ở tuyến băng tải chính", ""),),
    ),
    _story(
        "halong",
        "anh-ngay-hoi-tho-mo",
        "Ảnh: ngày hội thợ mỏ",
        type=demo.GALLERY,
        section="anh",
        media=((GALLERY_ASSET, "Ngày hội thợ mỏ", "Ảnh: Newsroom"),),
    ),
    _story(
        "halong",
        "ban-tin-phat-thanh-so-1",
        "Bản tin phát thanh số 1",
        section="phat-thanh",
        media=((AUDIO_ASSET, "Bản tin phát thanh số 1", ""),),
    ),
    _story("uongbi", "uong-bi-hoan-thanh-dai-tu", "Uông Bí hoàn thành đại tu tổ máy số 1"),
    _story(
        "halong",
        "tin-da-bi-go",
        "Tin đã bị gỡ",
        target=demo.Target.RETRACTED,
        note="Thông tin chưa được kiểm chứng.",
    ),
)
OWN_HOST = "uongbi.localhost"
REALM_FILE = repo_root() / "deploy" / "local" / "keycloak" / "newsroom-realm.json"
ARTIFACTS = repo_root() / ".artifacts" / "web"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadServer:
    """A uvicorn server on its own thread and event loop (lifespan included)."""

    def __init__(self, app: Any, port: int) -> None:
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.port = port
        self.thread = threading.Thread(target=self._run, name=f"uvicorn-{port}", daemon=True)

    def _run(self) -> None:
        asyncio.run(self.server.serve())

    def start(self, ready_path: str = "/healthz", timeout_s: float = 60) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.server.started:
                try:
                    if httpx.get(f"http://127.0.0.1:{self.port}{ready_path}").status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
            time.sleep(0.1)
        raise RuntimeError(f"server on port {self.port} did not become ready")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


def ensure_portal_client(keycloak_url: str) -> None:
    """The realm file's ``newsroom-portal`` client in the running Keycloak.

    A fresh stack imports it with the realm; a Keycloak started from an older realm file
    (the shared stack) gets it through the admin API, from the same JSON.
    """
    realm = json.loads(REALM_FILE.read_text())
    wanted = next(c for c in realm["clients"] if c["clientId"] == "newsroom-portal")
    admin = admin_client(keycloak_url)
    if admin.get_client_id("newsroom-portal"):
        return
    try:
        admin.create_client(wanted, skip_exists=True)
    except (KeycloakError, KeyError):  # another test worker created it a moment before
        if not admin.get_client_id("newsroom-portal"):
            raise


@dataclass
class WebStack:
    portal_url: str
    gateway_url: str
    portal_port: int
    cli: CliSettings
    content: ContentProcess
    editorial: EditorialProcess
    portal: Portal
    slugs: dict[str, str]

    def url(self, path: str, *, host: str | None = None) -> str:
        if host:
            return f"http://{host}:{self.portal_port}{path}"
        return self.portal_url + path

    def editorial_call(self, method: str, username: str, **fields: Any) -> Any:
        """An editorial-approval call as a demo user (by Keycloak identity)."""
        who = Directory(connect(self.cli)).identity(username)
        assert who is not None, username
        request = getattr(editorial_pb, f"{method}Request")(**fields)
        with Services(self.cli) as services, acting_as(who):
            return getattr(services.editorial, method)(request)

    def story_id(self, tenant: str, slug: str) -> str:
        with Services(self.cli) as services, as_system():
            page = services.content.ListStories(
                content_pb.ListStoriesRequest(tenant=tenant, page_size=200)
            )
        return next(str(s.id) for s in page.stories if s.slug == slug)


@pytest.fixture(scope="session")
def web_stack(
    infra: Infra,
    database_factory: Callable[[str], str],
    kafka_settings: KafkaSettings,
    topic_factory: Callable[..., str],
    keycloak_url: str,
) -> Iterator[WebStack]:
    ensure_portal_client(keycloak_url)
    content_topic, editorial_topic = topic_factory("web-content"), topic_factory("web-editorial")
    content = assemble_content(
        ContentSettings(
            db=DbSettings(url=database_factory("web_content")),
            kafka=kafka_settings,
            grpc=GrpcSettings(port=0, shutdown_grace_s=1),
            http=HttpSettings(port=0),
            outbox=OutboxSettings(poll_interval_s=0.05),
            events_topic=content_topic,
            editorial_topic=editorial_topic,
            media_events_topic=topic_factory("web-media"),
        ),
        consumer_purpose=f"{CONTENT_PURPOSE}-web-{RUN}",
        media_purpose=f"media-web-{token()}",
    )
    content.runtime.start()
    editorial = assemble_editorial(
        EditorialApprovalSettings(
            db=DbSettings(url=database_factory("web_editorial")),
            kafka=kafka_settings,
            grpc=GrpcSettings(port=0, shutdown_grace_s=1),
            http=HttpSettings(port=0),
            outbox=OutboxSettings(poll_interval_s=0.05),
            content_target=content.address,
            events_topic=editorial_topic,
            content_events_topic=content_topic,
        ),
        consumer_purpose=f"workflow-web-{RUN}",
    )
    editorial.runtime.start()
    servers: list[ThreadServer] = []
    try:
        gateway_port, portal_port = free_port(), free_port()
        portal_url = f"http://127.0.0.1:{portal_port}"
        gateway = ThreadServer(
            create_gateway(
                GatewaySettings(
                    content=UpstreamSettings(target=content.address),
                    editorial=UpstreamSettings(target=editorial.address),
                    keycloak=KeycloakSettings(url=keycloak_url),
                    kafka=kafka_settings,
                    cache=CacheSettings(events_topic=content_topic, group_prefix="web-tests.cache"),
                    public=PublicSettings(portal_url=portal_url, tenant_hosts={"uongbi": OWN_HOST}),
                )
            ),
            gateway_port,
        ).start()
        servers.append(gateway)
        portal_app = create_portal(
            PortalSettings(
                gateway=PortalGatewaySettings(url=f"http://127.0.0.1:{gateway_port}"),
                kafka=kafka_settings,
                cache=PageCacheSettings(
                    events_topic=content_topic, client_prefix="web-tests.pages"
                ),
                oidc=OidcSettings(url=keycloak_url),
                page_size=2,
            )
        )
        portal = ThreadServer(portal_app, portal_port).start("/readyz")
        servers.append(portal)

        cli = CliSettings(
            keycloak_url=keycloak_url,
            pg_dsn=infra["NEWSROOM_PG_DSN"],
            kafka_bootstrap=kafka_settings.bootstrap,
            s3_endpoint=infra["NEWSROOM_S3_ENDPOINT"],
            content_target=content.address,
            editorial_target=editorial.address,
            gateway_url=f"http://127.0.0.1:{gateway_port}",
            portal_url=portal_url,
        )
        out = Reporter(stream=io.StringIO(), colour=False)
        for spec in demo.TENANTS:
            tenants.create_tenant(spec, cli, out)
        seed.seed(cli, out, STORIES)
        log = out.stream.getvalue()  # type: ignore[attr-defined]
        assert not out.failed, log
        stack = WebStack(
            portal_url=portal_url,
            gateway_url=cli.gateway_url,
            portal_port=portal_port,
            cli=cli,
            content=content,
            editorial=editorial,
            portal=portal_app,
            slugs={s.slug: s.tenant for s in STORIES},
        )
        _wait_published(stack)
        yield stack
    finally:
        for server in reversed(servers):
            server.stop()
        editorial.runtime.stop()
        content.runtime.stop()


def _wait_published(stack: WebStack, timeout_s: float = 60) -> None:
    """Publication is asynchronous (editorial event -> content): wait for the last story."""
    last = [s for s in STORIES if s.target is demo.Target.PUBLISHED and not s.internal][-1]
    url = f"{stack.gateway_url}/public/v1/tenants/{last.tenant}/stories/{last.slug}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if httpx.get(url).status_code == 200:
            return
        time.sleep(0.2)
    raise AssertionError(f"{last.slug} never reached the public API")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def rpc_ok(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except grpc.RpcError as exc:  # pragma: no cover - a failing call fails the test
        raise AssertionError(str(exc)) from exc
