"""JSON request and response models of the gateway API (Vietnamese / English docs).

Field names are snake_case like the protos; enums are lower-case strings (``news``,
``in_review``, ``tenant-admin``); times are RFC 3339 in UTC; absent values are null.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

# The API's enums are the platform's, mirrored from the proto enums (one source for the
# services and these schemas); re-exported so routes write ``schemas.StoryType``.
from newsroom_core.enums import ApprovalRole as ApprovalRole
from newsroom_core.enums import AssetKind as AssetKind
from newsroom_core.enums import AssetStatus as AssetStatus
from newsroom_core.enums import AuditAction as AuditAction
from newsroom_core.enums import Decision as Decision
from newsroom_core.enums import FastTrackAction as FastTrackAction
from newsroom_core.enums import FreezeScope as FreezeScope
from newsroom_core.enums import RenditionRole as RenditionRole
from newsroom_core.enums import StoryStatus as StoryStatus
from newsroom_core.enums import StoryType as StoryType
from newsroom_core.enums import TakedownTargetKind as TakedownTargetKind
from newsroom_core.enums import TakedownTargetStatus as TakedownTargetStatus
from newsroom_core.enums import Visibility as Visibility

T = TypeVar("T")

# What the services can store: PostgreSQL text holds no NUL, protobuf int32 ends at 2^31-1.
INT32_MAX = 2**31 - 1
NO_NUL = r"^[^\x00]*$"
# The characters Python's str.strip() removes: a text made only of them is blank.
_BLANK = (
    r"\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a"
    r"\u2028\u2029\u202f\u205f\u3000"
)
NOT_BLANK = rf"^[^\x00]*[^\x00{_BLANK}][^\x00]*$"
SECTION_SLUG = r"^[a-z0-9][a-z0-9-]*$"

Text = Annotated[str, StringConstraints(pattern=NO_NUL)]
"""Any text but NUL."""
RequiredText = Annotated[str, StringConstraints(pattern=NOT_BLANK)]
"""Text with at least one character that is not white space (and no NUL)."""
Int32 = Annotated[int, Field(ge=0, le=INT32_MAX)]
RevisionNumber = Annotated[int, Field(ge=1, le=INT32_MAX)]
# The largest integer a JavaScript client reads exactly.
JS_SAFE_INT = 2**53 - 1


class Request(BaseModel):
    """Base of request bodies: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Page(BaseModel, Generic[T]):
    """Một trang kết quả / one page of results."""

    items: list[T] = Field(description="Các phần tử của trang / the page's items")
    next_cursor: str | None = Field(
        default=None,
        description="Truyền vào `cursor` để lấy trang sau; null ở trang cuối / "
        "pass as `cursor` for the next page; null on the last page",
    )


# -- shared -----------------------------------------------------------------------------


class Actor(BaseModel):
    user_id: str = Field(description="Mã người dùng Keycloak (sub) / Keycloak subject")
    username: str = Field(description="Tên đăng nhập / username")
    display_name: str = Field(description="Tên hiển thị / display name")


class StoryRef(BaseModel):
    tenant: str = Field(description="Đơn vị (tenant) / tenant slug")
    story_id: str = Field(description="Mã bài / story id")


class StoryMedia(BaseModel):
    asset_id: Text = Field(max_length=64, description="Mã tệp đa phương tiện / media asset id")
    caption: Text = Field(
        default="", description="Chú thích trong bài (rỗng: của tệp) / caption, empty: the asset's"
    )
    credit: Text = Field(
        default="", description="Nguồn, tác giả (rỗng: của tệp) / credit, empty: the asset's"
    )
    asset_version: Int32 = Field(
        default=0,
        description="Phiên bản tệp bài hiển thị; 0 khi lưu = phiên bản hiện tại / the asset "
        "version the revision shows; 0 on save pins the current one",
    )


# -- media assets --------------------------------------------------------------------------

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$")]
Int64 = Annotated[int, Field(ge=0, le=2**63 - 1)]


