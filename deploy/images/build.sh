#!/usr/bin/env bash
# `make images`: builds every image in images.txt with buildah from the Debian-made base,
# writes one CycloneDX SBOM per image and prints each image's size against the target.
#   deploy/images/build.sh [--tag TAG] [--export DIR]
# --export also writes each image as an OCI archive into DIR (what the local cluster's
# containerd imports). Images are named localhost/newsroom/<name>:<tag>.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=base.sh
source "$HERE/base.sh"

TARGET_MB=200
tag="${NEWSROOM_IMAGE_TAG:-}"
export_dir=""
while (($#)); do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --export) export_dir="$2"; shift 2 ;;
    *) die "usage: $0 [--tag TAG] [--export DIR]" ;;
  esac
done
cd "$NEWSROOM_ROOT"
revision="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
[[ -n "$tag" ]] || tag="$revision"
version="$(awk -F'"' '/^version = / {print $2; exit}' pyproject.toml)"
sbom_dir="$NEWSROOM_ROOT/.local/images/sbom"
mkdir -p "$sbom_dir"
[[ -z "$export_dir" ]] || mkdir -p "$export_dir"

make_base
# The machine's CA bundle, for a registry reached through a TLS-inspecting proxy.
ca_secret=()
for ca in "${SSL_CERT_FILE:-}" "${PIP_CERT:-}" /etc/ssl/certs/ca-certificates.crt; do
  if [[ -n "$ca" && -s "$ca" ]]; then ca_secret=(--secret "id=ca-certificates,src=$ca"); break; fi
done
start=$SECONDS
status=0
report=()
while read -r name package module title; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  image="localhost/newsroom/$name:$tag"
  log "images: building $image ($package)"
  t0=$SECONDS
  nice -n 10 buildah --root "$NEWSROOM_IMAGE_STORE/storage" --runroot "$NEWSROOM_IMAGE_STORE/run" \
    --storage-driver "${NEWSROOM_STORAGE_DRIVER:-overlay}" bud --quiet --layers --isolation chroot \
    -f deploy/images/Containerfile "${ca_secret[@]}" \
    --build-arg BASE="$(base_image)" --build-arg SERVICE_PACKAGE="$package" \
    --build-arg SERVICE_MODULE="$module" --build-arg SERVICE_TITLE="$title" \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" \
    --build-arg CREATED="$(git log -1 --format=%cI 2>/dev/null || date -Is)" \
    -t "$image" . >"$NEWSROOM_CACHE/images/build-$name.log" 2>&1 || {
    show_log_tail "$NEWSROOM_CACHE/images/build-$name.log" 40
    die "images: building $image failed"
  }
  container="$(bah from --quiet --pull-never "$image")"
  rootfs="$(bah mount "$container")"
  # The unpacked size: what a node stores and what the target is about.
  bytes="$(du -sb "$rootfs" | cut -f1)"
  "$NEWSROOM_PY" "$HERE/sbom.py" --rootfs "$rootfs" --image "$image" \
    --config "$(bah inspect --type image "$image" | "$NEWSROOM_PY" -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["OCIv1"]["config"]))')" \
    --out "$sbom_dir/$name.cdx.json"
  bah umount "$container" >/dev/null && bah rm "$container" >/dev/null
  if [[ -n "$export_dir" ]]; then
    rm -f "$export_dir/$name.tar"
    bah push --quiet "$image" "oci-archive:$export_dir/$name.tar:$image" >/dev/null
  fi
  mb=$(( (bytes + 500000) / 1000000 ))
  verdict=PASS
  ((mb <= TARGET_MB)) || { verdict=FAIL; status=1; }
  report+=("$(printf '%-30s %4d MB  (target <= %d MB) %s  built in %ds  sbom %s' \
    "$name:$tag" "$mb" "$TARGET_MB" "$verdict" "$((SECONDS - t0))" "$sbom_dir/$name.cdx.json")")
done <"$HERE/images.txt"
printf '%s\n' "${report[@]}"
log "images: done in $((SECONDS - start))s"
exit "$status"
