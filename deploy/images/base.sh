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
# The media base (images.txt's `media` column: the media service and its workers): the
# same plus Debian's ffmpeg, the one the local stack and the tests run. libvips comes with
# the pyvips-binary wheel.
MEDIA_PACKAGES=("${BASE_PACKAGES[@]}" ffmpeg)
BASE_SUITE=bookworm

base_mirror() {
  local uri
  uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [[ -n "$uri" ]] || uri="$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  printf '%s' "${uri:-http://deb.debian.org/debian}"
}

# The Debian packages of base FLAVOUR (python | media).
base_packages() {
  case "${1:-python}" in
    python) printf '%s\n' "${BASE_PACKAGES[@]}" ;;
    media) printf '%s\n' "${MEDIA_PACKAGES[@]}" ;;
    *) die "images: unknown base $1 (python | media)" ;;
  esac
}

base_tag() {
  printf '%s' "$BASE_SUITE-$(base_packages "${1:-python}" | paste -sd' ' | tr -d '\n' | sha256sum | cut -c1-8)"
}

base_image() { printf 'localhost/newsroom/%s-base:%s' "${1:-python}" "$(base_tag "${1:-python}")"; }

make_base() {
  local flavour="${1:-python}" tar tag packages
  tag="$(base_tag "$flavour")"
  mapfile -t packages < <(base_packages "$flavour")
  tar="$NEWSROOM_CACHE/images/$flavour-base-$tag.tar"
  if bah images --quiet "$(base_image "$flavour")" >/dev/null 2>&1; then
    log "images: base $(base_image "$flavour") present"
    return 0
  fi
  mkdir -p "$NEWSROOM_CACHE/images"
  if [[ ! -s "$tar" ]]; then
    log "images: mmdebstrap $BASE_SUITE (${packages[*]}) from $(base_mirror); ~1-5 min"
    local start=$SECONDS inc
    inc="$(IFS=,; printf '%s' "${packages[*]}")"
    nice -n 10 mmdebstrap --mode=root --format=tar --variant=essential --include="$inc" \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
      --aptopt='Acquire::Retries "3"' \
      "$BASE_SUITE" "$tar.tmp" "$(base_mirror)" >"$NEWSROOM_CACHE/images/mmdebstrap-$flavour.log" 2>&1 || {
      show_log_tail "$NEWSROOM_CACHE/images/mmdebstrap-$flavour.log" 30
      die "images: mmdebstrap failed"
    }
    mv "$tar.tmp" "$tar"
    log "images: base root filesystem $(du -h "$tar" | cut -f1) in $((SECONDS - start))s"
  fi
  local ctr
  ctr="$(bah from --quiet scratch)"
  bah add --quiet "$ctr" "$tar" / >/dev/null
  bah config --env LANG=C.UTF-8 --env PATH=/usr/local/bin:/usr/bin:/bin \
    --label org.opencontainers.image.description="Debian $BASE_SUITE: ${packages[*]}" "$ctr"
  bah commit --quiet --rm "$ctr" "$(base_image "$flavour")" >/dev/null
  log "images: imported $(base_image "$flavour")"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  make_base "${1:-python}"
fi
