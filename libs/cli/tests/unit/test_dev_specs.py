"""What `newsroom dev` hands each service, and the demo data's own consistency."""

from __future__ import annotations

import subprocess
import sys

from newsroom_cli import demo
from newsroom_cli.__main__ import DEV_SERVICES
from newsroom_cli.dev import exit_status, importable, service_specs
from newsroom_cli.settings import CliSettings
from newsroom_core.identity import TENANT_ROLES


def test_every_service_gets_text_logs_ports_and_the_shared_identity_key() -> None:
    settings = CliSettings(
        content_target="127.0.0.1:6001",
        content_ops_port=6101,
        editorial_target="127.0.0.1:6002",
        editorial_ops_port=6102,
        gateway_url="http://127.0.0.1:6800",
        portal_url="http://127.0.0.1:6801",
        portal_ops_port=6107,
        app_port=6802,
        media_asset_target="127.0.0.1:6003",
        media_asset_ops_port=6103,
        media_worker_ops_port=6104,
        pg_dsn="postgresql+psycopg://postgres@127.0.0.1:6432/postgres",
    )
    specs = {s.name: s for s in service_specs(settings)}

    # media first: content checks attachments there, the demo media are made before stories
    assert list(specs) == [
        "media-asset",
        "media-worker",
        "content",
        "editorial-approval",
        "gateway",
        "portal",
        "newsroom-app",
    ]
    media, worker = specs.pop("media-asset"), specs.pop("media-worker")
    assert media.ports == (6003, 6103) and worker.ports == (6104,)
    assert media.env["MEDIA_ASSET_DB__URL"] == worker.env["MEDIA_WORKER_DB__URL"], "one database"
    assert media.env["MEDIA_ASSET_DB__URL"].endswith("/newsroom_media_asset")
    content, editorial, gateway, portal, app = specs.values()
    assert content.env["CONTENT_MEDIA_ASSET_TARGET"] == "127.0.0.1:6003"
    assert gateway.env["GATEWAY_MEDIA__TARGET"] == "127.0.0.1:6003"
    assert gateway.env["GATEWAY_PUBLIC__PORTAL_URL"] == "http://127.0.0.1:6801"
    assert portal.env["PORTAL_GATEWAY__URL"] == "http://127.0.0.1:6800"
    assert (portal.env["PORTAL_WEB__PORT"], portal.env["PORTAL_HTTP__PORT"]) == ("6801", "6107")
    assert portal.ports == (6801, 6107) and portal.ready_url == "http://127.0.0.1:6801/readyz"
    specs.pop("portal")
    assert content.env["CONTENT_LOG__JSON"] == "false"
    assert editorial.env["EDITORIAL_APPROVAL_LOG__JSON"] == "false"
    assert gateway.env["GATEWAY_LOG__JSON"] == "false"
    assert content.env["CONTENT_DB__URL"].endswith("@127.0.0.1:6432/newsroom_content")
    assert editorial.env["EDITORIAL_APPROVAL_CONTENT_TARGET"] == "127.0.0.1:6001"
    assert (gateway.env["GATEWAY_CONTENT__TARGET"], gateway.env["GATEWAY_EDITORIAL__TARGET"]) == (
        "127.0.0.1:6001",
        "127.0.0.1:6002",
    )
    # static group membership: stable across a restart, distinct per runner and service
    instance_ids = (
        content.env["CONTENT_KAFKA__GROUP_INSTANCE_ID"],
        editorial.env["EDITORIAL_APPROVAL_KAFKA__GROUP_INSTANCE_ID"],
    )
    assert instance_ids == tuple(
        service_specs(settings)[i].env[k]
        for i, k in (
            (2, "CONTENT_KAFKA__GROUP_INSTANCE_ID"),
            (3, "EDITORIAL_APPROVAL_KAFKA__GROUP_INSTANCE_ID"),
        )
    )
    assert instance_ids[0].startswith("content-") and instance_ids[0].endswith("-6001")
    assert instance_ids[1].endswith("-6002") and len(set(instance_ids)) == 2
    assert content.ready_url == "http://127.0.0.1:6101/readyz"
    assert gateway.ready_url == "http://127.0.0.1:6800/readyz"
    assert (content.ports, editorial.ports, gateway.ports) == ((6001, 6101), (6002, 6102), (6800,))
    secrets = {
        s.env[f"{p}_IDENTITY__SECRET"]
        for s, p in zip(
            (content, editorial, gateway), ("CONTENT", "EDITORIAL_APPROVAL", "GATEWAY"), strict=True
        )
    }
    assert secrets == {settings.identity_secret.get_secret_value()}
    # The app's static server: its own port, this gateway, and the gateway lets it call.
    assert app.ports == (6802,)
    assert app.env["NEWSROOM_APP_GATEWAY_URL"] == "http://127.0.0.1:6800"
    assert app.script is not None and app.script.name == "serve.py"
    assert gateway.env["GATEWAY_CORS__ORIGINS"] == '["http://127.0.0.1:6802"]'


def test_importable() -> None:
    assert importable("content_service")
    assert not importable("no_such_service_package")


def test_exit_status_names_signals() -> None:
    done = subprocess.Popen([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), 15)"])
    done.wait()
    assert exit_status(done) == "exit SIGTERM"


def test_demo_stories_cover_the_lifecycle_in_both_languages() -> None:
    assert {s.target for s in demo.STORIES} == set(demo.Target)
    assert {s.language for s in demo.STORIES} == {"vi", "en"}
    assert {s.tenant for s in demo.STORIES} == {t.slug for t in demo.TENANTS}
    slugs = [(s.tenant, s.slug) for s in demo.STORIES]
    assert len(slugs) == len(set(slugs))
    for story in demo.STORIES:
        if story.target in (demo.Target.CHANGES_REQUESTED, demo.Target.RETRACTED):
            assert story.note, story.slug
    logins = demo.logins()
    assert {(u.tenant, u.role) for u in logins if u.tenant != "*"} == {
        (t.slug, r) for t in demo.TENANTS for r in TENANT_ROLES
    }


def test_every_process_dev_starts_can_be_skipped() -> None:
    names = [spec.name for spec in service_specs(CliSettings())]

    assert sorted(DEV_SERVICES) == sorted(names)
