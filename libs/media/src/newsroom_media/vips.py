"""libvips (through pyvips and the libvips that pyvips-binary carries) set up for untrusted input.

Loaders are called by name for the sniffed type, never chosen from the file name, and
libvips' "untrusted" operations (loaders of exotic formats) are blocked process-wide.
Every load is lazy: opening an image reads its header only, so the pixel limit is
checked before a single pixel is decoded.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyvips

from newsroom_media.errors import CorruptInput, ImageTooLarge, UnsupportedType
from newsroom_media.results import MediaInfo
from newsroom_media.specs import ImageLimits

pyvips.block_untrusted_set(True)

LOADERS = {
    "image/jpeg": "jpegload",
    "image/png": "pngload",
    "image/webp": "webpload",
    "image/gif": "gifload",
    "image/avif": "heifload",
    "image/heic": "heifload",
}


def configure_vips(
    *,
    concurrency: int | None = None,
    cache_max_mem: int | None = None,
    cache_max_ops: int | None = None,
) -> None:
    """Process-wide libvips limits: worker threads per pipeline and the operation cache."""
    if concurrency is not None:
        pyvips.concurrency_set(max(1, concurrency))
    if cache_max_mem is not None:
        pyvips.cache_set_max_mem(max(0, cache_max_mem))
    if cache_max_ops is not None:
        pyvips.cache_set_max(max(0, cache_max_ops))


def open_image(path: str | os.PathLike[str], content_type: str, **options: Any) -> pyvips.Image:
    """A lazy, sequential-access image: only the header is read here."""
    loader = LOADERS.get(content_type)
    if loader is None:
        raise UnsupportedType(f"{content_type} is not an image type libvips loads here")
    try:
        image = pyvips.Operation.call(
            loader, str(path), access="sequential", fail_on="error", **options
        )
    except pyvips.Error as exc:
        raise CorruptInput(f"cannot read the image header: {_first_line(exc)}") from exc
    assert isinstance(image, pyvips.Image)
    return image


def _first_line(exc: pyvips.Error) -> str:
    text = str(exc.detail or exc.message).strip()
    return text.splitlines()[0] if text else "libvips error"


def vips_error_lines(exc: pyvips.Error) -> tuple[str, ...]:
    text = str(exc.detail or exc.message).strip()
    return tuple(text.splitlines()[-20:])


def _field(image: pyvips.Image, name: str, default: int) -> int:
    if image.get_typeof(name) == 0:
        return default
    value = image.get(name)
    return int(value) if isinstance(value, int | float) else default


def probe_image(
    path: str | os.PathLike[str], content_type: str, limits: ImageLimits | None
) -> MediaInfo:
    image = open_image(path, content_type)
    width, height = int(image.width), int(image.height)
    if limits is not None:
        check_limits(width, height, limits)
    orientation = _field(image, "orientation", 1)
    if orientation not in range(1, 9):
        orientation = 1
    pages = _field(image, "n-pages", 1)
    display_w, display_h = (height, width) if orientation >= 5 else (width, height)
    return MediaInfo(
        kind="image",
        content_type=content_type,
        size=Path(path).stat().st_size,
        width=display_w,
        height=display_h,
        has_alpha=bool(image.hasalpha()),
        orientation=orientation,
        pages=max(1, pages),
    )


def check_limits(width: int, height: int, limits: ImageLimits) -> None:
    if width <= 0 or height <= 0:
        raise CorruptInput(f"the header says {width}x{height}")
    if width > limits.max_side or height > limits.max_side:
        raise ImageTooLarge(
            f"{width}x{height} exceeds the {limits.max_side} px side limit",
        )
    if width * height > limits.max_pixels:
        raise ImageTooLarge(
            f"{width}x{height} is {width * height / 1e6:.0f} megapixels, over the "
            f"{limits.max_pixels / 1e6:.0f} megapixel limit",
        )
