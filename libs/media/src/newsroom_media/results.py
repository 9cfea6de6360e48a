"""What a probe finds and what a job writes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

MediaKind = Literal["image", "video", "audio", "subtitles", "document"]


class Role(StrEnum):
    IMAGE = "image"
    CARD = "card"
    HLS_MASTER = "hls_master"
    HLS_PLAYLIST = "hls_playlist"
    HLS_INIT = "hls_init"
    HLS_SEGMENT = "hls_segment"
    SUBTITLES_PLAYLIST = "subtitles_playlist"
    SUBTITLES = "subtitles"
    POSTER = "poster"
    THUMBNAILS_VTT = "thumbnails_vtt"
    THUMBNAILS_SPRITE = "thumbnails_sprite"
    DOWNLOAD = "download"


@dataclass(frozen=True, slots=True)
class MediaInfo:
    kind: Literal["image", "video", "audio"]
    content_type: str
    size: int
    width: int | None = None
    height: int | None = None
    duration_ms: int | None = None
    fps: float | None = None
    bitrate: int | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    audio_channels: int | None = None
    sample_rate: int | None = None
    has_video: bool = False
    has_audio: bool = False
    has_alpha: bool = False
    orientation: int = 1
    rotation: int = 0
    pages: int = 1

    @property
    def pixels(self) -> int:
        return (self.width or 0) * (self.height or 0)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MediaInfo:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True, slots=True)
class RenditionFile:
    name: str
    path: str  # POSIX, relative to the job's out_dir
    content_type: str
    role: Role
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    bitrate: int | None = None
    duration_ms: int | None = None
    rung: str | None = None
    language: str | None = None
    label: str | None = None
    loudness_lufs: float | None = None

    @property
    def is_master(self) -> bool:
        return self.role is Role.HLS_MASTER

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["role"] = self.role.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RenditionFile:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["role"] = Role(values["role"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Manifest:
    kind: Literal["image", "video", "audio"]
    files: tuple[RenditionFile, ...]
    source: MediaInfo

    @property
    def master(self) -> RenditionFile | None:
        return next((f for f in self.files if f.is_master), None)
