#!/usr/bin/env bash
# `make images`: builds every image in images.txt with buildah from the Debian-made base,
# writes one CycloneDX SBOM per image and prints each image's size against the target.
#   deploy/images/build.sh [--tag TAG] [--export DIR] [NAME...]
# Each image is first named by the hash of its inputs (deploy/images/inputs.py):
# localhost/newsroom/<name>:c-<hash>. An image whose inputs have not changed is not built
# again (its size and SBOM are kept beside it), so a warm run costs seconds. --tag TAG adds
# that tag too; --export DIR also writes each image as an OCI archive into DIR. The
# content tag of each image is written to .local/images/built.txt (`<name> <tag>`), which
# the local cluster's import reads.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=base.sh
source "$HERE/base.sh"

TARGET_MB=200
# The media image carries ffmpeg and its codec libraries (Debian's build): its own target.
MEDIA_TARGET_MB=500
tag="${NEWSROOM_IMAGE_TAG:-}"
export_dir=""
only=()
while (($#)); do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --export) export_dir="$2"; shift 2 ;;
    -*) die "usage: $0 [--tag TAG] [--export DIR] [NAME...]" ;;
    *) only+=("$1"); shift ;;
  esac
done
cd "$NEWSROOM_ROOT"
revision="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
version="$(awk -F'"' '/^version = / {print $2; exit}' pyproject.toml)"
out_dir="$NEWSROOM_ROOT/.local/images"
sbom_dir="$out_dir/sbom"
meta_dir="$NEWSROOM_CACHE/images/meta"
mkdir -p "$sbom_dir" "$meta_dir"
[[ -z "$export_dir" ]] || mkdir -p "$export_dir"

# The bases the listed images need, each made once.
while read -r name _ _ base _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if ((${#only[@]})) && [[ " ${only[*]} " != *" $name "* ]]; then continue; fi
  printf '%s\n' "${base/app/python}"
done <"$HERE/images.txt" | sort -u | while read -r flavour; do make_base "$flavour"; done
# The machine's CA bundle, for a registry reached through a TLS-inspecting proxy.
ca_secret=()
for ca in "${SSL_CERT_FILE:-}" "${PIP_CERT:-}" /etc/ssl/certs/ca-certificates.crt; do
  if [[ -n "$ca" && -s "$ca" ]]; then ca_secret=(--secret "id=ca-certificates,src=$ca"); break; fi
done

# Size (unpacked, what a node stores) and SBOM of IMAGE, written next to it once.
_inspect() {
  local name="$1" image="$2" meta="$3" container rootfs
  container="$(bah from --quiet --pull-never "$image")"
  rootfs="$(bah mount "$container")"
  du -sb "$rootfs" | cut -f1 >"$meta.size"
  "$NEWSROOM_PY" "$HERE/sbom.py" --rootfs "$rootfs" --image "$image" \
    --config "$(bah inspect --type image "$image" | "$NEWSROOM_PY" -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["OCIv1"]["config"]))')" \
    --out "$meta.cdx.json"
  bah umount "$container" >/dev/null && bah rm "$container" >/dev/null
}

start=$SECONDS
status=0
report=()
built=()
while read -r name package module base title; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if ((${#only[@]})) && [[ " ${only[*]} " != *" $name "* ]]; then continue; fi
  if [[ "$package" == newsroom-portal ]]; then
    "$NEWSROOM_ROOT/tools/web-deps.sh" >/dev/null # hls.js, which the portal's image carries
  fi
  containerfile=deploy/images/Containerfile
  if [[ "$base" == app ]]; then
    # the newsroom app: its built files behind serve.py (stdlib only), on the Python base
    containerfile=deploy/images/Containerfile.app base=python
    [[ -s web/newsroom/dist/index.html ]] || die "images: web/newsroom/dist is missing: run make web-build first"
  fi
  ctag="c-$("$NEWSROOM_PY" "$HERE/inputs.py" "$package" "$(base_image "$base")" "$name $package $module $base $title")"
  image="localhost/newsroom/$name:$ctag"
  meta="$meta_dir/$name-$ctag"
  t0=$SECONDS
  how=unchanged
  # Two clones sharing the cache (and the build store) build one image once: the second
  # waits here and then finds it.
  exec 9>"$NEWSROOM_CACHE/images/.$name.lock"
  flock 9
  if ! bah images --quiet "$image" >/dev/null 2>&1; then
    how=built
    log "images: building $image ($package)"
    nice -n 10 buildah --root "$NEWSROOM_IMAGE_STORE/storage" --runroot "$NEWSROOM_IMAGE_STORE/run" \
      --storage-driver "${NEWSROOM_STORAGE_DRIVER:-overlay}" bud --quiet --layers --isolation chroot \
      -f "$containerfile" "${ca_secret[@]}" \
      --build-arg BASE="$(base_image "$base")" --build-arg SERVICE_PACKAGE="$package" \
      --build-arg SERVICE_MODULE="$module" --build-arg SERVICE_TITLE="$title" \
      --build-arg VERSION="$version" --build-arg REVISION="$revision" \
      --build-arg CREATED="$(git log -1 --format=%cI 2>/dev/null || date -Is)" \
      -t "$image" . >"$NEWSROOM_CACHE/images/build-$name.log" 2>&1 || {
      show_log_tail "$NEWSROOM_CACHE/images/build-$name.log" 40
      die "images: building $image failed"
    }
    rm -f "$meta.size"
  fi
  [[ -s "$meta.size" && -s "$meta.cdx.json" ]] || _inspect "$name" "$image" "$meta"
  flock -u 9
  cp "$meta.cdx.json" "$sbom_dir/$name.cdx.json"
  if [[ -n "$tag" ]]; then bah tag "$image" "localhost/newsroom/$name:$tag"; fi
  if [[ -n "$export_dir" ]]; then
    rm -f "$export_dir/$name.tar"
    bah push --quiet "$image" "oci-archive:$export_dir/$name.tar:$image" >/dev/null
  fi
  built+=("$name $ctag")
  # Older content tags of this image are garbage now (their layers stay cached for builds).
  for old in $(bah images --format '{{.Name}}:{{.Tag}}' "localhost/newsroom/$name" 2>/dev/null | grep -E ":c-[0-9a-f]{16}$" | grep -vxF "$image" || true); do
    bah rmi "$old" >/dev/null 2>&1 || true
  done
  bytes="$(cat "$meta.size")"
  mb=$(( (bytes + 500000) / 1000000 ))
  verdict=PASS target=$TARGET_MB
  [[ "$base" != media ]] || target=$MEDIA_TARGET_MB
  ((mb <= target)) || { verdict=FAIL; status=1; }
  report+=("$(printf '%-30s %4d MB  (target <= %d MB) %s  %s in %ds  sbom %s' \
    "$name:$ctag" "$mb" "$target" "$verdict" "$how" "$((SECONDS - t0))" "$sbom_dir/$name.cdx.json")")
done <"$HERE/images.txt"
printf '%s\n' "${built[@]}" >"$out_dir/built.txt"
printf '%s\n' "${report[@]}"
log "images: done in $((SECONDS - start))s"
exit "$status"
