"""Image renditions on real libvips: widths, orientation, metadata, focal crop, limits."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import pyvips

from newsroom_media import (
    FocalPoint,
    ImageLimits,
    ImageSpec,
    Role,
    make_image_renditions,
    probe,
    read_manifest,
)
from newsroom_media.errors import CorruptInput, ImageTooLarge, IncompleteOutput, StagingNotEmpty
from newsroom_media.testing import make_photo

METADATA_MARKERS = (b"Exif", b"GPS", b"xmpmeta", b"adobe:ns:meta", b"Newsroom test camera")


@pytest.fixture(scope="module")
def rotated_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4000x3000 stored sideways (EXIF orientation 6), with GPS, camera name and XMP."""
    folder = tmp_path_factory.mktemp("photos")
    return make_photo(folder / "sideways.jpg", width=4000, height=3000, orientation=6)


def _fields(path: Path) -> list[str]:
    image = pyvips.Image.new_from_file(str(path))
    return [f for f in image.get_fields() if f.startswith(("exif", "xmp", "iptc", "icc"))]


def test_renditions_of_a_rotated_photo(rotated_photo: Path, tmp_path: Path) -> None:
    assert probe(rotated_photo).width == 3000  # displayed upright: portrait
    seen: list[float] = []
    files = make_image_renditions(rotated_photo, tmp_path / "out", progress=seen.append)

    webp = [f for f in files if f.content_type == "image/webp"]
    jpeg = [f for f in files if f.content_type == "image/jpeg" and f.role is Role.IMAGE]
    assert [f.width for f in webp] == [320, 640, 960, 1280, 1920]
    assert [f.width for f in jpeg] == [320, 640, 960, 1280, 1920]
    for f in webp + jpeg:
        assert f.height == round((f.width or 0) * 4000 / 3000)  # orientation applied: portrait
        on_disk = pyvips.Image.new_from_file(str(tmp_path / "out" / f.path))
        assert (on_disk.width, on_disk.height) == (f.width, f.height)
        assert on_disk.interpretation == "srgb" and on_disk.bands == 3
    card = next(f for f in files if f.role is Role.CARD)
    assert (card.width, card.height) == (1200, 675)
    assert seen[0] == 0 and seen[-1] == 100
    assert seen == sorted(seen)

    manifest = read_manifest(tmp_path / "out", verify_hashes=True)
    assert [f.path for f in manifest.files] == [f.path for f in files]
    assert manifest.source.orientation == 6


def test_no_exif_gps_or_xmp_in_any_output(rotated_photo: Path, tmp_path: Path) -> None:
    assert any("GPS" in f for f in _fields(rotated_photo))  # the original has them
    files = make_image_renditions(
        rotated_photo,
        tmp_path / "out",
        spec=ImageSpec(widths=(320, 1280), avif_widths=(320,)),
    )
    assert {f.content_type for f in files} == {"image/webp", "image/jpeg", "image/avif"}
    for f in files:
        path = tmp_path / "out" / f.path
        assert _fields(path) == [], f.path
        data = path.read_bytes()
        for marker in METADATA_MARKERS:
            assert marker not in data, (f.path, marker)


def test_never_upscaled(tmp_path: Path) -> None:
    small = make_photo(tmp_path / "small.jpg", width=500, height=400, gps=False)
    files = make_image_renditions(small, tmp_path / "out")
    images = [f for f in files if f.role is Role.IMAGE]
    assert sorted({f.width or 0 for f in images}) == [320, 500]  # 320 fits; 500 is its own width
    assert all((f.width or 0) <= 500 for f in files)
    card = next(f for f in files if f.role is Role.CARD)
    assert (card.width, card.height) == (500, 281)


