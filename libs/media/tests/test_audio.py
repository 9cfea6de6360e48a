"""The radio bulletin: loudness measured independently by ffmpeg's ebur128 filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom_media import AudioSpec, RenditionFile, Role, make_audio_renditions, read_manifest
from newsroom_media.errors import MissingStream
from newsroom_media.testing import ffprobe_json, integrated_loudness, make_tone

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quiet_bulletin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 s, far too quiet (about -33 LUFS), with ID3 title and artist."""
    folder = tmp_path_factory.mktemp("audio")
    return make_tone(
        folder / "bulletin.mp3",
        seconds=20,
        gain_db=-24,
        extra=["-c:a", "libmp3lame", "-b:a", "128k", "-metadata", "title=Bản tin nội bộ",
               "-metadata", "artist=Phòng truyền thông"],
    )  # fmt: skip


@pytest.fixture(scope="module")
def bulletin_job(
    quiet_bulletin: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[RenditionFile], list[float]]:
    out = tmp_path_factory.mktemp("bulletin") / "out"
    seen: list[float] = []
    files = make_audio_renditions(
        quiet_bulletin, out, spec=AudioSpec(download_name="ban-tin.mp3"), progress=seen.append
    )
    return out, files, seen


def test_the_bulletin_is_normalised_to_minus_16_lufs(
    quiet_bulletin: Path, bulletin_job: tuple[Path, list[RenditionFile], list[float]]
) -> None:
    assert integrated_loudness(quiet_bulletin) < -28  # really too quiet to start with
    out, files, seen = bulletin_job
    download = next(f for f in files if f.role is Role.DOWNLOAD)
    master = next(f for f in files if f.is_master)
    assert download.path == "ban-tin.mp3" and download.content_type == "audio/mpeg"
    assert abs(integrated_loudness(out / download.path) - (-16.0)) <= 1.0
    assert abs(integrated_loudness(out / master.path) - (-16.0)) <= 1.0
    assert download.loudness_lufs is not None and abs(download.loudness_lufs + 16) <= 1.0
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    assert read_manifest(out, verify_hashes=True).kind == "audio"


def test_hls_and_mp3_are_readable_and_carry_no_tags(
    bulletin_job: tuple[Path, list[RenditionFile], list[float]],
) -> None:
    out, files, _ = bulletin_job
    hls = ffprobe_json(out / "hls" / "master.m3u8", "-show_streams", "-show_format")
    assert [s["codec_name"] for s in hls["streams"]] == ["aac"]
    assert abs(float(hls["format"]["duration"]) - 20.0) < 0.5
    mp3 = ffprobe_json(out / "ban-tin.mp3", "-show_streams", "-show_format")
    assert [s["codec_name"] for s in mp3["streams"]] == ["mp3"]
    assert abs(float(mp3["format"]["duration"]) - 20.0) < 0.5
    assert "title" not in mp3["format"].get("tags", {})
    assert b"ID3" not in (out / "ban-tin.mp3").read_bytes()[:10]
    master_text = (out / "hls" / "master.m3u8").read_text("utf-8")
    assert 'CODECS="mp4a.40.2"' in master_text and "BANDWIDTH=" in master_text
    segments = [f for f in files if f.role is Role.HLS_SEGMENT]
    assert 4 <= len(segments) <= 7  # ~4 s segments over 20 s


def test_a_silent_video_is_not_a_bulletin(tmp_path: Path) -> None:
    from newsroom_media.testing import make_video

    video = make_video(tmp_path / "mute.mp4", size="320x240", seconds=2, audio=False)
    with pytest.raises(MissingStream) as refused:
        make_audio_renditions(video, tmp_path / "out")
    assert refused.value.reason == "NO_AUDIO_STREAM"
