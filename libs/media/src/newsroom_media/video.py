"""Video to an HLS ladder and scrubbing strip in ONE ffmpeg run, plus a poster.

The original is decoded once: ``-filter_complex split`` feeds every rung's scaler and
encoder plus the thumbnail branch, ``-var_stream_map`` puts each rung in its own folder,
``-master_pl_name`` writes the master. The poster is a separate run that seeks to half
the duration and decodes about one GOP: as a branch of the one run it held back
ffmpeg's progress output until the middle of the video (ffmpeg reports nothing before
every output has had a frame), which a stall watchdog cannot tell from a hang.
PeerTube runs one ffmpeg per rung, decoding the original again for each
(bench/transcode.py measures the difference). Keyframes are forced at the same
instants (every segment boundary) in every rung, so segments align across rungs and a
player can switch at any boundary.
"""

from __future__ import annotations

import math
import os
import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyvips

from newsroom_media import hls
from newsroom_media.errors import CorruptInput, InvalidSubtitles, MissingStream, UnsupportedType
from newsroom_media.results import MediaInfo, RenditionFile, Role
from newsroom_media.runner import run_ffmpeg
from newsroom_media.sniff import sniff
from newsroom_media.specs import (
    DEFAULT_LADDER,
    ProcessLimits,
    SubtitleTrack,
    Tools,
    VideoLadder,
    VideoRung,
)
from newsroom_media.staging import (
    WORK_DIR,
    Progress,
    ProgressCallback,
    describe,
    prepare_out_dir,
    write_manifest,
)

MAX_SUBTITLE_BYTES = 5 * 1024 * 1024
# A run that yields less than this share of the original's duration is a failure, not a
# shorter video (PeerTube's users got audio-only or truncated videos marked as done).
MIN_DURATION_SHARE = 0.9
_SEGMENT_TYPES = {"fmp4": ("m4s", "video/iso.segment"), "mpegts": ("ts", "video/mp2t")}


@dataclass(frozen=True, slots=True)
class PlannedRung:
    rung: VideoRung
    name: str
    width: int
    height: int
    fps: float | None  # output rate when the original's is above the rung's cap


@dataclass(frozen=True, slots=True)
class HlsPlan:
    """The ffmpeg arguments of a ladder job and what they will produce."""

    args: list[str]
    rungs: list[PlannedRung]
    duration_s: float
    poster_size: tuple[int, int]
    thumbnail_size: tuple[int, int]
    thumbnail_interval_s: float


def _even(value: float) -> int:
    return max(2, 2 * round(value / 2))


def plan_rungs(info: MediaInfo, ladder: VideoLadder) -> list[PlannedRung]:
    """Rungs at or below the original (short side against the rung's height)."""
    assert info.width and info.height
    width, height = info.width, info.height
    short, long_ = min(width, height), max(width, height)
    portrait = height > width
    chosen = [r for r in sorted(ladder.rungs, key=lambda r: r.height) if r.height <= short]
    names: list[tuple[VideoRung, str, int]] = [(r, r.name, r.height) for r in chosen]
    if not names:
        smallest = min(ladder.rungs, key=lambda r: r.height)
        size = _even(short)
        names = [(smallest, f"{size}p", size)]
    planned = []
    for rung, name, size in names:
        other = _even(size * long_ / short)
        w, h = (size, other) if portrait else (other, size)
        fps = None
        if info.fps and info.fps > rung.max_fps + 0.01:
            fps = round(info.fps / math.ceil(info.fps / rung.max_fps), 3)
        planned.append(PlannedRung(rung=rung, name=name, width=w, height=h, fps=fps))
    return planned


def rung_filter(planned: PlannedRung) -> str:
    """The scaling chain of one rung (also what a one-pass-per-rung baseline runs)."""
    chain = [f"fps={planned.fps}"] if planned.fps else []
    chain += [f"scale={planned.width}:{planned.height}:flags=bicubic", "setsar=1", "format=yuv420p"]
    return ",".join(chain)


