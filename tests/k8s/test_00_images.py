"""The images the cluster runs: non-root, tini as PID 1, OCI labels, no package manager
or compiler, and an SBOM that lists every distribution really in the venv."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helm_check import ROOT, cache_dir

NAMES = tuple(
    line.split()[0]
    for line in (ROOT / "deploy/images/images.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
)
FORBIDDEN = (
    "usr/bin/dpkg",
    "usr/bin/apt",
    "usr/bin/apt-get",
    "usr/bin/pip",
    "usr/bin/pip3",
    "usr/local/bin/pip",
    "usr/bin/gcc",
    "usr/bin/cc",
    "usr/bin/ld",
    "usr/bin/perl",
    "usr/bin/bash",
    "opt/newsroom/bin/pip",
)


def buildah(*args: str) -> str:
    store = cache_dir() / "containers"
    cmd = [
        "buildah",
        "--root",
        str(store / "storage"),
        "--runroot",
        str(store / "run"),
        "--storage-driver",
        "overlay",
        *args,
    ]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(params=NAMES)
def image(
    request: pytest.FixtureRequest, built_images: dict[str, str]
) -> Iterator[tuple[str, Path, dict]]:
    name = built_images[request.param]
    container = buildah("from", "--quiet", "--pull-never", name)
    try:
        config = json.loads(buildah("inspect", "--type", "image", name))["OCIv1"]["config"]
        yield request.param, Path(buildah("mount", container)), config
    finally:
        buildah("umount", container)
        buildah("rm", container)


def test_the_image_is_hardened_and_labelled(image: tuple[str, Path, dict]) -> None:
    name, rootfs, config = image
    assert config["User"] == "10001:10001"
    assert config["Entrypoint"] == ["/usr/local/bin/tini", "--"]
    assert (rootfs / "usr/local/bin/tini").exists()
    labels = config["Labels"]
    for key in ("title", "version", "revision", "created", "source", "description"):
        assert labels[f"org.opencontainers.image.{key}"], key
    assert labels["org.opencontainers.image.title"] == name
    present = [p for p in FORBIDDEN if (rootfs / p).exists() or (rootfs / p).is_symlink()]
    assert present == []
    assert not list((rootfs / "opt/newsroom/lib/python3.11/site-packages").glob("pip"))
    assert "newsroom:x:10001:10001" in (rootfs / "etc/passwd").read_text()


def test_the_sbom_lists_what_is_in_the_image(image: tuple[str, Path, dict]) -> None:
    name, rootfs, _ = image
    sbom = json.loads((ROOT / f".local/images/sbom/{name}.cdx.json").read_text())
    assert sbom["bomFormat"] == "CycloneDX" and sbom["specVersion"] == "1.5"
    listed = {c["name"].lower().replace("_", "-") for c in sbom["components"]}
    site = rootfs / "opt/newsroom/lib/python3.11/site-packages"
    in_venv = {p.name.split("-")[0].lower().replace("_", "-") for p in site.glob("*.dist-info")}
    if name == "newsroom-app":
        # no venv (serve.py is stdlib only); the bundle's npm packages are listed
        assert not site.exists() and (rootfs / "opt/newsroom-app/dist/index.html").is_file()
        npm = {c["name"] for c in sbom["components"] if c["purl"].startswith("pkg:npm/")}
        assert {"react", "@tiptap/core"} <= npm, sorted(npm)[:20]
    else:
        assert in_venv and in_venv <= listed
    status = (rootfs / "var/lib/dpkg/status").read_text()
    assert "Package: python3.11-minimal" in status and "python3.11-minimal" in listed
    assert "Package: dpkg\n" not in status and "dpkg" not in listed


def test_the_portal_image_carries_hls_js_tzdata_and_only_two_languages(
    built_images: dict[str, str],
) -> None:
    name = built_images["newsroom-portal"]
    container = buildah("from", "--quiet", "--pull-never", name)
    try:
        rootfs = Path(buildah("mount", container))
        player = rootfs / "opt/newsroom/share/portal/hls.light.min.js"
        assert player.stat().st_size > 100_000
        env = json.loads(buildah("inspect", "--type", "image", name))["OCIv1"]["config"]["Env"]
        assert f"PORTAL_HLS_JS=/{player.relative_to(rootfs)}" in env
        cldr = rootfs / "opt/newsroom/lib/python3.11/site-packages/babel/locale-data"
        assert {p.stem for p in cldr.glob("*.dat")} == {"root", "vi", "vi_VN", "en", "en_US"}
        # the base has no /usr/share/zoneinfo: the tzdata wheel is where zoneinfo finds
        # the zone pages are dated in (the portal does not start without it)
        zone = cldr.parent.parent / "tzdata/zoneinfo/Asia/Ho_Chi_Minh"
        assert zone.read_bytes().startswith(b"TZif")
    finally:
        buildah("umount", container)
        buildah("rm", container)
    sbom = json.loads((ROOT / ".local/images/sbom/newsroom-portal.cdx.json").read_text())
    assert any(c.get("purl", "").startswith("pkg:npm/hls.js@") for c in sbom["components"])


def test_the_media_image_runs_ffmpeg_and_libvips(built_images: dict[str, str]) -> None:
    """What the workers call, present and loadable in the pruned image: ffmpeg with the
    encoders and filters the ladders use, and libvips through pyvips (the wheel's
    library; the build strips nothing it patched)."""
    name = built_images["newsroom-media-asset"]
    container = buildah("from", "--quiet", "--pull-never", name)
    try:

        def run(*cmd: str) -> str:
            return buildah(
                "run", "--isolation", "chroot", "--user", "10001:10001", container, "--", *cmd
            )

        encoders = run("/usr/bin/ffmpeg", "-hide_banner", "-encoders")
        assert all(e in encoders for e in ("libx264", " aac ", "libmp3lame")), encoders
        assert "loudnorm" in run("/usr/bin/ffmpeg", "-hide_banner", "-filters")
        version = run("/opt/newsroom/bin/python", "-c", "import pyvips; print(pyvips.version(0))")
        assert version.strip() == "8", version
    finally:
        buildah("rm", container)