class LocalizedText(BaseModel):
    """Tiếng Việt và tiếng Anh / Vietnamese and English."""

    model_config = ConfigDict(extra="forbid")

    vi: Text = Field(default="", max_length=2000, description="Tiếng Việt")
    en: Text = Field(default="", max_length=2000, description="English")


class LocalizedTitle(LocalizedText):
    vi: Text = Field(default="", max_length=300, description="Tiếng Việt")
    en: Text = Field(default="", max_length=300, description="English")


class LocalizedAlt(LocalizedText):
    vi: Text = Field(default="", max_length=1000, description="Tiếng Việt")
    en: Text = Field(default="", max_length=1000, description="English")


class AssetMetadata(BaseModel):
    """Thông tin tệp, hiển thị cùng tệp trên cổng / what an editor says about an asset."""

    model_config = ConfigDict(extra="forbid")

    title: LocalizedTitle = Field(default_factory=LocalizedTitle, description="Tiêu đề / title")
    caption: LocalizedText = Field(default_factory=LocalizedText, description="Chú thích / caption")
    credit: Text = Field(default="", max_length=300, description="Tác giả, nguồn / credit, byline")
    alt_text: LocalizedAlt = Field(
        default_factory=LocalizedAlt,
        description="Mô tả thay thế, bắt buộc trước khi đăng ảnh / alt text, required before "
        "an image is published",
    )
    licence: Text = Field(default="", max_length=300, description="Bản quyền / copyright, licence")
    captured_at: datetime | None = Field(default=None, description="Thời điểm chụp / capture date")


class FocalPoint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    x: float = Field(ge=0, le=1, description="0 = trái, 1 = phải / 0 left, 1 right")
    y: float = Field(ge=0, le=1, description="0 = trên, 1 = dưới / 0 top, 1 bottom")


class SubtitleTrack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    asset_id: Text = Field(max_length=64, description="Tệp phụ đề WebVTT / a subtitles asset")
    language: Text = Field(max_length=35, description="Ngôn ngữ (BCP 47) / language")
    label: Text = Field(default="", max_length=100, description="Tên hiển thị / menu label")


class Rendition(BaseModel):
    role: RenditionRole | None = Field(description="Vai trò / what the file is for")
    path: str = Field(description="Đường dẫn trong phiên bản / path in the version")
    content_type: str
    width: int
    height: int
    bitrate_bps: int
    size_bytes: int
    language: str
    label: str
    url: str = Field(description="URL ký trước, ngắn hạn / short-lived presigned URL")


class GalleryItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    asset_id: Text = Field(max_length=64, description="Mã ảnh / image asset id")
    asset_version: Int32 = Field(
        default=0, description="Phiên bản ảnh; 0 = bản sẵn sàng mới nhất / 0: latest ready"
    )
    caption: LocalizedText = Field(
        default_factory=LocalizedText, description="Chú thích trong bộ ảnh / caption here"
    )


class AssetVersion(BaseModel):
    number: int = Field(description="Phiên bản / version number")
    status: AssetStatus | None
    filename: str
    content_type: str = Field(description="Loại thật (magic bytes) / detected type")
    size_bytes: int
    sha256: str
    width: int
    height: int
    duration_ms: int
    renditions: list[Rendition]
    progress_percent: int = Field(description="Tiến độ xử lý / processing progress, 0-100")
    failure_reason: str = Field(description="Lý do lỗi (UPPER_SNAKE) / failure reason")
    failure_detail: str = Field(description="Chi tiết lỗi / failure detail (ffmpeg's last lines)")
    attempts: int
    items: list[GalleryItem] = Field(description="Ảnh của bộ ảnh / gallery items")
    created_by: Actor | None
    created_at: datetime | None
    ready_at: datetime | None
    focal_point: FocalPoint | None
    subtitles: list[SubtitleTrack]


class Asset(BaseModel):
    """Tệp đa phương tiện / a media asset."""

    id: str
    tenant: str
    kind: AssetKind | None
    metadata: AssetMetadata
    current_version: int = Field(description="Phiên bản mới nhất / latest version")
    version: AssetVersion = Field(description="Phiên bản được hỏi / the version asked for")
    published: bool = Field(description="Có bài đã đăng dùng tệp / shown by a published story")
    created_by: Actor | None
    created_at: datetime | None
    updated_at: datetime | None


