"""A running job's progress and stop signal, shared by the job's thread (which reports)
and its heartbeat thread (which records progress, renews the lease and notices a stuck
job or a lost lease)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class JobStopped(Exception):
    """The heartbeat asked the job to stop (stuck, lease lost, worker shutting down)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class JobProgress:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._percent = 0.0
        self._changed = monotonic()
        self.cancel = threading.Event()
        self.stop_reason = ""

    @property
    def percent(self) -> int:
        with self._lock:
            return int(self._percent)

    def idle_s(self) -> float:
        """Seconds since the percentage last went up."""
        with self._lock:
            return self._monotonic() - self._changed

    def report(self, percent: float) -> None:
        """Never goes down. Does not raise: code that can stop calls ``check``; the media
        library is given ``cancel`` and stops its ffmpeg itself."""
        with self._lock:
            if percent > self._percent:
                self._percent = min(percent, 100.0)
                self._changed = self._monotonic()

    def stage(self, start: float, end: float) -> Callable[[float], None]:
        """A 0..100 callback for one stage, mapped onto ``start..end`` of the job."""

        def report(percent: float) -> None:
            self.report(start + (end - start) * max(0.0, min(percent, 100.0)) / 100.0)

        return report

    def stop(self, reason: str) -> None:
        if not self.cancel.is_set():
            self.stop_reason = reason
            self.cancel.set()

    def check(self) -> None:
        if self.cancel.is_set():
            raise JobStopped(self.stop_reason or "STOPPED")
