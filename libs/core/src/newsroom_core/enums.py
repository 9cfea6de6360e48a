"""The string enums of the API (story type, status, visibility, workflow state, decision,
approval role, ...), derived from the proto enums: the one source the services' models,
their mappers and the gateway's JSON schemas all use.

Each Python enum mirrors one proto enum: one member per non-zero proto value, named like
it without the prefix (``STORY_TYPE_OFFICIAL_STATEMENT`` -> ``OFFICIAL_STATEMENT``), its
value the lower-case name (``"official_statement"``; roles use hyphens, like the
Keycloak role names: ``"tenant-admin"``). ``@mirrors`` checks that at import time, so a
value added to a proto without its member here stops every service from starting rather
than drifting. Members are declared (not generated) so mypy knows them. The zero value
(``*_UNSPECIFIED``) is no member: it is ``None`` on the Python side.

``from_proto`` / ``to_proto`` translate, by table (no string work per call).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum, auto
from typing import Any, TypeVar, cast

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import (
    audit_pb2,
    freeze_pb2,
    policy_pb2,
    takedown_pb2,
    workflow_pb2,
)
from newsroom.media_asset.v1 import asset_pb2

E = TypeVar("E", bound=StrEnum)
P = TypeVar("P", bound=int)

# Per Python enum: its proto enum, proto number -> member, member -> proto number.
_PROTO_OF: dict[type[StrEnum], Any] = {}
_MEMBER_OF: dict[type[StrEnum], dict[int, Any]] = {}
_NUMBER_OF: dict[type[StrEnum], dict[str, int]] = {}
# proto enum (by identity) -> its Python enum
_ENUM_OF: dict[int, type[StrEnum]] = {}


def mirrors(proto_enum: EnumTypeWrapper, *, separator: str = "_") -> Callable[[type[E]], type[E]]:
    """Register ``cls`` as the Python side of ``proto_enum``; TypeError unless its
    members are exactly the proto's non-zero values with the derived names and values."""

    def register(cls: type[E]) -> type[E]:
        prefix = proto_enum.Name(0).removesuffix("UNSPECIFIED")
        numbers = {
            name.removeprefix(prefix): int(number)
            for name, number in proto_enum.items()
            if number != 0
        }
        values = {name: name.lower().replace("_", separator) for name in numbers}
        actual = {member.name: member.value for member in cls}
        if actual != values:
            raise TypeError(
                f"{cls.__name__} does not mirror the proto enum {proto_enum.DESCRIPTOR.full_name}:"
                f" expected {values}, found {actual}"
            )
        _PROTO_OF[cls] = proto_enum
        _MEMBER_OF[cls] = {number: cls[name] for name, number in numbers.items()}
        _NUMBER_OF[cls] = {cls[name].value: number for name, number in numbers.items()}
        _ENUM_OF[id(proto_enum)] = cls
        return cls

    return register


def from_proto(cls: type[E], value: int) -> E | None:
    """The member of proto value ``value``; None for UNSPECIFIED or a value unknown here."""
    member: E | None = _MEMBER_OF[cls].get(value)
    return member


def to_proto(proto_enum: type[P], value: str | None) -> P:
    """The proto value of a member, or of a stored member value (``"news"``); 0
    (UNSPECIFIED) for None, ``""`` or a value the enum does not have."""
    cls = _ENUM_OF[id(proto_enum)]
    return cast(P, _NUMBER_OF[cls].get(value or "", 0))


def member_or_none(cls: type[E], value: str | None) -> E | None:
    """The member whose value is ``value`` (a stored string); None when there is none."""
    if not value:
        return None
    member = cls._value2member_map_.get(value)
    return cast(E, member) if member is not None else None


# --- content: stories -------------------------------------------------------------------


@mirrors(story_pb2.StoryType)
class StoryType(StrEnum):
    NEWS = auto()
    FEATURE = auto()
    GALLERY = auto()
    VIDEO = auto()
    OPINION = auto()
    OFFICIAL_STATEMENT = auto()


@mirrors(story_pb2.Visibility)
class Visibility(StrEnum):
    PUBLIC = auto()
    INTERNAL = auto()


