#!/usr/bin/env bash
# Makes the Python base image from Debian packages (no registry can be pulled from here):
# mmdebstrap writes a bookworm root filesystem with Python 3.11 and tini, buildah imports
# it as localhost/newsroom/python-base:<tag>. The tar is cached in $NEWSROOM_CACHE/images;
# a new Debian package list (this file) makes a new tag. Teams with Docker skip this and
# build the same Containerfile FROM docker.io/library/python:3.11-slim.
set -euo pipefail
# shellcheck source=../local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source=buildah.sh
source "$(dirname "${BASH_SOURCE[0]}")/buildah.sh"

# What the image's Python needs at run time (grpcio's wheel links libstdc++), plus what
# only the build stage uses and the runtime stage deletes again: python3-venv (ensurepip
# gives the venv a pip) and binutils (strip for the wheels' unstripped libraries).
BASE_PACKAGES=(python3 python3-venv tini libstdc++6 binutils)
BASE_SUITE=bookworm

base_mirror() {
  local uri
  uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [[ -n "$uri" ]] || uri="$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  printf '%s' "${uri:-http://deb.debian.org/debian}"
}

base_tag() {
  printf '%s' "$BASE_SUITE-$(printf '%s' "${BASE_PACKAGES[*]}" | sha256sum | cut -c1-8)"
}

base_image() { printf 'localhost/newsroom/python-base:%s' "$(base_tag)"; }

make_base() {
  local tar tag
  tag="$(base_tag)"
  tar="$NEWSROOM_CACHE/images/python-base-$tag.tar"
  if bah images --quiet "$(base_image)" >/dev/null 2>&1; then
    log "images: base $(base_image) present"
    return 0
  fi
  mkdir -p "$NEWSROOM_CACHE/images"
  if [[ ! -s "$tar" ]]; then
    log "images: mmdebstrap $BASE_SUITE (${BASE_PACKAGES[*]}) from $(base_mirror); ~1-2 min"
    local start=$SECONDS inc
    inc="$(IFS=,; printf '%s' "${BASE_PACKAGES[*]}")"
    nice -n 10 mmdebstrap --mode=root --format=tar --variant=essential --include="$inc" \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
      --aptopt='Acquire::Retries "3"' \
      "$BASE_SUITE" "$tar.tmp" "$(base_mirror)" >"$NEWSROOM_CACHE/images/mmdebstrap.log" 2>&1 || {
      show_log_tail "$NEWSROOM_CACHE/images/mmdebstrap.log" 30
      die "images: mmdebstrap failed"
    }
    mv "$tar.tmp" "$tar"
    log "images: base root filesystem $(du -h "$tar" | cut -f1) in $((SECONDS - start))s"
  fi
  local ctr
  ctr="$(bah from --quiet scratch)"
  bah add --quiet "$ctr" "$tar" / >/dev/null
  bah config --env LANG=C.UTF-8 --env PATH=/usr/local/bin:/usr/bin:/bin \
    --label org.opencontainers.image.description="Debian $BASE_SUITE: ${BASE_PACKAGES[*]}" "$ctr"
  bah commit --quiet --rm "$ctr" "$(base_image)" >/dev/null
  log "images: imported $(base_image)"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  make_base
fi
