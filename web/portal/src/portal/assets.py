"""Static assets: read once, fingerprinted, pre-compressed, cached for a year.

``/static/portal.<hash>.css`` changes name whenever its content does, so browsers and
CDNs may keep it forever (``immutable``). hls.js is the npm package installed by
``tools/web-deps.sh`` (``web/portal/node_modules``, pinned by the committed lockfile);
the portal serves it itself, never from a CDN.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
HLS_JS = "hls.js/dist/hls.light.min.js"
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True, slots=True)
class Asset:
    name: str
    url: str
    body: bytes
    gzipped: bytes
    media_type: str
    etag: str


def _asset(logical: str, body: bytes) -> Asset:
    digest = hashlib.sha256(body).hexdigest()
    stem, dot, ext = logical.rpartition(".")
    media_type = mimetypes.guess_type(logical)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type.endswith("javascript"):
        media_type += "; charset=utf-8"
    return Asset(
        name=logical,
        url=f"/static/{stem}.{digest[:10]}{dot}{ext}",
        body=body,
        gzipped=gzip.compress(body, compresslevel=9, mtime=0),
        media_type=media_type,
        etag=f'"{digest[:32]}"',
    )


class Assets:
    def __init__(self, hls_js: Path | None = None) -> None:
        self._by_url: dict[str, Asset] = {}
        self._by_name: dict[str, Asset] = {}
        for path in sorted(STATIC_DIR.iterdir()):
            if path.is_file():
                self._add(_asset(path.name, path.read_bytes()))
        vendor = hls_js or Path(os.environ.get("PORTAL_HLS_JS", NODE_MODULES / HLS_JS))
        if vendor.is_file():
            self._add(_asset("hls.light.min.js", vendor.read_bytes()))
        else:
            log.warning(
                "hls.js not found: browsers without native HLS cannot play video "
                "(run tools/web-deps.sh)",
                extra={"path": str(vendor)},
            )

    def _add(self, asset: Asset) -> None:
        self._by_url[asset.url] = asset
        self._by_name[asset.name] = asset

    def url(self, name: str) -> str:
        asset = self._by_name.get(name)
        return asset.url if asset else ""

    def by_url(self, url: str) -> Asset | None:
        return self._by_url.get(url)
