"""Cursor pagination: opaque page tokens carrying the last row's sort key."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from newsroom_core.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_page_token: str = ""


def page_size(requested: int) -> int:
    """0 means 50; at most 200."""
    if requested <= 0:
        return DEFAULT_PAGE_SIZE
    return min(requested, MAX_PAGE_SIZE)


def encode(kind: str, *key: Any) -> str:
    values = [v.isoformat() if isinstance(v, datetime) else v for v in key]
    raw = json.dumps({"k": kind, "v": values}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(kind: str, token: str) -> list[Any] | None:
    """The key in ``token``; None for an empty token; INVALID_PAGE_TOKEN if foreign."""
    if not token:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data["v"], list):
            raise ValueError("foreign page token")
        return list(data["v"])
    except (ValueError, KeyError, binascii.Error) as exc:
        raise InvalidArgument(
            "page_token không hợp lệ (invalid page token)", reason="INVALID_PAGE_TOKEN"
        ) from exc


def decode_time_key(kind: str, token: str) -> tuple[datetime, str] | None:
    key = decode(kind, token)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key[0])), str(key[1])
    except (ValueError, IndexError) as exc:
        raise InvalidArgument(
            "page_token không hợp lệ (invalid page token)", reason="INVALID_PAGE_TOKEN"
        ) from exc


def paginate(rows: list[T], size: int, key: Any, kind: str) -> Page[T]:
    """``rows`` was fetched with limit size+1: trim and make the next token."""
    if len(rows) <= size:
        return Page(rows)
    items = rows[:size]
    return Page(items, encode(kind, *key(items[-1])))
