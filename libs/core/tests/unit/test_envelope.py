from datetime import UTC, datetime

import pytest
from google.protobuf.wrappers_pb2 import StringValue

from newsroom_core.context import bound, new_trace
from newsroom_core.events.envelope import CloudEvent, EnvelopeError, new_event


def test_headers_round_trip_keeps_every_attribute() -> None:
    trace = new_trace()
    with bound(trace=trace):
        event = new_event(
            StringValue(value="Đẩy mạnh truyền thông"),
            type="newsroom.test.thing.happened.v1",
            source="/newsroom/test",
            subject="story-1",
            tenant="halong",
        )
    headers = dict(event.headers())
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_id"] == event.id.encode()
    assert headers["ce_tenant"] == b"halong"
    assert "tenant" not in headers
    assert headers["content-type"] == b"application/protobuf"
    assert headers["traceparent"].decode().startswith(f"00-{trace.trace_id}-")

    decoded = CloudEvent.from_record(event.headers(), event.data)
    assert decoded == event
    assert decoded.parse(StringValue).value == "Đẩy mạnh truyền thông"


def test_time_is_utc_rfc3339() -> None:
    event = CloudEvent(
        type="t",
        source="s",
        subject="x",
        tenant="t",
        data=b"",
        time=datetime(2026, 11, 26, 10, 0, 0, 123000, tzinfo=UTC),
    )
    assert dict(event.headers())["ce_time"] == b"2026-11-26T10:00:00.123000Z"


@pytest.mark.parametrize("drop", ["ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion"])
def test_missing_required_header_is_rejected(drop: str) -> None:
    event = CloudEvent(type="t", source="s", subject="x", tenant="t", data=b"")
    headers = [(k, v) for k, v in event.headers() if k != drop]
    with pytest.raises(EnvelopeError):
        CloudEvent.from_record(headers, event.data)


def test_payload_that_is_not_the_message_is_rejected() -> None:
    event = CloudEvent(type="t", source="s", subject="x", tenant="t", data=b"\xff\xff\xff")
    with pytest.raises(EnvelopeError):
        event.parse(StringValue)


def test_every_attribute_but_traceparent_and_content_type_is_a_ce_header() -> None:
    event = CloudEvent(
        type="t", source="s", subject="x", tenant="halong", data=b"", dataschema="proto:X"
    )
    names = {name for name, _ in event.headers()}
    assert names == {
        "ce_specversion",
        "ce_id",
        "ce_type",
        "ce_source",
        "ce_time",
        "ce_subject",
        "ce_tenant",
        "ce_dataschema",
        "content-type",
    }


def test_records_with_the_old_tenant_header_still_decode() -> None:
    event = CloudEvent(type="t", source="s", subject="x", tenant="uongbi", data=b"")
    old = [("tenant" if k == "ce_tenant" else k, v) for k, v in event.headers()]
    assert CloudEvent.from_record(old, event.data).tenant == "uongbi"
