"""Text helpers: Vietnamese-correct slugs, HTML sanitising, plain-text extraction and ids
sent as text."""

from __future__ import annotations

import html
import re
import unicodedata
import uuid
from html.parser import HTMLParser

import nh3

SLUG_MAX_LENGTH = 80
TENANT_SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters NFD does not decompose: Vietnamese đ/Đ (and look-alike eth), a few ligatures.
_TRANSLITERATE = str.maketrans(
    {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE"}
)


def slugify(value: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """``Đẩy mạnh truyền thông`` -> ``day-manh-truyen-thong``.

    Strips diacritics (NFKD, then drop combining marks), maps đ to d, lower-cases, turns
    every run of other characters into one hyphen and cuts at a word boundary.
    """
    text = unicodedata.normalize("NFKD", value.translate(_TRANSLITERATE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_TRANSLITERATE)
    slug = _NON_ALNUM.sub("-", text.lower()).strip("-")
    return truncate_slug(slug, max_length)


def truncate_slug(slug: str, max_length: int) -> str:
    """``slug`` cut to ``max_length`` at a hyphen when there is one."""
    if len(slug) <= max_length:
        return slug
    if slug[max_length] == "-":
        return slug[:max_length].strip("-")
    cut = slug.rfind("-", 0, max_length + 1)
    if cut <= 0:
        return slug[:max_length].strip("-")
    return slug[:cut].strip("-")


def with_suffix(base: str, n: int, max_length: int = SLUG_MAX_LENGTH) -> str:
    """The n-th candidate of a unique slug: base, base-2, base-3, ... within max_length."""
    if n <= 1:
        return truncate_slug(base, max_length)
    suffix = f"-{n}"
    return f"{truncate_slug(base, max_length - len(suffix))}{suffix}"


def is_valid_tenant_slug(slug: str) -> bool:
    return len(slug) <= 63 and bool(TENANT_SLUG_PATTERN.match(slug))


def nfc(value: str) -> str:
    """Vietnamese text arrives precomposed or decomposed; store one form."""
    return unicodedata.normalize("NFC", value)


ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
        "a", "ul", "ol", "li", "blockquote", "q", "cite", "code", "pre",
        "figure", "img", "figcaption",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    # A media embed placeholder (the media contract): the portal renders the story's
    # media item with this asset id in its place.
    "figure": {"data-media-asset"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitize_html(value: str) -> str:
    """Article markup only: no scripts, styles, event handlers, classes or foreign URLs."""
    if not value.strip():
        return ""
    cleaned = nh3.clean(
        nfc(value),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


_BLOCK_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
        "figure", "figcaption", "table", "tr", "caption", "pre", "div",
    }
)  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(value: str) -> str:
    """Readable plain text of an HTML fragment: one line per block, spaces collapsed."""
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


_BLOCK_START = re.compile(
    r"(?=<(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr|pre|hr)[\s>/])",
    re.IGNORECASE,
)


def html_lines(value: str) -> list[str]:
    """HTML split before each block element, so a diff shows changed paragraphs."""
    return [part.strip() for part in _BLOCK_START.split(value) if part.strip()]


def escape(value: str) -> str:
    return html.escape(value, quote=True)


def parse_uuid(value: str) -> uuid.UUID | None:
    """The UUID ``value`` spells; None when it spells none (callers answer NOT_FOUND)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