class UploadStart(Request):
    filename: RequiredText = Field(max_length=255, description="Tên tệp / file name")
    content_type: Text = Field(max_length=200, description="Loại khai báo / declared MIME type")
    size_bytes: int = Field(ge=1, le=2**63 - 1, description="Kích thước / size in bytes")
    sha256: Sha256 | None = Field(
        default=None,
        description="SHA-256 của cả tệp (hex); nên gửi khi hoàn tất thay vì ở đây (băm trong "
        "lúc gửi các phần). Gửi cả hai thì phải trùng. / Of the whole file (hex); better given "
        "at completion, hashed while the parts are in flight. If given in both, they must agree.",
    )
    asset_id: Text | None = Field(
        default=None,
        max_length=64,
        description="Thay tệp của asset này / replace this asset's file",
    )
    metadata: AssetMetadata | None = Field(default=None, description="Thông tin / metadata")
    focal_point: FocalPoint | None = Field(default=None, description="Điểm lấy nét / focal point")
    subtitles: list[SubtitleTrack] = Field(default_factory=list, max_length=20)


class UploadPart(BaseModel):
    part_number: int
    url: str = Field(description="PUT phần này lên đây / PUT this part here")
    size_bytes: int


class UploadSession(BaseModel):
    upload_id: str
    part_size_bytes: int
    part_count: int
    parts: list[UploadPart] = Field(description="Các phần còn thiếu / parts still to send")
    urls_expire_at: datetime | None
    abandon_at: datetime | None


class UploadStarted(BaseModel):
    asset: Asset
    upload: UploadSession


class StoredPart(BaseModel):
    part_number: int
    size_bytes: int
    etag: str


class UploadParts(BaseModel):
    stored: list[StoredPart] = Field(description="Phần đã có trên kho / parts the store has")
    upload: UploadSession


class UploadComplete(Request):
    upload_id: RequiredText = Field(max_length=1000)
    sha256: Sha256 | None = Field(
        default=None,
        description="SHA-256 của cả tệp (hex), bắt buộc nếu chưa gửi khi bắt đầu; bộ xử lý "
        "kiểm lại. / Of the whole file (hex): required unless given at the start; the worker "
        "verifies it (CHECKSUM_MISMATCH).",
    )


class GalleryCreate(Request):
    metadata: AssetMetadata = Field(default_factory=AssetMetadata)
    items: list[GalleryItem] = Field(min_length=1, max_length=200)


class GalleryUpdate(Request):
    items: list[GalleryItem] = Field(min_length=1, max_length=200)


class MediaUsage(BaseModel):
    used_bytes: int
    quota_bytes: int


class QuotaUpdate(Request):
    quota_bytes: Int64 = Field(description="0 = mặc định / 0 restores the default")


# -- tenants and sections -----------------------------------------------------------------


class Tenant(BaseModel):
    slug: str = Field(description="Mã đơn vị / tenant slug")
    name: str = Field(description="Tên đơn vị / tenant name")
    default_language: str = Field(description="Ngôn ngữ mặc định (BCP 47) / default language")
    group_tenant: bool = Field(description="Là tenant của tập đoàn / the group's own tenant")


class Section(BaseModel):
    id: str = Field(description="Mã chuyên mục / section id")
    tenant: str = Field(description="Đơn vị / tenant")
    slug: str = Field(description="Đường dẫn chuyên mục / section slug")
    name: str = Field(description="Tên chuyên mục / section name")
    description: str = Field(description="Mô tả / description")
    parent_id: str | None = Field(description="Chuyên mục cha / parent section id")
    position: int = Field(description="Thứ tự / order among siblings")


class SectionCreate(Request):
    slug: str = Field(
        min_length=1, max_length=100, pattern=SECTION_SLUG, description="Đường dẫn / URL slug"
    )
    name: Text = Field(min_length=1, max_length=200, description="Tên / name")
    description: Text = Field(default="", description="Mô tả / description")
    parent_id: Text | None = Field(default=None, description="Chuyên mục cha / parent section")
    position: Int32 = Field(default=0, description="Thứ tự / order among siblings")


