"""Running ffmpeg and ffprobe: progress, the stall watchdog, limits, typed failures.

ffmpeg runs in its own process group with ``-progress pipe:1``; a reader thread turns
the key=value blocks into advances, the calling thread watches them. No advance (output
time, frames or bytes) for ``stall_timeout_s`` kills the whole group and raises
``TranscodeStalled``: the job is then retried by the worker instead of hanging forever,
which is PeerTube's and MediaCMS's most reported failure. The child's address space can
be capped (RLIMIT_AS), so a runaway encode fails alone with ``OUT_OF_MEMORY`` instead of
the kernel's OOM killer taking the worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import resource
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsroom_media.errors import (
    Cancelled,
    OutOfMemory,
    ToolMissing,
    TranscodeFailed,
    TranscodeStalled,
    TranscodeTimeout,
)
from newsroom_media.specs import ProcessLimits, Tools

STDERR_TAIL_LINES = 20
_KEPT_STDERR_LINES = 400
_POLL_S = 0.2
_THREAD_START_FAILED = "Resource temporarily unavailable"
_MEMORY_SIGNS = (
    "Cannot allocate memory",
    "Out of memory",
    "ENOMEM",
    "std::bad_alloc",
    "malloc of size",  # x264
    "failed to map segment",  # the loader, under an address-space cap
)

FractionCallback = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class _Advance:
    out_time_us: int
    frame: int
    total_size: int
    ended: bool


_EOF = object()


def _as_int(value: str | None) -> int:
    if value is None:
        return -1
    try:
        return int(value)
    except ValueError:
        return -1


def _read_progress(stream: Any, events: queue.Queue[object]) -> None:
    block: dict[str, str] = {}
    for raw in stream:
        line = raw.decode("utf-8", "replace").strip()
        key, sep, value = line.partition("=")
        if not sep:
            continue
        if key != "progress":
            block[key] = value
            continue
        events.put(
            _Advance(
                out_time_us=_as_int(block.get("out_time_us")),
                frame=_as_int(block.get("frame")),
                total_size=_as_int(block.get("total_size")),
                ended=value == "end",
            )
        )
        block = {}
    events.put(_EOF)


def _read_stderr(stream: Any, lines: deque[str]) -> None:
    for raw in stream:
        text = raw.decode("utf-8", "replace").rstrip()
        if text:
            lines.append(text)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _vm_peak(pid: int) -> int:
    """The child's peak address-space size in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _cap_memory(proc: subprocess.Popen[bytes], limits: ProcessLimits) -> None:
    # Set from the parent right after the spawn: preexec_fn is unsafe in a threaded worker.
    if limits.max_memory_bytes is not None:
        cap = int(limits.max_memory_bytes)
        with contextlib.suppress(ProcessLookupError, PermissionError, ValueError):
            resource.prlimit(proc.pid, resource.RLIMIT_AS, (cap, cap))


