"""Page tokens and pages (moved here with the code from content's ``pagination`` and
editorial-approval's ``shared.paging``: one encoder now serves both services)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsroom_core import paging
from newsroom_core.errors import InvalidArgument


def test_page_size_defaults_and_clamps() -> None:
    assert paging.page_size(0) == 50
    assert paging.page_size(-3) == 50
    assert paging.page_size(7) == 7
    assert paging.page_size(10) == 10
    assert paging.page_size(10_000) == 200


def test_token_round_trip_is_opaque() -> None:
    token = paging.encode_token("published", "halong", ["2024-09-10T08:30:05+00:00", "abc"])
    assert "halong" not in token
    cursor = paging.decode_token("published", "halong", token)
    stamp, ident = paging.time_cursor(cursor) or (None, None)
    assert ident == "abc" and stamp is not None and stamp.year == 2024
    assert paging.decode_token("published", "halong", "") is None


def test_datetime_cursors_round_trip() -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    token = paging.encode_token("queue", "", [at, "story-1"])
    assert paging.time_cursor(paging.decode_token("queue", "", token)) == (at, "story-1")


@pytest.mark.parametrize(
    "token",
    [
        "not base64 !!",
        "not-a-token!",
        "eyJ4Ijox",
        paging.encode_token("stories", "halong", ["2024-09-10T08:30:05+00:00", "x"]),
        paging.encode_token("published", "uongbi", ["2024-09-10T08:30:05+00:00", "x"]),
    ],
)
def test_foreign_or_garbled_tokens_are_rejected(token: str) -> None:
    with pytest.raises(InvalidArgument) as err:
        paging.decode_token("published", "halong", token)
    assert err.value.reason == "INVALID_PAGE_TOKEN"


def test_malformed_cursor_is_rejected() -> None:
    cursor = paging.decode_token("search", "s", paging.encode_token("search", "s", ["x"]))
    with pytest.raises(InvalidArgument):
        paging.int_cursor(cursor)
    with pytest.raises(InvalidArgument):
        paging.time_cursor(cursor)


def test_a_page_request_states_its_list_once() -> None:
    first = paging.PageRequest.of("queue", "halong", 2, "")
    assert first.cursor is None and first.size == 2 and first.limit == 3
    page = first.page(["a", "b", "c"], lambda row: [row])
    assert page.items == ["a", "b"]
    second = paging.PageRequest.of("queue", "halong", 2, page.next_page_token)
    assert second.cursor == ["b"]
    with pytest.raises(InvalidArgument):
        paging.PageRequest.of("queue", "uongbi", 2, page.next_page_token)
    assert paging.decode_token("queue", "halong", first.token([4])) == [4]


def test_paginate_trims_the_lookahead_row() -> None:
    page = paging.paginate([1, 2, 3], 2, kind="nums", scope="", cursor_of=lambda n: [n])
    assert page.items == [1, 2]
    assert paging.decode_token("nums", "", page.next_page_token) == [2]
    last = paging.paginate([1, 2], 2, kind="nums", scope="", cursor_of=lambda n: [n])
    assert last.items == [1, 2] and last.next_page_token == ""
