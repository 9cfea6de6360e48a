"""`newsroom media import FILE...` against the real media-asset service and its worker,
MinIO and libvips: files go up through presigned parts with a progress line per 10%, the
worker's processing is followed to READY, the images become a gallery in the order given,
and a refused file is reported with its reason without stopping the others."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_cli.__main__ import main
from newsroom_cli.media import MediaClient
from newsroom_cli.settings import CliSettings
from newsroom_media.testing import make_photo

pytestmark = [pytest.mark.postgres, pytest.mark.kafka, pytest.mark.s3]

TENANT = "halong"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 9


def test_import_uploads_waits_and_makes_a_gallery(
    cli_env: CliSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = make_photo(tmp_path / "luu-tru-1998-01.jpg", width=1600, height=1067)
    second = make_photo(tmp_path / "luu-tru-1998-02.jpg", width=900, height=1200)
    fake = tmp_path / "khong-phai-anh.jpg"
    fake.write_bytes(ELF + b"\x00" * 4096)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    title = f"Lưu trữ bản tin 1998 {tmp_path.name[-6:]}"

    code = main(
        [
            "media",
            "import",
            str(first),
            str(fake),
            str(second),
            "--tenant",
            TENANT,
            "--credit",
            "Ảnh: Lưu trữ bản tin",
            "--alt",
            "Ảnh lưu trữ của bản tin nội bộ",
            "--gallery",
            title,
        ]
    )
    output = capsys.readouterr()
    text = output.out + output.err

    assert code != 0, "a refused file makes the run fail (after importing the others)"
    # progress: the parts' bytes (hashed alongside), then the worker's percent, each to 100%
    for label in (r"tải lên \(1 phần\)", r"xử lý \(processing\)"):
        assert re.search(rf"^  {label}: 100%$", text, re.M), (label, text)
    made = re.findall(r"^✓ \[(\d)/3\] (\S+): ([0-9a-f-]{36}) \(ready\)", text, re.M)
    assert [(n, name) for n, name, _ in made] == [("1", first.name), ("3", second.name)], text
    assert re.search(rf"^✗ \[2/3\] {fake.name}: .*EXECUTABLE_REFUSED", text, re.M), text
    gallery_line = re.search(
        rf"^✓ bộ ảnh \(gallery\) «{title}».*: ([0-9a-f-]{{36}}): 2 ảnh", text, re.M
    )
    assert gallery_line, text

    ids = [asset_id for _, _, asset_id in made]
    with MediaClient(cli_env) as media:
        for asset_id in ids:
            asset = media.call(
                "GetAsset", pb.GetAssetRequest(tenant=TENANT, asset_id=asset_id)
            ).asset
            assert asset.version.status == asset_pb2.ASSET_STATUS_READY
            assert asset.version.progress_percent == 100
            assert asset.metadata.credit == "Ảnh: Lưu trữ bản tin"
            assert asset.metadata.alt_text.vi == "Ảnh lưu trữ của bản tin nội bộ"
            assert asset.metadata.title.vi == Path(asset.version.filename).stem
        gallery = media.call(
            "GetAsset", pb.GetAssetRequest(tenant=TENANT, asset_id=gallery_line.group(1))
        ).asset
        assert gallery.kind == asset_pb2.ASSET_KIND_GALLERY
        assert [item.asset_id for item in gallery.version.items] == ids, "in the order given"


def test_a_missing_file_is_refused_before_anything_is_uploaded(
    cli_env: CliSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = make_photo(tmp_path / "co-that.jpg", width=320, height=240)
    code = main(["media", "import", str(photo), str(tmp_path / "khong-co.jpg"), "--tenant", TENANT])
    text = capsys.readouterr()
    assert code == 1
    assert "không có (not found)" in text.out + text.err and "khong-co.jpg" in text.out
    with MediaClient(cli_env) as media:
        page = media.call("ListAssets", pb.ListAssetsRequest(tenant=TENANT, page_size=200))
    assert photo.name not in {a.version.filename for a in page.assets}
