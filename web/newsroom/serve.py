"""Serve the built newsroom app (web/newsroom/dist) as static files.

Standard library only, so the same file runs under `make dev`, in the browser tests and
in the app's container image without the workspace's packages. It adds what a plain file
server lacks for a single-page app:

* ``/config.json`` from the environment (gateway, Keycloak and portal URLs), so one build
  serves every deployment;
* history-API routes (``/t/halong/queue``) answered with ``index.html``;
* gzip for text assets (compressed once, kept in memory: the files never change while the
  process runs), ``immutable`` caching for Vite's hashed ``/assets``, ``no-cache`` for the
  rest;
* a Content-Security-Policy that allows only the app itself, the gateway, Keycloak, the
  object store the media uploads are PUT to (presigned URLs) and the portal;
* ``/healthz`` (the process answers), ``/readyz`` (the built app is there) and
  ``/metrics`` (requests by status, Prometheus text format) for the chart's probes and
  ServiceMonitor.

Settings come from the variables the Helm chart writes for the ``newsroom`` component
(``NEWSROOM_APP_HTTP__PORT``, ``NEWSROOM_APP_GATEWAY_URL``, ``NEWSROOM_APP_OIDC__*``, ...)
or from the command line:

    python web/newsroom/serve.py --port 8081 --api http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
MIN_GZIP_BYTES = 1024


@dataclass(frozen=True)
class AppConfig:
    api_base: str = ""
    keycloak_url: str = "http://127.0.0.1:58080"
    realm: str = "newsroom"
    client_id: str = "newsroom-web"
    portal_url: str = ""
    renew_before_s: int = 60
    # Where presigned upload URLs point (the object store's public URL); space-separated.
    storage_urls: str = ""

    def as_json(self) -> bytes:
        return json.dumps(
            {
                "apiBase": self.api_base.rstrip("/"),
                "keycloakUrl": self.keycloak_url.rstrip("/"),
                "realm": self.realm,
                "clientId": self.client_id,
                "portalUrl": self.portal_url.rstrip("/"),
                "renewBeforeSeconds": self.renew_before_s,
            }
        ).encode()

    def content_security_policy(self) -> str:
        def origin(url: str) -> str:
            parts = urlsplit(url)
            return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""

        api, keycloak, portal = (
            origin(self.api_base),
            origin(self.keycloak_url),
            origin(self.portal_url),
        )
        storage = [origin(url) for url in self.storage_urls.split()]
        connect = " ".join(filter(None, ["'self'", api, keycloak, *storage]))
        frames = " ".join(filter(None, ["'self'", keycloak, portal]))
        return (
            "default-src 'self'; "
            f"connect-src {connect}; "
            f"frame-src {frames}; "
            "img-src 'self' data: blob: http: https:; "
            "media-src 'self' blob: http: https:; "
            # ProseMirror and React set inline style attributes (tables, selection).
            "style-src 'self' 'unsafe-inline'; "
            # The media library hashes uploads with WebAssembly (hash-wasm) in a worker.
            "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'; "
            "frame-ancestors 'self'"
        )


@dataclass
class StaticSite:
    root: Path
    config: AppConfig
    _gzipped: dict[Path, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _responses: Counter[int] = field(default_factory=Counter)

    def count(self, status: int) -> None:
        with self._lock:
            self._responses[status] += 1

    def metrics(self) -> bytes:
        with self._lock:
            counts = sorted(self._responses.items())
        lines = [
            "# HELP newsroom_app_http_responses_total Responses of the app server by status.",
            "# TYPE newsroom_app_http_responses_total counter",
            *(f'newsroom_app_http_responses_total{{status="{code}"}} {n}' for code, n in counts),
        ]
        return ("\n".join(lines) + "\n").encode()

    def ready(self) -> bool:
        return (self.root / "index.html").is_file()

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path inside root, or None (never outside root)."""
        relative = unquote(url_path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return None
        return candidate if candidate.is_file() else None

    def gzipped(self, path: Path) -> bytes:
        with self._lock:
            body = self._gzipped.get(path)
            if body is None:
                body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
                self._gzipped[path] = body
            return body


def content_type(path: Path) -> str:
    if path.suffix == ".js":
        return "application/javascript; charset=utf-8"
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def make_handler(site: StaticSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "newsroom-app"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            if os.environ.get("NEWSROOM_APP_ACCESS_LOG") == "1":
                sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
            self._serve(head=True)

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            self._serve(head=False)

        def _send(
            self, status: int, body: bytes, ctype: str, *, cache: str, head: bool, gz: bool = False
        ) -> None:
            site.count(status)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
            self.send_header("Content-Security-Policy", site.config.content_security_policy())
            if gz:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _serve(self, *, head: bool) -> None:
            path = urlsplit(self.path).path
            if path == "/healthz":
                self._send(200, b"ok\n", "text/plain", cache="no-store", head=head)
                return
            if path == "/readyz":
                ready = site.ready()
                body = b"ready\n" if ready else b"index.html missing\n"
                self._send(200 if ready else 503, body, "text/plain", cache="no-store", head=head)
                return
            if path == "/metrics":
                body = site.metrics()
                ctype = "text/plain; version=0.0.4; charset=utf-8"
                self._send(200, body, ctype, cache="no-store", head=head)
                return
            if path == "/config.json":
                body = site.config.as_json()
                self._send(200, body, "application/json", cache="no-store", head=head)
                return
            file = site.resolve(path)
            if file is None:
                if path.startswith("/assets/") or Path(path).suffix:
                    self._send(404, b"not found\n", "text/plain", cache="no-store", head=head)
                    return
                file = site.root / "index.html"  # an app route: the app decides
            ctype = content_type(file)
            immutable = path.startswith("/assets/")
            cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
            accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if (
                accepts_gzip
                and ctype.startswith(COMPRESSIBLE)
                and file.stat().st_size >= MIN_GZIP_BYTES
            ):
                self._send(200, site.gzipped(file), ctype, cache=cache, head=head, gz=True)
            else:
                self._send(200, file.read_bytes(), ctype, cache=cache, head=head)

    return Handler


def build_server(host: str, port: int, site: StaticSite) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), make_handler(site))
    server.daemon_threads = True
    return server


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default=env("NEWSROOM_APP_HTTP__HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env("NEWSROOM_APP_HTTP__PORT", "8081")))
    parser.add_argument("--root", type=Path, default=Path(env("NEWSROOM_APP_ROOT", HERE / "dist")))
    parser.add_argument("--api", default=env("NEWSROOM_APP_GATEWAY_URL", ""))
    # The browser talks to Keycloak: its public URL when the chart has one.
    keycloak = env("NEWSROOM_APP_OIDC__PUBLIC_URL") or env("NEWSROOM_APP_OIDC__URL")
    parser.add_argument("--keycloak", default=keycloak or AppConfig.keycloak_url)
    parser.add_argument("--realm", default=env("NEWSROOM_APP_OIDC__REALM", AppConfig.realm))
    parser.add_argument(
        "--client-id", default=env("NEWSROOM_APP_OIDC__CLIENT_ID", AppConfig.client_id)
    )
    parser.add_argument("--portal", default=env("NEWSROOM_APP_PORTAL_URL", ""))
    parser.add_argument(
        "--renew-before", type=int, default=int(env("NEWSROOM_APP_RENEW_BEFORE_S", "60"))
    )
    parser.add_argument(
        "--storage",
        default=env("NEWSROOM_APP_STORAGE_URL", ""),
        help="object store URL(s) media uploads are PUT to (CSP connect-src), space-separated",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = args.root.resolve()
    if not (root / "index.html").is_file():
        print(f"serve.py: {root}/index.html missing: run `make web-build`", file=sys.stderr)
        return 2
    config = AppConfig(
        api_base=args.api,
        keycloak_url=args.keycloak,
        realm=args.realm,
        client_id=args.client_id,
        portal_url=args.portal,
        renew_before_s=args.renew_before,
        storage_urls=args.storage,
    )
    server = build_server(args.host, args.port, StaticSite(root, config))
    api = args.api or "same origin"
    print(f"newsroom app on http://{args.host}:{server.server_port} (api {api})")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
