from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from google.protobuf.timestamp_pb2 import Timestamp

from newsroom_core.actors import Actor, actor_from_pb, actor_to_pb, stored_actor_to_pb
from newsroom_core.timestamps import from_timestamp, to_timestamp, utcnow


def test_timestamps_round_trip_in_utc() -> None:
    hanoi = datetime(2026, 9, 2, 8, 30, 5, 123456, tzinfo=timezone(timedelta(hours=7)))
    back = from_timestamp(to_timestamp(hanoi))
    assert back == hanoi and back is not None and back.tzinfo is UTC
    naive = datetime(2026, 9, 2, 1, 30)
    assert from_timestamp(to_timestamp(naive)) == naive.replace(tzinfo=UTC)
    assert to_timestamp(None) is None
    assert from_timestamp(Timestamp()) is None
    assert utcnow().tzinfo is UTC


def test_actors_and_stored_actors() -> None:
    who = Actor("u1", "halong.editor", "Biên tập")
    assert actor_from_pb(actor_to_pb(who)) == who
    stored = stored_actor_to_pb("u1", None, "Biên tập")
    assert stored is not None and stored.username == "" and stored.display_name == "Biên tập"
    assert stored_actor_to_pb("", "x", "y") is None
    assert stored_actor_to_pb(None, None, None) is None
