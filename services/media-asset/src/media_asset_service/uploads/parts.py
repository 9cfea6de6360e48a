"""How an upload is cut into parts, and what kind a declared file is.

S3 multipart limits: parts of 5 MiB to 5 GiB (the last may be smaller), at most 10,000
parts. We start from ``min_part_size`` (8 MiB by default: fewer requests, and a dropped
connection loses little) and grow the part size so that no file needs more than
``max_parts`` parts (1,000 by default: every part URL fits in one response).
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass

from newsroom_core.enums import AssetKind
from newsroom_media import kind_of

MIB = 1024 * 1024
S3_MIN_PART = 5 * MIB
S3_MAX_PART = 5 * 1024 * MIB
S3_MAX_PARTS = 10_000

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")

# Names browsers and tools use for the types newsroom_media detects.
ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "audio/mp3": "audio/mpeg",
    "audio/x-mp3": "audio/mpeg",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/vnd.wave": "audio/wav",
    "audio/x-m4a": "audio/mp4",
    "audio/m4a": "audio/mp4",
    "audio/x-flac": "audio/flac",
    "audio/aacp": "audio/aac",
    "video/x-m4v": "video/mp4",
    "video/mpeg2-ts": "video/mp2t",
}
KIND_OF_MAJOR = {"image": AssetKind.IMAGE, "video": AssetKind.VIDEO, "audio": AssetKind.AUDIO}


@dataclass(frozen=True, slots=True)
class PartPlan:
    part_size: int
    part_count: int

    def size_of(self, number: int, total: int) -> int:
        """Bytes part ``number`` (1-based) carries."""
        if number < self.part_count:
            return self.part_size
        return total - self.part_size * (self.part_count - 1)


def plan_parts(size: int, *, min_part_size: int, max_parts: int) -> PartPlan | None:
    """The part size (whole MiB, within S3's limits) and count for ``size`` bytes; None
    when even 10,000 parts of 5 GiB cannot hold it."""
    if size <= 0:
        raise ValueError("size must be positive")
    wanted_parts = max(1, min(max_parts, S3_MAX_PARTS))
    part = max(min_part_size, S3_MIN_PART, -(-size // wanted_parts))
    part = -(-part // MIB) * MIB
    if part > S3_MAX_PART:
        part = S3_MAX_PART
    count = -(-size // part)
    if count > S3_MAX_PARTS:
        return None
    return PartPlan(part, count)


def normalise_type(declared: str) -> str:
    base = declared.split(";", 1)[0].strip().lower()
    return ALIASES.get(base, base)


def kind_of_upload(declared_type: str, filename: str) -> AssetKind | None:
    """The asset kind a new upload declares: from its declared type, else (an empty or
    generic type) from the file name's extension. Only a hint for the size limit: the
    bytes decide at completion (TYPE_MISMATCH)."""
    content_type = normalise_type(declared_type)
    if content_type in ("", "application/octet-stream", "binary/octet-stream"):
        guessed, _ = mimetypes.guess_type(filename)
        content_type = normalise_type(guessed or "")
    if filename.lower().endswith(".vtt") and content_type in ("", "text/plain"):
        content_type = "text/vtt"
    detected = kind_of(content_type)
    if detected is not None:
        return AssetKind(detected)
    return KIND_OF_MAJOR.get(content_type.split("/", 1)[0])
