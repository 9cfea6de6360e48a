"""Tenant provisioning: Keycloak groups, content rows, approval policy, object prefix.

Every step is idempotent and reports ``created`` or ``already there``; running
``create`` again after a partial failure finishes the job.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
from keycloak.exceptions import KeycloakError
from minio.error import S3Error
from urllib3.exceptions import HTTPError

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1 import policy_pb2
from newsroom_cli.clients import Services, as_system, describe, unreachable
from newsroom_cli.keycloak_admin import (
    TENANTS_ROOT,
    Directory,
    KeycloakUnavailable,
    connect,
    tenant_path,
)
from newsroom_cli.output import Outcome, Reporter
from newsroom_cli.settings import CliSettings
from newsroom_core.identity import TENANT_ROLES
from newsroom_core.storage import ensure_bucket, make_client, tenant_prefix

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,30}$")
SLUG_RULE = (
    "chữ thường không dấu, số và gạch nối, bắt đầu bằng chữ cái, 2–31 ký tự "
    "(lower-case letters, digits and hyphens, starting with a letter, 2-31 characters: "
    "^[a-z][a-z0-9-]{1,30}$)"
)
MARKER = ".keep"


class InvalidSlug(ValueError):
    pass


def check_slug(slug: str) -> str:
    if not SLUG_PATTERN.match(slug):
        raise InvalidSlug(f"mã đơn vị không hợp lệ (invalid tenant slug) {slug!r}: {SLUG_RULE}")
    return slug


@dataclass(frozen=True, slots=True)
class TenantSpec:
    slug: str
    name: str
    group_tenant: bool = False
    language: str = "vi"


def role_name(value: int) -> str:
    """``APPROVAL_ROLE_EDITOR`` -> ``editor``."""
    name: str = policy_pb2.ApprovalRole.Name(value)
    return name.removeprefix("APPROVAL_ROLE_").lower().replace("_", "-")


def describe_policy(policy: Any) -> str:
    stages = " → ".join(role_name(s.role) for s in policy.stages)
    official = role_name(policy.official_statement_role)
    return f"{stages}; tuyên bố chính thức (official statements): + {official}"


# --- create ---------------------------------------------------------------------------


def create_tenant(spec: TenantSpec, settings: CliSettings, out: Reporter) -> int:
    check_slug(spec.slug)
    group = " — tenant tập đoàn (group tenant)" if spec.group_tenant else ""
    out.heading(f"Đơn vị (tenant) {spec.slug} «{spec.name}», ngôn ngữ {spec.language}{group}")
    keycloak_groups(spec, settings, out)
    with Services(settings) as services:
        content_tenant(spec, services, out)
        approval_policy(spec.slug, services, out)
    object_prefix(spec.slug, settings, out)
    out.flush_unchanged(spec.slug)
    return out.exit_code()


def keycloak_groups(spec: TenantSpec, settings: CliSettings, out: Reporter) -> None:
    what = "Keycloak nhóm (group)"
    try:
        directory = Directory(connect(settings))
        paths: list[tuple[str, dict[str, list[str]] | None]] = [
            (TENANTS_ROOT, None),
            (
                tenant_path(spec.slug),
                {"tenant_slug": [spec.slug], "display_name": [spec.name]},
            ),
            *((tenant_path(spec.slug, role), None) for role in TENANT_ROLES),
        ]
        for path, attributes in paths:
            ensured = directory.ensure_group(path, attributes=attributes)
            outcome = Outcome.CREATED if ensured.created else Outcome.ALREADY_THERE
            out.step(outcome, f"{what} {path}")
    except KeycloakUnavailable as exc:
        out.step(Outcome.FAILED, "Keycloak", str(exc))
    except KeycloakError as exc:
        out.step(Outcome.FAILED, what, f"lỗi Keycloak (Keycloak error): {exc}")


def content_tenant(spec: TenantSpec, services: Services, out: Reporter) -> bool:
    what = f"content: đơn vị + chuyên mục mặc định (tenant rows + default sections) {spec.slug}"
    request = content_pb.CreateTenantRequest(
        tenant=spec.slug,
        name=spec.name,
        default_language=spec.language,
        group_tenant=spec.group_tenant,
    )
    try:
        with as_system():
            response = services.content.CreateTenant(request)
    except grpc.RpcError as exc:
        if unreachable(exc):
            out.step(
                Outcome.FAILED,
                what,
                f"không kết nối được content tại {services.settings.content_target} "
                "(content service not reachable)",
            )
        else:
            out.step(Outcome.FAILED, what, describe(exc))
        return False
    sections = ", ".join(s.slug for s in response.sections)
    if response.created:
        out.step(Outcome.CREATED, what, f"đã tạo (created); chuyên mục (sections): {sections}")
    else:
        tenant = response.tenant
        kept = "" if tenant.name == spec.name else f"; giữ tên cũ (name kept) «{tenant.name}»"
        out.step(Outcome.ALREADY_THERE, what, f"đã có sẵn (already there){kept}")
    return True


def approval_policy(slug: str, services: Services, out: Reporter) -> bool:
    """Stores the default policy (editor, then board) unless the tenant has its own."""
    what = f"editorial-approval: chính sách duyệt (approval policy) {slug}"
    try:
        with as_system():
            current = services.editorial.GetPolicy(editorial_pb.GetPolicyRequest(tenant=slug))
            policy = current.policy
            if policy.updated_by.user_id or policy.updated_at.seconds > 0:
                out.step(
                    Outcome.ALREADY_THERE,
                    what,
                    f"đã có sẵn (already there): {describe_policy(policy)}",
                )
                return True
            stored = services.editorial.SetPolicy(
                editorial_pb.SetPolicyRequest(
                    tenant=slug,
                    stages=list(policy.stages),
                    official_statement_role=policy.official_statement_role,
                )
            )
    except grpc.RpcError as exc:
        if unreachable(exc):
            out.step(
                Outcome.WARNING,
                what,
                f"editorial-approval not reachable ({services.settings.editorial_target}): "
                "bỏ qua, chạy lại lệnh khi dịch vụ đã chạy "
                "(skipped; run this command again once it is up)",
            )
        else:
            out.step(Outcome.FAILED, what, describe(exc))
        return False
    out.step(Outcome.CREATED, what, f"đã tạo (created): {describe_policy(stored.policy)}")
    return True


def object_prefix(slug: str, settings: CliSettings, out: Reporter) -> None:
    storage = settings.storage
    bucket, key = storage.bucket, tenant_prefix(slug) + MARKER
    try:
        client = make_client(storage)
        existed = client.bucket_exists(bucket)
        if not existed:
            ensure_bucket(client, bucket)
        out.step(Outcome.ALREADY_THERE if existed else Outcome.CREATED, f"S3 bucket {bucket}")
        what = f"S3 tiền tố (object prefix) {bucket}/{tenant_prefix(slug)}"
        if _object_exists(client, bucket, key):
            out.step(Outcome.ALREADY_THERE, what)
        else:
            body = f"Newsroom tenant {slug}\n".encode()
            client.put_object(bucket, key, io.BytesIO(body), len(body), content_type="text/plain")
            out.step(Outcome.CREATED, what, f"đã tạo (created): {MARKER}")
    except (S3Error, HTTPError, OSError) as exc:
        out.step(
            Outcome.FAILED,
            f"S3 {storage.endpoint}",
            f"không ghi được (object storage failed): {exc}",
        )


def _object_exists(client: Any, bucket: str, key: str) -> bool:
    try:
        client.stat_object(bucket, key)
    except S3Error as exc:
        if exc.code in ("NoSuchKey", "NoSuchObject", "NotFound"):
            return False
        raise
    return True


# --- list -----------------------------------------------------------------------------


def list_tenants(settings: CliSettings, out: Reporter) -> int:
    rows: dict[str, dict[str, str]] = {}

    def row(slug: str) -> dict[str, str]:
        return rows.setdefault(
            slug, {"name": "", "group": "", "language": "", "keycloak": "✗", "content": "✗"}
        )

    try:
        directory = Directory(connect(settings))
        for group in directory.tenant_groups():
            entry = row(str(group["name"]))
            roles = {g["name"] for g in group.get("subGroups", [])}
            if int(group.get("subGroupCount", len(roles)) or 0) >= len(TENANT_ROLES):
                entry["keycloak"] = "✓"
            else:
                entry["keycloak"] = "thiếu nhóm vai trò (missing role groups)"
            names = group.get("attributes", {}).get("display_name", [])
            entry["name"] = entry["name"] or (names[0] if names else "")
    except (KeycloakUnavailable, KeycloakError) as exc:
        out.step(Outcome.FAILED, "Keycloak", str(exc))

    try:
        with Services(settings) as services, as_system():
            token = ""
            while True:
                page = services.content.ListTenants(
                    content_pb.ListTenantsRequest(page_size=200, page_token=token)
                )
                for tenant in page.tenants:
                    entry = row(tenant.slug)
                    entry.update(
                        name=tenant.name,
                        group="✓" if tenant.group_tenant else "",
                        language=tenant.default_language,
                        content="✓",
                    )
                token = page.next_page_token
                if not token:
                    break
    except grpc.RpcError as exc:
        out.step(
            Outcome.FAILED,
            f"content ({settings.content_target})",
            f"không đọc được danh sách đơn vị (cannot list tenants): {describe(exc)}",
        )

    if rows:
        out.table(
            ["SLUG", "TÊN (NAME)", "TẬP ĐOÀN (GROUP)", "NGÔN NGỮ (LANG)", "KEYCLOAK", "CONTENT"],
            [
                [slug, r["name"], r["group"], r["language"], r["keycloak"], r["content"]]
                for slug, r in sorted(rows.items())
            ],
        )
    else:
        out.line("Chưa có đơn vị nào (no tenants yet).")
    return out.exit_code()


# --- grant / revoke -------------------------------------------------------------------


def grant(slug: str, username: str, role: str, settings: CliSettings, out: Reporter) -> int:
    return _membership(slug, username, role, settings, out, add=True)


def revoke(slug: str, username: str, role: str, settings: CliSettings, out: Reporter) -> int:
    return _membership(slug, username, role, settings, out, add=False)


def _membership(
    slug: str, username: str, role: str, settings: CliSettings, out: Reporter, *, add: bool
) -> int:
    check_slug(slug)
    path = tenant_path(slug, role)
    what = f"{username} {'∈' if add else '∉'} {path}"
    try:
        directory = Directory(connect(settings))
        if directory.group(tenant_path(slug)) is None:
            out.step(
                Outcome.FAILED,
                what,
                f"không có đơn vị {slug!r} (unknown tenant): "
                f"chạy `newsroom tenant create {slug} --name ...` trước (create it first)",
            )
            return 1
        group = directory.group(path)
        if group is None:
            out.step(
                Outcome.FAILED,
                what,
                f"thiếu nhóm {path} (role group missing): "
                f"chạy lại `newsroom tenant create {slug}` (run create again)",
            )
            return 1
        user = directory.user(username)
        if user is None:
            out.step(Outcome.FAILED, what, f"không có người dùng {username!r} (unknown user)")
            return 1
        member = path in directory.group_paths(str(user["id"]))
        change: Callable[[str, str], None]
        if add:
            change, done_label = directory.add_member, "đã cấp quyền (granted)"
            nothing_label = "đã có sẵn (already there)"
        else:
            change, done_label = directory.remove_member, "đã thu hồi (revoked)"
            nothing_label = "không phải thành viên (was not a member)"
        if member == add:
            out.step(Outcome.ALREADY_THERE, what, nothing_label)
        else:
            change(str(user["id"]), str(group["id"]))
            out.step(Outcome.CHANGED, what, done_label)
    except (KeycloakUnavailable, KeycloakError) as exc:
        out.step(Outcome.FAILED, what, str(exc))
        return 1
    if add:
        out.line(
            "  (có hiệu lực từ lần đăng nhập / làm mới token tới — takes effect on next token)"
        )
    return out.exit_code()
