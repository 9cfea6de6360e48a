"""CloudEvents 1.0 binary-mode envelope for Kafka with protobuf payloads.

Context attributes travel as ``ce_*`` headers (``ce_specversion``, ``ce_id``,
``ce_type``, ``ce_source``, ``ce_time``, ``ce_subject``), plus the ``tenant`` and W3C
``traceparent`` headers that DESIGN.md names (routing and tracing tools read them without
knowing CloudEvents; ``ce_tenant`` is still accepted on read); the record value is
the serialized protobuf message and ``content-type`` says so.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from google.protobuf.message import DecodeError, Message

from newsroom_core.context import current_trace

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/protobuf"

M = TypeVar("M", bound=Message)

Headers = Sequence[tuple[str, bytes]]


class EnvelopeError(ValueError):
    """A record that is not a valid CloudEvent: it goes to the dead-letter topic."""


@dataclass(frozen=True, slots=True)
class CloudEvent:
    type: str
    source: str
    subject: str
    tenant: str
    data: bytes
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    traceparent: str = ""
    dataschema: str = ""

    def headers(self) -> list[tuple[str, bytes]]:
        pairs = [
            ("ce_specversion", SPEC_VERSION),
            ("ce_id", self.id),
            ("ce_type", self.type),
            ("ce_source", self.source),
            ("ce_time", self.time.astimezone(UTC).isoformat().replace("+00:00", "Z")),
            ("ce_subject", self.subject),
            ("tenant", self.tenant),
            ("content-type", CONTENT_TYPE),
        ]
        if self.dataschema:
            pairs.append(("ce_dataschema", self.dataschema))
        if self.traceparent:
            pairs.append(("traceparent", self.traceparent))
        return [(k, v.encode()) for k, v in pairs]

    @classmethod
    def from_record(
        cls, headers: Iterable[tuple[str, bytes | None]], value: bytes | None
    ) -> CloudEvent:
        found: dict[str, str] = {}
        for key, raw in headers or ():
            if raw is None:
                continue
            try:
                found[key] = raw.decode()
            except UnicodeDecodeError as exc:
                raise EnvelopeError(f"header {key} is not UTF-8") from exc
        if found.get("ce_specversion") != SPEC_VERSION:
            raise EnvelopeError(f"unsupported ce_specversion {found.get('ce_specversion')!r}")
        missing = [k for k in ("ce_id", "ce_type", "ce_source", "ce_time") if not found.get(k)]
        if missing:
            raise EnvelopeError(f"missing CloudEvents headers: {', '.join(missing)}")
        try:
            time = datetime.fromisoformat(found["ce_time"].replace("Z", "+00:00"))
        except ValueError as exc:
            raise EnvelopeError(f"bad ce_time {found['ce_time']!r}") from exc
        return cls(
            id=found["ce_id"],
            type=found["ce_type"],
            source=found["ce_source"],
            subject=found.get("ce_subject", ""),
            tenant=found.get("tenant", found.get("ce_tenant", "")),
            time=time,
            traceparent=found.get("traceparent", ""),
            dataschema=found.get("ce_dataschema", ""),
            data=value or b"",
        )

    def parse(self, message_type: builtins.type[M]) -> M:
        """The payload as ``message_type``; EnvelopeError when it does not parse."""
        message = message_type()
        try:
            message.ParseFromString(self.data)
        except DecodeError as exc:
            raise EnvelopeError(f"payload of {self.type} is not a {message_type.__name__}") from exc
        return message


def new_event(message: Message, *, type: str, source: str, subject: str, tenant: str) -> CloudEvent:
    """An event for ``message`` in the current trace context."""
    return CloudEvent(
        type=type,
        source=source,
        subject=subject,
        tenant=tenant,
        data=message.SerializeToString(deterministic=True),
        traceparent=current_trace().traceparent(),
        dataschema=f"proto:{message.DESCRIPTOR.full_name}",
    )