# -- stories ------------------------------------------------------------------------------


class StoryFields(BaseModel):
    """Editable fields of a story (shared by create and update)."""

    type: StoryType = Field(description="Loại bài / story type")
    visibility: Visibility = Field(
        default=Visibility.PUBLIC,
        description="Công khai hay nội bộ / public or staff-only (internal)",
    )
    language: Text = Field(
        default="", description="Ngôn ngữ (BCP 47), rỗng = mặc định / language, empty = default"
    )
    headline: RequiredText = Field(min_length=1, max_length=500, description="Tiêu đề / headline")
    slug: Text = Field(
        default="", description="Đường dẫn, rỗng = sinh từ tiêu đề / URL slug, empty = derived"
    )
    slugline: Text = Field(default="", description="Tên làm việc nội bộ / internal working title")
    byline: Text = Field(default="", description="Tác giả hiển thị / byline")
    summary: Text = Field(default="", description="Sapo, tóm tắt / summary")
    body_html: Text = Field(default="", description="Nội dung HTML / body (sanitised HTML)")
    section_id: Text | None = Field(default=None, description="Chuyên mục / section id")
    tags: list[Text] = Field(default_factory=list, description="Thẻ / tags")
    media: list[StoryMedia] = Field(
        default_factory=list, description="Ảnh, video (đầu tiên là ảnh chính) / media, lead first"
    )


class StoryCreate(StoryFields, Request):
    """Tạo bài nháp / create a draft story."""


class StoryUpdate(StoryFields, Request):
    """Lưu toàn bộ bài / save the whole story.

    Mỗi lần lưu tạo phiên bản mới, trừ các lần tự lưu liên tiếp của cùng một người: chúng
    gộp vào phiên bản đang viết cho tới khi người đó nghỉ một lúc, lưu hẳn hoặc gửi duyệt.
    / Every save makes a new revision, except that one person's consecutive autosaves
    fold into their open working revision until they pause, save explicitly or submit.
    """

    expected_revision: RevisionNumber = Field(
        description="Phiên bản đang sửa (khóa lạc quan) / revision edited (optimistic lock)"
    )
    expected_version: int = Field(
        default=0,
        ge=0,
        le=JS_SAFE_INT,
        description="Số lần lưu `version` của bài khi bắt đầu sửa; 0 = không kiểm (và không "
        "gộp) / the story's `version` the editor started from; 0 = unchecked (never folds)",
    )
    autosave: bool = Field(
        default=False,
        description="Tự lưu sau khi ngừng gõ (có thể gộp) / an autosave (may fold)",
    )
    note: Text = Field(default="", description="Ghi chú lần lưu / save note")


class Story(BaseModel):
    """Bài viết (phiên bản mới nhất) / a story, latest revision."""

    id: str = Field(description="Mã bài / story id")
    tenant: str = Field(description="Đơn vị / tenant")
    type: StoryType | None = Field(description="Loại bài / story type")
    visibility: Visibility | None = Field(description="Phạm vi / visibility")
    language: str = Field(description="Ngôn ngữ / language")
    headline: str = Field(description="Tiêu đề / headline")
    slug: str = Field(description="Đường dẫn / URL slug")
    slugline: str = Field(description="Tên làm việc / slugline")
    byline: str = Field(description="Tác giả hiển thị / byline")
    summary: str = Field(description="Tóm tắt / summary")
    body_html: str = Field(description="Nội dung HTML / body")
    section_id: str | None = Field(description="Chuyên mục / section id")
    tags: list[str] = Field(description="Thẻ / tags")
    media: list[StoryMedia] = Field(description="Đa phương tiện / media")
    author: Actor | None = Field(description="Người tạo / author")
    status: StoryStatus | None = Field(description="Trạng thái / status")
    current_revision: int = Field(description="Phiên bản mới nhất / latest revision")
    published_revision: int = Field(description="Phiên bản đang đăng, 0 = chưa / on the portal")
    created_at: datetime | None = Field(description="Tạo lúc / created at")
    updated_at: datetime | None = Field(description="Cập nhật lúc / updated at")
    published_at: datetime | None = Field(description="Đăng lần đầu / first published at")
    syndicated_from: StoryRef | None = Field(description="Bài gốc (đề cử) / syndication source")
    version: int = Field(
        description="Tăng sau mỗi lần lưu (gửi lại là `expected_version`) / incremented by "
        "every save, sent back as `expected_version`"
    )
    working_revision: int = Field(
        description="Phiên bản đang gộp các lần tự lưu, 0 = không có / the revision "
        "autosaves fold into, 0 = none"
    )