def rung_encoder_args(
    index: int, planned: PlannedRung, info: MediaInfo, ladder: VideoLadder
) -> list[str]:
    """x264/AAC settings of output stream ``index``: CRF capped by maxrate, fixed GOP."""
    rate = planned.rung.video_bitrate
    fps = planned.fps or info.fps or 30.0
    args = [
        f"-c:v:{index}", "libx264",
        f"-preset:v:{index}", ladder.preset,
        f"-crf:v:{index}", str(ladder.crf),
        f"-maxrate:v:{index}", str(rate),
        f"-bufsize:v:{index}", str(int(rate * ladder.bufsize_factor)),
        f"-profile:v:{index}", planned.rung.profile,
        f"-g:v:{index}", str(math.ceil(2 * ladder.segment_seconds * fps)),
        f"-sc_threshold:v:{index}", "0",
        f"-force_key_frames:v:{index}", f"expr:gte(t,n_forced*{ladder.segment_seconds:g})",
    ]  # fmt: skip
    if info.has_audio:
        args += [
            f"-c:a:{index}", "aac",
            f"-b:a:{index}", str(planned.rung.audio_bitrate),
            f"-ac:a:{index}", str(ladder.audio_channels),
            f"-ar:a:{index}", str(ladder.audio_sample_rate),
        ]  # fmt: skip
    return args


def thumbnail_filter(interval_s: float, size: tuple[int, int]) -> str:
    """One frame every ``interval_s`` at thumbnail size, as packed RGB.

    select, not fps: it passes the first frame at once (fps holds it back until the next
    interval), and ffmpeg reports no progress before every output has had a frame.
    """
    return (
        f"select='gte(t\\,selected_n*{interval_s:.3f})',"
        f"scale={size[0]}:{size[1]},setsar=1,format=rgb24"
    )


def hls_muxer_args(
    out: Path, ladder: VideoLadder, stream_map: str, playlist: str, threads: str
) -> list[str]:
    extension, _ = _SEGMENT_TYPES[ladder.segment_type]
    args = [
        "-threads", threads,
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-f", "hls",
        "-hls_time", f"{ladder.segment_seconds:g}",
        "-hls_playlist_type", "vod",
        "-hls_segment_type", ladder.segment_type,
        "-hls_flags", "independent_segments",
        "-hls_segment_filename", str(out / "hls" / "%v" / f"seg_%05d.{extension}"),
        "-master_pl_name", "master.m3u8",
        "-var_stream_map", stream_map,
    ]  # fmt: skip
    if ladder.segment_type == "fmp4":
        args += ["-hls_fmp4_init_filename", "init.mp4"]
    return args + [playlist]


def build_hls_command(
    src: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    info: MediaInfo,
    *,
    ladder: VideoLadder = DEFAULT_LADDER,
    limits: ProcessLimits | None = None,
) -> HlsPlan:
    """The one ffmpeg command line (without the binary) for the ladder and thumbnails."""
    limits = limits or ProcessLimits()
    out = Path(out_dir)
    duration = (info.duration_ms or 0) / 1000
    rungs = plan_rungs(info, ladder)
    assert info.width and info.height
    threads = str(max(1, limits.threads))
    poster_w = min(ladder.poster_max_width, info.width)
    poster = (_even(poster_w), _even(poster_w * info.height / info.width))
    thumb = (
        _even(ladder.thumbnail_width),
        _even(ladder.thumbnail_width * info.height / info.width),
    )
    interval = max(ladder.thumbnail_interval_s, duration / max(1, ladder.thumbnail_max_count))
    branches = len(rungs) + 1
    graph = [f"[0:v:0]split={branches}" + "".join(f"[s{i}]" for i in range(branches))]
    graph += [f"[s{i}]{rung_filter(planned)}[v{i}]" for i, planned in enumerate(rungs)]
    graph.append(f"[s{len(rungs)}]{thumbnail_filter(interval, thumb)}[thumbs]")
    args = ["-threads", threads, "-i", str(src), "-filter_complex_threads", threads]
    args += ["-filter_complex", ";".join(graph)]
    stream_map = []
    for i, planned in enumerate(rungs):
        args += ["-map", f"[v{i}]"] + (["-map", "0:a:0"] if info.has_audio else [])
        stream_map.append(
            f"v:{i},a:{i},name:{planned.name}" if info.has_audio else f"v:{i},name:{planned.name}"
        )
    for i, planned in enumerate(rungs):
        args += rung_encoder_args(i, planned, info, ladder)
    args += hls_muxer_args(
        out, ladder, " ".join(stream_map), str(out / "hls" / "%v" / "index.m3u8"), threads
    )
    # Thumbnails leave ffmpeg as raw RGB; libvips assembles and writes the sprite JPEGs.
    args += [
        "-map", "[thumbs]", "-fps_mode", "passthrough", "-f", "rawvideo",
        "-map_metadata", "-1", str(out / WORK_DIR / "thumbs.rgb"),
    ]  # fmt: skip
    return HlsPlan(
        args=args,
        rungs=rungs,
        duration_s=duration,
        poster_size=poster,
        thumbnail_size=thumb,
        thumbnail_interval_s=interval,
    )


