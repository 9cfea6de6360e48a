"""The radio bulletin: EBU R128 loudness to -16 LUFS, AAC HLS and an MP3 download.

Two passes of ffmpeg's ``loudnorm``: the first only measures (integrated loudness, true
peak, loudness range, threshold), the second applies one linear gain from those figures
(``linear=true``), so the bulletin's dynamics are kept instead of being compressed on the
fly as one-pass loudnorm does. The second pass decodes once and splits to both outputs.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from newsroom_media import hls
from newsroom_media.errors import CorruptInput, MissingStream, UnsupportedType
from newsroom_media.results import MediaInfo, RenditionFile, Role
from newsroom_media.runner import run_ffmpeg
from newsroom_media.specs import AudioSpec, ProcessLimits, Tools
from newsroom_media.staging import (
    WORK_DIR,
    Progress,
    ProgressCallback,
    describe,
    prepare_out_dir,
    write_manifest,
)

SILENCE_LUFS = -70.0  # EBU R128's absolute gate: below it there is nothing to normalise
_SEGMENTS = {"fmp4": ("m4s", "audio/mp4"), "mpegts": ("ts", "video/mp2t")}


def parse_loudnorm(stderr: list[str]) -> dict[str, Any]:
    """The JSON block ``loudnorm=print_format=json`` prints at the end of a run."""
    for end in range(len(stderr) - 1, -1, -1):
        if stderr[end].strip() != "}":
            continue
        for start in range(end, -1, -1):
            if stderr[start].strip() == "{":
                try:
                    parsed = json.loads("\n".join(stderr[start : end + 1]))
                except ValueError:
                    break
                if isinstance(parsed, dict) and "input_i" in parsed:
                    return parsed
                break
    raise CorruptInput("ffmpeg's loudnorm printed no measurement", stderr_tail=stderr[-20:])


def _loudnorm(spec: AudioSpec, measured: dict[str, Any] | None) -> str:
    target = f"I={spec.target_lufs:g}:TP={spec.true_peak_db:g}:LRA={spec.loudness_range:g}"
    if measured is None:
        return f"loudnorm={target}:print_format=json"
    return (
        f"loudnorm={target}"
        f":measured_I={measured['input_i']}:measured_TP={measured['input_tp']}"
        f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
        f":offset={measured['target_offset']}:linear=true:print_format=json"
    )


def _level(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return -math.inf
    return number if math.isfinite(number) else -math.inf


def build_audio_commands(
    src: str | os.PathLike[str],
    out: Path,
    spec: AudioSpec,
    measured: dict[str, Any] | None,
    threads: int,
) -> tuple[list[str], list[str]]:
    """(measure pass, encode pass) arguments. ``measured`` None: the silent case, no gain."""
    t = str(max(1, threads))
    measure = ["-threads", t, "-i", str(src), "-map", "0:a:0", "-vn"]
    measure += ["-af", _loudnorm(spec, None), "-f", "null", "-"]
    gain = f"{_loudnorm(spec, measured)}," if measured is not None else ""
    graph = (
        f"[0:a:0]{gain}asplit=2[a0][a1];"
        f"[a0]aresample={spec.sample_rate}[hls];[a1]aresample={spec.mp3_sample_rate}[mp3]"
    )
    extension, _ = _SEGMENTS[spec.segment_type]
    encode = ["-threads", t, "-i", str(src), "-filter_complex", graph]
    encode += [
        "-map", "[hls]", "-c:a", "aac", "-b:a", str(spec.aac_bitrate), "-ac", str(spec.channels),
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-f", "hls", "-hls_time", f"{spec.segment_seconds:g}", "-hls_playlist_type", "vod",
        "-hls_segment_type", spec.segment_type,
        "-hls_segment_filename", str(out / "hls" / "%v" / f"seg_%05d.{extension}"),
        "-master_pl_name", "master.m3u8", "-var_stream_map", "a:0,name:audio",
    ]  # fmt: skip
    if spec.segment_type == "fmp4":
        encode += ["-hls_fmp4_init_filename", "init.mp4"]
    encode += [str(out / "hls" / "%v" / "index.m3u8")]
    encode += [
        "-map", "[mp3]", "-c:a", "libmp3lame", "-b:a", str(spec.mp3_bitrate),
        "-ac", str(spec.channels), "-map_metadata", "-1", "-id3v2_version", "0",
        str(out / spec.download_name),
    ]  # fmt: skip
    return measure, encode


def make_audio_renditions(
    src: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    spec: AudioSpec | None = None,
    progress: ProgressCallback | None = None,
    stall_timeout_s: float = 60.0,
    limits: ProcessLimits | None = None,
    info: MediaInfo | None = None,
    cancel: threading.Event | None = None,
    tools: Tools | None = None,
) -> list[RenditionFile]:
    spec = spec or AudioSpec()
    limits = limits or ProcessLimits()
    tools = tools or Tools()
    reporter = Progress(progress)
    reporter.report(0)
    src = Path(src)
    out = prepare_out_dir(out_dir)
    if info is None:
        from newsroom_media.probe import probe

        info = probe(src, tools=tools)
    if info.kind == "image":
        raise UnsupportedType(f"{src.name} is an image, not audio")
    if not info.has_audio:
        raise MissingStream(f"{src.name} has no audio stream", reason="NO_AUDIO_STREAM")
    if not info.duration_ms:
        raise CorruptInput(f"{src.name}: no duration in its header")
    duration_s = info.duration_ms / 1000
    (out / "hls" / "audio").mkdir(parents=True)
    common: dict[str, Any] = {
        "tools": tools,
        "duration_s": duration_s,
        "stall_timeout_s": stall_timeout_s,
        "limits": limits,
        "cancel": cancel,
        "loglevel": "info",  # loudnorm prints its measurement at the info level
    }
    try:
        measure, _ = build_audio_commands(src, out, spec, None, limits.threads)
        first = parse_loudnorm(run_ffmpeg(measure, on_progress=reporter.span(0, 30), **common))
        measured = first if _level(first.get("input_i")) > SILENCE_LUFS else None
        _, encode = build_audio_commands(src, out, spec, measured, limits.threads)
        stderr = run_ffmpeg(encode, on_progress=reporter.span(30, 97), **common)
        loudness = None
        if measured is not None:
            output_i = _level(parse_loudnorm(stderr).get("output_i"))
            loudness = round(output_i, 2) if math.isfinite(output_i) else None
        files = _finish(out, spec, duration_s, loudness, stderr)
    finally:
        shutil.rmtree(out / WORK_DIR, ignore_errors=True)
    write_manifest(out, "audio", files, info)
    reporter.done()
    return files


def _finish(
    out: Path, spec: AudioSpec, duration_s: float, loudness: float | None, stderr: list[str]
) -> list[RenditionFile]:
    playlist = hls.read_media_playlist(out / "hls" / "audio" / "index.m3u8")
    if playlist.duration_s < duration_s * 0.9:
        raise CorruptInput(
            f"only {playlist.duration_s:.1f} s of {duration_s:.1f} s could be decoded",
            stderr_tail=stderr[-20:],
        )
    _, segment_type = _SEGMENTS[spec.segment_type]
    files: list[RenditionFile] = []
    if playlist.init:
        files.append(describe(out, f"hls/audio/{playlist.init}", "audio/mp4", Role.HLS_INIT))
    for uri, seconds in playlist.segments:
        files.append(
            describe(
                out,
                f"hls/audio/{uri}",
                segment_type,
                Role.HLS_SEGMENT,
                duration_ms=round(seconds * 1000),
            )
        )
    peak, average = playlist.bitrates()
    duration_ms = round(playlist.duration_s * 1000)
    files.append(
        describe(
            out,
            "hls/audio/index.m3u8",
            hls.PLAYLIST_TYPE,
            Role.HLS_PLAYLIST,
            bitrate=peak,
            duration_ms=duration_ms,
            rung="audio",
            loudness_lufs=loudness,
        )
    )
    hls.write_master(
        out / "hls" / "master.m3u8",
        [hls.Variant("audio/index.m3u8", peak, average, "mp4a.40.2")],
        [],
        version=7 if spec.segment_type == "fmp4" else 3,
    )
    files.append(
        describe(
            out,
            "hls/master.m3u8",
            hls.PLAYLIST_TYPE,
            Role.HLS_MASTER,
            bitrate=peak,
            duration_ms=duration_ms,
            loudness_lufs=loudness,
        )
    )
    files.append(
        describe(
            out,
            spec.download_name,
            "audio/mpeg",
            Role.DOWNLOAD,
            bitrate=spec.mp3_bitrate,
            duration_ms=duration_ms,
            loudness_lufs=loudness,
        )
    )
    return files
