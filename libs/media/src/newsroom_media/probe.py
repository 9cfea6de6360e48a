"""Header-only inspection: libvips for images, ffprobe for audio and video."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path
from typing import Any

from newsroom_media import vips
from newsroom_media.errors import CorruptInput, ExecutableRefused, UnsupportedType
from newsroom_media.results import MediaInfo
from newsroom_media.sniff import is_executable, kind_of, sniff
from newsroom_media.specs import ImageLimits, Tools


def probe(
    path: str | os.PathLike[str],
    *,
    tools: Tools | None = None,
    limits: ImageLimits | None = None,
) -> MediaInfo:
    """What the file really is and its dimensions/duration, without decoding it."""
    path = Path(path)
    content_type = sniff(path)
    if content_type is None:
        if is_executable(path):
            raise ExecutableRefused(f"{path.name} is an executable, not media")
        raise UnsupportedType(f"{path.name} is not a supported media type")
    kind = kind_of(content_type)
    if kind == "image":
        return vips.probe_image(path, content_type, limits)
    if kind in ("video", "audio"):
        return probe_av(path, content_type, tools or Tools())
    raise UnsupportedType(f"{path.name} is {content_type}, not image, audio or video")


def _fps(stream: dict[str, Any]) -> float | None:
    for key in ("avg_frame_rate", "r_frame_rate"):
        value = stream.get(key)
        if value and value != "0/0":
            try:
                rate = float(Fraction(value))
            except (ValueError, ZeroDivisionError):
                continue
            if 0 < rate < 1000:
                return round(rate, 3)
    return None


def _rotation(stream: dict[str, Any]) -> int:
    for side in stream.get("side_data_list", ()):
        if "rotation" in side:
            return int(round(float(side["rotation"]))) % 360
    rotate = stream.get("tags", {}).get("rotate")
    return int(rotate) % 360 if rotate else 0


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None


def probe_av(path: Path, content_type: str, tools: Tools) -> MediaInfo:
    from newsroom_media.runner import run_ffprobe

    data = run_ffprobe(str(path), tools=tools)
    if data["_returncode"] != 0 or "format" not in data:
        raise CorruptInput(f"ffprobe cannot read {path.name}", stderr_tail=data["_stderr"])
    streams = data.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video"
            and not s.get("disposition", {}).get("attached_pic")
            and s.get("width")
        ),
        None,
    )
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        raise CorruptInput(f"{path.name} has no audio or video stream")
    fmt = data["format"]
    duration = _float(fmt.get("duration"))
    if duration is None:
        durations = [_float(s.get("duration")) for s in (video, audio) if s is not None]
        duration = max((d for d in durations if d is not None), default=None)
    width = height = None
    rotation = 0
    if video is not None:
        width, height = int(video["width"]), int(video["height"])
        sar = video.get("sample_aspect_ratio", "1:1")
        if sar not in ("1:1", "0:1", "N/A") and ":" in sar:
            num, den = (int(x) for x in sar.split(":"))
            if num > 0 and den > 0:
                width = int(round(width * num / den / 2)) * 2
        rotation = _rotation(video)
        if rotation in (90, 270):
            width, height = height, width
    # A container type says little: an MP4 or WebM with sound only is audio.
    kind: Any = "video" if video is not None else "audio"
    return MediaInfo(
        kind=kind,
        content_type=content_type,
        size=path.stat().st_size,
        width=width,
        height=height,
        duration_ms=int(round(duration * 1000)) if duration is not None else None,
        fps=_fps(video) if video is not None else None,
        bitrate=_int(fmt.get("bit_rate")),
        video_codec=video.get("codec_name") if video is not None else None,
        audio_codec=audio.get("codec_name") if audio is not None else None,
        audio_channels=_int(audio.get("channels")) if audio is not None else None,
        sample_rate=_int(audio.get("sample_rate")) if audio is not None else None,
        has_video=video is not None,
        has_audio=audio is not None,
        rotation=rotation,
    )
