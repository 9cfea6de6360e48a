"""Demo data of `newsroom dev`: the three tenants, their users and a newsroom's worth of
stories in every workflow state (Vietnamese and English)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from newsroom.content.v1 import story_pb2
from newsroom_cli.tenants import TenantSpec
from newsroom_core.identity import TENANT_ROLES

PASSWORD = "demo1234"

TENANTS = (
    TenantSpec("tkv", "Tập đoàn TKV", group_tenant=True),
    TenantSpec("halong", "Công ty Than Hạ Long"),
    TenantSpec("uongbi", "Công ty Nhiệt điện Uông Bí"),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    tenant: str
    role: str


def logins() -> list[DemoLogin]:
    """The users of deploy/local/keycloak/newsroom-realm.json."""
    result: list[DemoLogin] = []
    for tenant in TENANTS:
        for role in TENANT_ROLES:
            result.append(DemoLogin(f"{tenant.slug}.{role}", tenant.slug, role))
            if tenant.slug == "halong" and role == "contributor":
                result.append(DemoLogin("halong.contributor2", "halong", "contributor"))
    result.append(DemoLogin("platform.admin", "*", "platform-admin"))
    result.append(DemoLogin("ops.viewer", "*", "ops"))
    return result


class Target(StrEnum):
    """Where the seed leaves a story."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CORRECTED = "corrected"
    RETRACTED = "retracted"


STATE_LABELS = {
    Target.DRAFT: "bản nháp (draft)",
    Target.SUBMITTED: "đã gửi duyệt (submitted)",
    Target.IN_REVIEW: "đang duyệt (in review)",
    Target.CHANGES_REQUESTED: "cần sửa (changes requested)",
    Target.APPROVED: "đã duyệt (approved)",
    Target.SCHEDULED: "đã hẹn giờ (scheduled)",
    Target.PUBLISHED: "đã đăng (published)",
    Target.CORRECTED: "đã đính chính (corrected)",
    Target.RETRACTED: "đã gỡ (retracted)",
}

NEWS = story_pb2.STORY_TYPE_NEWS
FEATURE = story_pb2.STORY_TYPE_FEATURE
GALLERY = story_pb2.STORY_TYPE_GALLERY
VIDEO = story_pb2.STORY_TYPE_VIDEO
OPINION = story_pb2.STORY_TYPE_OPINION
OFFICIAL_STATEMENT = story_pb2.STORY_TYPE_OFFICIAL_STATEMENT


@dataclass(frozen=True, slots=True)
class DemoStory:
    tenant: str
    slug: str
    headline: str
    target: Target
    summary: str
    paragraphs: tuple[str, ...]
    language: str = "vi"
    type: story_pb2.StoryType = NEWS
    section: str = "tin-tuc"
    tags: tuple[str, ...] = ()
    byline: str = ""
    author: str = "contributor"  # the author is the user <tenant>.<author>
    internal: bool = False
    # Changes requested: the editor's reason; retracted: the takedown reason;
    # corrected: the public correction note.
    note: str = ""
    # Scheduled / approved stories: publish this many days from now.
    schedule_days: int = 7
    # Corrected stories: the corrected first paragraph.
    corrected_paragraph: str = ""
    # Media placed in the story: (demo media key, caption, credit); the first is the lead.
    media: tuple[tuple[str, str, str], ...] = ()

    @property
    def body_html(self) -> str:
        return "".join(f"<p>{p}</p>" for p in self.paragraphs)

    @property
    def author_username(self) -> str:
        return f"{self.tenant}.{self.author}"


# Sections the demo adds to every tenant besides content's defaults.
EXTRA_SECTIONS = (("phat-thanh", "Phát thanh", "Bản tin phát thanh nội bộ"),)

