# shellcheck shell=bash
# buildah with the project's own image store (no system-wide configuration touched):
# images live in $NEWSROOM_CACHE/containers so a fresh clone reuses them.
apt_install buildah mmdebstrap
NEWSROOM_IMAGE_STORE="$NEWSROOM_CACHE/containers"
mkdir -p "$NEWSROOM_IMAGE_STORE/storage" "$NEWSROOM_IMAGE_STORE/run"
bah() {
  buildah --root "$NEWSROOM_IMAGE_STORE/storage" --runroot "$NEWSROOM_IMAGE_STORE/run" \
    --storage-driver "${NEWSROOM_STORAGE_DRIVER:-overlay}" "$@"
}