def build_poster_command(
    out_dir: str | os.PathLike[str], src: str | os.PathLike[str], plan: HlsPlan, threads: int
) -> list[str]:
    """A fast seek to half the duration: decodes about one GOP, not half the video."""
    width, height = plan.poster_size
    return [
        "-threads", str(max(1, threads)),
        "-ss", f"{plan.duration_s / 2:.3f}", "-i", str(src),
        "-map", "0:v:0", "-frames:v", "1",
        "-vf", f"scale={width}:{height},setsar=1,format=rgb24",
        "-map_metadata", "-1", "-f", "rawvideo", str(Path(out_dir) / WORK_DIR / "poster.rgb"),
    ]  # fmt: skip


def _check_subtitles(subtitles: Sequence[SubtitleTrack]) -> None:
    seen: set[str] = set()
    for track in subtitles:
        if not hls.valid_language(track.language):
            raise InvalidSubtitles(f"{track.language!r} is not a BCP 47 language tag")
        if track.language.lower() in seen:
            raise InvalidSubtitles(f"two subtitle tracks for {track.language!r}")
        seen.add(track.language.lower())
        path = Path(track.path)
        if not path.is_file() or sniff(path) != "text/vtt":
            raise InvalidSubtitles(f"{path.name} is not a WebVTT file")
        if path.stat().st_size > MAX_SUBTITLE_BYTES:
            raise InvalidSubtitles(f"{path.name} is over {MAX_SUBTITLE_BYTES} bytes")
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidSubtitles(f"{path.name} is not UTF-8") from exc


def make_video_hls(
    src: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    ladder: VideoLadder = DEFAULT_LADDER,
    subtitles: Sequence[SubtitleTrack] = (),
    progress: ProgressCallback | None = None,
    stall_timeout_s: float = 60.0,
    limits: ProcessLimits | None = None,
    info: MediaInfo | None = None,
    cancel: threading.Event | None = None,
    tools: Tools | None = None,
) -> list[RenditionFile]:
    limits = limits or ProcessLimits()
    tools = tools or Tools()
    reporter = Progress(progress)
    reporter.report(0)
    src = Path(src)
    out = prepare_out_dir(out_dir)
    _check_subtitles(subtitles)
    if info is None:
        from newsroom_media.probe import probe

        info = probe(src, tools=tools)
    if info.kind != "video" or not info.has_video:
        if info.kind == "image":
            raise UnsupportedType(f"{src.name} is an image, not a video")
        raise MissingStream(f"{src.name} has no video stream", reason="NO_VIDEO_STREAM")
    if not info.duration_ms or not info.width or not info.height:
        raise CorruptInput(f"{src.name}: no duration or size in its header")
    plan = build_hls_command(src, out, info, ladder=ladder, limits=limits)
    for planned in plan.rungs:
        (out / "hls" / planned.name).mkdir(parents=True)
    (out / WORK_DIR).mkdir()
    common: dict[str, Any] = {
        "tools": tools,
        "stall_timeout_s": stall_timeout_s,
        "limits": limits,
        "cancel": cancel,
    }
    try:
        stderr = run_ffmpeg(
            plan.args,
            duration_s=plan.duration_s,
            on_progress=reporter.span(0.0, 95.0),
            **common,
        )
        run_ffmpeg(build_poster_command(out, src, plan, limits.threads), duration_s=None, **common)
        reporter.report(97.0)
        files = _finish(out, info, ladder, plan, subtitles, stderr)
        reporter.report(99.0)
    finally:
        shutil.rmtree(out / WORK_DIR, ignore_errors=True)
    write_manifest(out, "video", files, info)
    reporter.done()
    return files