# The first story is the seed's marker: when it exists, the tenant was seeded before.
STORIES: tuple[DemoStory, ...] = (
    # --- Công ty Than Hạ Long --------------------------------------------------------
    DemoStory(
        tenant="halong",
        slug="than-ha-long-day-manh-truyen-thong-an-toan-lao-dong",
        headline="Than Hạ Long đẩy mạnh truyền thông an toàn lao động",
        target=Target.PUBLISHED,
        summary="Từ tọa đàm đầu ca đến video hướng dẫn ngắn, công ty đưa thông điệp an toàn "
        "đến từng phân xưởng.",
        paragraphs=(
            "Công ty Than Hạ Long vừa khởi động chương trình truyền thông an toàn lao động "
            "năm nay với khẩu hiệu «An toàn để trở về».",
            "Mỗi ca sản xuất bắt đầu bằng 10 phút trao đổi tại chỗ về các rủi ro của ngày "
            "làm việc; các video hướng dẫn dài dưới hai phút được phát trên màn hình ở nhà "
            "giao ca.",
            "Theo Phòng An toàn, số sự cố nhỏ được báo cáo tăng gấp đôi so với cùng kỳ, dấu "
            "hiệu cho thấy công nhân chủ động lên tiếng hơn khi phát hiện nguy cơ.",
        ),
        tags=("an toàn lao động", "truyền thông nội bộ"),
        byline="Nguyễn Văn An",
    ),
    DemoStory(
        tenant="halong",
        slug="ha-long-coal-opens-mine-rescue-training-centre",
        headline="Ha Long Coal opens a training centre for mine rescue teams",
        target=Target.PUBLISHED,
        language="en",
        type=FEATURE,
        section="su-kien",
        summary="Smoke galleries, a breathing-apparatus workshop and a control room that "
        "replays real incidents.",
        paragraphs=(
            "Ha Long Coal has opened a dedicated training centre for its mine rescue teams, "
            "with a smoke-filled training gallery and a workshop for breathing apparatus.",
            "Every rescuer will spend at least forty hours a year in the centre, rehearsing "
            "scenarios built from the company's own incident reports.",
        ),
        tags=("mine rescue", "training"),
        byline="Ha Long Coal newsroom",
    ),
    DemoStory(
        tenant="halong",
        slug="khoi-cong-cai-tao-moi-truong-bai-thai-nam-lo-phong",
        headline="Khởi công cải tạo môi trường bãi thải Nam Lộ Phong",
        target=Target.IN_REVIEW,
        summary="Hơn 40 ha bãi thải sẽ được phủ xanh trong hai năm tới.",
        paragraphs=(
            "Sáng nay, Công ty Than Hạ Long khởi công dự án cải tạo, phục hồi môi trường bãi "
            "thải Nam Lộ Phong.",
            "Dự án gồm san gạt tạo tầng, xây mương thoát nước và trồng keo, thông trên diện "
            "tích hơn 40 ha.",
        ),
        tags=("môi trường", "bãi thải"),
        byline="Trần Thị Bình",
    ),
    DemoStory(
        tenant="halong",
        slug="hoi-thi-tho-lo-gioi-cap-cong-ty",
        headline="Hội thi thợ lò giỏi cấp công ty thu hút hơn 120 thí sinh",
        target=Target.SUBMITTED,
        section="su-kien",
        summary="Phần thi thực hành diễn ra ngay tại lò chợ mức -150.",
        paragraphs=(
            "Hơn 120 thợ lò từ 14 phân xưởng tham gia hội thi thợ lò giỏi năm nay.",
            "Thí sinh thi lý thuyết an toàn, sau đó thực hành chống giữ lò ngay tại hiện "
            "trường dưới sự giám sát của hội đồng giám khảo.",
        ),
        tags=("thi đua", "thợ lò"),
        byline="Nguyễn Văn An",
    ),
    DemoStory(
        tenant="halong",
        slug="san-luong-than-quy-iii-vuot-ke-hoach",
        headline="Sản lượng than quý III vượt kế hoạch 8%",
        target=Target.CHANGES_REQUESTED,
        summary="Than nguyên khai đạt 1,35 triệu tấn, tiêu thụ tăng 6%.",
        paragraphs=(
            "Quý III, công ty khai thác 1,35 triệu tấn than nguyên khai, vượt 8% kế hoạch.",
            "Than tiêu thụ tăng 6% so với cùng kỳ nhờ nhu cầu của các nhà máy nhiệt điện.",
        ),
        tags=("sản xuất", "kết quả kinh doanh"),
        byline="Nguyễn Văn An",
        note="Cần đối chiếu số liệu với Phòng Kế hoạch trước khi đăng "
        "(please check the figures with the Planning office).",
    ),
    DemoStory(
        tenant="halong",
        slug="ghi-chep-mot-ca-lam-viec-o-do-sau-am-150-met",
        headline="Ghi chép: một ca làm việc ở độ sâu âm 150 mét",
        target=Target.DRAFT,
        type=FEATURE,
        summary="Tám tiếng cùng tổ lò chợ số 3.",
        paragraphs=(
            "5 giờ 30 sáng, tổ lò chợ số 3 đã có mặt ở nhà giao ca, kiểm tra đèn, bình tự "
            "cứu và nghe quản đốc phổ biến nhiệm vụ.",
        ),
        tags=("phóng sự", "thợ lò"),
        byline="Lê Thị Cúc",
        author="contributor2",
    ),
    DemoStory(
        tenant="halong",
        slug="ha-long-coal-community-open-day-ha-tu",
        headline="Ha Long Coal to host a community open day at the Ha Tu mine",
        target=Target.SCHEDULED,
        language="en",
        section="su-kien",
        summary="Families of miners and local students are invited to tour the surface works.",
        paragraphs=(
            "Ha Long Coal will open the surface works of the Ha Tu mine to families and "
            "local students for a day of guided tours.",
            "Visitors will see the coal preparation plant, the mine rescue station and the "
            "site's reclaimed waste dumps.",
        ),
        tags=("community", "open day"),
        byline="Ha Long Coal newsroom",
        schedule_days=5,
    ),
    DemoStory(
        tenant="halong",
        slug="phong-su-nhung-nguoi-giu-nhip-bang-tai",
        headline="Phóng sự: những người giữ nhịp băng tải",
        target=Target.APPROVED,
        type=VIDEO,
        section="video",
        summary="Gần 12 km băng tải chạy suốt ngày đêm nhờ một tổ bảo dưỡng chỉ 18 người.",
        paragraphs=(
            "Phóng sự video theo chân tổ bảo dưỡng băng tải trong ca đêm, khi hệ thống vẫn "
            "vận chuyển than từ cửa lò ra nhà sàng.",
        ),
        tags=("video", "bảo dưỡng"),
        byline="Tổ truyền hình Than Hạ Long",
    ),
    DemoStory(
        tenant="halong",
        slug="thong-bao-lich-nghi-bao-duong-bang-tai",
        headline="Thông báo lịch nghỉ bảo dưỡng băng tải",
        target=Target.RETRACTED,
        summary="Tuyến băng tải chính dừng 36 giờ để thay con lăn.",
        paragraphs=("Tuyến băng tải chính sẽ dừng 36 giờ để thay toàn bộ con lăn đoạn dốc.",),
        tags=("thông báo",),
        byline="Phòng Cơ điện",
        note="Lịch bảo dưỡng đã thay đổi, thông tin không còn chính xác "
        "(the maintenance schedule changed).",
    ),
    # --- Công ty Nhiệt điện Uông Bí ------------------------------------------------------
    DemoStory(
        tenant="uongbi",
        slug="uong-bi-power-plant-completes-annual-maintenance",
        headline="Uông Bí power plant completes annual maintenance",
        target=Target.PUBLISHED,
        language="en",
        summary="Unit 2 is back on the grid two days ahead of schedule.",
        paragraphs=(
            "The Uông Bí thermal power plant has completed the annual maintenance of its "
            "330 MW unit 2, which returned to the grid two days ahead of schedule.",
            "Engineers replaced boiler tubes, overhauled the turbine valves and upgraded the "
            "unit's distributed control system.",
        ),
        tags=("maintenance", "power generation"),
        byline="Uông Bí newsroom",
    ),
    DemoStory(
        tenant="uongbi",
        slug="nhiet-dien-uong-bi-hoan-thanh-dai-tu-to-may-so-1",
        headline="Nhiệt điện Uông Bí hoàn thành đại tu tổ máy số 1 trước tiến độ",
        target=Target.PUBLISHED,
        summary="Tổ máy hòa lưới sau 42 ngày đại tu, sớm 3 ngày so với kế hoạch.",
        paragraphs=(
            "Sau 42 ngày đại tu, tổ máy số 1 đã hòa lưới điện quốc gia, sớm 3 ngày so với "
            "kế hoạch.",
            "Khối lượng công việc lớn nhất là thay thế bộ quá nhiệt và kiểm tra toàn bộ "
            "đường ống áp lực.",
        ),
        tags=("đại tu", "vận hành"),
        byline="Phạm Văn Đức",
    ),
    DemoStory(
        tenant="uongbi",
        slug="uong-bi-vuot-moc-1-ty-kwh-dien-thuong-pham",
        headline="Uông Bí vượt mốc 1 tỷ kWh điện thương phẩm từ đầu năm",
        target=Target.CORRECTED,
        summary="Sản lượng điện thương phẩm đạt 1,2 tỷ kWh sau chín tháng.",
        paragraphs=(
            "Tính đến hết tháng 9, nhà máy đã phát 1,2 tỷ kWh điện thương phẩm.",
            "Hai tổ máy vận hành ổn định, suất tiêu hao than giảm so với cùng kỳ.",
        ),
        corrected_paragraph="Tính đến hết tháng 9, nhà máy đã phát 1,02 tỷ kWh điện thương phẩm.",
        tags=("sản xuất điện",),
        byline="Phạm Văn Đức",
        note="Đính chính số liệu: 1,02 tỷ kWh, không phải 1,2 tỷ kWh "
        "(corrected figure: 1.02 billion kWh).",
    ),
    DemoStory(
        tenant="uongbi",
        slug="trong-5000-cay-xanh-quanh-nha-may",
        headline="Trồng 5.000 cây xanh quanh khu vực nhà máy",
        target=Target.IN_REVIEW,
        section="su-kien",
        summary="Đoàn viên thanh niên ra quân trồng cây tạo vành đai xanh.",
        paragraphs=(
            "Hơn 300 đoàn viên thanh niên của nhà máy đã trồng 5.000 cây xanh dọc tuyến "
            "đường vận chuyển than và quanh bãi xỉ.",
        ),
        tags=("môi trường", "thanh niên"),
        byline="Đoàn Thanh niên",
    ),
    DemoStory(
        tenant="uongbi",
        slug="toa-dam-chuyen-doi-so-trong-van-hanh-nha-may-nhiet-dien",
        headline="Tọa đàm chuyển đổi số trong vận hành nhà máy nhiệt điện",
        target=Target.SCHEDULED,
        section="su-kien",
        summary="Chuyên gia chia sẻ kinh nghiệm giám sát thiết bị từ xa và bảo trì dự báo.",
        paragraphs=(
            "Tọa đàm quy tụ kỹ sư vận hành, chuyên gia tự động hóa và đại diện các đơn vị "
            "trong tập đoàn.",
        ),
        tags=("chuyển đổi số",),
        byline="Phạm Văn Đức",
        schedule_days=10,
    ),
    DemoStory(
        tenant="uongbi",
        slug="plant-safety-week-emergency-drill-uong-bi",
        headline="Plant safety week: emergency response drill at Uông Bí",
        target=Target.APPROVED,
        language="en",
        section="su-kien",
        summary="Fire crews, medics and the control room rehearse a boiler-house incident.",
        paragraphs=(
            "The plant's safety week ends with a full-scale drill: a simulated fire in the "
            "boiler house, with evacuation, first aid and a controlled shutdown of unit 1.",
        ),
        tags=("safety", "drill"),
        byline="Uông Bí newsroom",
    ),
    DemoStory(
        tenant="uongbi",
        slug="coal-ash-recycling-contract-cement-makers",
        headline="Coal ash recycling: a new contract with cement makers",
        target=Target.CHANGES_REQUESTED,
        language="en",
        summary="Fly ash from both units will go to two cement plants in the province.",
        paragraphs=(
            "The plant has signed a contract to deliver fly ash from both units to two "
            "cement makers in the province.",
        ),
        tags=("environment", "ash recycling"),
        byline="Uông Bí newsroom",
        note="Please name the cement makers and add the annual volume "
        "(bổ sung tên đối tác và khối lượng).",
    ),
    DemoStory(
        tenant="uongbi",
        slug="continuous-emissions-monitoring-dashboard-trial",
        headline="Trial of a continuous emissions monitoring dashboard",
        target=Target.DRAFT,
        language="en",
        summary="Stack emissions, live, on the control room's wall.",
        paragraphs=("Draft: waiting for the environment team's figures.",),
        tags=("environment",),
        byline="Uông Bí newsroom",
    ),
    DemoStory(
        tenant="uongbi",
        slug="anh-mot-ngay-o-phong-dieu-khien-trung-tam",
        headline="Ảnh: một ngày ở phòng điều khiển trung tâm",
        target=Target.SUBMITTED,
        type=GALLERY,
        section="anh",
        summary="24 giờ của những người trực vận hành.",
        paragraphs=("Phóng sự ảnh về ca trực vận hành tại phòng điều khiển trung tâm.",),
        tags=("phóng sự ảnh",),
        byline="Phạm Văn Đức",
    ),
    # --- Tập đoàn TKV (group tenant) -------------------------------------------------
    DemoStory(
        tenant="tkv",
        slug="thong-cao-bao-chi-ket-qua-san-xuat-kinh-doanh-9-thang",
        headline="Thông cáo báo chí: TKV công bố kết quả sản xuất kinh doanh 9 tháng",
        target=Target.PUBLISHED,
        type=OFFICIAL_STATEMENT,
        section="thong-cao",
        summary="Doanh thu và sản lượng tiêu thụ than đều vượt kế hoạch.",
        paragraphs=(
            "Tập đoàn TKV công bố kết quả sản xuất kinh doanh 9 tháng: than tiêu thụ và doanh "
            "thu đều vượt kế hoạch đề ra.",
            "Tập đoàn tiếp tục ưu tiên an toàn lao động, đầu tư cơ giới hóa và bảo vệ môi "
            "trường tại các vùng mỏ.",
        ),
        tags=("thông cáo báo chí", "kết quả kinh doanh"),
        byline="Văn phòng Tập đoàn",
    ),
    DemoStory(
        tenant="tkv",
        slug="tkv-launches-digital-newsroom-for-subsidiaries",
        headline="TKV launches a digital newsroom for its subsidiaries",
        target=Target.PUBLISHED,
        language="en",
        summary="One platform for articles, photo galleries, online video and social channels.",
        paragraphs=(
            "TKV has moved its printed bulletin to a multimedia newsroom shared by its "
            "subsidiaries, each with its own editorial board.",
            "Every story is approved by the editorial board before it reaches the portal or "
            "the group's official social media pages.",
        ),
        tags=("digital newsroom",),
        byline="TKV communications",
    ),
    DemoStory(
        tenant="tkv",
        slug="ban-tin-noi-bo-lich-giao-ban-truc-tuyen",
        headline="Bản tin nội bộ: lịch giao ban trực tuyến với các đơn vị",
        target=Target.PUBLISHED,
        internal=True,
        summary="Chỉ dành cho cán bộ, nhân viên (internal only).",
        paragraphs=(
            "Giao ban trực tuyến định kỳ với các đơn vị diễn ra lúc 8 giờ sáng thứ Hai hằng tuần.",
        ),
        tags=("nội bộ",),
        byline="Văn phòng Tập đoàn",
    ),
    DemoStory(
        tenant="tkv",
        slug="phat-dong-phong-trao-thi-dua-an-toan-lao-dong-toan-nganh",
        headline="Tập đoàn phát động phong trào thi đua an toàn lao động toàn ngành",
        target=Target.SUBMITTED,
        summary="Các đơn vị đăng ký mục tiêu không để xảy ra tai nạn nghiêm trọng.",
        paragraphs=("Tập đoàn phát động phong trào thi đua «Tháng an toàn» trong toàn ngành.",),
        tags=("an toàn lao động", "thi đua"),
        byline="Văn phòng Tập đoàn",
    ),
    DemoStory(
        tenant="tkv",
        slug="opinion-safety-culture-starts-at-the-shift-briefing",
        headline="Opinion: safety culture starts at the shift briefing",
        target=Target.DRAFT,
        language="en",
        type=OPINION,
        summary="Ten minutes at the start of every shift matter more than any poster.",
        paragraphs=("Draft of the monthly column.",),
        tags=("opinion", "safety"),
        byline="TKV communications",
    ),
    DemoStory(
        tenant="tkv",
        slug="tkv-announces-coal-price-adjustment",
        headline="TKV announces a coal price adjustment",
        target=Target.RETRACTED,
        language="en",
        summary="New prices for domestic customers.",
        paragraphs=("New coal prices for domestic customers take effect next month.",),
        tags=("prices",),
        byline="TKV communications",
        note="Đăng trước khi được phê duyệt chính thức (published before the official sign-off).",
    ),
)

