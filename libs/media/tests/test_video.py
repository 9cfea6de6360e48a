"""The HLS ladder on real ffmpeg: ffprobe reads what we made; stalls and failures are typed."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from newsroom_media import (
    DEFAULT_LADDER,
    ProcessLimits,
    Role,
    SubtitleTrack,
    VideoLadder,
    make_video_hls,
    probe,
    read_manifest,
)
from newsroom_media.errors import (
    Cancelled,
    CorruptInput,
    IncompleteOutput,
    InvalidSubtitles,
    OutOfMemory,
    TranscodeFailed,
    TranscodeStalled,
    TranscodeTimeout,
)
from newsroom_media.testing import ffprobe_json, make_video

pytestmark = pytest.mark.slow

VTT_VI = "WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nXin chào quý vị\n"
VTT_EN = "WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nGood evening\n"


def _attributes(line: str) -> dict[str, str]:
    from newsroom_media.hls import _attributes as parse

    return parse(line.split(":", 1)[1])


def _ffmpeg_processes_writing_to(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"ffmpeg" in cmdline and str(folder).encode() in cmdline:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def ladder_job(
    video_1080p: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[float], list[object]]:
    folder = tmp_path_factory.mktemp("ladder")
    (folder / "vi.vtt").write_text(VTT_VI, "utf-8")
    (folder / "en.vtt").write_text(VTT_EN, "utf-8")
    seen: list[float] = []
    files = make_video_hls(
        video_1080p,
        folder / "out",
        subtitles=(
            SubtitleTrack(folder / "vi.vtt", "vi", "Tiếng Việt", default=True),
            SubtitleTrack(folder / "en.vtt", "en", "English"),
        ),
        progress=seen.append,
    )
    return folder / "out", seen, list(files)


def test_the_master_playlist_is_read_by_ffprobe_with_every_rung(
    ladder_job: tuple[Path, list[float], list[object]],
) -> None:
    out, _, _ = ladder_job
    master = out / "hls" / "master.m3u8"
    probed = ffprobe_json(master, "-show_programs", "-show_format")
    sizes = sorted(
        (s["width"], s["height"])
        for program in probed["programs"]
        for s in program["streams"]
        if s["codec_type"] == "video"
    )
    assert sizes == [(640, 360), (1280, 720), (1920, 1080)]
    audio = [
        s
        for program in probed["programs"]
        for s in program["streams"]
        if s["codec_type"] == "audio"
    ]
    assert {s["codec_name"] for s in audio} == {"aac"}
    assert abs(float(probed["format"]["duration"]) - 10.0) < 0.3


def test_each_rung_has_the_right_resolution_and_duration(
    ladder_job: tuple[Path, list[float], list[object]],
) -> None:
    out, _, _ = ladder_job
    for name, size in (("360p", (640, 360)), ("720p", (1280, 720)), ("1080p", (1920, 1080))):
        probed = ffprobe_json(out / "hls" / name / "index.m3u8", "-show_streams", "-show_format")
        video = next(s for s in probed["streams"] if s["codec_type"] == "video")
        assert (video["width"], video["height"]) == size
        assert video["codec_name"] == "h264"
        assert abs(float(probed["format"]["duration"]) - 10.0) < 0.3, name


def test_master_has_bandwidth_resolution_codecs_and_subtitles(
    ladder_job: tuple[Path, list[float], list[object]],
) -> None:
    out, _, _ = ladder_job
    lines = (out / "hls" / "master.m3u8").read_text("utf-8").splitlines()
    variants = [_attributes(line) for line in lines if line.startswith("#EXT-X-STREAM-INF:")]
    assert len(variants) == 3
    for variant in variants:
        assert int(variant["BANDWIDTH"]) >= int(variant["AVERAGE-BANDWIDTH"]) > 0
        assert variant["CODECS"].startswith("avc1.") and "mp4a.40.2" in variant["CODECS"]
        assert variant["SUBTITLES"] == "subs"
    assert [v["RESOLUTION"] for v in variants] == ["640x360", "1280x720", "1920x1080"]
    media = [_attributes(line) for line in lines if line.startswith("#EXT-X-MEDIA:")]
    assert {(m["TYPE"], m["LANGUAGE"], m["NAME"]) for m in media} == {
        ("SUBTITLES", "vi", "Tiếng Việt"),
        ("SUBTITLES", "en", "English"),
    }
    assert (out / "hls" / "subs" / "vi.vtt").read_text("utf-8") == VTT_VI  # passed through
    subtitle_playlist = (out / "hls" / "subs" / "vi.m3u8").read_text("utf-8")
    assert "vi.vtt" in subtitle_playlist and "#EXT-X-ENDLIST" in subtitle_playlist


def test_segments_are_about_4_s_and_aligned_across_rungs(
    ladder_job: tuple[Path, list[float], list[object]],
) -> None:
    from newsroom_media.hls import read_media_playlist

    out, _, _ = ladder_job
    durations = {
        name: [
            seconds
            for _, seconds in read_media_playlist(out / "hls" / name / "index.m3u8").segments
        ]
        for name in ("360p", "720p", "1080p")
    }
    assert durations["360p"] == durations["720p"] == durations["1080p"]
    assert all(abs(seconds - 4.0) < 0.05 for seconds in durations["1080p"][:-1])
    # Each segment starts on a keyframe, at the same instant in every rung.
    keyframes = {}
    for name in ("360p", "720p", "1080p"):
        probed = ffprobe_json(
            out / "hls" / name / "index.m3u8",
            "-select_streams", "v:0", "-skip_frame", "nokey",
            "-show_entries", "frame=pts_time",
        )  # fmt: skip
        keys = sorted(float(f["pts_time"]) for f in probed["frames"])
        keyframes[name] = [round(k - keys[0], 2) for k in keys]
    assert keyframes["360p"] == keyframes["720p"] == keyframes["1080p"] == [0.0, 4.0, 8.0]


def test_poster_thumbnails_and_manifest(
    ladder_job: tuple[Path, list[float], list[object]],
) -> None:
    out, seen, files = ladder_job
    manifest = read_manifest(out, verify_hashes=True)
    assert [f.path for f in manifest.files] == [f.path for f in files]  # type: ignore[attr-defined]
    master = manifest.master
    assert master is not None and master.path == "hls/master.m3u8"
    poster = next(f for f in manifest.files if f.role is Role.POSTER)
    assert (poster.width, poster.height) == (1920, 1080)
    sprite = next(f for f in manifest.files if f.role is Role.THUMBNAILS_SPRITE)
    vtt = (out / "thumbs" / "thumbs.vtt").read_text("utf-8")
    assert vtt.startswith("WEBVTT")
    cues = [line for line in vtt.splitlines() if "#xywh=" in line]
    assert len(cues) == 5  # one every 2 s over 10 s
    for cue in cues:
        x, y, w, h = (int(v) for v in cue.split("#xywh=")[1].split(","))
        assert cue.startswith(sprite.name)
        assert x + w <= (sprite.width or 0) and y + h <= (sprite.height or 0)
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    assert len(seen) > 5  # percent came from ffmpeg's -progress, not only start and end


def test_no_location_or_title_left_in_any_output(
    video_1080p: Path, ladder_job: tuple[Path, list[float], list[object]]
) -> None:
    out, _, _ = ladder_job
    original = ffprobe_json(video_1080p, "-show_format")["format"]["tags"]
    assert "location" in original  # the original carries GPS
    for path in list((out / "hls").rglob("*.m4s"))[:3] + list((out / "hls").rglob("init*.mp4")):
        data = path.read_bytes()
        assert b"+21.0285+105.8542" not in data and b"secret" not in data, path
    for name in ("360p", "1080p"):
        tags = ffprobe_json(out / "hls" / name / "index.m3u8", "-show_format")["format"].get(
            "tags", {}
        )
        assert "location" not in tags and "title" not in tags


def test_only_rungs_at_or_below_the_source(video_small: Path, tmp_path: Path) -> None:
    files = make_video_hls(video_small, tmp_path / "out")  # 480x270, no audio
    playlists = [f for f in files if f.role is Role.HLS_PLAYLIST]
    assert [(f.rung, f.width, f.height) for f in playlists] == [("270p", 480, 270)]
    master = (tmp_path / "out" / "hls" / "master.m3u8").read_text("utf-8")
    assert "RESOLUTION=480x270" in master and "mp4a" not in master


def test_a_stalled_ffmpeg_is_killed_and_reported(tmp_path: Path) -> None:
    """ffmpeg reads from a pipe whose writer stops after two thirds of the file."""
    source = make_video(tmp_path / "clip.ts", size="640x360", seconds=10, extra=["-f", "mpegts"])
    info = probe(source)
    fifo = tmp_path / "upload.ts"
    os.mkfifo(fifo)
    release = threading.Event()

    def feed() -> None:
        fd = os.open(fifo, os.O_WRONLY)
        try:
            os.write(fd, source.read_bytes()[: source.stat().st_size * 2 // 3])
            release.wait(120)
        finally:
            os.close(fd)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    seen: list[float] = []
    out = tmp_path / "out"
    started = time.monotonic()
    try:
        with pytest.raises(TranscodeStalled) as stalled:
            make_video_hls(fifo, out, info=info, stall_timeout_s=3, progress=seen.append)
    finally:
        release.set()
        writer.join(10)
    assert stalled.value.reason == "TRANSCODE_STALLED" and stalled.value.retryable
    assert time.monotonic() - started < 100  # detected, not hung (generous: shared machine)
    assert max(seen) > 0  # it was advancing before the writer stopped
    assert _ffmpeg_processes_writing_to(out) == []  # the process group is gone
    with pytest.raises(IncompleteOutput):
        read_manifest(out)


def test_a_truncated_file_fails_with_ffmpegs_last_lines(video_1080p: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(video_1080p.read_bytes()[: video_1080p.stat().st_size // 2])
    with pytest.raises(CorruptInput) as failed:
        make_video_hls(
            truncated, tmp_path / "out", ladder=VideoLadder(rungs=DEFAULT_LADDER.rungs[:1])
        )
    assert failed.value.reason == "CORRUPT_INPUT"
    assert not failed.value.retryable
    assert failed.value.stderr_tail  # ffmpeg's own words, for the user
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_an_ffmpeg_error_is_transcode_failed_with_stderr(video_small: Path, tmp_path: Path) -> None:
    broken = VideoLadder(rungs=DEFAULT_LADDER.rungs, preset="no-such-preset")
    with pytest.raises(TranscodeFailed) as failed:
        make_video_hls(video_small, tmp_path / "out", ladder=broken)
    assert failed.value.reason == "TRANSCODE_FAILED"
    assert any("preset" in line.lower() for line in failed.value.stderr_tail)


def test_cancel_kills_the_run(video_1080p: Path, tmp_path: Path) -> None:
    cancel = threading.Event()

    def on_progress(percent: float) -> None:
        if percent > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        make_video_hls(video_1080p, tmp_path / "out", progress=on_progress, cancel=cancel)
    assert _ffmpeg_processes_writing_to(tmp_path / "out") == []


def test_the_overall_deadline_ends_the_run(video_1080p: Path, tmp_path: Path) -> None:
    with pytest.raises(TranscodeTimeout) as late:
        make_video_hls(video_1080p, tmp_path / "out", limits=ProcessLimits(timeout_s=1))
    assert late.value.reason == "TRANSCODE_TIMEOUT"
    assert _ffmpeg_processes_writing_to(tmp_path / "out") == []


def test_bad_subtitles_are_refused_before_any_work(video_small: Path, tmp_path: Path) -> None:
    not_vtt = tmp_path / "subs.vtt"
    not_vtt.write_text("1\n00:00:01,000 --> 00:00:02,000\nSRT, not WebVTT\n", "utf-8")
    with pytest.raises(InvalidSubtitles):
        make_video_hls(
            video_small, tmp_path / "out", subtitles=[SubtitleTrack(not_vtt, "vi", "VI")]
        )


def test_memory_cap_fails_the_job_not_the_worker(video_1080p: Path, tmp_path: Path) -> None:
    """A 1080p ladder needs ~1.2 GB of address space; under a 450 MB cap x264 cannot start."""
    with pytest.raises(OutOfMemory) as failed:
        make_video_hls(
            video_1080p, tmp_path / "out", limits=ProcessLimits(max_memory_bytes=450 * 1024 * 1024)
        )
    assert failed.value.reason == "OUT_OF_MEMORY" and failed.value.retryable
    assert failed.value.stderr_tail
