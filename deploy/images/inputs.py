"""The content hash of what one image is built from, so an unchanged image is not rebuilt.

    python3 deploy/images/inputs.py PACKAGE BASE_IMAGE [EXTRA...]

An image holds its uv package and that package's locked dependencies (``uv sync
--package``), so its inputs are: the build recipe (Containerfile, prune_rootfs.py,
.dockerignore), the workspace's pyproject.toml and uv.lock, the base image, the source
folders of the workspace members the package depends on (read from uv.lock, transitively;
tests, caches and node_modules left out as .dockerignore does), the npm file the portal
carries, and any EXTRA text (the image's line in images.txt). Editing the portal does not
rebuild the content service's image. The newsroom app's image (APP_IMAGES) hashes its
Containerfile.app, serve.py, its package-lock.json and the built files of web/newsroom/dist.
Prints 16 hex digits. Stdlib only: runs before any project venv exists.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE = (
    "deploy/images/Containerfile",
    "deploy/images/prune_rootfs.py",
    ".dockerignore",
    "pyproject.toml",
    "uv.lock",
)
SKIPPED_PARTS = {"tests", "__pycache__", "node_modules", ".mypy_cache", ".pytest_cache"}
# npm files an image carries, by package (the Containerfile copies them)
NPM_FILES = {
    "newsroom-portal": (
        "web/portal/node_modules/hls.js/dist/hls.light.min.js",
        "web/portal/node_modules/hls.js/package.json",
    )
}

# Images that are no uv package: recipe, source files, then the build output they carry.
APP_IMAGES = {
    "newsroom-app": (
        "deploy/images/Containerfile.app",
        "web/newsroom/serve.py",
        "web/newsroom/package-lock.json",
        "web/newsroom/dist",
    )
}


def workspace_members(package: str) -> list[str]:
    """Folders of PACKAGE and of every workspace member it depends on, transitively."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    by_name = {p["name"]: p for p in lock["package"]}
    folders, seen, todo = [], set(), [package]
    while todo:
        name = todo.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        entry = by_name[name]
        source = entry.get("source", {})
        folder = source.get("editable") or source.get("directory") or source.get("virtual")
        if folder and folder != ".":
            folders.append(folder)
            todo += [d["name"] for d in entry.get("dependencies", [])]
    if package not in seen:
        raise SystemExit(f"inputs.py: {package} is not a package of uv.lock")
    return sorted(folders)


def source_files(folder: str) -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "--", folder],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [
        path
        for path in listed
        if not SKIPPED_PARTS & set(Path(path).parts)
        and not path.endswith(".pyc")
        and (ROOT / path).is_file()
    ]


def built_files(folder: str) -> list[str]:
    """Every file under FOLDER (a build output, git-ignored)."""
    return [str(path.relative_to(ROOT)) for path in (ROOT / folder).rglob("*") if path.is_file()]


def content_hash(package: str, base_image: str, extra: list[str]) -> str:
    digest = hashlib.sha256()
    for text in (package, base_image, *extra):
        digest.update(text.encode() + b"\0")
    if package in APP_IMAGES:
        recipe, *sources, output = APP_IMAGES[package]
        files = [recipe, "deploy/images/prune_rootfs.py", ".dockerignore", *sources]
        files += built_files(output)
    else:
        files = list(RECIPE)
        for folder in workspace_members(package):
            files += source_files(folder)
        files += NPM_FILES.get(package, ())
    for path in sorted(set(files)):
        digest.update(path.encode() + b"\0")
        target = ROOT / path
        digest.update(target.read_bytes() if target.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    package, base_image, *extra = argv
    print(content_hash(package, base_image, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
