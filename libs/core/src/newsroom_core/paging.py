"""Pages of a list and their opaque page tokens, for every service's List* calls.

A token is base64url JSON naming the list it belongs to (``kind``), what the list was
filtered on (``scope``, so a token is refused on another list or filter) and the cursor:
the sort key of the last row of the page. A use case states kind and scope once, in a
``PageRequest``, fetches ``request.limit`` rows (one more than the page: the look-ahead
row tells whether another page follows) and returns ``request.page(rows, cursor_of)``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from newsroom_core.errors import InvalidArgument

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_page_token: str = ""


def invalid_page_token() -> InvalidArgument:
    return InvalidArgument(
        "page_token không hợp lệ (invalid page token)", reason="INVALID_PAGE_TOKEN"
    )


def page_size(requested: int) -> int:
    """0 (or negative) means 50; at most 200."""
    if requested <= 0:
        return DEFAULT_PAGE_SIZE
    return min(requested, MAX_PAGE_SIZE)


def encode_token(kind: str, scope: str, cursor: Sequence[Any]) -> str:
    """The token of the page after ``cursor``; datetimes are written as ISO 8601."""
    values = [v.isoformat() if isinstance(v, datetime) else v for v in cursor]
    raw = json.dumps({"k": kind, "s": scope, "c": values}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(kind: str, scope: str, token: str) -> list[Any] | None:
    """The cursor in ``token``; None for an empty token; INVALID_PAGE_TOKEN when it is
    garbled or belongs to another list or scope."""
    if not token:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise invalid_page_token() from exc
    if not isinstance(data, dict) or data.get("k") != kind or data.get("s") != scope:
        raise invalid_page_token()
    cursor = data.get("c")
    if not isinstance(cursor, list):
        raise invalid_page_token()
    return cursor


def time_cursor(cursor: list[Any] | None) -> tuple[datetime, str] | None:
    """A (timestamp, id) keyset cursor."""
    if cursor is None:
        return None
    try:
        stamp, ident = cursor
        return datetime.fromisoformat(str(stamp)), str(ident)
    except (ValueError, TypeError) as exc:
        raise invalid_page_token() from exc


def int_cursor(cursor: list[Any] | None) -> int | None:
    """A single non-negative integer cursor (an offset, a row id, a revision number)."""
    if cursor is None:
        return None
    if len(cursor) != 1 or not isinstance(cursor[0], int) or cursor[0] < 0:
        raise invalid_page_token()
    return int(cursor[0])


def str_cursor(cursor: list[Any] | None) -> str | None:
    if cursor is None:
        return None
    if len(cursor) != 1 or not isinstance(cursor[0], str):
        raise invalid_page_token()
    return cursor[0]


def paginate(
    rows: Sequence[T], limit: int, *, kind: str, scope: str, cursor_of: Callable[[T], Sequence[Any]]
) -> Page[T]:
    """``rows`` were fetched with ``limit + 1``: the first ``limit`` of them, and the token
    of the next page (from the last row kept) when there is one."""
    if len(rows) <= limit:
        return Page(list(rows))
    items = list(rows[:limit])
    return Page(items, encode_token(kind, scope, cursor_of(items[-1])))


@dataclass(frozen=True, slots=True)
class PageRequest:
    """One List call: the list (``kind``) and filter (``scope``) its tokens belong to, the
    page size, and the cursor of the token it was given (None on the first page)."""

    kind: str
    scope: str
    size: int
    cursor: list[Any] | None

    @classmethod
    def of(cls, kind: str, scope: str, requested_size: int, token: str) -> PageRequest:
        """INVALID_PAGE_TOKEN for a garbled token or one of another list or scope."""
        return cls(kind, scope, page_size(requested_size), decode_token(kind, scope, token))

    @property
    def limit(self) -> int:
        """How many rows to fetch: the page and one look-ahead row."""
        return self.size + 1

    def page(self, rows: Sequence[T], cursor_of: Callable[[T], Sequence[Any]]) -> Page[T]:
        return paginate(rows, self.size, kind=self.kind, scope=self.scope, cursor_of=cursor_of)

    def token(self, cursor: Sequence[Any]) -> str:
        """The token of a page after ``cursor`` (for lists that page by offset)."""
        return encode_token(self.kind, self.scope, cursor)
