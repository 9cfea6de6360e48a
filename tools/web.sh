#!/usr/bin/env bash
# The newsroom app (web/newsroom): node deps, the API types, type checks and the build.
#
#   tools/web.sh deps        npm ci from the lockfile (packages cached outside the clone)
#   tools/web.sh api         regenerate src/lib/api-schema.d.ts from the gateway's OpenAPI
#   tools/web.sh api-check   fail when the committed api-schema.d.ts is stale
#   tools/web.sh typecheck   tsc --noEmit (strict)
#   tools/web.sh build       vite build into web/newsroom/dist (skipped when nothing changed)
#   tools/web.sh check       api-check + typecheck (what make lint runs)
#
# node_modules stays inside web/newsroom (git-ignored); npm's download cache is
# $NEWSROOM_CACHE/npm, so a fresh clone installs in seconds and a new machine from the
# registry. The build is stamped with a hash of its inputs; an unchanged tree reuses dist/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/web/newsroom"
CACHE="${NEWSROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsroom}"
UV="${UV:-uv}"
STAMP="$APP/dist/.build-stamp"
NODE_MIN_MAJOR=20

die() {
  echo "web.sh: $*" >&2
  exit 1
}

need_node() {
  command -v node >/dev/null && command -v npm >/dev/null ||
    die "Node.js >= $NODE_MIN_MAJOR.19 and npm are needed (apt-get install nodejs npm, or NodeSource)"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [[ "$major" -ge "$NODE_MIN_MAJOR" ]] || die "Node.js $major is too old: Vite 8 needs >= 20.19"
}

deps() {
  need_node
  local lock_hash marker="$APP/node_modules/.newsroom-lock-hash"
  lock_hash="$(sha256sum "$APP/package-lock.json" | cut -c1-16)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$lock_hash" ]]; then
    return 0
  fi
  echo "web.sh: npm ci in web/newsroom (cache $CACHE/npm)…" >&2
  mkdir -p "$CACHE/npm"
  (cd "$APP" && npm ci --cache "$CACHE/npm" --prefer-offline --no-audit --no-fund \
    --loglevel=error >&2)
  echo "$lock_hash" >"$marker"
}

# The gateway's OpenAPI document, exactly as /openapi.json serves it (no server needed).
export_openapi() {
  (cd "$ROOT" && "$UV" run --frozen python -c '
import json, sys
from gateway.main import create_app
json.dump(create_app().openapi(), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
sys.stdout.write("\n")
')
}

generate_api() { # generate DIR: writes DIR/openapi.json and DIR/api-schema.d.ts
  local out="$1"
  export_openapi >"$out/openapi.json"
  (cd "$APP" && node_modules/.bin/openapi-typescript "$out/openapi.json" \
    -o "$out/api-schema.d.ts" --root-types --alphabetize --default-non-nullable=false >/dev/null 2>&1) ||
    die "openapi-typescript failed"
}

api() {
  deps
  local tmp
  tmp="$(mktemp -d)"
  generate_api "$tmp"
  cp "$tmp/api-schema.d.ts" "$APP/src/lib/api-schema.d.ts"
  rm -rf "$tmp"
  echo "web.sh: wrote web/newsroom/src/lib/api-schema.d.ts" >&2
}

api_check() {
  deps
  local tmp status=0
  tmp="$(mktemp -d)"
  generate_api "$tmp"
  cmp -s "$tmp/api-schema.d.ts" "$APP/src/lib/api-schema.d.ts" || status=1
  rm -rf "$tmp"
  [[ $status -eq 0 ]] || die "the app's API types are stale (gateway OpenAPI changed): run make web-api"
}

typecheck() {
  deps
  (cd "$APP" && node_modules/.bin/tsc --noEmit -p .)
}

inputs_hash() {
  (cd "$APP" && { git ls-files -co --exclude-standard -- . ':!dist' ':!node_modules' |
    LC_ALL=C sort | xargs sha256sum; node --version; }) | sha256sum | cut -c1-32
}

build() {
  deps
  local hash
  hash="$(inputs_hash)"
  if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$hash" && "${1:-}" != "--force" ]]; then
    echo "web.sh: web/newsroom/dist is up to date" >&2
    return 0
  fi
  echo "web.sh: building web/newsroom (vite)…" >&2
  (cd "$APP" && nice node_modules/.bin/vite build --logLevel warn >&2)
  echo "$hash" >"$STAMP"
}

case "${1:-}" in
deps) deps ;;
api) api ;;
api-check) api_check ;;
typecheck) typecheck ;;
build) build "${2:-}" ;;
check)
  api_check
  typecheck
  ;;
*) die "usage: tools/web.sh deps|api|api-check|typecheck|build [--force]|check" ;;
esac
