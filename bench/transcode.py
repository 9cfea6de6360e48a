"""HLS job cost: (a) the platform's job vs the same ffmpeg commands run by hand, (b) one
decode for the whole ladder vs one ffmpeg pass per rung (PeerTube's way).

Source: 10 s of 1080p30 H.264 High at 16 Mb/s with AAC, what a phone records, made with
ffmpeg's testsrc2 in this run. Ladder: DEFAULT_LADDER (360p/720p/1080p, libx264
veryfast, CRF 23 capped by maxrate, 4 s fMP4 segments) plus the thumbnail strip.

(a) ours = ``make_video_hls`` end to end (ffprobe, the ladder run with the progress
    parser and stall watchdog, the poster run, playlist rewrite, sprite assembly,
    SHA-256 of every file, manifest). By hand = the very same two ffmpeg command lines
    (``build_hls_command`` + ``build_poster_command``) run with subprocess, nothing else.
    Figure: ours / by hand - 1. Target: < 5 %.
(b) one decode = the ladder command above. Per rung = one ffmpeg per rung with the same
    scaler and encoder arguments (``rung_filter``, ``rung_encoder_args``,
    ``hls_muxer_args``), plus one pass that makes the same thumbnails, so both sides
    write the same files. Figure: one decode / per rung. Target: <= 0.7.
The machine is shared: the three are interleaved in each round (the order rotates), the
verdicts are medians of the per-round ratios (BENCH_ROUNDS, default 3); CPU seconds
(user + system of ffmpeg and our process) are printed beside the wall times.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsroom_media import DEFAULT_LADDER, MediaInfo, ProcessLimits, Tools, make_video_hls, probe
from newsroom_media.testing import ffmpeg
from newsroom_media.video import (
    HlsPlan,
    build_hls_command,
    build_poster_command,
    hls_muxer_args,
    rung_encoder_args,
    rung_filter,
    thumbnail_filter,
)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
OVERHEAD_TARGET = 0.05
LADDER_TARGET = 0.7
THREADS = ProcessLimits().threads


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = _cpu(), time.perf_counter()
    action()
    return time.perf_counter() - wall, _cpu() - cpu


def _ffmpeg(args: list[str]) -> None:
    subprocess.run(
        [Tools().ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args],
        check=True,
    )


def _fresh(out: Path, plan: HlsPlan) -> None:
    shutil.rmtree(out, ignore_errors=True)
    for rung in plan.rungs:
        (out / "hls" / rung.name).mkdir(parents=True)
    (out / ".work").mkdir()


def _by_hand(src: Path, out: Path, info: MediaInfo) -> tuple[float, float, float]:
    """Both commands of the job; returns (wall, cpu, wall of the ladder command alone)."""
    plan = build_hls_command(src, out, info)
    _fresh(out, plan)
    ladder_wall: list[float] = []

    def run() -> None:
        start = time.perf_counter()
        _ffmpeg(plan.args)
        ladder_wall.append(time.perf_counter() - start)
        _ffmpeg(build_poster_command(out, src, plan, THREADS))

    wall, cpu = _timed(run)
    return wall, cpu, ladder_wall[0]


def _per_rung(src: Path, out: Path, info: MediaInfo) -> tuple[float, float, float]:
    """One ffmpeg per rung, then one for the thumbnails; (wall, cpu, wall of rungs only)."""
    plan = build_hls_command(src, out, info)
    _fresh(out, plan)
    threads = str(THREADS)
    rung_wall: list[float] = []

    def run() -> None:
        start = time.perf_counter()
        for rung in plan.rungs:
            args = ["-threads", threads, "-i", str(src), "-filter_complex_threads", threads]
            args += ["-filter_complex", f"[0:v:0]{rung_filter(rung)}[v0]", "-map", "[v0]"]
            args += ["-map", "0:a:0"] if info.has_audio else []
            args += rung_encoder_args(0, rung, info, DEFAULT_LADDER)
            stream = f"v:0,a:0,name:{rung.name}" if info.has_audio else f"v:0,name:{rung.name}"
            playlist = str(out / "hls" / "%v" / "index.m3u8")
            args += hls_muxer_args(out, DEFAULT_LADDER, stream, playlist, threads)
            _ffmpeg(args)
        rung_wall.append(time.perf_counter() - start)
        thumbs = thumbnail_filter(plan.thumbnail_interval_s, plan.thumbnail_size)
        _ffmpeg(
            ["-threads", threads, "-i", str(src), "-map", "0:v:0", "-vf", thumbs]
            + ["-fps_mode", "passthrough", "-f", "rawvideo", str(out / ".work" / "thumbs.rgb")]
        )

    wall, cpu = _timed(run)
    return wall, cpu, rung_wall[0]


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-transcode-"))
    try:
        src = work / "phone-1080p.mp4"
        print("making the source: 10 s 1080p30 H.264 16 Mb/s + AAC ...", flush=True)
        ffmpeg(
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=10",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10",
            "-c:v", "libx264", "-preset", "fast", "-b:v", "16M", "-maxrate", "16M",
            "-bufsize", "32M", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k",
            str(src),
        )  # fmt: skip
        info = probe(src)
        ours_w: list[float] = []
        ours_c: list[float] = []
        hand_w: list[float] = []
        hand_c: list[float] = []
        one_w: list[float] = []
        rung_w: list[float] = []
        rung_only_w: list[float] = []
        rung_c: list[float] = []
        for round_no in range(1, ROUNDS + 1):

            def ours() -> None:
                shutil.rmtree(work / "ours", ignore_errors=True)
                wall, cpu = _timed(lambda: make_video_hls(src, work / "ours"))
                ours_w.append(wall)
                ours_c.append(cpu)

            def hand() -> None:
                wall, cpu, ladder = _by_hand(src, work / "hand", info)
                hand_w.append(wall)
                hand_c.append(cpu)
                one_w.append(ladder)

            def passes() -> None:
                wall, cpu, rungs_only = _per_rung(src, work / "passes", info)
                rung_w.append(wall)
                rung_c.append(cpu)
                rung_only_w.append(rungs_only)

            steps: list[tuple[str, Callable[[], None]]] = [
                ("ours", ours),
                ("by hand", hand),
                ("per rung", passes),
            ]
            shift = (round_no - 1) % len(steps)
            for name, step in steps[shift:] + steps[:shift]:
                print(f"round {round_no}: {name} ...", flush=True)
                step()
            print(
                f"round {round_no}: ours {ours_w[-1]:.1f}s (cpu {ours_c[-1]:.1f}s), "
                f"by hand {hand_w[-1]:.1f}s (cpu {hand_c[-1]:.1f}s), one-decode ladder "
                f"{one_w[-1]:.1f}s, per rung {rung_w[-1]:.1f}s (rungs only {rung_only_w[-1]:.1f}s,"
                f" cpu {rung_c[-1]:.1f}s)",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    overheads = [o / h - 1 for o, h in zip(ours_w, hand_w, strict=True)]
    cpu_overheads = [o / h - 1 for o, h in zip(ours_c, hand_c, strict=True)]
    ladder = [o / p for o, p in zip(one_w, rung_w, strict=True)]
    ladder_rungs_only = [o / p for o, p in zip(one_w, rung_only_w, strict=True)]
    overhead = statistics.median(overheads)
    ratio = statistics.median(ladder)
    passed = overhead < OVERHEAD_TARGET and ratio <= LADDER_TARGET
    print(
        f"(a) overhead per round {', '.join(f'{x:+.1%}' for x in overheads)}; "
        f"cpu {', '.join(f'{x:+.1%}' for x in cpu_overheads)}"
    )
    print(
        f"(b) one-decode/per-rung per round {', '.join(f'{x:.2f}' for x in ladder)}; "
        f"against the rung passes alone {', '.join(f'{x:.2f}' for x in ladder_rungs_only)}"
    )
    print(
        f"transcode: overhead={overhead:+.1%} (ours {statistics.median(ours_w):.1f}s vs by hand "
        f"{statistics.median(hand_w):.1f}s) one-decode/per-rung={ratio:.2f} "
        f"(rungs only {statistics.median(ladder_rungs_only):.2f}) median of {ROUNDS} rounds "
        f"(target overhead <{OVERHEAD_TARGET:.0%}, ratio <={LADDER_TARGET}) "
        f"{'PASS' if passed else 'FAIL'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
