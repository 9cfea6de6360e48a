"""`newsroom tenant grant / revoke` against the real Keycloak: the membership is visible in
the admin API and in the user's next access token."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from newsroom_cli.__main__ import main
from newsroom_cli.keycloak_admin import Directory
from newsroom_cli.settings import CliSettings
from newsroom_core.auth import TokenVerifier, identity_from_claims

pytestmark = [pytest.mark.keycloak, pytest.mark.postgres, pytest.mark.s3]

PASSWORD = "demo1234"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def user(directory: Directory) -> Iterator[str]:
    """A throwaway realm user (password demo1234), deleted afterwards."""
    username = f"test.cli-{uuid.uuid4().hex[:8]}"
    user_id = directory.admin.create_user(
        {
            "username": username,
            "enabled": True,
            "email": f"{username}@test.newsroom.local",
            "emailVerified": True,
            "firstName": "Thử",
            "lastName": "Người Dùng",
            "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
            "requiredActions": [],
        }
    )
    yield username
    directory.admin.delete_user(user_id)


def access_token(settings: CliSettings, username: str) -> str:
    response = httpx.post(
        f"{settings.keycloak_url}/realms/{settings.keycloak_realm}/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": settings.keycloak_test_client,
            "username": username,
            "password": PASSWORD,
        },
        timeout=15,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def verified_claims(settings: CliSettings, username: str) -> dict[str, Any]:
    return TokenVerifier(settings.keycloak).claims(access_token(settings, username))


def test_grant_adds_the_user_to_the_role_group_and_the_token_carries_it(
    cli_env: CliSettings,
    new_slug: Callable[[], str],
    directory: Directory,
    user: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slug = new_slug()
    group = f"/tenants/{slug}/editor"
    assert run(capsys, "tenant", "create", slug, "--name", "Công ty Cấp Quyền")[0] == 0

    code, output = run(capsys, "tenant", "grant", slug, user, "editor")

    assert code == 0, output
    assert f"✓ {user} ∈ {group}: đã cấp quyền (granted)" in output
    found = directory.user(user)
    assert found is not None
    assert directory.group_paths(str(found["id"])) == [group]
    group_id = directory.group(group)["id"]  # type: ignore[index]
    assert [m["username"] for m in directory.admin.get_group_members(group_id)] == [user]

    claims = verified_claims(cli_env, user)
    assert claims["groups"] == [group]
    identity = identity_from_claims(claims)
    assert identity.roles_in(slug) == frozenset({"editor"})
    assert identity.user_id == found["id"]

    code, output = run(capsys, "tenant", "grant", slug, user, "editor")
    assert code == 0
    assert f"• {user} ∈ {group}: đã có sẵn (already there)" in output


def test_revoke_removes_the_membership_from_the_next_token(
    cli_env: CliSettings,
    new_slug: Callable[[], str],
    directory: Directory,
    user: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slug = new_slug()
    assert run(capsys, "tenant", "create", slug, "--name", "Công ty Thu Hồi")[0] == 0
    assert run(capsys, "tenant", "grant", slug, user, "board")[0] == 0
    assert run(capsys, "tenant", "grant", slug, user, "spokesperson")[0] == 0

    code, output = run(capsys, "tenant", "revoke", slug, user, "board")

    assert code == 0, output
    assert "đã thu hồi (revoked)" in output
    assert verified_claims(cli_env, user)["groups"] == [f"/tenants/{slug}/spokesperson"]
    code, output = run(capsys, "tenant", "revoke", slug, user, "board")
    assert code == 0
    assert "không phải thành viên (was not a member)" in output


def test_grant_to_an_unknown_user_or_tenant_fails(
    cli_env: CliSettings,
    new_slug: Callable[[], str],
    user: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slug = new_slug()
    assert run(capsys, "tenant", "create", slug, "--name", "Công ty Lỗi")[0] == 0

    code, output = run(capsys, "tenant", "grant", slug, "nobody.nowhere", "editor")
    assert code == 1
    assert "unknown user" in output

    code, output = run(capsys, "tenant", "grant", new_slug(), user, "editor")
    assert code == 1
    assert "unknown tenant" in output