# Portal page types: a video, a gallery and a radio bulletin, with the demo media
# (newsroom_cli.demo_media: generated, uploaded and transcoded when `newsroom dev` starts).
STORIES += (
    DemoStory(
        tenant="halong",
        slug="video-mot-ngay-cung-to-bao-duong-bang-tai",
        headline="Video: một ngày cùng tổ bảo dưỡng băng tải",
        target=Target.PUBLISHED,
        type=VIDEO,
        section="video",
        summary="Theo chân tổ bảo dưỡng 18 người giữ cho gần 12 km băng tải chạy suốt ngày đêm.",
        paragraphs=("Phóng sự video của Tổ truyền hình Than Hạ Long.",),
        tags=("video", "bảo dưỡng"),
        byline="Tổ truyền hình Than Hạ Long",
        media=(("demo:video-bang-tai", "Ca đêm ở tuyến băng tải chính", ""),),
    ),
    DemoStory(
        tenant="halong",
        slug="anh-ngay-hoi-tho-mo",
        headline="Ảnh: ngày hội thợ mỏ",
        target=Target.PUBLISHED,
        type=GALLERY,
        section="anh",
        summary="Những khoảnh khắc của ngày hội truyền thống ngành Than.",
        paragraphs=("Phóng sự ảnh ngày hội thợ mỏ tại Hạ Long.",),
        tags=("phóng sự ảnh", "thợ lò"),
        byline="Lê Thị Cúc",
        media=(("demo:anh-ngay-hoi", "Ngày hội thợ mỏ", "Ảnh: Lê Thị Cúc"),),
    ),
    DemoStory(
        tenant="tkv",
        slug="ban-tin-phat-thanh-tuan-nay",
        headline="Bản tin phát thanh tuần này",
        target=Target.PUBLISHED,
        section="phat-thanh",
        summary="Tin sản xuất, an toàn và đời sống của các đơn vị trong tuần.",
        paragraphs=("Bản tin phát thanh hằng tuần của Tập đoàn, phát tại các nhà giao ca.",),
        tags=("phát thanh",),
        byline="Đài phát thanh nội bộ TKV",
        media=(("demo:ban-tin-tuan", "Bản tin phát thanh tuần này", ""),),
    ),
)

MARKER = STORIES[0]
