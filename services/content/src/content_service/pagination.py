"""Opaque page tokens: base64url JSON naming the list they belong to and the cursor."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from content_service.errors import invalid_page_token

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def page_size(requested: int) -> int:
    """0 means 50; at most 200; negative is treated as the default."""
    if requested <= 0:
        return DEFAULT_PAGE_SIZE
    return min(requested, MAX_PAGE_SIZE)


def encode(kind: str, scope: str, cursor: list[Any]) -> str:
    raw = json.dumps({"k": kind, "s": scope, "c": cursor}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(token: str, kind: str, scope: str) -> list[Any] | None:
    """The cursor of ``token``; None for an empty token; INVALID_PAGE_TOKEN when foreign."""
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
