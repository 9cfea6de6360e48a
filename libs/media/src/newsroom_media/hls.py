"""HLS playlists: reading what ffmpeg wrote, writing the master and subtitle playlists.

ffmpeg's own master (``-master_pl_name``) gives CODECS; its BANDWIDTH is the encoder's
nominal figure plus 10%, whereas RFC 8216 wants the peak segment bit rate. So the master
is rewritten from the variant playlists: BANDWIDTH is the measured peak over the
segments, AVERAGE-BANDWIDTH the mean, and subtitles join as an EXT-X-MEDIA group.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
_ATTRIBUTE = re.compile(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)')
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class MediaPlaylist:
    path: Path
    init: str | None
    segments: tuple[tuple[str, float], ...]  # (uri, seconds)

    @property
    def duration_s(self) -> float:
        return sum(seconds for _, seconds in self.segments)

    def bitrates(self) -> tuple[int, int]:
        """(peak, average) bits/s over the segments, as RFC 8216 defines BANDWIDTH."""
        folder = self.path.parent
        sizes = [((folder / uri).stat().st_size * 8, seconds) for uri, seconds in self.segments]
        total_bits = sum(bits for bits, _ in sizes)
        # A last segment of a few milliseconds is mostly container overhead: it would
        # overstate the peak, so segments under half the longest one do not set it.
        longest = max((seconds for _, seconds in sizes), default=0.0)
        counted = [(b, s) for b, s in sizes if s >= longest / 2] or sizes
        peak = max((bits / max(seconds, 1e-3) for bits, seconds in counted), default=0.0)
        duration = self.duration_s or 1.0
        return int(math.ceil(peak)), int(math.ceil(total_bits / duration))


@dataclass(frozen=True, slots=True)
class Variant:
    uri: str
    bandwidth: int
    average_bandwidth: int
    codecs: str
    resolution: tuple[int, int] | None = None
    frame_rate: float | None = None


@dataclass(frozen=True, slots=True)
class SubtitleRendition:
    uri: str
    language: str
    name: str
    default: bool


def read_media_playlist(path: Path) -> MediaPlaylist:
    init: str | None = None
    segments: list[tuple[str, float]] = []
    pending: float | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#EXT-X-MAP:"):
            init = _attributes(line.split(":", 1)[1]).get("URI")
        elif line.startswith("#EXTINF:"):
            pending = float(line.split(":", 1)[1].split(",", 1)[0])
        elif line and not line.startswith("#") and pending is not None:
            segments.append((line, pending))
            pending = None
    return MediaPlaylist(path=path, init=init, segments=tuple(segments))


def read_master_codecs(path: Path) -> dict[str, str]:
    """Variant URI -> CODECS from a master playlist (ffmpeg's)."""
    codecs: dict[str, str] = {}
    pending: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#EXT-X-STREAM-INF:"):
            pending = _attributes(line.split(":", 1)[1]).get("CODECS", "")
        elif line and not line.startswith("#") and pending is not None:
            codecs[line] = pending
            pending = None
    return codecs


def _attributes(text: str) -> dict[str, str]:
    return {key: value.strip('"') for key, value in _ATTRIBUTE.findall(text)}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "'").replace("\n", " ").replace("\r", " ") + '"'


def valid_language(language: str) -> bool:
    return bool(_LANGUAGE.match(language))


def write_master(
    path: Path,
    variants: list[Variant],
    subtitles: list[SubtitleRendition],
    *,
    version: int,
) -> None:
    lines = ["#EXTM3U", f"#EXT-X-VERSION:{version}", "#EXT-X-INDEPENDENT-SEGMENTS"]
    group = "subs"
    for sub in subtitles:
        lines.append(
            "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="
            + _quoted(group)
            + f",NAME={_quoted(sub.name)},LANGUAGE={_quoted(sub.language)}"
            + f",DEFAULT={'YES' if sub.default else 'NO'},AUTOSELECT=YES"
            + f",URI={_quoted(sub.uri)}"
        )
    for variant in sorted(variants, key=lambda v: v.bandwidth):
        attributes = [
            f"BANDWIDTH={variant.bandwidth}",
            f"AVERAGE-BANDWIDTH={variant.average_bandwidth}",
        ]
        if variant.resolution is not None:
            attributes.append(f"RESOLUTION={variant.resolution[0]}x{variant.resolution[1]}")
        if variant.frame_rate is not None:
            attributes.append(f"FRAME-RATE={variant.frame_rate:.3f}")
        attributes.append(f"CODECS={_quoted(variant.codecs)}")
        if subtitles:
            attributes.append(f"SUBTITLES={_quoted(group)}")
        lines.append("#EXT-X-STREAM-INF:" + ",".join(attributes))
        lines.append(variant.uri)
    _write_atomically(path, "\n".join(lines) + "\n")


def write_subtitle_playlist(path: Path, vtt_name: str, duration_s: float) -> None:
    """One WebVTT file as the only segment of a VOD playlist."""
    seconds = max(duration_s, 0.001)
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{math.ceil(seconds)}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        f"#EXTINF:{seconds:.3f},",
        vtt_name,
        "#EXT-X-ENDLIST",
    ]
    _write_atomically(path, "\n".join(lines) + "\n")


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
