"""Image renditions with libvips: WebP/JPEG(/AVIF) widths and a focal-point 16:9 card.

Why it stays fast and small whatever the original (ADR 0012): the pixel limit is checked
on the header; the original is read once, sequentially, with shrink-on-load (a 24 MP
JPEG is decoded at 1/2 or 1/4 scale straight from its DCT coefficients) into a base no
wider than the widest rendition; every other rendition is made from that base in memory.
A base that would be too big to hold (a very tall original) is never held: each
rendition then streams from the file again. Orientation is applied after shrinking,
colour goes to sRGB through the embedded ICC profile, and every save keeps no metadata.
"""

from __future__ import annotations

import math
import os
import shutil
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import pyvips

from newsroom_media import vips
from newsroom_media.errors import CorruptInput, MediaError, UnsupportedType
from newsroom_media.results import MediaInfo, RenditionFile, Role
from newsroom_media.specs import FocalPoint, ImageLimits, ImageSpec
from newsroom_media.staging import (
    WORK_DIR,
    Progress,
    ProgressCallback,
    describe,
    prepare_out_dir,
    write_manifest,
)

WEBP_MAX_SIDE = 16383
BASE_MAX_PIXELS = 12_000_000  # the in-memory base: at most ~36 MB of RGB
_NO_METADATA = 0  # pyvips.enums.ForeignKeep.NONE: no EXIF, XMP, IPTC, ICC or other blobs
_FORMATS = {"webp": "image/webp", "jpg": "image/jpeg", "avif": "image/avif"}


@dataclass(frozen=True, slots=True)
class _Job:
    width: int
    fmt: str  # webp | jpg | avif


def _plan_widths(wanted: tuple[int, ...], source_width: int) -> list[int]:
    """Requested widths at or below the original, plus the original's own width when it is
    narrower than the widest requested one (so the sharpest rendition is the original's)."""
    fitting = {w for w in wanted if 0 < w <= source_width}
    if wanted and source_width < max(wanted):
        fitting.add(source_width)
    return sorted(fitting)


def _srgb8(image: pyvips.Image) -> pyvips.Image:
    """8-bit sRGB (alpha kept): greyscale, 16-bit and CMYK leftovers converted."""
    if image.interpretation != "srgb" or image.format != "uchar":
        image = image.colourspace("srgb")
    if image.format != "uchar":
        image = image.cast("uchar")
    return image


def _needs_icc_transform(src: Path, content_type: str) -> bool:
    """An embedded profile other than sRGB (Adobe RGB, Display P3, CMYK...) must be applied.

    Without a profile the pixels are taken as sRGB already; running lcms on them anyway
    costs more than the whole shrink-on-load decode of a 24 MP JPEG.
    """
    header = vips.open_image(src, content_type)
    if header.get_typeof("icc-profile-data") == 0:
        return False
    profile = header.get("icc-profile-data")
    return not (isinstance(profile, bytes) and b"sRGB" in profile[:4096])


def _thumbnail(
    src: Path,
    width: int,
    height: int,
    *,
    icc: bool,
    size: str = "down",
    **options: object,
) -> pyvips.Image:
    """Shrink-on-load thumbnail streamed from the file, oriented and in sRGB."""
    if icc:
        options["output_profile"] = "srgb"
    source = pyvips.Source.new_from_file(str(src))
    # The loader's fail_on must go in option_string: thumbnail_source's own fail_on
    # argument does not reach the loader (a truncated JPEG then loads as grey).
    image = pyvips.Image.thumbnail_source(
        source, width, height=height, size=size, option_string="fail_on=error", **options
    )
    return _srgb8(image)


def _fit(width: int, src_w: int, src_h: int) -> tuple[int, int]:
    """Output size for a requested width, keeping the aspect and WebP's side limit."""
    height = max(1, round(width * src_h / src_w))
    if height > WEBP_MAX_SIDE:
        width = max(1, math.floor(width * WEBP_MAX_SIDE / height))
        height = WEBP_MAX_SIDE
    return width, height


def _save(image: pyvips.Image, path: Path, fmt: str, spec: ImageSpec, quality: int) -> None:
    if fmt == "webp":
        image.webpsave(str(path), Q=quality, effort=spec.webp_effort, keep=_NO_METADATA)
    elif fmt == "avif":
        image.heifsave(
            str(path),
            Q=quality,
            compression="av1",
            effort=spec.avif_effort,
            keep=_NO_METADATA,
        )
    else:
        if image.hasalpha():
            image = image.flatten(background=[255, 255, 255])
        image.jpegsave(
            str(path),
            Q=quality,
            optimize_coding=True,
            interlace=True,
            keep=_NO_METADATA,
        )


def _card_box(
    src_w: int, src_h: int, aspect: tuple[int, int], focal: FocalPoint
) -> tuple[float, float, float, float]:
    """The largest box of ``aspect`` inside the image, centred on the focal point."""
    ratio = aspect[0] / aspect[1]
    if src_w / src_h > ratio:
        box_h, box_w = float(src_h), src_h * ratio
    else:
        box_w, box_h = float(src_w), src_w / ratio
    left = min(max(focal.x * src_w - box_w / 2, 0.0), src_w - box_w)
    top = min(max(focal.y * src_h - box_h / 2, 0.0), src_h - box_h)
    return left, top, box_w, box_h