class Revision(BaseModel):
    """Một phiên bản (bất biến khi đã đóng) / a revision (immutable once closed)."""

    story_id: str
    number: int = Field(description="Số phiên bản / revision number")
    type: StoryType | None
    visibility: Visibility | None
    language: str
    headline: str
    slug: str
    slugline: str
    byline: str
    summary: str
    body_html: str
    section_id: str | None
    tags: list[str]
    media: list[StoryMedia]
    author: Actor | None = Field(description="Người lưu / saved by")
    created_at: datetime | None
    updated_at: datetime | None = Field(description="Lần lưu cuối / last save into it")
    saves: int = Field(description="Số lần lưu đã gộp / saves folded into it")
    note: str = Field(description="Ghi chú lần lưu / save note")


class FieldDiff(BaseModel):
    field: str = Field(description="Trường thay đổi / changed field")
    old_value: str = Field(description="Giá trị cũ / old value")
    new_value: str = Field(description="Giá trị mới / new value")
    unified_diff: str = Field(description="Khác biệt theo dòng / unified diff")


class RevisionDiff(BaseModel):
    story_id: str
    from_revision: int
    to_revision: int
    diffs: list[FieldDiff] = Field(description="Các trường thay đổi / changed fields")


# -- workflow -----------------------------------------------------------------------------


class ApprovalStage(BaseModel):
    role: ApprovalRole = Field(description="Vai trò duyệt / approving role")
    name: str = Field(default="", description="Tên bước, ví dụ 'Ban biên tập' / stage name")


class StageDecision(BaseModel):
    stage: int = Field(description="Bước (chỉ số) / stage index")
    role: ApprovalRole | None
    decided_by: Actor | None = Field(description="Người quyết định / decided by")
    decision: Decision | None
    revision: int
    decided_at: datetime | None
    comment: str


class Workflow(BaseModel):
    """Quy trình duyệt của một bài / the workflow of one story."""

    story_id: str
    tenant: str
    state: StoryStatus | None = Field(description="Trạng thái / workflow state")
    story_type: StoryType | None
    author_id: str = Field(description="Tác giả (không được tự duyệt) / author (four eyes)")
    revision: int = Field(description="Phiên bản đang duyệt/đăng / revision in the workflow")
    stages: list[ApprovalStage] = Field(description="Các bước duyệt / approval stages")
    current_stage: int = Field(description="Bước đang chờ / stage awaiting a decision")
    decisions: list[StageDecision]
    scheduled_at: datetime | None = Field(description="Hẹn giờ đăng / scheduled for")
    embargo_until: datetime | None = Field(description="Cấm đăng trước / embargo until")
    fast_track: bool = Field(description="Xử lý khẩn / crisis fast-track")
    frozen_hold: bool = Field(description="Đang bị tạm dừng đăng / held by a freeze")
    updated_at: datetime | None
    headline: str
    submitted_at: datetime | None
    published_revision: int


class TakedownTarget(BaseModel):
    kind: TakedownTargetKind | None = Field(description="Nơi phải gỡ / where it must disappear")
    status: TakedownTargetStatus | None
    channel_id: str
    channel_name: str
    post_job_id: str
    external_post_id: str
    detail: str
    confirmed_at: datetime | None


