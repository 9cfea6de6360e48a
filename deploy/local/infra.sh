#!/usr/bin/env bash
# Install, start, stop and check the real local infrastructure as plain processes on
# 127.0.0.1: PostgreSQL, Kafka (KRaft), an S3 server (MinIO), Keycloak, plus ffmpeg and
# chromium for the media workers and browser tests. See DEVELOPERS.md.
#
#   deploy/local/infra.sh install [component...]   fetch/build whatever is missing
#   deploy/local/infra.sh up      [component...]   install if needed, start, wait, status
#   deploy/local/infra.sh down    [component...]   stop what was started
#   deploy/local/infra.sh status  [component...]   table; exit 0 only if all are healthy
#   deploy/local/infra.sh reset    component...    stop it and wipe its data
#   deploy/local/infra.sh env                      print .local/infra.env contents
#   deploy/local/infra.sh logs     component       tail -f its log
#
# Components: postgres kafka s3 keycloak media. Without a list: all of them.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
# shellcheck source=deploy/local/components/postgres.sh
source "$NEWSROOM_LOCAL_DIR/components/postgres.sh"
# shellcheck source=deploy/local/components/kafka.sh
source "$NEWSROOM_LOCAL_DIR/components/kafka.sh"
# shellcheck source=deploy/local/components/s3.sh
source "$NEWSROOM_LOCAL_DIR/components/s3.sh"
# shellcheck source=deploy/local/components/keycloak.sh
source "$NEWSROOM_LOCAL_DIR/components/keycloak.sh"
# shellcheck source=deploy/local/components/media.sh
source "$NEWSROOM_LOCAL_DIR/components/media.sh"

ALL_COMPONENTS=(postgres kafka s3 keycloak media)

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
  exit "${1:-2}"
}

# Validate the component names given on the command line (all when none).
select_components() {
  local name known
  SELECTED=()
  if (($# == 0)); then
    SELECTED=("${ALL_COMPONENTS[@]}")
    return 0
  fi
  for name in "$@"; do
    [[ "$name" == minio ]] && name=s3
    known=0
    for c in "${ALL_COMPONENTS[@]}"; do [[ "$c" == "$name" ]] && known=1; done
    ((known)) || die "unknown component '$name' (known: ${ALL_COMPONENTS[*]})"
    SELECTED+=("$name")
  done
}

# One infra.sh at a time may start or stop things.
take_lock() {
  mkdir -p "$NEWSROOM_STATE/infra"
  exec 9>"$NEWSROOM_STATE/infra/.lock"
  if ! flock -n 9; then
    log "another infra.sh is running; waiting for it"
    flock -w 900 9 || die "timed out waiting for $NEWSROOM_STATE/infra/.lock"
  fi
}

cmd_install() {
  local c
  for c in "${SELECTED[@]}"; do "${c}_install"; done
}

write_env_file() {
  local file="$NEWSROOM_STATE/infra.env" c
  {
    printf '# Written by deploy/local/infra.sh up; sourceable. Do not edit.\n'
    for c in "${ALL_COMPONENTS[@]}"; do "${c}_env"; done
  } >"$file.tmp"
  mv "$file.tmp" "$file"
  log "wrote $file"
}

# Run one component step ("postgres_launch") in a subshell with errexit on, so that its
# failure (die, or any failing command) is reported instead of ending the whole run.
step_ok() {
  local rc=0
  set +e
  (
    set -e
    "$@"
  )
  rc=$?
  set -e
  return "$rc"
}

cmd_up() {
  local c started failed=() unhealthy=()
  started="$(date +%s)"
  take_lock
  cmd_install
  # Launch everything first (slow starters overlap), then wait for each to be healthy. A
  # component that fails does not stop the others; up fails at the end, naming it.
  for c in "${SELECTED[@]}"; do step_ok "${c}_launch" || failed+=("$c"); done
  for c in "${SELECTED[@]}"; do
    [[ " ${failed[*]} " == *" $c "* ]] && continue
    step_ok "${c}_wait" || failed+=("$c")
  done
  write_env_file
  # The last word is a fresh health check of everything selected: a component that died
  # after its wait (or a crash that raced this run) must not pass unnoticed.
  for c in "${SELECTED[@]}"; do
    "${c}_healthy" >/dev/null 2>&1 || unhealthy+=("$c")
  done
  cmd_status || true
  if ((${#unhealthy[@]})); then
    for c in "${unhealthy[@]}"; do
      printf '%s [infra] ERROR: %s is not healthy (log: %s)\n' "$(date +%H:%M:%S)" "$c" \
        "$(component_log "$c")" >&2
    done
    die "up failed: not healthy: ${unhealthy[*]}"
  fi
  if ((${#failed[@]})); then
    die "up failed: ${failed[*]} (healthy now, but its start reported an error above)"
  fi
  log "up done in $(($(date +%s) - started))s"
}

cmd_down() {
  local i
  take_lock
  for ((i = ${#SELECTED[@]} - 1; i >= 0; i--)); do "${SELECTED[i]}_stop"; done
}

cmd_reset() {
  local c
  (($# > 0)) || die "reset needs a component name (${ALL_COMPONENTS[*]})"
  take_lock
  for c in "${SELECTED[@]}"; do "${c}_reset"; done
}

cmd_status() {
  local c port pid healthy all_ok=0
  printf '%-10s %-7s %-9s %-8s %s\n' COMPONENT PORT PID HEALTHY DETAIL
  for c in "${SELECTED[@]}"; do
    port="$("${c}_port")"
    pid="$("${c}_pid" 2>/dev/null)" || pid="-"
    if "${c}_healthy" >/dev/null 2>&1; then healthy=yes; else
      healthy=no
      all_ok=1
    fi
    printf '%-10s %-7s %-9s %-8s %s\n' "$c" "$port" "$pid" "$healthy" "$("${c}_detail")"
  done
  return "$all_ok"
}

main() {
  local cmd="${1:-}"
  (($# > 0)) && shift
  case "$cmd" in
    install) select_components "$@" && cmd_install ;;
    up) select_components "$@" && cmd_up ;;
    down | stop) select_components "$@" && cmd_down ;;
    status) select_components "$@" && cmd_status ;;
    reset) select_components "$@" && cmd_reset "$@" ;;
    env) cat "$NEWSROOM_STATE/infra.env" ;;
    logs)
      (($# == 1)) || die "logs needs one component name"
      tail -n 50 -f "$(component_log "$1")"
      ;;
    -h | --help | help) usage 0 ;;
    *) usage 2 ;;
  esac
}

main "$@"
