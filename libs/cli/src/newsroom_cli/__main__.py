"""``newsroom``: tenant provisioning, media imports and the local dev runner.

Exit codes: 0 done, 1 a step failed (or was skipped with a warning), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsroom_cli import tenants
from newsroom_cli.output import Reporter
from newsroom_cli.settings import CliSettings
from newsroom_core.identity import SYSTEM, TENANT_ROLES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# What `newsroom dev --skip` accepts: every process it starts (newsroom_cli.dev.service_specs;
# a unit test keeps the two lists equal).
DEV_SERVICES = (
    "media-asset",
    "media-worker",
    "content",
    "editorial-approval",
    "gateway",
    "portal",
    "newsroom-app",
)


def slug_arg(value: str) -> str:
    try:
        return tenants.check_slug(value)
    except tenants.InvalidSlug as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Newsroom: cấp phát đơn vị và chạy môi trường dev "
        "(tenant provisioning and the local dev runner).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    tenant = commands.add_parser("tenant", help="quản lý đơn vị (manage tenants)")
    actions = tenant.add_subparsers(dest="action", required=True, metavar="ACTION")

    create = actions.add_parser(
        "create",
        help="tạo đơn vị, idempotent (provision a tenant)",
        description="Tạo nhóm Keycloak, dữ liệu content, chính sách duyệt mặc định và tiền tố "
        "lưu trữ; chạy lại an toàn (Keycloak groups, content rows, default approval policy, "
        "object prefix; safe to run again).",
    )
    create.add_argument("slug", type=slug_arg, help="mã đơn vị, ví dụ halong (tenant slug)")
    create.add_argument("--name", required=True, help='tên hiển thị, ví dụ "Công ty Than Hạ Long"')
    create.add_argument(
        "--group-tenant",
        action="store_true",
        help="tenant của tập đoàn, đích đề cử bài (the group's own tenant)",
    )
    create.add_argument("--language", default="vi", help="ngôn ngữ mặc định (BCP 47), mặc định vi")

    actions.add_parser("list", help="liệt kê đơn vị (list tenants)")

    for name, verb in (("grant", "cấp vai trò (add to role group)"), ("revoke", "thu hồi vai trò")):
        sub = actions.add_parser(name, help=f"{verb}")
        sub.add_argument("slug", type=slug_arg, help="mã đơn vị (tenant slug)")
        sub.add_argument("username", help="tên đăng nhập Keycloak (Keycloak username)")
        sub.add_argument("role", choices=TENANT_ROLES, help="vai trò (role)")

    media = commands.add_parser("media", help="tệp đa phương tiện (media files)")
    media_actions = media.add_subparsers(dest="action", required=True, metavar="ACTION")
    importing = media_actions.add_parser(
        "import",
        help="nhập hàng loạt tệp (bulk import files)",
        description="Tải từng tệp lên kho qua URL ký trước nhiều phần (như trình duyệt), "
        "có thanh tiến độ, rồi chờ bộ xử lý (uploads each file through presigned multipart "
        "URLs, as a browser does, with a progress bar, then waits for the worker).",
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE", help="tệp (files)")
    importing.add_argument("--tenant", required=True, type=slug_arg, help="mã đơn vị (tenant)")
    importing.add_argument(
        "--as",
        dest="username",
        default="",
        help="nhập với tư cách người dùng Keycloak này (import as this user); mặc định: "
        "hệ thống (default: the platform)",
    )
    importing.add_argument("--title", default="", help="tiêu đề (mặc định tên tệp) / title")
    importing.add_argument("--caption", default="", help="chú thích / caption")
    importing.add_argument("--credit", default="", help="tác giả, nguồn / credit")
    importing.add_argument("--alt", default="", help="mô tả thay thế cho ảnh / alt text")
    importing.add_argument("--licence", default="", help="bản quyền / licence")
    importing.add_argument(
        "--gallery", default="", metavar="TITLE", help="tạo bộ ảnh từ các ảnh / make a gallery"
    )
    importing.add_argument(
        "--no-wait", action="store_true", help="không chờ xử lý xong (do not wait for the worker)"
    )

    dev = commands.add_parser(
        "dev",
        help="chạy toàn bộ hệ thống cục bộ với dữ liệu mẫu (run the local stack with demo data)",
    )
    mode = dev.add_mutually_exclusive_group()
    mode.add_argument(
        "--seed-only",
        action="store_true",
        help="chỉ tạo đơn vị và dữ liệu mẫu trên các dịch vụ đang chạy rồi thoát "
        "(provision and seed against running services, then exit)",
    )
    mode.add_argument(
        "--no-seed", action="store_true", help="không tạo bài mẫu (do not seed demo stories)"
    )
    dev.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=DEV_SERVICES,
        metavar="SERVICE",
        help=f"không chạy dịch vụ này (do not start it; one of {', '.join(DEV_SERVICES)})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        settings = CliSettings.load()
    except ValueError as exc:
        print(f"✗ cấu hình không hợp lệ (invalid settings): {exc}", file=sys.stderr)
        return EXIT_USAGE
    out = Reporter()
    if args.command == "tenant":
        if args.action == "create":
            spec = tenants.TenantSpec(
                slug=args.slug,
                name=args.name,
                group_tenant=args.group_tenant,
                language=args.language,
            )
            return tenants.create_tenant(spec, settings, out)
        if args.action == "list":
            return tenants.list_tenants(settings, out)
        if args.action == "grant":
            return tenants.grant(args.slug, args.username, args.role, settings, out)
        if args.action == "revoke":
            return tenants.revoke(args.slug, args.username, args.role, settings, out)
    if args.command == "media":
        from newsroom_cli.media import ImportOptions, import_files

        identity = SYSTEM
        if args.username:
            from newsroom_cli.keycloak_admin import Directory, connect

            found = Directory(connect(settings)).identity(args.username)
            if found is None:
                print(f"✗ không có người dùng {args.username} (unknown user)", file=sys.stderr)
                return EXIT_USAGE
            identity = found
        return import_files(
            settings,
            out,
            ImportOptions(
                tenant=args.tenant,
                files=args.files,
                identity=identity,
                title=args.title,
                caption=args.caption,
                credit=args.credit,
                alt=args.alt,
                licence=args.licence,
                gallery=args.gallery,
                wait=not args.no_wait,
            ),
        )
    if args.command == "dev":
        from newsroom_cli.dev import DevOptions, run_dev

        return run_dev(
            settings,
            out,
            DevOptions(seed_only=args.seed_only, seed=not args.no_seed, skip=frozenset(args.skip)),
        )
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
