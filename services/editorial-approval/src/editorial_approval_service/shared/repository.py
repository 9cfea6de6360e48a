"""Data access every aggregate's repository shares; nothing here commits."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel

T = TypeVar("T", bound=SQLModel)


def add(obj: T, *, session: Session) -> T:
    session.add(obj)
    return obj
