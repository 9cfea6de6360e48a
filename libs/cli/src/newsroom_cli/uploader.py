"""A client of the presigned multipart upload: what a browser does, in Python.

The media-asset service hands out one presigned PUT URL per part; the bytes go from the
file straight to the object store, several parts at once, each streamed from disk (memory
stays flat whatever the file size). ``send_file`` hashes the whole file in one more thread
while the parts are in flight, for the SHA-256 the service wants at completion: nothing
waits for the hash before the first part leaves, and the file is read twice at most (the
hashing pass, a little ahead of or behind the parts, mostly from the page cache). Used by
``newsroom media import``, the tests and ``bench/upload.py``.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BLOCK = 1024 * 1024
# The hashing pass reads larger blocks: fewer calls, the GIL released for longer.
HASH_BLOCK = 4 * BLOCK
# Parts in flight: enough to keep the store busy while one part's request is set up.
DEFAULT_CONCURRENCY = 4

OnBytes = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class PartTarget:
    number: int
    url: str
    size: int


@dataclass(frozen=True, slots=True)
class SentFile:
    """What ``send_file`` sent: part number -> ETag, and the SHA-256 of the whole file."""

    etags: dict[int, str]
    sha256: str


class PartFailed(Exception):
    def __init__(self, number: int, status: int, body: str) -> None:
        super().__init__(f"part {number}: HTTP {status}: {body[:300]}")
        self.number = number
        self.status = status


class Cancelled(Exception):
    """The hash was given up (the parts failed)."""


def sha256_of(
    path: Path, on_bytes: OnBytes | None = None, *, stop: threading.Event | None = None
) -> str:
    """Hex SHA-256 of the file (hashlib releases the GIL: it runs beside the part PUTs)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_BLOCK):
            if stop is not None and stop.is_set():
                raise Cancelled(str(path))
            digest.update(chunk)
            if on_bytes is not None:
                on_bytes(len(chunk))
    return digest.hexdigest()


class _Slice:
    """``size`` bytes of a file from ``offset``, read in blocks (http.client streams a
    file-like body), reporting each block."""

    def __init__(self, handle: BinaryIO, size: int, on_bytes: OnBytes | None) -> None:
        self._handle = handle
        self._left = size
        self._on_bytes = on_bytes

    def read(self, amount: int = BLOCK) -> bytes:
        if self._left <= 0:
            return b""
        chunk = self._handle.read(min(amount, self._left))
        self._left -= len(chunk)
        if self._on_bytes is not None and chunk:
            self._on_bytes(len(chunk))
        return chunk


class _Connections(threading.local):
    """One keep-alive connection per thread and host."""

    def __init__(self) -> None:
        self.by_host: dict[tuple[str, str], http.client.HTTPConnection] = {}


_connections = _Connections()


def _connection(url: urllib.parse.SplitResult) -> http.client.HTTPConnection:
    key = (url.scheme, url.netloc)
    found = _connections.by_host.get(key)
    if found is None:
        kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        found = kind(url.netloc, timeout=300, blocksize=BLOCK)
        _connections.by_host[key] = found
    return found


def put_part(path: Path, offset: int, target: PartTarget, on_bytes: OnBytes | None = None) -> str:
    """PUT one part from the file; its ETag."""
    url = urllib.parse.urlsplit(target.url)
    resource = url.path + ("?" + url.query if url.query else "")
    for attempt in (1, 2):
        connection = _connection(url)
        try:
            with path.open("rb") as handle:
                handle.seek(offset)
                connection.request(
                    "PUT",
                    resource,
                    body=_Slice(handle, target.size, on_bytes),
                    headers={"Content-Length": str(target.size)},
                )
                reply = connection.getresponse()
                body = reply.read()
        except (ConnectionError, http.client.HTTPException, OSError):
            connection.close()
            _connections.by_host.pop((url.scheme, url.netloc), None)
            if attempt == 2:
                raise
            continue
        if reply.status != 200:
            raise PartFailed(target.number, reply.status, body.decode(errors="replace"))
        return str(reply.getheader("ETag", "")).strip('"')
    raise AssertionError("unreachable")


def put_parts(
    path: Path,
    part_size: int,
    targets: Sequence[PartTarget],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_bytes: OnBytes | None = None,
) -> dict[int, str]:
    """PUT every target part (several at once); part number -> ETag."""
    lock = threading.Lock()

    def counted(size: int) -> None:
        if on_bytes is not None:
            with lock:
                on_bytes(size)

    def send(target: PartTarget) -> tuple[int, str]:
        offset = (target.number - 1) * part_size
        return target.number, put_part(path, offset, target, counted)

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return dict(pool.map(send, targets))


def send_file(
    path: Path,
    part_size: int,
    targets: Sequence[PartTarget],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_bytes: OnBytes | None = None,
    on_hashed: OnBytes | None = None,
) -> SentFile:
    """PUT every target part (``put_parts``) and, alongside, hash the whole file: the
    ETags and the SHA-256 to give at completion. A resumed upload passes only its missing
    parts; the hash still covers every byte of the file. ``on_bytes`` counts the bytes
    sent, ``on_hashed`` those hashed (from the hashing thread)."""
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as hasher:
        digest = hasher.submit(sha256_of, path, on_hashed, stop=stop)
        try:
            etags = put_parts(path, part_size, targets, concurrency=concurrency, on_bytes=on_bytes)
        except BaseException:
            stop.set()
            raise
        return SentFile(etags, digest.result())
