from __future__ import annotations

import unicodedata

import pytest

from content_service.text import (
    html_lines,
    html_to_text,
    is_valid_tenant_slug,
    sanitize_html,
    slugify,
    with_suffix,
)


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Đẩy mạnh truyền thông", "day-manh-truyen-thong"),
        ("Ứng phó bão Yagi: Than Hạ Long", "ung-pho-bao-yagi-than-ha-long"),
        ("ĐÀO TẠO AN TOÀN LAO ĐỘNG", "dao-tao-an-toan-lao-dong"),
        ("Người thợ mỏ – “niềm tự hào” của vùng than!", "nguoi-tho-mo-niem-tu-hao-cua-vung-than"),
        (
            "  Sản lượng   tháng 9/2024 đạt 4,5 triệu tấn ",
            "san-luong-thang-9-2024-dat-4-5-trieu-tan",
        ),
        ("Quỹ “Vì người nghèo” ủng hộ 1.000.000đ", "quy-vi-nguoi-ngheo-ung-ho-1-000-000d"),
        ("Hội nghị---tổng kết___năm", "hoi-nghi-tong-ket-nam"),
        ("Ưu đãi ơn nghĩa ở Uông Bí", "uu-dai-on-nghia-o-uong-bi"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_slugify_vietnamese(headline: str, slug: str) -> None:
    assert slugify(headline) == slug


def test_slugify_handles_decomposed_input_like_precomposed() -> None:
    precomposed = "Truyền thông Hạ Long"
    decomposed = unicodedata.normalize("NFD", precomposed)
    assert decomposed != precomposed
    assert slugify(decomposed) == slugify(precomposed) == "truyen-thong-ha-long"


def test_slugify_cuts_long_headlines_at_a_word_boundary() -> None:
    headline = "Tập đoàn Công nghiệp Than – Khoáng sản Việt Nam tổ chức hội nghị " * 4
    slug = slugify(headline)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    words = set(slugify(headline, max_length=10_000).split("-"))
    assert all(part in words for part in slug.split("-")), "no word may be cut in half"
    assert slugify("a" * 120) == "a" * 80, "a single long word is cut hard"


def test_unique_slug_candidates_keep_the_length_limit() -> None:
    base = slugify("Tin tức " * 30)
    assert with_suffix(base, 1) == base
    second = with_suffix(base, 2)
    assert second.endswith("-2") and len(second) <= 80
    assert with_suffix("tin-tuc", 3) == "tin-tuc-3"


@pytest.mark.parametrize(
    ("slug", "valid"),
    [("halong", True), ("uong-bi", True), ("tkv2", True), ("Ha-Long", False), ("-x", False),
     ("a--b", False), ("hạ-long", False), ("", False)],
)  # fmt: skip
def test_tenant_slug_validation(slug: str, valid: bool) -> None:
    assert is_valid_tenant_slug(slug) is valid


def test_sanitize_keeps_article_markup() -> None:
    body = (
        "<h2>Tiêu đề</h2><p>Đoạn <strong>đậm</strong> và <em>nghiêng</em> "
        '<a href="https://tkv.vn/x">liên kết</a></p>'
        "<ul><li>một</li></ul><blockquote>trích</blockquote>"
        '<figure><img src="https://cdn.tkv.vn/a.webp" alt="ảnh"><figcaption>Chú thích</figcaption>'
        "</figure><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    )
    clean = sanitize_html(body)
    for fragment in (
        "<h2>Tiêu đề</h2>",
        "<strong>đậm</strong>",
        "<em>nghiêng</em>",
        'href="https://tkv.vn/x"',
        "<li>một</li>",
        "<blockquote>trích</blockquote>",
        'src="https://cdn.tkv.vn/a.webp"',
        'alt="ảnh"',
        "<figcaption>Chú thích</figcaption>",
        "<th>A</th>",
        "<td>1</td>",
    ):
        assert fragment in clean


def test_sanitize_keeps_media_embed_placeholders() -> None:
    embed = '<p>Ảnh.</p><figure data-media-asset="0b7c-44aa"></figure>'
    assert sanitize_html(embed) == embed
    # Only that attribute: no classes or handlers ride along on a figure.
    dirty = '<figure data-media-asset="a1" class="x" onclick="alert(1)" data-other="y"></figure>'
    assert sanitize_html(dirty) == '<figure data-media-asset="a1"></figure>'


def test_sanitize_removes_scripts_handlers_and_dangerous_urls() -> None:
    dirty = (
        '<p onclick="steal()" class="x" style="color:red">Xin chào'
        "<script>alert(1)</script></p>"
        '<a href="javascript:alert(1)">bẫy</a><iframe src="https://evil"></iframe>'
        '<img src="data:image/png;base64,AAA" onerror="x()"><!-- ghi chú -->'
        "<h1>Quá to</h1><style>p{}</style>"
    )
    clean = sanitize_html(dirty)
    for banned in ("onclick", "script", "alert", "class=", "style", "javascript:", "iframe",
                   "onerror", "data:", "ghi chú", "<h1>"):  # fmt: skip
        assert banned not in clean
    assert "<p>Xin chào</p>" in clean
    assert "Quá to" in clean, "text of a dropped tag stays"


def test_sanitize_adds_rel_to_links_and_normalises_to_nfc() -> None:
    clean = sanitize_html(unicodedata.normalize("NFD", '<a href="https://x.vn">Hạ Long</a>'))
    assert 'rel="noopener noreferrer"' in clean
    assert "Hạ Long" in clean and unicodedata.is_normalized("NFC", clean)
    assert sanitize_html("   ") == ""


def test_html_to_text_and_lines() -> None:
    body = "<h2>Mở đầu</h2><p>Dòng <b>một</b>&nbsp;&amp; hai</p><ul><li>A</li><li>B</li></ul>"
    assert html_to_text(body) == "Mở đầu\nDòng một & hai\nA\nB"
    assert html_lines("<p>a</p><p>b</p>\n<h2>c</h2>") == ["<p>a</p>", "<p>b</p>", "<h2>c</h2>"]