class Takedown(BaseModel):
    """Lệnh gỡ bài và tiến độ / a retraction order and its progress."""

    id: str
    tenant: str
    story_id: str
    reason: str
    fast_track: bool
    requested_by: Actor | None
    requested_at: datetime | None
    targets: list[TakedownTarget]
    complete: bool = Field(description="Đã gỡ khỏi mọi nơi / gone everywhere")
    updated_at: datetime | None


class WorkflowResult(BaseModel):
    workflow: Workflow
    takedown: Takedown | None = Field(
        default=None, description="Chỉ khi gỡ bài / only for retractions"
    )


class SubmitBody(Request):
    revision: RevisionNumber = Field(description="Phiên bản gửi duyệt / revision submitted")


class ApproveBody(Request):
    revision: RevisionNumber = Field(description="Phiên bản đã đọc / revision reviewed")
    comment: Text = Field(default="", description="Nhận xét / comment")


class RequestChangesBody(Request):
    revision: RevisionNumber = Field(description="Phiên bản đã đọc / revision reviewed")
    reason: RequiredText = Field(description="Cần sửa gì / what must change")


class ScheduleBody(Request):
    revision: RevisionNumber
    publish_at: datetime = Field(description="Thời điểm đăng / publish at (RFC 3339)")
    embargo: bool = Field(default=False, description="Cấm đăng trước thời điểm này / embargo")


class UnscheduleBody(Request):
    reason: Text = Field(default="", description="Lý do / reason")


class PublishBody(Request):
    revision: RevisionNumber


class RetractBody(Request):
    reason: RequiredText = Field(description="Lý do gỡ bài (bắt buộc) / mandatory reason")


class CorrectBody(Request):
    revision: RevisionNumber = Field(description="Phiên bản đã sửa / corrected revision")
    correction_note: RequiredText = Field(
        description="Ghi chú đính chính công khai / public correction note"
    )


class FastTrackBody(Request):
    action: FastTrackAction = Field(description="Đăng, đính chính hay gỡ / what to do at once")
    reason: RequiredText = Field(description="Lý do (bắt buộc) / mandatory reason")
    revision: Int32 = Field(default=0, description="Cho publish/correct / for publish, correct")
    correction_note: Text = Field(default="", description="Cho correct / for correct")


class NominateBody(Request):
    target_tenant: RequiredText = Field(description="Tenant tập đoàn / the group tenant")
    note: Text = Field(default="", description="Ghi chú / note")


class Nomination(BaseModel):
    id: str
    story_id: str
    source_tenant: str
    source_revision: int
    target_tenant: str
    nominated_by: Actor | None
    note: str
    nominated_at: datetime | None
    group_story_id: str | None = Field(description="Bản sao ở tenant tập đoàn / group copy")


class NominationResult(BaseModel):
    nomination: Nomination
    workflow: Workflow


# -- comments -----------------------------------------------------------------------------


class CommentAnchor(BaseModel):
    field: Text = Field(description="Trường, ví dụ body_html / revision field")
    quote: Text = Field(default="", description="Đoạn trích / quoted text")
    start_offset: Int32 = 0
    end_offset: Int32 = 0


class CommentCreate(Request):
    revision: RevisionNumber = Field(description="Phiên bản được nhận xét / revision commented on")
    body: RequiredText = Field(description="Nội dung / comment text")
    anchor: CommentAnchor | None = Field(default=None, description="Vị trí / where it points")


class Comment(BaseModel):
    id: str
    story_id: str
    tenant: str
    revision: int
    author: Actor | None
    body: str
    anchor: CommentAnchor | None
    created_at: datetime | None
    resolved: bool
    resolved_by: Actor | None
    resolved_at: datetime | None


# -- audit, policy, freezes -----------------------------------------------------------------


