"""Real-type detection on files made by real encoders, and executables under media names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import pyvips

from newsroom_media import is_executable, kind_of, probe, sniff
from newsroom_media.errors import ExecutableRefused, UnsupportedType
from newsroom_media.testing import ffmpeg


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sniff")
    image = pyvips.Image.black(64, 48) + [40, 120, 200]
    made: dict[str, Path] = {}
    for name, expected in (
        ("a.jpg", "image/jpeg"),
        ("a.png", "image/png"),
        ("a.webp", "image/webp"),
        ("a.gif", "image/gif"),
        ("a.avif", "image/avif"),
    ):
        image.write_to_file(str(folder / name))
        made[expected] = folder / name
    tone = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]
    picture = ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=1"]
    for name, expected, args in (
        ("a.mp4", "video/mp4", [*picture, "-c:v", "libx264", "-preset", "ultrafast"]),
        ("a.mov", "video/quicktime", [*picture, "-c:v", "libx264", "-preset", "ultrafast"]),
        ("a.webm", "video/webm", [*picture, "-c:v", "libvpx", "-deadline", "realtime"]),
        ("a.mkv", "video/x-matroska", [*picture, "-c:v", "libx264", "-preset", "ultrafast"]),
        ("a.ts", "video/mp2t", [*picture, "-c:v", "libx264", "-preset", "ultrafast"]),
        ("a.mp3", "audio/mpeg", [*tone, "-c:a", "libmp3lame", "-write_xing", "0"]),
        ("tagged.mp3", "audio/mpeg", [*tone, "-c:a", "libmp3lame", "-metadata", "title=Bản tin"]),
        ("a.aac", "audio/aac", [*tone, "-c:a", "aac", "-f", "adts"]),
        ("a.m4a", "audio/mp4", [*tone, "-c:a", "aac"]),
        ("a.wav", "audio/wav", tone),
        ("a.opus", "audio/ogg", [*tone, "-c:a", "libopus"]),
        ("a.ogg", "audio/ogg", [*tone, "-c:a", "libvorbis"]),
        ("a.flac", "audio/flac", tone),
    ):
        ffmpeg(*args, str(folder / name))
        made[expected if expected not in made else f"{expected}#{name}"] = folder / name
    (folder / "a.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n", "utf-8")
    made["text/vtt"] = folder / "a.vtt"
    (folder / "a.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    made["application/pdf"] = folder / "a.pdf"
    # HEIC cannot be encoded here (no HEVC encoder): its ISO BMFF header as iPhones write it.
    heic = (24).to_bytes(4, "big") + b"ftypheic" + (0).to_bytes(4, "big") + b"mif1heic"
    (folder / "a.heic").write_bytes(heic + b"\x00" * 64)
    made["image/heic"] = folder / "a.heic"
    return made


def test_every_accepted_type_is_recognised_from_its_bytes(samples: dict[str, Path]) -> None:
    for expected, path in samples.items():
        assert sniff(path) == expected.split("#")[0], path.name


def test_the_name_does_not_matter(samples: dict[str, Path], tmp_path: Path) -> None:
    disguised = tmp_path / "photo.jpg"
    shutil.copyfile(samples["audio/mpeg"], disguised)
    assert sniff(disguised) == "audio/mpeg"


def test_kinds() -> None:
    assert kind_of("image/avif") == "image"
    assert kind_of("video/quicktime") == "video"
    assert kind_of("audio/ogg") == "audio"
    assert kind_of("text/vtt") == "subtitles"
    assert kind_of("application/pdf") == "document"
    assert kind_of("application/x-msdownload") is None
    assert kind_of(None) is None


def test_a_jpg_that_is_really_an_elf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "holiday.jpg"
    shutil.copyfile(shutil.which("true") or "/bin/true", fake)
    assert sniff(fake) is None
    assert is_executable(fake)
    with pytest.raises(ExecutableRefused) as refused:
        probe(fake)
    assert refused.value.reason == "EXECUTABLE_REFUSED"
    assert not refused.value.retryable


@pytest.mark.parametrize(
    "head",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # PE
        b"\xcf\xfa\xed\xfe\x07\x00\x00\x01",  # Mach-O 64
        b"\xca\xfe\xba\xbe\x00\x00\x00\x02",  # Mach-O universal
        b"#!/bin/sh\nrm -rf ~\n",  # script
    ],
)
def test_executable_signatures_are_refused_even_with_media_after(
    head: bytes, tmp_path: Path
) -> None:
    fake = tmp_path / "clip.mp4"
    # Media bytes after the executable header must not make it pass.
    fake.write_bytes(head + b"\x00\x00\x00\x18ftypisom" + b"\x00" * 64)
    assert sniff(fake) is None
    assert is_executable(fake)


def test_unknown_and_empty_files_are_none(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp3"
    text.write_text("just some words, not an mp3 at all\n", "utf-8")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    svg = tmp_path / "logo.png"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>')
    for path in (text, empty, svg):
        assert sniff(path) is None
        assert not is_executable(path)
    with pytest.raises(UnsupportedType) as refused:
        probe(svg)
    assert refused.value.reason == "UNSUPPORTED_TYPE"
