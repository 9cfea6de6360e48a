#!/usr/bin/env bash
# Prints the path of a uv binary, installing the pinned version from PyPI when missing.
set -euo pipefail
want="0.13.8"
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
for candidate in "$HOME/.local/bin/uv" "$(python3 -m site --user-base 2>/dev/null)/bin/uv"; do
  if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
echo "installing uv $want from PyPI..." >&2
python3 -m pip install --quiet --disable-pip-version-check "uv==$want" >&2
command -v uv || echo "$(python3 -m site --user-base)/bin/uv"
