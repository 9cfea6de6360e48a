from __future__ import annotations

from gateway.middleware import not_modified


def test_if_none_match_matches_a_listed_or_weak_or_star_tag() -> None:
    etag = '"abc"'
    assert not_modified('"abc"', etag)
    assert not_modified('"x", "abc"', etag)
    assert not_modified('W/"abc"', etag)
    assert not_modified("*", etag)
    assert not not_modified('"abd"', etag)
    assert not not_modified(None, etag)
    assert not not_modified("", etag)