@mirrors(story_pb2.StoryStatus)
class StoryStatus(StrEnum):
    # content's read-model mirror of the editorial workflow state
    DRAFT = auto()
    SUBMITTED = auto()
    IN_REVIEW = auto()
    CHANGES_REQUESTED = auto()
    APPROVED = auto()
    SCHEDULED = auto()
    PUBLISHED = auto()
    CORRECTED = auto()
    RETRACTED = auto()


# --- editorial approval -----------------------------------------------------------------


@mirrors(workflow_pb2.WorkflowState)
class WorkflowState(StrEnum):
    DRAFT = auto()
    SUBMITTED = auto()
    IN_REVIEW = auto()
    CHANGES_REQUESTED = auto()
    APPROVED = auto()
    SCHEDULED = auto()
    PUBLISHED = auto()
    CORRECTED = auto()
    RETRACTED = auto()


@mirrors(workflow_pb2.Decision)
class Decision(StrEnum):
    APPROVED = auto()
    CHANGES_REQUESTED = auto()


@mirrors(workflow_pb2.FastTrackAction)
class FastTrackAction(StrEnum):
    PUBLISH = auto()
    CORRECT = auto()
    RETRACT = auto()


@mirrors(policy_pb2.ApprovalRole, separator="-")
class ApprovalRole(StrEnum):
    # values are the Keycloak role names (``/tenants/<slug>/<role>`` groups, realm roles)
    @staticmethod
    def _generate_next_value_(name: str, start: int, count: int, last_values: list[Any]) -> str:
        return name.lower().replace("_", "-")

    CONTRIBUTOR = auto()
    EDITOR = auto()
    BOARD = auto()
    SPOKESPERSON = auto()
    TENANT_ADMIN = auto()
    PLATFORM_ADMIN = auto()


@mirrors(freeze_pb2.FreezeScope)
class FreezeScope(StrEnum):
    TENANT = auto()
    GROUP = auto()


@mirrors(audit_pb2.AuditAction)
class AuditAction(StrEnum):
    SUBMIT = auto()
    APPROVE = auto()
    REQUEST_CHANGES = auto()
    SCHEDULE = auto()
    UNSCHEDULE = auto()
    PUBLISH = auto()
    CORRECT = auto()
    RETRACT = auto()
    NOMINATE = auto()
    SET_POLICY = auto()
    SET_FREEZE = auto()
    LIFT_FREEZE = auto()
    CHANGE_ROLES = auto()


@mirrors(takedown_pb2.TakedownTargetKind)
class TakedownTargetKind(StrEnum):
    PORTAL = auto()
    SEARCH = auto()
    FEEDS = auto()
    SOCIAL_POST = auto()


@mirrors(takedown_pb2.TakedownTargetStatus)
class TakedownTargetStatus(StrEnum):
    PENDING = auto()
    CONFIRMED = auto()
    FAILED = auto()


# --- media assets -----------------------------------------------------------------------


@mirrors(asset_pb2.AssetKind)
class AssetKind(StrEnum):
    IMAGE = auto()
    VIDEO = auto()
    AUDIO = auto()
    DOCUMENT = auto()
    GALLERY = auto()
    SUBTITLES = auto()


@mirrors(asset_pb2.AssetStatus)
class AssetStatus(StrEnum):
    UPLOADING = auto()
    VERIFYING = auto()
    PROCESSING = auto()
    READY = auto()
    FAILED = auto()
    REJECTED = auto()
    ABANDONED = auto()


@mirrors(asset_pb2.RenditionRole)
class RenditionRole(StrEnum):
    IMAGE = auto()
    CARD = auto()
    POSTER = auto()
    HLS_MASTER = auto()
    SUBTITLES = auto()
    THUMBNAILS_VTT = auto()
    DOWNLOAD = auto()


def story_status(state: WorkflowState | None) -> StoryStatus | None:
    """The story status content mirrors for a workflow state (the two enums have the same
    members, which the check below keeps true)."""
    return None if state is None else StoryStatus(state.value)


if {s.value for s in StoryStatus} != {s.value for s in WorkflowState}:  # pragma: no cover
    raise TypeError("StoryStatus must mirror WorkflowState member for member")
