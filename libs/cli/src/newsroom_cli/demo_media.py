"""The demo's media: a photo gallery, a short video and an audio bulletin, generated with
ffmpeg (test patterns and tones, nothing downloaded), uploaded like any file and
transcoded by the worker when ``newsroom dev`` starts. Stories name them by key
(``demo:...``); the seed swaps the key for the asset id.

Idempotent: an asset whose file name (or a gallery whose title) is already in the tenant
is reused, so a second ``newsroom dev`` uploads nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import grpc

from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_cli.clients import describe
from newsroom_cli.media import REFUSED, MediaClient, ProgressBar
from newsroom_cli.output import Outcome, Reporter
from newsroom_cli.settings import CliSettings
from newsroom_core.identity import Identity

KEY_PREFIX = "demo:"


@dataclass(frozen=True)
class DemoFile:
    key: str
    tenant: str
    filename: str
    # ffmpeg input and output arguments that make the file
    ffmpeg: tuple[str, ...]
    title: str
    title_en: str = ""
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass(frozen=True)
class DemoGallery:
    key: str
    tenant: str
    title: str
    title_en: str
    images: tuple[tuple[str, str], ...]  # (image key, caption in the gallery)
    credit: str = ""


def _photo(source: str) -> tuple[str, ...]:
    return ("-f", "lavfi", "-i", source, "-frames:v", "1", "-q:v", "3")


FILES: tuple[DemoFile, ...] = (
    DemoFile(
        key="demo:ngay-hoi-1",
        tenant="halong",
        filename="demo-ngay-hoi-1.jpg",
        ffmpeg=_photo("testsrc2=size=1920x1280:rate=1"),
        title="Khai mạc ngày hội",
        title_en="Opening of the festival",
        caption="Lễ khai mạc ngày hội thợ mỏ",
        credit="Ảnh: Lê Thị Cúc",
        alt="Sân khấu khai mạc với băng rôn ngày hội thợ mỏ",
    ),
    DemoFile(
        key="demo:ngay-hoi-2",
        tenant="halong",
        filename="demo-ngay-hoi-2.jpg",
        ffmpeg=_photo("mandelbrot=size=1920x1280:rate=1"),
        title="Thi kéo co",
        title_en="Tug of war",
        caption="Đội kéo co phân xưởng Khai thác 3",
        credit="Ảnh: Lê Thị Cúc",
        alt="Hai đội công nhân thi kéo co trên sân",
    ),
    DemoFile(
        key="demo:ngay-hoi-3",
        tenant="halong",
        filename="demo-ngay-hoi-3.jpg",
        ffmpeg=_photo("gradients=size=1600x1200:rate=1:speed=0.1"),
        title="Văn nghệ",
        title_en="Performances",
        caption="Tiết mục văn nghệ của đoàn thanh niên",
        credit="Ảnh: Lê Thị Cúc",
        alt="Đoàn thanh niên biểu diễn văn nghệ buổi tối",
    ),
    DemoFile(
        key="demo:video-bang-tai",
        tenant="halong",
        filename="demo-video-bang-tai.mp4",
        ffmpeg=(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=25:duration=10",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=10",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "96k",
            "-shortest",
        ),  # fmt: skip
        title="Một ngày cùng tổ bảo dưỡng băng tải",
        title_en="A day with the conveyor maintenance team",
        caption="Ca đêm ở tuyến băng tải chính",
        credit="Tổ truyền hình Than Hạ Long",
    ),
    DemoFile(
        key="demo:ban-tin-tuan",
        tenant="tkv",
        filename="demo-ban-tin-tuan.wav",
        ffmpeg=(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=300:sample_rate=44100:duration=30",
            "-af",
            "volume=-20dB",
            "-ac",
            "1",
        ),  # fmt: skip
        title="Bản tin phát thanh tuần này",
        title_en="This week's radio bulletin",
        caption="Bản tin phát thanh hằng tuần",
        credit="Đài phát thanh nội bộ TKV",
    ),
)

GALLERIES: tuple[DemoGallery, ...] = (
    DemoGallery(
        key="demo:anh-ngay-hoi",
        tenant="halong",
        title="Ngày hội thợ mỏ",
        title_en="Miners' festival",
        images=(
            ("demo:ngay-hoi-1", "Khai mạc"),
            ("demo:ngay-hoi-2", "Kéo co"),
            ("demo:ngay-hoi-3", "Văn nghệ"),
        ),
        credit="Ảnh: Lê Thị Cúc",
    ),
)


def is_demo_key(value: str) -> bool:
    return value.startswith(KEY_PREFIX)


def make_file(file: DemoFile, directory: Path, ffmpeg: str) -> Path:
    path = directory / file.filename
    subprocess.run(
        [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *file.ffmpeg, str(path)],
        check=True,
        timeout=120,
    )
    return path


def _metadata(
    title: str, title_en: str, caption: str, credit: str, alt: str
) -> asset_pb2.AssetMetadata:
    return asset_pb2.AssetMetadata(
        title=asset_pb2.LocalizedText(vi=title, en=title_en),
        caption=asset_pb2.LocalizedText(vi=caption),
        credit=credit,
        alt_text=asset_pb2.LocalizedText(vi=alt),
        licence="© TKV",
    )


def _existing(media: MediaClient, tenant: str) -> tuple[dict[str, str], dict[str, str]]:
    """(file name -> asset id, gallery title -> asset id) of the tenant's live assets."""
    files: dict[str, str] = {}
    galleries: dict[str, str] = {}
    token = ""
    while True:
        page = media.call(
            "ListAssets", pb.ListAssetsRequest(tenant=tenant, page_size=200, page_token=token)
        )
        for asset in page.assets:
            if asset.version.status in REFUSED or asset.version.status == (
                asset_pb2.ASSET_STATUS_ABANDONED
            ):
                continue
            if asset.kind == asset_pb2.ASSET_KIND_GALLERY:
                galleries.setdefault(asset.metadata.title.vi, asset.id)
            else:
                files.setdefault(asset.version.filename, asset.id)
        token = page.next_page_token
        if not token:
            return files, galleries


