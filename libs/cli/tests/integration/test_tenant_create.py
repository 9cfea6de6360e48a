"""`newsroom tenant create` and `list` against real Keycloak, MinIO, and the real content and
editorial-approval services (in-process, fresh databases)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1 import policy_pb2
from newsroom_cli.__main__ import main
from newsroom_cli.clients import Services, as_system
from newsroom_cli.keycloak_admin import Directory
from newsroom_cli.settings import CliSettings
from newsroom_core.identity import TENANT_ROLES

pytestmark = [pytest.mark.keycloak, pytest.mark.postgres, pytest.mark.s3]

STEP_MARKS = ("✓ ", "• ", "! ", "✗ ")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def steps(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(STEP_MARKS)]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_create_twice_reports_everything_already_there_the_second_time(
    cli_env: CliSettings,
    new_slug: Callable[[], str],
    directory: Directory,
    services: Services,
    storage: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slug = new_slug()
    name = "Công ty Than Thử Nghiệm"

    code, first = run(capsys, "tenant", "create", slug, "--name", name)

    assert code == 0, first
    created = steps(first)
    assert f"✓ Keycloak nhóm (group) /tenants/{slug}: đã tạo (created)" in created
    for role in TENANT_ROLES:
        assert f"✓ Keycloak nhóm (group) /tenants/{slug}/{role}: đã tạo (created)" in created
    assert any(line.startswith("✓ content:") and slug in line for line in created)
    assert any(line.startswith("✓ editorial-approval:") for line in created)
    assert any(line.startswith("✓ S3 tiền tố") and f"tenants/{slug}/" in line for line in created)

    code, second = run(capsys, "tenant", "create", slug, "--name", name)

    assert code == 0, second
    again = steps(second)
    assert len(again) == len(created) == 11
    assert all(line.startswith("• ") and "already there" in line for line in again), second

    # Keycloak: the tenant group and each role group exist exactly once.
    tenant_groups = [g for g in directory.tenant_groups() if g["name"] == slug]
    assert len(tenant_groups) == 1
    assert tenant_groups[0]["attributes"]["display_name"] == [name]
    assert tenant_groups[0]["attributes"]["tenant_slug"] == [slug]
    children = directory.admin.get_group_children(tenant_groups[0]["id"])
    assert sorted(g["name"] for g in children) == sorted(TENANT_ROLES)

    # content: the tenant and its default sections, created once.
    with as_system():
        tenant = services.content.GetTenant(content_pb.GetTenantRequest(tenant=slug)).tenant
        sections = services.content.ListSections(
            content_pb.ListSectionsRequest(tenant=slug)
        ).sections
        policy = services.editorial.GetPolicy(editorial_pb.GetPolicyRequest(tenant=slug)).policy
    assert (tenant.name, tenant.default_language, tenant.group_tenant) == (name, "vi", False)
    assert len(sections) == len({s.slug for s in sections}) == 5

    # editorial-approval: the default policy is stored (by the platform), not just implied.
    assert policy.updated_by.user_id == "system"
    assert [s.role for s in policy.stages] == [
        policy_pb2.APPROVAL_ROLE_EDITOR,
        policy_pb2.APPROVAL_ROLE_BOARD,
    ]

    # object storage: the prefix marker.
    marker = storage.stat_object(cli_env.s3_bucket, f"tenants/{slug}/.keep")
    assert marker.size > 0


def test_create_with_editorial_down_warns_then_a_rerun_finishes_the_job(
    cli_env: CliSettings,
    new_slug: Callable[[], str],
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slug = new_slug()
    live_editorial = cli_env.editorial_target
    monkeypatch.setenv("NEWSROOM_EDITORIAL_TARGET", f"127.0.0.1:{closed_port()}")

    argv = ["tenant", "create", slug, "--name", "Tập đoàn Thử", "--group-tenant"]

    code, output = run(capsys, *argv, "--language", "en")

    assert code == 1, output
    warning = [line for line in steps(output) if line.startswith("! ")]
    assert len(warning) == 1 and "editorial-approval not reachable" in warning[0]
    assert not [line for line in steps(output) if line.startswith("✗ ")], output
    with as_system():
        tenant = services.content.GetTenant(content_pb.GetTenantRequest(tenant=slug)).tenant
    assert (tenant.group_tenant, tenant.default_language) == (True, "en")

    monkeypatch.setenv("NEWSROOM_EDITORIAL_TARGET", live_editorial)
    code, output = run(capsys, *argv)

    assert code == 0, output
    fresh = [line for line in steps(output) if line.startswith("✓ ")]
    assert len(fresh) == 1 and fresh[0].startswith("✓ editorial-approval:"), output


def test_create_reports_content_down_as_a_failure(
    cli_env: CliSettings,
    new_slug: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEWSROOM_CONTENT_TARGET", f"127.0.0.1:{closed_port()}")

    code, output = run(capsys, "tenant", "create", new_slug(), "--name", "Công ty X")

    assert code == 1
    failed = [line for line in steps(output) if line.startswith("✗ ")]
    assert len(failed) == 1 and "content service not reachable" in failed[0], output


def test_list_shows_where_each_tenant_is_provisioned(
    cli_env: CliSettings, new_slug: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    slug = new_slug()
    assert run(capsys, "tenant", "create", slug, "--name", "Công ty Liệt Kê")[0] == 0

    code, output = run(capsys, "tenant", "list")

    assert code == 0, output
    rows = {line.split()[0]: line for line in output.splitlines()[1:]}
    assert "Công ty Liệt Kê" in rows[slug]
    assert rows[slug].split()[-2:] == ["✓", "✓"]  # Keycloak, content
    # The realm's demo tenants are in Keycloak whatever the content database holds.
    assert rows["halong"].split()[-2] == "✓"
