#!/usr/bin/env bash
# Protobuf tooling for proto/ -> libs/proto/src (generated code, committed).
#
#   tools/proto.sh gen            regenerate libs/proto/src/newsroom/** from proto/
#   tools/proto.sh check          fail if the committed generated code is stale
#   tools/proto.sh lint           buf lint + buf format check
#   tools/proto.sh breaking [REF] buf breaking against git REF (default: main)
#
# Generation uses the workspace's pinned grpcio-tools (uv.lock); buf comes from npm,
# pinned by tools/buf/package-lock.json and installed into tools/buf/node_modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROTO_DIR="proto"
OUT_DIR="libs/proto/src"
PKG="newsroom"
BUF_DIR="tools/buf"
BUF="$BUF_DIR/node_modules/.bin/buf"
STALE_MESSAGE="generated code is stale: run make proto"
UV="${UV:-uv}" # the Makefile may pass the uv it resolved

cd "$ROOT"
export LC_ALL=C

TMP_DIR=""
cleanup() {
  if [[ -n "$TMP_DIR" ]]; then rm -rf "$TMP_DIR"; fi
}
trap cleanup EXIT

die() {
  echo "proto.sh: $*" >&2
  exit 1
}

proto_files() {
  find "$PROTO_DIR/$PKG" -type f -name '*.proto' | sort
}

# generate DEST: writes the generated package tree for proto/ into DEST/newsroom.
generate() {
  local dest="$1" files
  mapfile -t files < <(proto_files)
  [[ ${#files[@]} -gt 0 ]] || die "no .proto files under $PROTO_DIR/$PKG"
  mkdir -p "$dest"
  "$UV" run --frozen python -m grpc_tools.protoc \
    -I "$PROTO_DIR" \
    --python_out="$dest" \
    --pyi_out="$dest" \
    --grpc_python_out="$dest" \
    "${files[@]}"
  # Regular packages all the way down; newsroom/__init__.py is the package's own file.
  local dir
  while IFS= read -r dir; do
    : >"$dir/__init__.py"
  done < <(find "$dest/$PKG" -type d)
  if [[ -f "$OUT_DIR/$PKG/__init__.py" ]]; then
    cp "$OUT_DIR/$PKG/__init__.py" "$dest/$PKG/__init__.py"
  fi
}

# tree_files DIR: generated-tree files relative to DIR/newsroom, sorted.
tree_files() {
  (cd "$1/$PKG" && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' | sed 's|^\./||' | sort)
}

cmd_gen() {
  TMP_DIR="$(mktemp -d)"
  generate "$TMP_DIR"
  # Replace every generated subpackage; stale files of removed protos go with them.
  find "$OUT_DIR/$PKG" -mindepth 1 -maxdepth 1 ! -name '__init__.py' -exec rm -rf {} +
  cp -R "$TMP_DIR/$PKG/." "$OUT_DIR/$PKG/"
  echo "generated $(proto_files | wc -l | tr -d ' ') protos into $OUT_DIR/$PKG"
}

cmd_check() {
  local stale=() path
  TMP_DIR="$(mktemp -d)"
  generate "$TMP_DIR"
  while IFS= read -r path; do
    if [[ ! -f "$TMP_DIR/$PKG/$path" || ! -f "$OUT_DIR/$PKG/$path" ]] \
      || ! cmp -s "$TMP_DIR/$PKG/$path" "$OUT_DIR/$PKG/$path"; then
      stale+=("$OUT_DIR/$PKG/$path")
    fi
  done < <(sort -u <(tree_files "$TMP_DIR") <(tree_files "$OUT_DIR"))
  if [[ ${#stale[@]} -gt 0 ]]; then
    printf '  %s\n' "${stale[@]}" >&2
    echo "$STALE_MESSAGE" >&2
    exit 1
  fi
  echo "generated code is up to date"
}

ensure_buf() {
  [[ -x "$BUF" ]] && return
  command -v npm >/dev/null || die "npm is needed to install buf (tools/buf/package.json)"
  echo "installing buf into $BUF_DIR/node_modules" >&2
  npm ci --prefix "$BUF_DIR" --no-audit --no-fund --loglevel=error >&2
  [[ -x "$BUF" ]] || die "buf was not installed at $BUF"
}

cmd_lint() {
  ensure_buf
  "$BUF" lint "$PROTO_DIR"
  "$BUF" format "$PROTO_DIR" --diff --exit-code
  echo "buf lint and format: ok"
}

cmd_breaking() {
  local ref="${1:-main}"
  ensure_buf
  if ! git cat-file -e "$ref:$PROTO_DIR/buf.yaml" 2>/dev/null; then
    echo "no $PROTO_DIR/buf.yaml at $ref: nothing to compare against"
    return
  fi
  "$BUF" breaking "$PROTO_DIR" --against ".git#ref=$ref,subdir=$PROTO_DIR"
  echo "buf breaking against $ref: ok"
}

case "${1:-}" in
  gen) cmd_gen ;;
  check) cmd_check ;;
  lint) cmd_lint ;;
  breaking) shift; cmd_breaking "$@" ;;
  *)
    echo "usage: $0 {gen|check|lint|breaking [REF]}" >&2
    exit 2
    ;;
esac