def test_focal_point_decides_the_card(tmp_path: Path) -> None:
    # Dark 3000x3000 square with one bright patch in the bottom-right corner.
    image = pyvips.Image.black(3000, 3000, bands=3) + 20
    patch = pyvips.Image.black(400, 400, bands=3) + 240
    image = image.insert(patch, 2500, 2550)
    source = tmp_path / "square.png"
    image.pngsave(str(source))

    def card_mean(focal: FocalPoint | None, name: str) -> float:
        files = make_image_renditions(source, tmp_path / name, focal=focal)
        card = next(f for f in files if f.role is Role.CARD)
        assert (card.width, card.height) == (1200, 675)
        rendered = pyvips.Image.new_from_file(str(tmp_path / name / card.path))
        where_the_patch_lands = rendered.crop(1010, 505, 140, 140)
        return float(where_the_patch_lands.avg())

    assert card_mean(FocalPoint(0.9, 0.9), "focused") > 200  # the patch is in the card
    assert card_mean(FocalPoint(0.1, 0.1), "top-left") < 40  # a top-left crop misses it


def test_alpha_is_kept_in_webp_and_flattened_on_white_in_jpeg(tmp_path: Path) -> None:
    transparent = (pyvips.Image.black(800, 600, bands=3) + [200, 30, 30]).bandjoin(0)
    source = tmp_path / "logo.png"
    transparent.pngsave(str(source))
    files = make_image_renditions(source, tmp_path / "out", spec=ImageSpec(widths=(640,)))
    webp = pyvips.Image.new_from_file(str(tmp_path / "out" / "w640.webp"))
    jpeg = pyvips.Image.new_from_file(str(tmp_path / "out" / "w640.jpg"))
    assert webp.hasalpha()
    assert jpeg.bands == 3 and jpeg.avg() > 250  # fully transparent -> white
    assert {f.name for f in files} == {"w640.webp", "w640.jpg", "card.jpg"}


def test_a_20000x20000_png_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    pyvips.Image.black(20000, 20000).pngsave(str(bomb), compression=9)
    assert bomb.stat().st_size < 2_000_000  # tiny file, 400 megapixels once decoded
    # In a child, so its peak RSS (VmHWM) is the job's alone.
    script = textwrap.dedent(
        f"""
        import json
        from newsroom_media import make_image_renditions, probe
        from newsroom_media.errors import ImageTooLarge

        def peak_kib():
            for line in open("/proc/self/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])

        probe({str(tmp_path / "warmup.png")!r})  # libvips loaded and warmed up
        before = peak_kib()
        try:
            make_image_renditions({str(bomb)!r}, {str(tmp_path / "out")!r})
            outcome = "made renditions"
        except ImageTooLarge as exc:
            outcome = exc.reason
        print(json.dumps({{"outcome": outcome, "before": before, "after": peak_kib()}}))
        """
    )
    pyvips.Image.black(64, 64).pngsave(str(tmp_path / "warmup.png"))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["outcome"] == "IMAGE_TOO_LARGE"
    # Decoding would need 400 MB (one byte a pixel); the refusal must cost next to nothing.
    assert result["after"] - result["before"] < 20 * 1024, result
    with pytest.raises(IncompleteOutput):
        read_manifest(tmp_path / "out")


def test_limits_are_configurable_and_checked_on_the_header(rotated_photo: Path) -> None:
    with pytest.raises(ImageTooLarge) as refused:
        probe(rotated_photo, limits=ImageLimits(max_pixels=10_000_000))
    assert refused.value.reason == "IMAGE_TOO_LARGE"
    with pytest.raises(ImageTooLarge):
        probe(rotated_photo, limits=ImageLimits(max_side=3999))
    assert probe(rotated_photo, limits=ImageLimits()).pixels == 12_000_000


def test_a_truncated_jpeg_is_corrupt_input(rotated_photo: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(rotated_photo.read_bytes()[: rotated_photo.stat().st_size // 2])
    with pytest.raises(CorruptInput) as failed:
        make_image_renditions(truncated, tmp_path / "out")
    assert failed.value.reason == "CORRUPT_INPUT"
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_the_staging_directory_must_be_empty(rotated_photo: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "leftover.webp").write_bytes(b"half")
    with pytest.raises(StagingNotEmpty):
        make_image_renditions(rotated_photo, tmp_path / "out")
