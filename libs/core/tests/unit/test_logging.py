import json
import logging

from newsroom_core.context import bound, new_trace
from newsroom_core.logging import JsonFormatter


def test_json_line_carries_request_tenant_and_trace() -> None:
    formatter = JsonFormatter("content")
    trace = new_trace()
    with bound(request_id="req-1", trace=trace, tenant="halong"):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "đã xuất bản %s", ("a",), None)
        record.story_id = "s1"
        line = json.loads(formatter.format(record))
    assert line["msg"] == "đã xuất bản a"
    assert line["service"] == "content"
    assert line["request_id"] == "req-1"
    assert line["tenant"] == "halong"
    assert line["trace_id"] == trace.trace_id
    assert line["story_id"] == "s1"


def test_unusual_extras_are_still_one_json_line() -> None:
    formatter = JsonFormatter("svc")
    record = logging.makeLogRecord(
        {
            "name": "x",
            "levelno": logging.INFO,
            "levelname": "INFO",
            "msg": "Đã lưu",
            "big": 2**70,  # past 64 bits: orjson refuses it, the fallback writes it
            "counts": {1: "một", "two": 2},
            "when": object(),
        }
    )
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["msg"] == "Đã lưu" and entry["big"] == 2**70
    assert entry["counts"] == {"1": "một", "two": 2}
    assert entry["when"].startswith("<object object")
