"""Terminal output: one ✓/•/!/✗ line per step, tables, the dev box, optional colour."""

from __future__ import annotations

import os
import sys
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TextIO


class Outcome(StrEnum):
    CREATED = "created"
    ALREADY_THERE = "already there"
    CHANGED = "changed"
    WARNING = "warning"
    FAILED = "failed"


MARKS = {
    Outcome.CREATED: "✓",
    Outcome.CHANGED: "✓",
    Outcome.ALREADY_THERE: "•",
    Outcome.WARNING: "!",
    Outcome.FAILED: "✗",
}
LABELS = {
    Outcome.CREATED: "đã tạo (created)",
    Outcome.ALREADY_THERE: "đã có sẵn (already there)",
}

RESET = "\033[0m"
BOLD = "\033[1m"
DIM = "\033[2m"
RED = "\033[31m"
GREEN = "\033[32m"
YELLOW = "\033[33m"
BLUE = "\033[34m"
MAGENTA = "\033[35m"
CYAN = "\033[36m"
COLOURS = {
    Outcome.CREATED: GREEN,
    Outcome.CHANGED: GREEN,
    Outcome.ALREADY_THERE: BLUE,
    Outcome.WARNING: YELLOW,
    Outcome.FAILED: RED,
}


def wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def width(text: str) -> int:
    """Display width: combining marks take no column, wide (CJK, emoji) take two."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


@dataclass
class Reporter:
    """Prints step lines and remembers the worst outcome for the exit code."""

    stream: TextIO = field(default_factory=lambda: sys.stdout)
    colour: bool | None = None
    # Count "already there" steps instead of printing each (`newsroom dev` re-runs).
    collapse_unchanged: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    _unchanged: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.colour is None:
            self.colour = wants_colour(self.stream)

    def paint(self, text: str, *codes: str) -> str:
        if not self.colour or not codes:
            return text
        return "".join(codes) + text + RESET

    def line(self, text: str = "") -> None:
        with self._lock:
            self.stream.write(text + "\n")
            self.stream.flush()

    def step(
        self, outcome: Outcome, what: str, detail: str = "", *, collapsible: bool = True
    ) -> None:
        """``✓ what: đã tạo (created)`` — the detail defaults to the outcome's label."""
        self.outcomes.append(outcome)
        if self.collapse_unchanged and collapsible and outcome is Outcome.ALREADY_THERE:
            self._unchanged += 1
            return
        mark = self.paint(MARKS[outcome], COLOURS[outcome], BOLD)
        text = detail or LABELS.get(outcome, outcome.value)
        self.line(f"{mark} {what}: {self.paint(text, COLOURS[outcome])}")

    def flush_unchanged(self, what: str, unit: tuple[str, str] = ("bước", "steps")) -> None:
        """In collapsed mode: one line for the "already there" steps counted so far."""
        count, self._unchanged = self._unchanged, 0
        if count:
            mark = self.paint(MARKS[Outcome.ALREADY_THERE], COLOURS[Outcome.ALREADY_THERE], BOLD)
            text = f"{count} {unit[0]} đã có sẵn ({count} {unit[1]} already there)"
            self.line(f"{mark} {what}: {self.paint(text, COLOURS[Outcome.ALREADY_THERE])}")

    def heading(self, text: str) -> None:
        self.line(self.paint(text, BOLD))

    @property
    def failed(self) -> bool:
        return any(o in (Outcome.FAILED, Outcome.WARNING) for o in self.outcomes)

    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        columns = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
        self.line(
            self.paint("  ".join(pad(h, w) for h, w in zip(headers, columns, strict=True)), BOLD)
        )
        for row in rows:
            self.line("  ".join(pad(c, w) for c, w in zip(row, columns, strict=True)).rstrip())

    def box(self, title: str, sections: Sequence[Sequence[tuple[str, str]] | str]) -> None:
        """A framed block: each section is a list of (label, value) rows or a plain line."""
        lines: list[str | None] = []  # None draws a separator
        label_width = max(
            (width(label) for s in sections if not isinstance(s, str) for label, _ in s),
            default=0,
        )
        for index, section in enumerate(sections):
            if index:
                lines.append(None)
            if isinstance(section, str):
                lines.append(section)
            else:
                lines.extend(f"{pad(label, label_width)}  {value}" for label, value in section)
        inner = max([width(title), *(width(t) for t in lines if t is not None)])
        self.line(self.paint("╭" + "─" * (inner + 2) + "╮", CYAN))
        self.line(
            self.paint("│ ", CYAN) + self.paint(pad(title, inner), BOLD) + self.paint(" │", CYAN)
        )
        self.line(self.paint("├" + "─" * (inner + 2) + "┤", CYAN))
        for text in lines:
            if text is None:
                self.line(self.paint("├" + "─" * (inner + 2) + "┤", CYAN))
            else:
                self.line(self.paint("│ ", CYAN) + pad(text, inner) + self.paint(" │", CYAN))
        self.line(self.paint("╰" + "─" * (inner + 2) + "╯", CYAN))
