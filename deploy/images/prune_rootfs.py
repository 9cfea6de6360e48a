"""Strip a Debian-family root filesystem down to what a Python service runs on.

Runs inside the ``runtime-root`` stage of deploy/images/Containerfile, on either base
(our mmdebstrap one or python:3.11-slim), with nothing but the base's own Python: it
removes the package managers (dpkg, apt, pip), their keyrings and caches, perl (only
maintainer scripts use it), the command-line tools of Debian's essential set (a service
runs Python, never a shell script; dash stays for `kubectl exec`), and stdlib parts no
service imports; keeps the dpkg status
file, trimmed to the packages that are still there, so image scanners and the SBOM still
see the OS packages; and adds the unprivileged user the image runs as.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path("/")
DPKG = ROOT / "var/lib/dpkg"
# Whole packages that go: their every file, then their status entry.
REMOVED_PACKAGES = {
    "apt",
    "apt-utils",
    "libapt-pkg6.0",
    "gpgv",
    "debian-archive-keyring",
    "dpkg",
    "perl-base",
    "perl",
    "perl-modules-5.36",
    "libperl5.36",
    "debconf",
    "python3-pip-whl",
    "python3-setuptools-whl",
    "python3-pip",
    "python3-setuptools",
    "python3-wheel",
    "python3.11-venv",
    "python3-venv",
    # the build stage's strip; nothing compiles or links at run time
    "binutils",
    "binutils-common",
    "binutils-x86-64-linux-gnu",
    "libbinutils",
    "libctf0",
    "libctf-nobfd0",
    "libgprofng0",
    "libjansson4",
    "libsframe0",
    # programs a Python service never runs (distroless-style); dash stays as /bin/sh
    "bash",
    "coreutils",
    "util-linux",
    "util-linux-extra",
    "tar",
    "login",
    "passwd",
    "findutils",
    "diffutils",
    "grep",
    "sed",
    "gzip",
    "hostname",
    "ncurses-bin",
    "mount",
    "bsdutils",
    "sysvinit-utils",
    "init-system-helpers",
    "debianutils",
}
# Paths that are no package's (python:slim's own Python) or that no service needs.
REMOVED_PATHS = [
    "usr/local/bin/pip",
    "usr/local/bin/pip3",
    "usr/local/bin/pip3.11",
    "usr/local/bin/idle3",
    "usr/local/bin/idle3.11",
    "usr/local/bin/pydoc3",
    "usr/local/bin/pydoc3.11",
    "usr/local/lib/python3.11/site-packages/pip",
    "usr/local/lib/python3.11/site-packages/setuptools",
    "usr/local/lib/python3.11/site-packages/wheel",
    "usr/local/lib/python3.11/site-packages/_distutils_hack",
    "var/cache/apt",
    "var/lib/apt",
    "etc/apt",
    "var/cache/debconf",
    "var/log",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
    "usr/share/lintian",
    "usr/share/python-wheels",
    "usr/lib/x86_64-linux-gnu/perl-base",
    "usr/share/perl5",
    "usr/lib/x86_64-linux-gnu/gconv",  # iconv modules: Python has its own codecs
]
# The media base (ffmpeg): packages its libraries pull in that it never links: GPU drivers
# loaded on demand for hardware the pods do not have, the compiler and solver those drivers
# link (LLVM, Z3), and desktop data. Each goes only when none of its files is a library
# ffmpeg or ffprobe links (the dynamic loader's own list, checked here), and ffmpeg must
# still start afterwards.
MEDIA_UNUSED_PACKAGES = {
    "libgl1-mesa-dri",
    "mesa-va-drivers",
    "mesa-vdpau-drivers",
    "mesa-vulkan-drivers",
    "va-driver-all",
    "vdpau-driver-all",
    "intel-media-va-driver",
    "i965-va-driver",
    "libigdgmm12",
    "libmfx1",
    "libllvm15",
    "libz3-4",
    "libdrm-amdgpu1",
    "libdrm-nouveau2",
    "libdrm-radeon1",
    "libdrm-intel1",
    "libsensors5",
    "libsensors-config",
    "libedit2",
    "libelf1",
    "libpciaccess0",
    "xkb-data",
    "shared-mime-info",
    "fonts-dejavu-core",
    "libgdk-pixbuf2.0-common",
    "libgdk-pixbuf-2.0-0",
    "libglib2.0-data",
}
MEDIA_BINARIES = ("usr/bin/ffmpeg", "usr/bin/ffprobe")
LOADER = ROOT / "lib64/ld-linux-x86-64.so.2"
STDLIB_UNUSED = ["ensurepip", "idlelib", "tkinter", "turtledemo", "lib2to3", "pydoc_data", "test"]
SERVICE_USER = "newsroom:x:10001:10001:newsroom:/tmp:/usr/sbin/nologin\n"
SERVICE_GROUP = "newsroom:x:10001:\n"


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def package_files(name: str) -> list[Path]:
    for candidate in (DPKG / "info" / f"{name}.list", DPKG / "info" / f"{name}:amd64.list"):
        if candidate.exists():
            return [ROOT / line.lstrip("/") for line in candidate.read_text().splitlines() if line]
    return []


def remove_packages(names: set[str]) -> set[str]:
    gone = set()
    for name in sorted(names):
        files = package_files(name)
        if not files:
            continue
        # files before folders; a folder goes only when it ended up empty
        for path in sorted(files, key=lambda p: len(p.parts), reverse=True):
            if path.is_symlink() and path.is_dir():
                continue  # /bin, /lib, /sbin: merged-/usr links every package lists
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path.exists() or path.is_symlink():
                path.unlink()
        for info in (DPKG / "info").glob(f"{name}[.:]*"):
            info.unlink()
        gone.add(name)
    return gone


def linked_libraries(binary: Path) -> set[Path]:
    """Every library BINARY loads at start (transitively), as real paths."""
    listed = subprocess.run(
        [str(LOADER), "--list", str(binary)], capture_output=True, text=True, check=True
    ).stdout
    paths = set()
    for line in listed.splitlines():
        if "=> not found" in line:
            raise SystemExit(f"prune_rootfs: {binary} links a missing library: {line.strip()}")
        if "=>" in line:
            paths.add(Path(line.split("=>", 1)[1].split("(")[0].strip()).resolve())
    return paths


def remove_unlinked_media_packages() -> set[str]:
    """MEDIA_UNUSED_PACKAGES that no ffmpeg binary links; nothing without ffmpeg."""
    binaries = [ROOT / b for b in MEDIA_BINARIES if (ROOT / b).exists()]
    if not binaries:
        return set()
    needed = set().union(*(linked_libraries(b) for b in binaries))
    unlinked = set()
    for name in sorted(MEDIA_UNUSED_PACKAGES):
        files = package_files(name)
        if files and not any(f.exists() and f.resolve() in needed for f in files):
            unlinked.add(name)
        elif files:
            print(f"pruned: keeping {name} (ffmpeg links it)")
    gone = remove_packages(unlinked)
    for binary in binaries:
        subprocess.run([str(binary), "-hide_banner", "-version"], check=True, capture_output=True)
    return gone


def trim_status(gone: set[str]) -> None:
    status = DPKG / "status"
    if not status.exists():
        return
    kept = []
    for stanza in status.read_text().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line)
        if stanza.strip() and fields.get("Package") not in gone:
            kept.append(stanza.strip())
    status.write_text("\n\n".join(kept) + "\n")
    for leftover in ("status-old", "available", "lock", "lock-frontend", "triggers", "updates"):
        remove(DPKG / leftover)


def main() -> None:
    gone = remove_unlinked_media_packages()  # first: it runs the loader and ffmpeg
    gone |= remove_packages(REMOVED_PACKAGES)
    for rel in REMOVED_PATHS:
        remove(ROOT / rel)
    stdlib = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    for name in STDLIB_UNUSED:
        remove(stdlib / name)
    trim_status(gone)
    for file, line in ((ROOT / "etc/passwd", SERVICE_USER), (ROOT / "etc/group", SERVICE_GROUP)):
        existing = file.read_text() if file.exists() else ""
        if not any(entry.startswith("newsroom:") for entry in existing.splitlines()):
            file.write_text(existing + line)
    Path(__file__).unlink()
    print(f"pruned: {', '.join(sorted(gone)) or 'no packages'}")


if __name__ == "__main__":
    main()
