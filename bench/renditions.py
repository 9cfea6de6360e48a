"""Image rendition set of a 24-megapixel JPEG: ours (libvips) vs a straightforward Pillow.

Both make the same files from the same 6000x4000 camera-like JPEG (EXIF with GPS, XMP),
made with Pillow in this run: WebP quality 80 (effort/method 4) and JPEG quality 82
(optimised, progressive) at 320, 640, 960, 1280 and 1920 px wide, plus a 1200x675 card
cropped around the centre, no metadata kept. The Pillow version is what one writes
first: open, ``exif_transpose``, ``convert("RGB")``, one LANCZOS ``resize`` of the full
image per width, save.

Each run is a fresh child process (``--child``) so its peak RSS (VmHWM: interpreter,
libraries and the job) is the job's alone; the time is the rendition call inside it.
Rounds interleave the two (the order alternates); the verdict is the median of the
per-round speed-ups (BENCH_ROUNDS, default 5) and ours' worst peak RSS.
Targets: >= 2x faster, peak RSS < 200 MB. AVIF at the same widths is timed once more
for ADR 0012 (not part of the verdict).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SPEEDUP_TARGET = 2.0
RSS_TARGET_MB = 200.0
WIDTHS = (320, 640, 960, 1280, 1920)
WEBP_QUALITY, JPEG_QUALITY = 80, 82
CARD = (1200, 675)


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ours(src: Path, out: Path, avif: bool) -> None:
    from newsroom_media import FocalPoint, ImageSpec, make_image_renditions

    spec = ImageSpec(
        widths=WIDTHS,
        avif_widths=WIDTHS if avif else (),
        webp_quality=WEBP_QUALITY,
        jpeg_quality=JPEG_QUALITY,
        card_quality=JPEG_QUALITY,
    )
    make_image_renditions(src, out, spec=spec, focal=FocalPoint(0.5, 0.5))


def pillow(src: Path, out: Path) -> None:
    from PIL import Image, ImageOps

    out.mkdir(parents=True)
    with Image.open(src) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    width, height = image.size
    for target in WIDTHS:
        resized = image.resize((target, round(target * height / width)), Image.Resampling.LANCZOS)
        resized.save(out / f"w{target}.webp", quality=WEBP_QUALITY, method=4)
        resized.save(out / f"w{target}.jpg", quality=JPEG_QUALITY, optimize=True, progressive=True)
    ratio = CARD[0] / CARD[1]
    box_w, box_h = (width, width / ratio) if width / height < ratio else (height * ratio, height)
    left, top = (width - box_w) / 2, (height - box_h) / 2
    card = image.resize(CARD, Image.Resampling.LANCZOS, box=(left, top, left + box_w, top + box_h))
    card.save(out / "card.jpg", quality=JPEG_QUALITY, optimize=True, progressive=True)


def child(kind: str, src: Path, out: Path) -> None:
    if kind == "pillow":
        import PIL.Image  # noqa: F401  (imports outside the timed part, like ours)
    else:
        import newsroom_media  # noqa: F401
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    if kind == "pillow":
        pillow(src, out)
    else:
        ours(src, out, avif=kind == "ours-avif")
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime - cpu,
        "peak_mb": _peak_mb(),
    }
    print(json.dumps(result))


def _run(kind: str, src: Path, out: Path) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(src), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    from newsroom_media.testing import make_photo

    work = Path(tempfile.mkdtemp(prefix="bench-renditions-"))
    try:
        src = make_photo(work / "camera.jpg", width=6000, height=4000, quality=92)
        print(f"source: 6000x4000 JPEG, {src.stat().st_size / 1e6:.1f} MB", flush=True)
        runs: dict[str, list[dict[str, Any]]] = {"ours": [], "pillow": []}
        for round_no in range(1, ROUNDS + 1):
            order = ["ours", "pillow"] if round_no % 2 else ["pillow", "ours"]
            for kind in order:
                runs[kind].append(_run(kind, src, work / kind))
            o, p = runs["ours"][-1], runs["pillow"][-1]
            print(
                f"round {round_no}: ours {o['seconds']:.2f}s (cpu {o['cpu']:.2f}s, "
                f"peak {o['peak_mb']:.0f} MB), pillow {p['seconds']:.2f}s (cpu {p['cpu']:.2f}s, "
                f"peak {p['peak_mb']:.0f} MB), speed-up {p['seconds'] / o['seconds']:.2f}x",
                flush=True,
            )
        avif = _run("ours-avif", src, work / "avif")
        webp_set = statistics.median(r["cpu"] for r in runs["ours"])
        print(
            f"with AVIF at the same widths: {avif['seconds']:.2f}s (cpu {avif['cpu']:.2f}s, "
            f"peak {avif['peak_mb']:.0f} MB) against {webp_set:.2f}s cpu without",
            flush=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    speedups = [
        p["seconds"] / o["seconds"] for o, p in zip(runs["ours"], runs["pillow"], strict=True)
    ]
    cpu_speedups = [p["cpu"] / o["cpu"] for o, p in zip(runs["ours"], runs["pillow"], strict=True)]
    speedup = statistics.median(speedups)
    peak = max(r["peak_mb"] for r in runs["ours"])
    pillow_peak = max(r["peak_mb"] for r in runs["pillow"])
    passed = speedup >= SPEEDUP_TARGET and peak < RSS_TARGET_MB
    print(
        f"renditions: speedup={speedup:.2f}x (median of {ROUNDS}, each "
        f"{min(speedups):.2f}-{max(speedups):.2f}; cpu {statistics.median(cpu_speedups):.2f}x) "
        f"ours={statistics.median(r['seconds'] for r in runs['ours']):.2f}s "
        f"pillow={statistics.median(r['seconds'] for r in runs['pillow']):.2f}s "
        f"peak_rss={peak:.0f}MB (pillow {pillow_peak:.0f}MB) "
        f"(target >={SPEEDUP_TARGET:g}x, <{RSS_TARGET_MB:.0f}MB) {'PASS' if passed else 'FAIL'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
