# shellcheck shell=bash
# S3 server: MinIO, built from its Go module (`go install`) into $NEWSROOM_CACHE/bin,
# serving .local/infra/s3/data on 127.0.0.1:$NEWSROOM_S3_PORT (console on
# $NEWSROOM_S3_CONSOLE_PORT).

NEWSROOM_S3_PORT="${NEWSROOM_S3_PORT:-59000}"
NEWSROOM_S3_CONSOLE_PORT="${NEWSROOM_S3_CONSOLE_PORT:-59001}"
NEWSROOM_S3_ACCESS_KEY="${NEWSROOM_S3_ACCESS_KEY:-newsroom}"
NEWSROOM_S3_SECRET_KEY="${NEWSROOM_S3_SECRET_KEY:-newsroom-dev-secret}"
# The pseudo-version `go install github.com/minio/minio@latest` resolved to on 2026-11-26;
# pinned so every machine builds the same server.
NEWSROOM_MINIO_VERSION="${NEWSROOM_MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"

s3_port() { printf '%s' "$NEWSROOM_S3_PORT"; }
s3_minio_bin() { printf '%s/bin/minio' "$NEWSROOM_CACHE"; }
s3_health_url() { printf 'http://127.0.0.1:%s/minio/health/live' "$NEWSROOM_S3_PORT"; }

s3_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    printf '/usr/local/go/bin/go'
  else
    return 1
  fi
}

s3_install() {
  local bin go build_log
  bin="$(s3_minio_bin)"
  if [[ -x "$bin" ]]; then
    log "s3: MinIO server cached at $bin"
    return 0
  fi
  go="$(s3_go)" || die "s3: MinIO is built with Go (1.24+), and no 'go' is on PATH." \
    "Debian's golang is too old; install a current Go toolchain."
  mkdir -p "$NEWSROOM_CACHE/bin"
  build_log="$NEWSROOM_CACHE/minio-build.log"
  # Two clones installing at once share one build.
  exec 8>"$NEWSROOM_CACHE/.minio-build.lock"
  flock 8
  if [[ ! -x "$bin" ]]; then
    log "s3: building MinIO $NEWSROOM_MINIO_VERSION from the Go module proxy;" \
      "takes several minutes on first run (log: $build_log)"
    if ! GOBIN="$NEWSROOM_CACHE/bin" "$go" install \
      "github.com/minio/minio@$NEWSROOM_MINIO_VERSION" >"$build_log" 2>&1; then
      exec 8>&-
      show_log_tail "$build_log" 30
      die "s3: go install github.com/minio/minio@$NEWSROOM_MINIO_VERSION failed" \
        "(another version: NEWSROOM_MINIO_VERSION=<version>)"
    fi
    log "s3: built $bin"
  fi
  exec 8>&-
}

s3_pid() { running_pid s3 "$(component_dir s3)/data"; }

s3_healthy() { http_ok "$(s3_health_url)"; }

s3_launch() {
  local dir log_file pid
  dir="$(component_dir s3)"
  log_file="$(component_log s3)"
  if pid="$(s3_pid)"; then
    log "s3: already running (pid $pid, port $NEWSROOM_S3_PORT)"
    return 0
  fi
  # shellcheck disable=SC2046 # one pid per word
  kill_leftovers s3 "MinIO" $(pids_matching "$dir/data")
  require_port_free "$NEWSROOM_S3_PORT" NEWSROOM_S3_PORT s3
  require_port_free "$NEWSROOM_S3_CONSOLE_PORT" NEWSROOM_S3_CONSOLE_PORT s3
  [[ -x "$(s3_minio_bin)" ]] || die "s3: not installed; run deploy/local/infra.sh install"
  ensure_state_dirs s3
  mkdir -p "$dir/data"
  log "s3: starting MinIO on 127.0.0.1:$NEWSROOM_S3_PORT (console $NEWSROOM_S3_CONSOLE_PORT)"
  printf '\n===== %s start =====\n' "$(date -Is)" >>"$log_file"
  pid="$(
    MINIO_ROOT_USER="$NEWSROOM_S3_ACCESS_KEY" MINIO_ROOT_PASSWORD="$NEWSROOM_S3_SECRET_KEY" \
      MINIO_UPDATE=off \
      spawn "$log_file" "$(s3_minio_bin)" server "$dir/data" \
      --address "127.0.0.1:$NEWSROOM_S3_PORT" \
      --console-address "127.0.0.1:$NEWSROOM_S3_CONSOLE_PORT"
  )"
  write_pid s3 "$pid"
}

s3_wait() {
  local pid
  pid="$(s3_pid)" || die "s3: not running"
  wait_healthy s3 "${NEWSROOM_S3_WAIT_S:-60}" "$pid" "$(component_log s3)" s3_healthy
}

s3_detail() {
  printf 'MinIO %s, console port %s, data %s' "$NEWSROOM_MINIO_VERSION" \
    "$NEWSROOM_S3_CONSOLE_PORT" "$(component_dir s3)/data"
}

s3_stop() {
  local pid
  if pid="$(s3_pid)"; then
    log "s3: stopping (pid $pid)"
    stop_pid "$pid" s3 20
  fi
  clear_pid s3
}

s3_reset() {
  s3_stop
  log "s3: wiping $(component_dir s3)"
  rm -rf "$(component_dir s3)"
}

s3_env() {
  printf 'NEWSROOM_S3_KIND=minio\n'
  printf 'NEWSROOM_S3_PORT=%s\n' "$NEWSROOM_S3_PORT"
  printf 'NEWSROOM_S3_ENDPOINT=127.0.0.1:%s\n' "$NEWSROOM_S3_PORT"
  printf 'NEWSROOM_S3_URL=http://127.0.0.1:%s\n' "$NEWSROOM_S3_PORT"
  printf 'NEWSROOM_S3_SECURE=false\n'
  printf 'NEWSROOM_S3_REGION=us-east-1\n'
  printf 'NEWSROOM_S3_ACCESS_KEY=%s\n' "$NEWSROOM_S3_ACCESS_KEY"
  printf 'NEWSROOM_S3_SECRET_KEY=%s\n' "$NEWSROOM_S3_SECRET_KEY"
  printf 'NEWSROOM_S3_HEALTH_URL=%s\n' "$(s3_health_url)"
  printf 'NEWSROOM_S3_CONSOLE_PORT=%s\n' "$NEWSROOM_S3_CONSOLE_PORT"
  printf 'NEWSROOM_S3_CONSOLE_URL=http://127.0.0.1:%s\n' "$NEWSROOM_S3_CONSOLE_PORT"
}