def make_image_renditions(
    src: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    spec: ImageSpec | None = None,
    focal: FocalPoint | None = None,
    limits: ImageLimits | None = None,
    progress: ProgressCallback | None = None,
) -> list[RenditionFile]:
    spec = spec or ImageSpec()
    limits = limits or ImageLimits()
    reporter = Progress(progress)
    reporter.report(0)
    src = Path(src)
    out = prepare_out_dir(out_dir)
    vips.configure_vips(
        concurrency=limits.vips_concurrency, cache_max_mem=limits.vips_cache_max_mem
    )
    from newsroom_media.probe import probe

    info = probe(src, limits=limits)  # header only: refuses bombs before any decode
    if info.kind != "image":
        raise UnsupportedType(f"{src.name} is {info.content_type}, not an image")
    try:
        threads = limits.vips_concurrency or pyvips.concurrency_get()
        files = _render(src, out, info, spec, focal, reporter, threads)
    except pyvips.Error as exc:
        raise CorruptInput(
            f"cannot decode {src.name}: {str(exc.message).strip()}",
            stderr_tail=vips.vips_error_lines(exc),
        ) from exc
    except MediaError:
        raise
    finally:
        shutil.rmtree(out / WORK_DIR, ignore_errors=True)
    write_manifest(out, "image", files, info)
    reporter.done()
    return files


def _render(
    src: Path,
    out: Path,
    info: MediaInfo,
    spec: ImageSpec,
    focal: FocalPoint | None,
    reporter: Progress,
    threads: int,
) -> list[RenditionFile]:
    assert info.width is not None and info.height is not None
    src_w, src_h = info.width, info.height
    icc = _needs_icc_transform(src, info.content_type)
    jobs = [_Job(w, "webp") for w in _plan_widths(spec.widths, src_w)]
    jobs += [_Job(w, "jpg") for w in _plan_widths(spec.jpeg_set(), src_w)]
    jobs += [_Job(w, "avif") for w in _plan_widths(spec.avif_widths, src_w)]
    widest = max((job.width for job in jobs), default=min(src_w, spec.card_width))
    base_w, base_h = _fit(widest, src_w, src_h)
    base: pyvips.Image | None = None
    if base_w * base_h <= BASE_MAX_PIXELS:
        base = _thumbnail(src, base_w, base_h, icc=icc).copy_memory()
    quality = {"webp": spec.webp_quality, "jpg": spec.jpeg_quality, "avif": spec.avif_quality}
    # Build every output's (lazy) pipeline here; the encodes, where the time goes, run on
    # ``threads`` threads (libvips releases the GIL), and progress is reported from here.
    outputs: dict[str, tuple[pyvips.Image, str, int, Role]] = {}
    for job in sorted(jobs, key=lambda j: (-j.width, j.fmt)):
        width, height = _fit(job.width, src_w, src_h)
        name = f"w{width}.{job.fmt}"
        if name in outputs:
            continue
        if base is None:
            image = _thumbnail(src, width, height, icc=icc)
        elif (width, height) == (base.width, base.height):
            image = base
        else:
            image = base.thumbnail_image(width, height=height, size="down")
        outputs[name] = (image, job.fmt, quality[job.fmt], Role.IMAGE)
    outputs["card.jpg"] = (
        _card(src, src_w, src_h, base, spec, focal, icc),
        "jpg",
        spec.card_quality,
        Role.CARD,
    )

    def encode(name: str) -> RenditionFile:
        image, fmt, q, role = outputs[name]
        _save(image, out / name, fmt, spec, q)
        return describe(out, name, _FORMATS[fmt], role, width=image.width, height=image.height)

    files: list[RenditionFile] = []
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        pending = [pool.submit(encode, name) for name in outputs]
        for number, future in enumerate(as_completed(pending), start=1):
            files.append(future.result())
            reporter.report(98.0 * number / len(pending))
    # Narrowest first within each format (srcset order, widest last), the card last.
    files.sort(key=lambda f: (f.role is Role.CARD, f.content_type, f.width or 0))
    return files


def _card(
    src: Path,
    src_w: int,
    src_h: int,
    base: pyvips.Image | None,
    spec: ImageSpec,
    focal: FocalPoint | None,
    icc: bool,
) -> pyvips.Image:
    """The 16:9 card, as wide as ``spec.card_width`` where the original allows."""
    ratio = spec.card_aspect[0] / spec.card_aspect[1]
    left, top, box_w, box_h = _card_box(src_w, src_h, spec.card_aspect, focal or FocalPoint())
    out_w = min(spec.card_width, math.floor(box_w))
    out_h = max(1, round(out_w / ratio))
    scale = out_w / box_w
    full_w, full_h = max(out_w, round(src_w * scale)), max(out_h, round(src_h * scale))
    usable_base = base is not None and base.width >= full_w
    if focal is None:
        # No editor's focal point: let libvips find the interesting part (attention).
        if base is not None and usable_base:
            return base.thumbnail_image(out_w, height=out_h, crop="attention")
        return _thumbnail(src, out_w, out_h, icc=icc, crop="attention")
    if base is not None and usable_base:
        scaled = base.thumbnail_image(full_w, height=full_h, size="force")
    else:
        scaled = _thumbnail(src, full_w, full_h, icc=icc, size="force")
    x = min(max(0, round(left * scale)), scaled.width - out_w)
    y = min(max(0, round(top * scale)), scaled.height - out_h)
    return scaled.extract_area(x, y, out_w, out_h)
