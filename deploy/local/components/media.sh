# shellcheck shell=bash
# ffmpeg (media workers: renditions, HLS), chromium (browser tests) and wrk (the load
# generator of bench/public_read.py) from Debian.
# Nothing to start: "healthy" means both run.

NEWSROOM_FFMPEG="${NEWSROOM_FFMPEG:-/usr/bin/ffmpeg}"
NEWSROOM_CHROMIUM="${NEWSROOM_CHROMIUM:-/usr/bin/chromium}"

media_port() { printf '%s' "-"; }
media_pid() { return 1; }

media_install() {
  local missing=()
  [[ -x "$NEWSROOM_FFMPEG" ]] || missing+=(ffmpeg)
  [[ -x "$NEWSROOM_CHROMIUM" ]] || missing+=(chromium)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
  [[ -x "$NEWSROOM_FFMPEG" ]] || die "media: $NEWSROOM_FFMPEG missing after apt-get install ffmpeg"
  [[ -x "$NEWSROOM_CHROMIUM" ]] || die "media: $NEWSROOM_CHROMIUM missing after apt-get install chromium"
  log "media: $(media_detail)"
}

media_healthy() {
  "$NEWSROOM_FFMPEG" -hide_banner -version >/dev/null 2>&1 && [[ -x "$NEWSROOM_CHROMIUM" ]]
}

media_detail() {
  printf 'ffmpeg %s, chromium %s' \
    "$("$NEWSROOM_FFMPEG" -version 2>/dev/null | awk 'NR==1 {print $3}')" \
    "$(dpkg-query -W -f='${Version}' chromium 2>/dev/null | cut -d- -f1)"
}

media_launch() { :; }
media_wait() { media_healthy || die "media: ffmpeg or chromium does not run"; }
media_stop() { :; }
media_reset() { :; }

media_env() {
  printf 'NEWSROOM_FFMPEG=%s\n' "$NEWSROOM_FFMPEG"
  printf 'NEWSROOM_FFPROBE=%s\n' "$(dirname "$NEWSROOM_FFMPEG")/ffprobe"
  printf 'NEWSROOM_CHROMIUM=%s\n' "$NEWSROOM_CHROMIUM"
}
