"""What to make, as data: image widths, the video ladder, the audio target, job limits.

The ladder follows PeerTube's and MediaCMS's practice of keeping rungs and encoder
settings in a table, so a deployment changes renditions by configuration, not code.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FocalPoint:
    """The point a crop keeps in view, as fractions (0..1) of the displayed image."""

    x: float = 0.5
    y: float = 0.5

    def __post_init__(self) -> None:
        if not (0.0 <= self.x <= 1.0 and 0.0 <= self.y <= 1.0):
            raise ValueError(f"focal point out of range: ({self.x}, {self.y})")


@dataclass(frozen=True, slots=True)
class ImageLimits:
    """Refusals decided from the header, before a pixel is decoded."""

    max_pixels: int = 100_000_000
    max_side: int = 30_000
    vips_concurrency: int | None = None
    vips_cache_max_mem: int | None = None


@dataclass(frozen=True, slots=True)
class ImageSpec:
    widths: tuple[int, ...] = (320, 640, 960, 1280, 1920)
    jpeg_widths: tuple[int, ...] | None = None  # None: the same as ``widths``
    avif_widths: tuple[int, ...] = ()
    webp_quality: int = 80
    webp_effort: int = 4
    jpeg_quality: int = 82
    avif_quality: int = 55
    avif_effort: int = 2
    card_width: int = 1200
    card_aspect: tuple[int, int] = (16, 9)
    card_quality: int = 82

    def jpeg_set(self) -> tuple[int, ...]:
        return self.widths if self.jpeg_widths is None else self.jpeg_widths


@dataclass(frozen=True, slots=True)
class VideoRung:
    """One rendition: ``height`` is the short side (portrait video keeps its shape)."""

    name: str
    height: int
    video_bitrate: int  # bits/s, the maxrate that caps the CRF encode
    audio_bitrate: int = 128_000
    max_fps: float = 60.0
    profile: str = "high"


@dataclass(frozen=True, slots=True)
class VideoLadder:
    rungs: tuple[VideoRung, ...]
    preset: str = "veryfast"
    crf: int = 23
    bufsize_factor: float = 2.0
    segment_seconds: float = 4.0
    segment_type: str = "fmp4"  # or "mpegts"
    audio_channels: int = 2
    audio_sample_rate: int = 48_000
    poster_max_width: int = 1920
    thumbnail_width: int = 160
    thumbnail_interval_s: float = 2.0
    thumbnail_max_count: int = 300
    thumbnail_columns: int = 10
    thumbnail_rows: int = 10

    def __post_init__(self) -> None:
        if not self.rungs:
            raise ValueError("a ladder needs at least one rung")
        if self.segment_type not in ("fmp4", "mpegts"):
            raise ValueError(f"segment_type must be fmp4 or mpegts, not {self.segment_type!r}")
        names = [rung.name for rung in self.rungs]
        if len(set(names)) != len(names):
            raise ValueError(f"rung names must be unique: {names}")


DEFAULT_LADDER = VideoLadder(
    rungs=(
        VideoRung("360p", 360, 800_000, 96_000, max_fps=30.0, profile="main"),
        VideoRung("720p", 720, 2_800_000, 128_000),
        VideoRung("1080p", 1080, 5_000_000, 128_000),
    )
)


@dataclass(frozen=True, slots=True)
class SubtitleTrack:
    path: Path
    language: str  # BCP 47, e.g. "vi", "en"
    label: str  # shown in the player, e.g. "Tiếng Việt"
    default: bool = False


@dataclass(frozen=True, slots=True)
class AudioSpec:
    target_lufs: float = -16.0
    true_peak_db: float = -1.5
    loudness_range: float = 11.0
    aac_bitrate: int = 128_000
    mp3_bitrate: int = 128_000
    sample_rate: int = 48_000
    mp3_sample_rate: int = 44_100
    channels: int = 2
    segment_seconds: float = 4.0
    segment_type: str = "fmp4"
    download_name: str = "audio.mp3"


@dataclass(frozen=True, slots=True)
class ProcessLimits:
    """Per-job bounds, so parallel jobs on one worker cannot exhaust the machine."""

    threads: int = 2
    max_memory_bytes: int | None = None
    timeout_s: float | None = None
    vips_concurrency: int | None = None
    vips_cache_max_mem: int | None = None


def _tool(env: str, name: str) -> str:
    configured = os.environ.get(env)
    if configured:
        return configured
    return shutil.which(name) or name


@dataclass(frozen=True, slots=True)
class Tools:
    ffmpeg: str = field(default_factory=lambda: _tool("NEWSROOM_FFMPEG", "ffmpeg"))
    ffprobe: str = field(default_factory=lambda: _tool("NEWSROOM_FFPROBE", "ffprobe"))
