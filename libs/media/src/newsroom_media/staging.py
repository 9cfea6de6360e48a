"""The job's staging directory, its completion manifest, and monotonic progress.

A job writes only inside the ``out_dir`` its caller gives, which must start empty. The
manifest (every file with size and SHA-256) is written last, to a temporary name that is
fsynced and renamed: until it exists the directory is not a result, so a worker killed
midway leaves nothing that passes for complete.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

from newsroom_media.errors import IncompleteOutput, StagingNotEmpty
from newsroom_media.results import Manifest, MediaInfo, RenditionFile

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
WORK_DIR = ".work"  # scratch files inside out_dir, removed before the manifest is written

ProgressCallback = Callable[[float], None]


class Progress:
    """Forwards percentages that only ever rise: 0 first, 100 only when told ``done``."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback
        self._last = -1.0

    def report(self, percent: float) -> None:
        value = round(min(99.9, max(0.0, percent)), 1)
        if value > self._last:
            self._last = value
            if self._callback is not None:
                self._callback(value)

    def span(self, start: float, end: float) -> Callable[[float], None]:
        """A fraction (0..1) callback mapped onto [start, end] percent."""
        return lambda fraction: self.report(start + (end - start) * fraction)

    def done(self) -> None:
        if self._last < 100.0:
            self._last = 100.0
            if self._callback is not None:
                self._callback(100.0)


def prepare_out_dir(out_dir: str | os.PathLike[str]) -> Path:
    out = Path(out_dir)
    if out.exists():
        if not out.is_dir():
            raise StagingNotEmpty(f"{out} is not a directory")
        if any(out.iterdir()):
            raise StagingNotEmpty(f"{out} must be empty: a job writes into a fresh directory")
    out.mkdir(parents=True, exist_ok=True)
    return out


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def describe(
    out: Path, relative: str, content_type: str, role: Any, **fields: Any
) -> RenditionFile:
    path = out / relative
    return RenditionFile(
        name=path.name,
        path=relative,
        content_type=content_type,
        role=role,
        size=path.stat().st_size,
        sha256=file_sha256(path),
        **fields,
    )


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_manifest(
    out: Path,
    kind: Literal["image", "video", "audio"],
    files: Iterable[RenditionFile],
    source: MediaInfo,
) -> None:
    files = list(files)
    listed = {f.path for f in files}
    stray = [
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.relative_to(out).as_posix() not in listed
    ]
    if stray:
        raise IncompleteOutput(f"files not accounted for in the result: {sorted(stray)[:5]}")
    for directory in {out / Path(f.path).parent for f in files} | {out}:
        _fsync_dir(directory)
    body = {
        "version": MANIFEST_VERSION,
        "kind": kind,
        "source": source.to_dict(),
        "files": [f.to_dict() for f in files],
    }
    temporary = out / f".{MANIFEST_NAME}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out / MANIFEST_NAME)
    _fsync_dir(out)


def read_manifest(out_dir: str | os.PathLike[str], *, verify_hashes: bool = False) -> Manifest:
    """The job's result, or IncompleteOutput when the run did not finish."""
    out = Path(out_dir)
    try:
        body = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IncompleteOutput(f"no {MANIFEST_NAME} in {out}: the job did not complete") from exc
    except ValueError as exc:
        raise IncompleteOutput(f"{MANIFEST_NAME} in {out} is unreadable") from exc
    if body.get("version") != MANIFEST_VERSION:
        raise IncompleteOutput(f"unknown manifest version {body.get('version')!r}")
    files = tuple(RenditionFile.from_dict(item) for item in body["files"])
    for item in files:
        path = out / item.path
        if not path.is_file() or path.stat().st_size != item.size:
            raise IncompleteOutput(f"{item.path} is missing or has the wrong size")
        if verify_hashes and file_sha256(path) != item.sha256:
            raise IncompleteOutput(f"{item.path} does not match its SHA-256")
    return Manifest(kind=body["kind"], files=files, source=MediaInfo.from_dict(body["source"]))