def _finish(
    out: Path,
    info: MediaInfo,
    ladder: VideoLadder,
    plan: HlsPlan,
    subtitles: Sequence[SubtitleTrack],
    stderr: list[str],
) -> list[RenditionFile]:
    tail = tuple(stderr[-20:])
    hls_dir = out / "hls"
    codecs = hls.read_master_codecs(hls_dir / "master.m3u8")
    media: list[RenditionFile] = []
    variants: list[hls.Variant] = []
    _, segment_type = _SEGMENT_TYPES[ladder.segment_type]
    for planned in plan.rungs:
        playlist_path = hls_dir / planned.name / "index.m3u8"
        playlist = hls.read_media_playlist(playlist_path)
        if playlist.duration_s < plan.duration_s * MIN_DURATION_SHARE:
            raise CorruptInput(
                f"only {playlist.duration_s:.1f} s of {plan.duration_s:.1f} s could be decoded",
                stderr_tail=tail,
            )
        peak, average = playlist.bitrates()
        uri = f"{planned.name}/index.m3u8"
        variants.append(
            hls.Variant(
                uri=uri,
                bandwidth=peak,
                average_bandwidth=average,
                codecs=codecs.get(uri) or _fallback_codecs(planned, info.has_audio),
                resolution=(planned.width, planned.height),
                frame_rate=planned.fps or info.fps,
            )
        )
        rung_fields = {"rung": planned.name, "width": planned.width, "height": planned.height}
        if playlist.init:
            media.append(
                describe(
                    out,
                    f"hls/{planned.name}/{playlist.init}",
                    "video/mp4",
                    Role.HLS_INIT,
                    **rung_fields,
                )
            )
        for uri_, seconds in playlist.segments:
            media.append(
                describe(
                    out,
                    f"hls/{planned.name}/{uri_}",
                    segment_type,
                    Role.HLS_SEGMENT,
                    duration_ms=round(seconds * 1000),
                    **rung_fields,
                )
            )
        media.append(
            describe(
                out,
                f"hls/{planned.name}/index.m3u8",
                hls.PLAYLIST_TYPE,
                Role.HLS_PLAYLIST,
                bitrate=peak,
                duration_ms=round(playlist.duration_s * 1000),
                **rung_fields,
            )
        )
    subtitle_renditions = _copy_subtitles(out, subtitles, plan.duration_s, media)
    hls.write_master(
        hls_dir / "master.m3u8",
        variants,
        subtitle_renditions,
        version=7 if ladder.segment_type == "fmp4" else 6,
    )
    top = max(plan.rungs, key=lambda p: p.height)
    media.append(
        describe(
            out,
            "hls/master.m3u8",
            hls.PLAYLIST_TYPE,
            Role.HLS_MASTER,
            width=top.width,
            height=top.height,
            bitrate=max(v.bandwidth for v in variants),
            duration_ms=info.duration_ms,
        )
    )
    media.append(_poster(out, plan, tail))
    media.extend(_thumbnails(out, ladder, plan, tail))
    return media


def _fallback_codecs(planned: PlannedRung, audio: bool) -> str:
    profile = {"baseline": "42e0", "main": "4d40", "high": "6400"}.get(planned.rung.profile, "6400")
    level = 40 if planned.height >= 1080 else 31 if planned.height >= 720 else 30
    video = f"avc1.{profile}{level:02x}"
    return f"{video},mp4a.40.2" if audio else video


