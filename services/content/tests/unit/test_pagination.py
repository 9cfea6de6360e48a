from __future__ import annotations

import pytest

from content_service import pagination
from newsroom_core.errors import InvalidArgument


def test_page_size_defaults_and_clamps() -> None:
    assert pagination.page_size(0) == 50
    assert pagination.page_size(-3) == 50
    assert pagination.page_size(10) == 10
    assert pagination.page_size(10_000) == 200


def test_token_round_trip_is_opaque() -> None:
    token = pagination.encode("published", "halong", ["2024-09-10T08:30:05+00:00", "abc"])
    assert "halong" not in token
    cursor = pagination.decode(token, "published", "halong")
    stamp, ident = pagination.time_cursor(cursor) or (None, None)
    assert ident == "abc" and stamp is not None and stamp.year == 2024
    assert pagination.decode("", "published", "halong") is None


@pytest.mark.parametrize(
    "token",
    [
        "not base64 !!",
        pagination.encode("stories", "halong", ["2024-09-10T08:30:05+00:00", "x"]),
        pagination.encode("published", "uongbi", ["2024-09-10T08:30:05+00:00", "x"]),
    ],
)
def test_foreign_or_garbled_tokens_are_rejected(token: str) -> None:
    with pytest.raises(InvalidArgument) as err:
        pagination.decode(token, "published", "halong")
    assert err.value.reason == "INVALID_PAGE_TOKEN"


def test_malformed_cursor_is_rejected() -> None:
    cursor = pagination.decode(pagination.encode("search", "s", ["x"]), "search", "s")
    with pytest.raises(InvalidArgument):
        pagination.int_cursor(cursor)
