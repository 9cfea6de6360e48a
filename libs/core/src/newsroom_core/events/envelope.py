"""CloudEvents 1.0 binary-mode envelope for Kafka with protobuf payloads.

The CloudEvents Kafka protocol binding maps every context attribute, extensions included,
to a ``ce_``-prefixed header: ``ce_specversion``, ``ce_id``, ``ce_type``, ``ce_source``,
``ce_time``, ``ce_subject``, ``ce_dataschema`` and our ``tenant`` extension as
``ce_tenant``, so any CloudEvents SDK reads all of them back. The record value is the
serialized protobuf message and ``content-type`` says so. Tracing travels in the W3C
``traceparent`` header, the one OpenTelemetry's Kafka instrumentation reads (the
distributed-tracing extension defers to the protocol's own header).

Readers also accept a bare ``tenant`` header: producers wrote it that way for a while, and
such records may still sit on the topics.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from google.protobuf.message import DecodeError, Message

from newsroom_core.context import current_trace

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/protobuf"

M = TypeVar("M", bound=Message)

TENANT_HEADER = "ce_tenant"
LEGACY_TENANT_HEADER = "tenant"


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
            (TENANT_HEADER, self.tenant),
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
            tenant=found.get(TENANT_HEADER) or found.get(LEGACY_TENANT_HEADER, ""),
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


def new_event(
    message: Message, *, type: str, source: str, subject: str, tenant: str, id: str | None = None
) -> CloudEvent:
    """An event for ``message`` in the current trace context; ``id`` when the caller had to
    know it before the event was built (to record it in the same statement as a claim)."""
    return CloudEvent(
        id=id or str(uuid.uuid4()),
        type=type,
        source=source,
        subject=subject,
        tenant=tenant,
        data=message.SerializeToString(deterministic=True),
        traceparent=current_trace().traceparent(),
        dataschema=f"proto:{message.DESCRIPTOR.full_name}",
    )