def _copy_subtitles(
    out: Path,
    subtitles: Sequence[SubtitleTrack],
    duration_s: float,
    media: list[RenditionFile],
) -> list[hls.SubtitleRendition]:
    if not subtitles:
        return []
    folder = out / "hls" / "subs"
    folder.mkdir()
    renditions = []
    for track in subtitles:
        language = track.language
        shutil.copyfile(track.path, folder / f"{language}.vtt")  # passed through unchanged
        hls.write_subtitle_playlist(folder / f"{language}.m3u8", f"{language}.vtt", duration_s)
        fields = {"language": language, "label": track.label}
        media.append(
            describe(out, f"hls/subs/{language}.vtt", "text/vtt", Role.SUBTITLES, **fields)
        )
        media.append(
            describe(
                out,
                f"hls/subs/{language}.m3u8",
                hls.PLAYLIST_TYPE,
                Role.SUBTITLES_PLAYLIST,
                **fields,
            )
        )
        renditions.append(
            hls.SubtitleRendition(
                uri=f"subs/{language}.m3u8",
                language=language,
                name=track.label,
                default=track.default,
            )
        )
    return renditions


def _raw_frames(path: Path, width: int, height: int) -> list[pyvips.Image]:
    """Frames of packed RGB24 as ffmpeg's rawvideo muxer writes them."""
    frame_bytes = width * height * 3
    data = path.read_bytes() if path.is_file() else b""
    return [
        pyvips.Image.new_from_memory(data[at : at + frame_bytes], width, height, 3, "uchar")
        for at in range(0, len(data) - frame_bytes + 1, frame_bytes)
    ]


def _poster(out: Path, plan: HlsPlan, tail: tuple[str, ...]) -> RenditionFile:
    width, height = plan.poster_size
    image = _raw_frames(out / WORK_DIR / "poster.rgb", width, height)[:1]
    if not image:
        raise CorruptInput("ffmpeg produced no poster frame", stderr_tail=tail)
    image = image[0]
    image.jpegsave(str(out / "poster.jpg"), Q=85, optimize_coding=True, interlace=True, keep=0)
    return describe(
        out, "poster.jpg", "image/jpeg", Role.POSTER, width=image.width, height=image.height
    )


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _thumbnails(
    out: Path, ladder: VideoLadder, plan: HlsPlan, tail: tuple[str, ...]
) -> list[RenditionFile]:
    """Sprite sheets of ``columns x rows`` thumbnails and the WebVTT that maps time to tiles."""
    tile_w, tile_h = plan.thumbnail_size
    frames = _raw_frames(out / WORK_DIR / "thumbs.rgb", tile_w, tile_h)
    if not frames:
        raise CorruptInput("ffmpeg produced no thumbnails", stderr_tail=tail)
    # The fps filter may emit one frame at the very end: keep one per interval only.
    frames = frames[: max(1, math.ceil(plan.duration_s / plan.thumbnail_interval_s))]
    folder = out / "thumbs"
    folder.mkdir()
    per_sheet = ladder.thumbnail_columns * ladder.thumbnail_rows
    interval = plan.thumbnail_interval_s
    files: list[RenditionFile] = []
    cues = ["WEBVTT", ""]
    for sheet_no, start in enumerate(range(0, len(frames), per_sheet), start=1):
        chunk = frames[start : start + per_sheet]
        sheet = pyvips.Image.arrayjoin(chunk, across=min(len(chunk), ladder.thumbnail_columns))
        name = f"sprite_{sheet_no:03d}.jpg"
        sheet.jpegsave(str(folder / name), Q=75, optimize_coding=True, keep=0)
        files.append(
            describe(
                out,
                f"thumbs/{name}",
                "image/jpeg",
                Role.THUMBNAILS_SPRITE,
                width=sheet.width,
                height=sheet.height,
            )
        )
        for offset in range(len(chunk)):
            index = start + offset
            begin = index * interval
            end = min((index + 1) * interval, plan.duration_s)
            if end <= begin:
                end = begin + 0.001
            x = (offset % ladder.thumbnail_columns) * tile_w
            y = (offset // ladder.thumbnail_columns) * tile_h
            cues += [
                f"{_timestamp(begin)} --> {_timestamp(end)}",
                f"{name}#xywh={x},{y},{tile_w},{tile_h}",
                "",
            ]
    (folder / "thumbs.vtt").write_text("\n".join(cues), encoding="utf-8")
    files.append(
        describe(
            out, "thumbs/thumbs.vtt", "text/vtt", Role.THUMBNAILS_VTT, width=tile_w, height=tile_h
        )
    )
    return files
