"""Who did something: the actor a use case records (names are a snapshot taken at the
time) and its protobuf form, ``newsroom.common.v1.Actor``."""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.common.v1 import actor_pb2
from newsroom_core.identity import Identity


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    username: str = ""
    display_name: str = ""

    @classmethod
    def of(cls, identity: Identity) -> Actor:
        return cls(identity.user_id, identity.username, identity.display_name)


# What the scheduler and the event consumers act as.
SYSTEM_ACTOR = Actor(user_id="system", username="system", display_name="Hệ thống")


def actor_to_pb(actor: Actor) -> actor_pb2.Actor:
    return actor_pb2.Actor(
        user_id=actor.user_id, username=actor.username, display_name=actor.display_name
    )


def actor_from_pb(message: actor_pb2.Actor) -> Actor:
    return Actor(message.user_id, message.username, message.display_name)


def stored_actor_to_pb(
    user_id: str | None, username: str | None, name: str | None
) -> actor_pb2.Actor | None:
    """An actor from a row's ``*_id``, ``*_username``, ``*_name`` columns; None when unset."""
    if not user_id:
        return None
    return actor_pb2.Actor(user_id=user_id, username=username or "", display_name=name or "")
