"""Tenant use cases: provisioning a tenant with its default sections, sections, listings.

Each use case owns its transaction (``session_scope``) and writes its outbox events in it;
reads that need no transaction use the autocommit read pool (``read_scope``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from content_service.errors import invalid_argument
from content_service.tenants import events
from content_service.tenants import repository as repo
from content_service.tenants.models import Section, SectionCreate, Tenant, TenantCreate
from content_service.text import is_valid_tenant_slug, nfc, slugify
from newsroom_core import paging
from newsroom_core.db import SessionFactory, add, read_scope, session_scope
from newsroom_core.errors import AlreadyExists, PermissionDenied
from newsroom_core.events.outbox import EventSink
from newsroom_core.identity import Identity
from newsroom_core.paging import Page, PageRequest

TENANT_ADMIN = "tenant-admin"

# Default sections of a new tenant: (slug, name, description).
DEFAULT_SECTIONS = (
    ("tin-tuc", "Tin tức", "Tin tức hoạt động sản xuất, kinh doanh"),
    ("su-kien", "Sự kiện", "Sự kiện nổi bật"),
    ("thong-cao", "Thông cáo", "Thông cáo báo chí và tuyên bố chính thức"),
    ("video", "Video", "Truyền hình, phóng sự video"),
    ("anh", "Ảnh", "Phóng sự ảnh"),
)


@dataclass(frozen=True, slots=True)
class TenantProvisioning:
    tenant: Tenant
    sections: list[Section]
    created: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TenantUseCases:
    sessions: SessionFactory
    # reads that need no transaction: the autocommit pool (no BEGIN/COMMIT round trips)
    reads: SessionFactory
    events: EventSink

    def create_tenant(self, identity: Identity, data: TenantCreate) -> TenantProvisioning:
        if not identity.is_platform_admin:
            raise PermissionDenied(
                "chỉ quản trị nền tảng được tạo đơn vị (platform admin required)",
                reason="PLATFORM_ADMIN_REQUIRED",
            )
        if not is_valid_tenant_slug(data.slug):
            raise invalid_argument(
                f"mã đơn vị không hợp lệ (invalid slug): {data.slug!r}", "INVALID_SLUG"
            )
        with session_scope(self.sessions) as session:
            tenant = Tenant(
                slug=data.slug,
                name=nfc(data.name.strip()) or data.slug,
                default_language=data.default_language.strip() or "vi",
                group_tenant=data.group_tenant,
            )
            created = repo.insert_tenant(session=session, tenant=tenant)
            if created:
                for position, (slug, name, description) in enumerate(DEFAULT_SECTIONS):
                    session.add(
                        Section(
                            tenant=tenant.slug,
                            slug=slug,
                            name=name,
                            description=description,
                            position=position,
                        )
                    )
                self.events.emit(
                    session,
                    events.tenant_provisioned(tenant),
                    ce_type=events.TENANT_PROVISIONED,
                    subject=tenant.slug,
                    tenant=tenant.slug,
                )
                session.flush()
            stored = repo.get_tenant_or_raise(session=session, slug=data.slug)
            sections = list(repo.list_sections(session=session, tenant=data.slug))
        return TenantProvisioning(stored, sections, created)

    def get_tenant(self, slug: str) -> Tenant:
        with read_scope(self.reads) as session:
            return repo.get_tenant_or_raise(session=session, slug=slug)

    def list_tenants(self, size: int, token: str) -> Page[Tenant]:
        request = PageRequest.of("tenants", "", size, token)
        with session_scope(self.sessions) as session:
            rows = repo.list_tenants(
                session=session, after=paging.str_cursor(request.cursor), limit=request.limit
            )
        return request.page(rows, lambda t: [t.slug])

    def create_section(self, identity: Identity, data: SectionCreate) -> Section:
        identity.require_role(data.tenant, TENANT_ADMIN, reason="TENANT_ADMIN_REQUIRED")
        slug = slugify(data.slug or data.name)
        if not slug:
            raise invalid_argument("mã chuyên mục không hợp lệ (invalid slug)", "INVALID_SLUG")
        try:
            with session_scope(self.sessions) as session:
                repo.get_tenant_or_raise(session=session, slug=data.tenant)
                parent_id = repo.get_section_id_or_raise(
                    session=session, tenant=data.tenant, section_id=data.parent_id
                )
                if repo.get_section_by_slug(session=session, tenant=data.tenant, slug=slug):
                    raise _section_taken(slug)
                section = Section(
                    tenant=data.tenant,
                    slug=slug,
                    name=nfc(data.name.strip()) or slug,
                    description=nfc(data.description.strip()),
                    parent_id=parent_id,
                    position=data.position,
                )
                add(session=session, obj=section)
                return section
        except IntegrityError as exc:
            raise _section_taken(slug) from exc

    def list_sections(self, tenant: str) -> list[Section]:
        with read_scope(self.reads) as session:
            repo.get_tenant_or_raise(session=session, slug=tenant)
            return list(repo.list_sections(session=session, tenant=tenant))


def _section_taken(slug: str) -> AlreadyExists:
    return AlreadyExists(
        f"mã chuyên mục đã tồn tại (section slug taken): {slug}", reason="SECTION_SLUG_TAKEN"
    )