def ensure_demo_media(
    settings: CliSettings,
    out: Reporter,
    uploaders: dict[str, Identity],
    *,
    files: Sequence[DemoFile] = FILES,
    galleries: Sequence[DemoGallery] = GALLERIES,
    stop: threading.Event | None = None,
) -> dict[str, str]:
    """Demo key -> asset id, every asset READY (or reported); uploaded as the tenant's
    identity in ``uploaders``. Missing keys mean the media could not be made."""
    out.heading("Tệp mẫu (demo media): ảnh, video, bản tin phát thanh")
    found: dict[str, str] = {}
    ffmpeg = settings.ffmpeg or shutil.which("ffmpeg") or "ffmpeg"
    with tempfile.TemporaryDirectory(prefix="newsroom-demo-media-") as scratch:
        for tenant in sorted({f.tenant for f in files} | {g.tenant for g in galleries}):
            with MediaClient(settings, uploaders[tenant]) as media:
                try:
                    have_files, have_galleries = _existing(media, tenant)
                except grpc.RpcError as exc:
                    out.step(Outcome.WARNING, f"{tenant}: media-asset", describe(exc))
                    continue
                pending: list[tuple[str, str]] = []
                for file in (f for f in files if f.tenant == tenant):
                    if stop is not None and stop.is_set():
                        return found
                    label = f"{tenant}: {file.filename}"
                    if file.filename in have_files:
                        found[file.key] = have_files[file.filename]
                        out.step(Outcome.ALREADY_THERE, label)
                        continue
                    try:
                        path = make_file(file, Path(scratch), ffmpeg)
                        asset = media.upload(
                            tenant,
                            path,
                            metadata=_metadata(
                                file.title, file.title_en, file.caption, file.credit, file.alt
                            ),
                        )
                    except (OSError, subprocess.SubprocessError) as exc:
                        out.step(Outcome.FAILED, label, f"ffmpeg: {exc}")
                        continue
                    except grpc.RpcError as exc:
                        out.step(Outcome.FAILED, label, describe(exc))
                        continue
                    found[file.key] = asset.id
                    pending.append((label, asset.id))
                for label, asset_id in pending:
                    bar = ProgressBar(f"{label}: xử lý (processing)", 100, unit="%")
                    asset = media.wait_ready(tenant, asset_id, bar=bar, stop=stop)
                    bar.finish()
                    status = asset.version.status
                    if status == asset_pb2.ASSET_STATUS_READY:
                        out.step(Outcome.CREATED, label, f"sẵn sàng (ready): {asset_id}")
                    else:
                        name = asset_pb2.AssetStatus.Name(status)
                        out.step(
                            Outcome.WARNING,
                            label,
                            f"{name} {asset.version.failure_reason} "
                            f"{asset.version.failure_detail[:200]}",
                        )
                for gallery in (g for g in galleries if g.tenant == tenant):
                    label = f"{tenant}: bộ ảnh (gallery) «{gallery.title}»"
                    if gallery.title in have_galleries:
                        found[gallery.key] = have_galleries[gallery.title]
                        out.step(Outcome.ALREADY_THERE, label)
                        continue
                    items = [
                        asset_pb2.GalleryItem(
                            asset_id=found[key], caption=asset_pb2.LocalizedText(vi=caption)
                        )
                        for key, caption in gallery.images
                        if key in found
                    ]
                    if not items:
                        out.step(Outcome.WARNING, label, "không có ảnh (no images)")
                        continue
                    try:
                        made = media.call(
                            "CreateGallery",
                            pb.CreateGalleryRequest(
                                tenant=tenant,
                                metadata=_metadata(
                                    gallery.title, gallery.title_en, "", gallery.credit, ""
                                ),
                                items=items,
                            ),
                        ).asset
                    except grpc.RpcError as exc:
                        out.step(Outcome.FAILED, label, describe(exc))
                        continue
                    found[gallery.key] = made.id
                    out.step(Outcome.CREATED, label, f"{made.id}: {len(items)} ảnh (images)")
    return found
