#!/usr/bin/env bash
# npm packages of the public portal, pinned by web/portal/package-lock.json:
#   hls.js     served by the portal itself (never from a CDN)
#   axe-core   accessibility checks of the browser tests (make test-web)
#   lighthouse bench/lighthouse.py, run with the machine's Chromium
# Installed into web/portal/node_modules (git-ignored) with `npm ci`, only when the lockfile
# changed since the last install (a stamp holds its hash). npm's own cache (~/.npm) makes a
# fresh clone's install an offline copy. Prints the node_modules path.
#   tools/web-deps.sh            everything (tests and benches)
#   tools/web-deps.sh --runtime  only what the portal serves (images: --omit=dev)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/web/portal"
MODULES="$DIR/node_modules"
omit=()
kind="all"
if [[ "${1:-}" == "--runtime" ]]; then
  omit=(--omit=dev)
  kind="runtime"
fi
command -v npm >/dev/null || { echo "web-deps.sh: npm is needed (Node 20): apt-get install nodejs npm" >&2; exit 1; }
want="$(sha256sum "$DIR/package-lock.json" | cut -d' ' -f1)-$kind"
stamp="$MODULES/.newsroom-lock.sha256"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$MODULES"
  exit 0
fi
echo "installing the portal's npm packages ($kind) into $MODULES" >&2
npm ci --prefix "$DIR" --no-audit --no-fund --loglevel=error "${omit[@]}" >&2
printf '%s\n' "$want" >"$stamp"
echo "$MODULES"