class AuditRecord(BaseModel):
    """Một dòng nhật ký / one audit entry: who, when, from, to, why, revision."""

    id: str
    tenant: str
    story_id: str | None
    actor: Actor | None
    actor_roles: list[ApprovalRole]
    action: AuditAction | None
    from_state: StoryStatus | None
    to_state: StoryStatus | None
    reason: str
    revision: int
    at: datetime | None
    request_id: str
    fast_track: bool
    subject: Actor | None = Field(
        default=None, description="Người được đổi vai trò (change_roles) / whose roles changed"
    )
    roles_before: list[ApprovalRole] = Field(
        default_factory=list, description="Vai trò trước (change_roles) / roles before"
    )
    roles_after: list[ApprovalRole] = Field(
        default_factory=list,
        description="Vai trò sau, rỗng = rời đơn vị (change_roles) / roles after; empty: removed",
    )


class Policy(BaseModel):
    tenant: str
    stages: list[ApprovalStage] = Field(description="Các bước duyệt theo thứ tự / ordered stages")
    official_statement_role: ApprovalRole | None = Field(
        description="Người ký thông cáo chính thức / official statement sign-off role"
    )
    updated_at: datetime | None
    updated_by: Actor | None


# A contributor never decides a stage. The schema says so; the service refuses it with
# 400 INVALID_POLICY (the gateway passes it on, so the reason stays the service's).
STAGE_ROLES = [r.value for r in ApprovalRole if r is not ApprovalRole.CONTRIBUTOR]
StageRole = Annotated[ApprovalRole, WithJsonSchema({"type": "string", "enum": STAGE_ROLES})]


class ApprovalStageUpdate(Request):
    role: StageRole = Field(description="Vai trò duyệt / approving role")
    name: Text = Field(default="", description="Tên bước, ví dụ 'Ban biên tập' / stage name")


class PolicyUpdate(Request):
    stages: list[ApprovalStageUpdate] = Field(min_length=1, description="Các bước / ordered stages")
    official_statement_role: StageRole | None = Field(
        default=None, description="Mặc định spokesperson / default spokesperson"
    )


class Freeze(BaseModel):
    id: str
    scope: FreezeScope | None
    tenant: str | None
    active: bool
    reason: str
    set_by: Actor | None
    set_at: datetime | None
    lifted_by: Actor | None
    lifted_at: datetime | None
    lift_reason: str


class FreezeCreate(Request):
    scope: FreezeScope = Field(default=FreezeScope.TENANT, description="Phạm vi / scope")
    reason: RequiredText = Field(description="Lý do / reason")


class FreezeLift(Request):
    scope: FreezeScope = Field(default=FreezeScope.TENANT)
    reason: Text = Field(default="", description="Lý do / reason")


# -- published read model --------------------------------------------------------------------


class Tag(BaseModel):
    slug: str
    name: str


class MediaFile(BaseModel):
    url: str = Field(description="URL tuyệt đối / absolute URL")
    width: int
    height: int
    content_type: str


class MediaSubtitle(BaseModel):
    language: str
    label: str
    url: str


class PublishedMedia(BaseModel):
    """Một tệp của bài đã đăng, đúng phiên bản đã duyệt / a media item of a published
    story: the approved version, its renditions and player URLs."""

    asset_id: str
    version: int = Field(description="Phiên bản đã duyệt / the pinned, approved version")
    kind: AssetKind | None
    title: str
    caption: str
    credit: str
    alt: str = Field(description="Mô tả thay thế (ảnh) / alt text (images)")
    width: int
    height: int
    renditions: list[MediaFile] = Field(
        description="WebP rồi JPEG, mỗi loại rộng nhất cuối / WebP then JPEG, widest last"
    )
    card: MediaFile | None = Field(description="Ảnh cắt 16:9 / 16:9 focal-point crop")
    poster: MediaFile | None
    hls_url: str | None
    duration_ms: int
    subtitles: list[MediaSubtitle]
    thumbnails_vtt_url: str | None
    download_url: str | None
    items: list[PublishedMedia] = Field(description="Ảnh của bộ ảnh / gallery images")


class PublishedStorySummary(BaseModel):
    tenant: str
    story_id: str
    slug: str
    headline: str
    summary: str
    byline: str
    section_slug: str
    section_name: str
    type: StoryType | None
    visibility: Visibility | None
    language: str
    lead_media: PublishedMedia | None
    published_at: datetime | None
    updated_at: datetime | None
    tags: list[Tag] = Field(default_factory=list, description="Thẻ / tags")