def run_ffmpeg(
    args: Sequence[str],
    *,
    tools: Tools,
    duration_s: float | None,
    on_progress: FractionCallback | None = None,
    stall_timeout_s: float = 60.0,
    limits: ProcessLimits | None = None,
    cancel: threading.Event | None = None,
    loglevel: str = "warning",
) -> list[str]:
    """Run ``ffmpeg <args>`` to the end; return its last stderr lines (up to 400).

    ``on_progress`` gets the fraction (0..1) of ``duration_s`` done, in the caller's
    thread. Raises TranscodeFailed (or a subclass), Cancelled or ToolMissing.
    """
    limits = limits or ProcessLimits()
    command = [
        tools.ffmpeg,
        "-hide_banner",
        "-nostdin",
        "-nostats",
        "-loglevel",
        loglevel,
        "-progress",
        "pipe:1",
        "-stats_period",
        "0.5",
        *args,
    ]
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            process_group=0,
            close_fds=True,
        )
    except FileNotFoundError as exc:
        raise ToolMissing(f"ffmpeg not found at {tools.ffmpeg!r}") from exc
    _cap_memory(proc, limits)
    events: queue.Queue[object] = queue.Queue()
    stderr: deque[str] = deque(maxlen=_KEPT_STDERR_LINES)
    readers = [
        threading.Thread(target=_read_progress, args=(proc.stdout, events), daemon=True),
        threading.Thread(target=_read_stderr, args=(proc.stderr, stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()
    started = time.monotonic()
    deadline = started + limits.timeout_s if limits.timeout_s else None
    last_advance = started
    best = [-1, -1, -1]  # out_time_us, frame, total_size: any rise is an advance
    vm_peak = 0
    try:
        while True:
            try:
                event = events.get(timeout=_POLL_S)
            except queue.Empty:
                event = None
            now = time.monotonic()
            if limits.max_memory_bytes is not None:
                vm_peak = max(vm_peak, _vm_peak(proc.pid))
            if event is _EOF:
                break
            if isinstance(event, _Advance):
                mark = [event.out_time_us, event.frame, event.total_size]
                if any(new > old for new, old in zip(mark, best, strict=True)):
                    best = [max(new, old) for new, old in zip(mark, best, strict=True)]
                    last_advance = now
                    if on_progress is not None and duration_s and event.out_time_us >= 0:
                        on_progress(min(1.0, event.out_time_us / (duration_s * 1e6)))
            if cancel is not None and cancel.is_set():
                _kill_group(proc)
                raise Cancelled("the job was cancelled", stderr_tail=_tail(stderr))
            if now - last_advance > stall_timeout_s:
                _kill_group(proc)
                raise TranscodeStalled(
                    f"ffmpeg made no progress for {stall_timeout_s:g} s; its process group "
                    "was killed",
                    stderr_tail=_tail(stderr),
                )
            if deadline is not None and now > deadline:
                _kill_group(proc)
                raise TranscodeTimeout(
                    f"ffmpeg ran past the {limits.timeout_s:g} s deadline",
                    stderr_tail=_tail(stderr),
                )
        returncode = _wait(proc, stall_timeout_s, stderr)
    finally:
        if proc.poll() is None:
            _kill_group(proc)
        for reader in readers:
            reader.join(timeout=5)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    if returncode != 0:
        # Under a cap, allocations fail wherever they happen (x264, a filter, the loader)
        # and ffmpeg words it differently each time; a peak near the cap says why.
        # A thread whose stack cannot be mapped under the cap fails with EAGAIN.
        capped = limits.max_memory_bytes is not None
        near_cap = capped and (
            vm_peak >= 0.75 * (limits.max_memory_bytes or 0)
            or any(_THREAD_START_FAILED in line for line in stderr)
        )
        raise _failure(returncode, stderr, near_cap=near_cap)
    return list(stderr)


def _wait(proc: subprocess.Popen[bytes], grace_s: float, stderr: deque[str]) -> int:
    try:
        return proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise TranscodeStalled(
            "ffmpeg closed its progress output but did not exit", stderr_tail=_tail(stderr)
        ) from None


def _tail(lines: deque[str] | Sequence[str]) -> tuple[str, ...]:
    return tuple(list(lines)[-STDERR_TAIL_LINES:])


def _failure(returncode: int, stderr: deque[str], *, near_cap: bool = False) -> TranscodeFailed:
    tail = _tail(stderr)
    if returncode == -signal.SIGKILL:
        return OutOfMemory(
            "ffmpeg was killed by SIGKILL (most likely the kernel's OOM killer)",
            stderr_tail=tail,
        )
    if near_cap or any(sign in line for line in stderr for sign in _MEMORY_SIGNS):
        return OutOfMemory("ffmpeg ran out of memory (its memory cap)", stderr_tail=tail)
    if returncode < 0:
        return TranscodeFailed(
            f"ffmpeg died from signal {signal.Signals(-returncode).name}", stderr_tail=tail
        )
    return TranscodeFailed(f"ffmpeg exited with status {returncode}", stderr_tail=tail)


def run_ffprobe(path: str, *, tools: Tools, timeout_s: float = 60.0) -> dict[str, Any]:
    """ffprobe's JSON for the format and streams; raises ToolMissing or returns stderr."""
    command = [
        tools.ffprobe,
        "-hide_banner",
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        path,
    ]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ToolMissing(f"ffprobe not found at {tools.ffprobe!r}") from exc
    except subprocess.TimeoutExpired as exc:
        raise TranscodeStalled(f"ffprobe did not finish in {timeout_s:g} s") from exc
    lines = done.stderr.decode("utf-8", "replace").splitlines()
    data: dict[str, Any] = {}
    if done.returncode == 0:
        with contextlib.suppress(ValueError):
            data = json.loads(done.stdout)
    data["_stderr"] = lines[-STDERR_TAIL_LINES:]
    data["_returncode"] = done.returncode
    return data
