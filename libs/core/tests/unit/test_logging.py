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
