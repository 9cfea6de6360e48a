"""Command-line parsing: usage errors exit 2 with a message, before anything is contacted."""

from __future__ import annotations

import pytest

from newsroom_cli.__main__ import build_parser, main
from newsroom_cli.tenants import InvalidSlug, check_slug


@pytest.mark.parametrize(
    "slug",
    ["Halong", "h", "1halong", "-halong", "ha_long", "hạlong", "a" * 32, "", "ha long"],
)
def test_bad_slug_exits_2_with_the_rule(slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["tenant", "create", "--name", "Công ty X", "--", slug])

    assert code == 2
    err = capsys.readouterr().err
    assert "invalid tenant slug" in err
    assert "mã đơn vị không hợp lệ" in err
    assert "^[a-z][a-z0-9-]{1,30}$" in err


@pytest.mark.parametrize("slug", ["tkv", "halong", "uong-bi", "t0", "a" * 31])
def test_good_slugs_pass(slug: str) -> None:
    assert check_slug(slug) == slug


def test_check_slug_raises_for_grant_and_revoke_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tenant", "grant", "Bad!", "halong.editor", "editor"]) == 2
    assert main(["tenant", "revoke", "Bad!", "halong.editor", "editor"]) == 2
    assert capsys.readouterr().err.count("invalid tenant slug") == 2
    with pytest.raises(InvalidSlug):
        check_slug("UPPER")


def test_unknown_role_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tenant", "grant", "halong", "halong.editor", "wizard"]) == 2
    assert "invalid choice: 'wizard'" in capsys.readouterr().err


def test_create_needs_a_name_and_dev_modes_exclude_each_other(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tenant", "create", "halong"]) == 2
    assert "--name" in capsys.readouterr().err
    assert main(["dev", "--seed-only", "--no-seed"]) == 2
    assert "not allowed with" in capsys.readouterr().err
    assert main([]) == 2


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tenant", "create", "--help"]) == 0
    assert "--group-tenant" in capsys.readouterr().out


def test_parser_reads_every_option() -> None:
    args = build_parser().parse_args(
        [
            "tenant",
            "create",
            "uongbi",
            "--name",
            "Công ty Nhiệt điện Uông Bí",
            "--group-tenant",
            "--language",
            "en",
        ]
    )
    assert (args.slug, args.name, args.group_tenant, args.language) == (
        "uongbi",
        "Công ty Nhiệt điện Uông Bí",
        True,
        "en",
    )
    dev = build_parser().parse_args(["dev", "--no-seed", "--skip", "gateway"])
    assert (dev.no_seed, dev.seed_only, dev.skip) == (True, False, ["gateway"])
