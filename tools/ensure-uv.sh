#!/usr/bin/env bash
# Prints the path of a uv binary, installing the pinned version from PyPI when missing:
# into the running Python if pip may write there, else into a private venv in the cache
# (Debian's system Python refuses pip installs, PEP 668).
set -euo pipefail
want="0.13.8"
cache="${NEWSROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsroom}"
scripts_dir() { python3 -c 'import os, sys; print(os.path.dirname(sys.executable))'; }
find_uv() {
  command -v uv 2>/dev/null && return 0
  for candidate in "$(scripts_dir)/uv" "$HOME/.local/bin/uv" "$cache/uv-venv/bin/uv"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
if find_uv; then exit 0; fi
echo "installing uv $want from PyPI..." >&2
pip_quiet=(--quiet --disable-pip-version-check)
if ! python3 -m pip install "${pip_quiet[@]}" "uv==$want" >/dev/null 2>&1; then
  mkdir -p "$cache"
  python3 -m venv "$cache/uv-venv" >&2
  "$cache/uv-venv/bin/python" -m pip install "${pip_quiet[@]}" "uv==$want" >&2
fi
find_uv || { echo "uv was installed but cannot be found" >&2; exit 1; }
