"""Site matching, the page cache's invalidation rules, sign-in helpers and catalogues."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from portal.auth import StaffAuth, pkce_pair, safe_next
from portal.i18n import LOCALES_DIR, load_catalogue
from portal.pages_cache import Page, PageCache
from portal.seo import json_ld
from portal.settings import OidcSettings, PageCacheSettings
from portal.sites import Directory, Site

SITES = Directory(
    (
        Site("tkv", "Tập đoàn", "vi", True, "https://tin.tkv.vn", None),
        Site("halong", "Hạ Long", "vi", False, "https://tin.tkv.vn/halong", None),
        Site("uongbi", "Uông Bí", "vi", False, "https://uongbi.vn", "uongbi.vn"),
    ),
    "https://tin.tkv.vn",
)


def test_hosts_then_path_segments_then_the_group_site() -> None:
    own = SITES.match("uongbi.vn", "/bai-viet/x")
    assert own is not None and (own.site.tenant, own.rest, own.redirect) == (
        "uongbi",
        "/bai-viet/x",
        None,
    )
    path = SITES.match("tin.tkv.vn:443", "/halong/chuyen-muc/tin-tuc")
    assert path is not None and (path.site.tenant, path.rest) == ("halong", "/chuyen-muc/tin-tuc")
    assert SITES.match("tin.tkv.vn", "/halong") is not None
    group = SITES.match("tin.tkv.vn", "/bai-viet/halong")
    assert group is not None and group.site.tenant == "tkv" and group.rest == "/bai-viet/halong"
    moved = SITES.match("tin.tkv.vn", "/uongbi/bai-viet/x")
    assert moved is not None and moved.redirect == "https://uongbi.vn/bai-viet/x"
    halong = SITES.by_tenant("halong")
    assert halong is not None
    assert (
        halong.url("/") == "https://tin.tkv.vn/halong" and halong.path("/the/a") == "/halong/the/a"
    )
    assert SITES.by_tenant("tkv").url("/") == "https://tin.tkv.vn/"  # type: ignore[union-attr]


def test_page_cache_drops_a_tenant_and_refuses_pages_rendered_before_or_just_after() -> None:
    now = [100.0]
    cache = PageCache(PageCacheSettings(settle_s=1.0, ttl_s=60), clock=lambda: now[0])
    cache.mark_ready()
    page = Page.of(200, b"<p>x</p>" * 200)
    key = ("h", "/halong", b"")
    stale_generation = cache.generation("halong")
    assert cache.put(key, "halong", page, stale_generation)
    assert cache.get(key) is page
    assert cache.invalidate_tenant("halong") == 1
    assert cache.get(key) is None
    # rendered before the invalidation: never stored
    assert not cache.put(key, "halong", page, stale_generation)
    # rendered after it, but inside the settle window: served, not stored
    assert not cache.put(key, "halong", page, cache.generation("halong"))
    now[0] += 1.5
    assert cache.put(key, "halong", page, cache.generation("halong"))
    assert cache.put(("h", "/", b""), "tkv", page, cache.generation("tkv"))
    cache.invalidate_tenant("tkv")
    assert cache.get(key) is page, "another tenant's invalidation leaves it"
    now[0] += 61
    assert cache.get(key) is None, "the TTL is the safety net"
    cache.mark_unready()
    assert not cache.put(key, "halong", page, cache.generation("halong"))


def test_pages_carry_both_codings_with_distinct_strong_etags() -> None:
    page = Page.of(200, "Xin chào ".encode() * 100)
    assert page.gzipped and len(page.gzipped) < len(page.body)
    assert page.etag.startswith('"') and page.gzip_etag.endswith('-gz"')
    assert page.etag != page.gzip_etag
    assert Page.of(200, b"tiny").gzipped == b"", "not worth compressing"


def test_pkce_open_redirects_and_sealed_cookies() -> None:
    verifier, challenge = pkce_pair()
    assert 43 <= len(verifier) <= 128 and "=" not in challenge
    assert safe_next("/halong/bai-viet/x?a=1") == "/halong/bai-viet/x?a=1"
    for evil in ("//evil.example/x", "https://evil.example", "/\\evil", "", None):
        assert safe_next(evil) == "/"
    auth = StaffAuth(OidcSettings())
    start = auth.start("http://127.0.0.1:8080/auth/callback", "/bai-viet/noi-bo")
    assert "code_challenge_method=S256" in start.redirect_url
    assert "/realms/newsroom/protocol/openid-connect/auth?" in start.redirect_url
    assert "noi-bo" not in start.cookie, "the login cookie is encrypted"
    assert auth.session("garbage") is None
    other = StaffAuth(OidcSettings(session_secret="another-key"))
    assert other._open(start.cookie) is None, "another key cannot read it"


def test_json_ld_cannot_close_its_script_element() -> None:
    raw = json_ld({"headline": "</script><script>alert(1)</script> & co"})
    assert "</script>" not in raw and "<" not in raw and "&" not in raw


def test_every_interface_string_has_a_vietnamese_translation() -> None:
    root = Path(__file__).resolve().parents[2] / "src" / "portal"
    method_map = [("templates/**.html", "jinja2"), ("**.py", "python")]
    used = {
        (message if isinstance(message, str) else message[0])
        for _, _, message, _, _ in extract_from_dir(
            str(root), method_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2)}
        )
    }
    vi = load_catalogue("vi")
    missing = sorted(m for m in used if m not in vi)
    assert used and missing == [], f"untranslated in {LOCALES_DIR}/vi: {missing}"
    assert set(load_catalogue("en")) >= used
