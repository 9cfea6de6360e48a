"""Inputs for tests and benches, made on the spot: ffmpeg lavfi sources, Pillow photos.

Also used by the media-asset service's tests: nothing here is shipped media.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsroom_media.specs import Tools

GPS_HANOI = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 15.0)}


def ffmpeg(*args: str) -> None:
    subprocess.run(
        [Tools().ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args],
        check=True,
        timeout=600,
    )


def ffprobe_json(path: Path, *extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [Tools().ffprobe, "-v", "error", "-print_format", "json", *extra, str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def integrated_loudness(path: Path) -> float:
    """EBU R128 integrated loudness measured by ffmpeg's ebur128 filter."""
    done = subprocess.run(
        [Tools().ffmpeg, "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128",
         "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )  # fmt: skip
    lines = done.stderr.splitlines()
    summary = max(i for i, line in enumerate(lines) if "Integrated loudness:" in line)
    return float(lines[summary + 1].split()[1])


def make_video(
    path: Path,
    *,
    size: str,
    seconds: float,
    rate: int = 30,
    audio: bool = True,
    extra: Sequence[str] = (),
) -> Path:
    inputs = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        inputs += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]
    ffmpeg(
        *inputs,
        "-c:v", "libx264", "-preset", "ultrafast", "-g", str(rate * 2), "-pix_fmt", "yuv420p",
        *(["-c:a", "aac", "-b:a", "128k"] if audio else []),
        "-metadata", "location=+21.0285+105.8542/", "-metadata", "title=secret",
        "-movflags", "+faststart",
        *extra,
        str(path),
    )  # fmt: skip
    return path


def make_tone(path: Path, *, seconds: float, gain_db: float, extra: Sequence[str] = ()) -> Path:
    """A 300 Hz tone (plus quieter 1 kHz) at ``gain_db``, e.g. a too-quiet bulletin."""
    ffmpeg(
        "-f", "lavfi", "-i", f"sine=frequency=300:sample_rate=44100:duration={seconds}",
        "-f", "lavfi", "-i", f"sine=frequency=1000:sample_rate=44100:duration={seconds}",
        "-filter_complex", f"[1:a]volume=-12dB[b];[0:a][b]amix=inputs=2,volume={gain_db}dB",
        *extra,
        str(path),
    )  # fmt: skip
    return path


def make_photo(
    path: Path,
    *,
    width: int,
    height: int,
    orientation: int = 1,
    gps: bool = True,
    quality: int = 90,
) -> Path:
    """A JPEG with detail (lines on a gradient), EXIF GPS, camera fields and XMP."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    step = max(8, width // 40)
    for x in range(0, width, step):
        draw.line([(x, 0), (width - x, height)], fill=(x % 255, 90, 200), width=max(1, step // 12))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Newsroom test camera"
    if gps:
        exif[0x8825] = GPS_HANOI
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,1.7N"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    image.save(path, quality=quality, exif=exif.tobytes(), xmp=xmp)
    return path