class PublishedStory(BaseModel):
    """Bài đã đăng như trên cổng / a published story as the portal shows it."""

    tenant: str
    story_id: str
    slug: str
    headline: str
    summary: str
    body_html: str
    byline: str
    section_slug: str
    section_name: str
    tags: list[Tag]
    type: StoryType | None
    visibility: Visibility | None
    language: str
    media: list[PublishedMedia]
    revision: int
    published_at: datetime | None
    updated_at: datetime | None
    correction_note: str = Field(description="Ghi chú đính chính / correction note")


class SearchHit(BaseModel):
    story: PublishedStorySummary
    rank: float = Field(description="Độ liên quan / relevance")
    snippet_html: str = Field(description="Trích đoạn có <mark> / excerpt with <mark>")


class SiteSection(BaseModel):
    slug: str
    name: str
    description: str


class Site(BaseModel):
    """Trang của một đơn vị / one tenant's site on the portal."""

    tenant: str = Field(description="Mã đơn vị / tenant slug")
    name: str
    default_language: str
    group_tenant: bool = Field(description="Trang gốc của cổng / the portal's root site")
    base_url: str = Field(description="Địa chỉ gốc, không có / cuối / absolute base URL")
    hostname: str | None = Field(description="Tên miền riêng / own hostname, if any")
    sections: list[SiteSection] = Field(
        default_factory=list, description="Chuyên mục cấp một (menu) / top-level sections"
    )


class PublicSites(BaseModel):
    """Các trang của cổng tin / every site of the portal."""

    portal_url: str = Field(description="Địa chỉ gốc của cổng / the portal's root URL")
    sites: list[Site]


class SectionStories(BaseModel):
    section: Section
    items: list[PublishedStorySummary] = Field(description="Bài mới nhất / newest stories")


class PublicHome(BaseModel):
    """Trang chủ của đơn vị / a tenant's home page."""

    tenant: Tenant
    site: Site | None = Field(default=None, description="Địa chỉ trang / the site's address")
    sections: list[Section]
    stories: list[PublishedStorySummary] = Field(
        description="Bài mới nhất (ở trang tập đoàn gồm cả bài đơn vị đề cử) / newest "
        "stories (on the group's home, the subsidiaries' syndicated ones among them)"
    )
    next_cursor: str | None
    section_stories: list[SectionStories] = Field(
        default_factory=list,
        description="Bài mới nhất của từng chuyên mục / newest stories per section",
    )


class PublicSection(BaseModel):
    section: str = Field(description="Chuyên mục / section slug")
    items: list[PublishedStorySummary]
    next_cursor: str | None


class PublicTag(BaseModel):
    tag: Tag
    items: list[PublishedStorySummary]
    next_cursor: str | None


# -- me ---------------------------------------------------------------------------------------


class TenantRoles(BaseModel):
    tenant: str
    roles: list[str]


class Me(BaseModel):
    """Người dùng hiện tại / who am I."""

    user_id: str
    username: str
    display_name: str
    tenants: list[TenantRoles] = Field(description="Các đơn vị và vai trò / tenants and roles")
    realm_roles: list[str] = Field(description="Vai trò toàn hệ thống / platform-wide roles")
    platform_admin: bool


class FieldError(BaseModel):
    field: str = Field(description="Vị trí, ví dụ body.headline / location")
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(description="URI loại lỗi / problem type URI")
    title: str = Field(description="Tóm tắt / short summary")
    status: int = Field(description="Mã HTTP / HTTP status")
    detail: str = Field(description="Chi tiết / explanation for this occurrence")
    instance: str = Field(description="Đường dẫn yêu cầu / request path")
    reason: str = Field(description="Lý do ổn định (UPPER_SNAKE) / stable machine reason")
    request_id: str | None = Field(description="Mã yêu cầu (X-Request-ID) / request id")
    errors: list[FieldError] | None = Field(
        default=None, description="Lỗi từng trường (400) / field errors"
    )
