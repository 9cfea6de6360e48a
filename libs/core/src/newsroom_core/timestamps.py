"""Time for every service: the clock use cases are given, and protobuf ``Timestamp`` <->
aware ``datetime`` (UTC; an unset Timestamp is None)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import overload

from google.protobuf.timestamp_pb2 import Timestamp

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The default ``Clock``: now, timezone-aware, in UTC."""
    return datetime.now(UTC)


@overload
def to_timestamp(moment: datetime) -> Timestamp: ...
@overload
def to_timestamp(moment: None) -> None: ...
def to_timestamp(moment: datetime | None) -> Timestamp | None:
    """A naive ``moment`` is taken to be UTC; None stays None (the field is left unset)."""
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def from_timestamp(stamp: Timestamp) -> datetime | None:
    """The aware UTC datetime of ``stamp``; None when it is unset (zero)."""
    if stamp.seconds == 0 and stamp.nanos == 0:
        return None
    return stamp.ToDatetime(tzinfo=UTC)
