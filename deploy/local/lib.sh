# shellcheck shell=bash
# Shared helpers for deploy/local/infra.sh and deploy/local/components/*.sh.
# Sourced, never executed. Every component runs as a plain process on 127.0.0.1 with its
# state (data, logs, pid files) under $NEWSROOM_STATE and its downloads under
# $NEWSROOM_CACHE.

set -euo pipefail

NEWSROOM_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NEWSROOM_ROOT="$(cd "$NEWSROOM_LOCAL_DIR/../.." && pwd)"
NEWSROOM_CACHE="${NEWSROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsroom}"
NEWSROOM_STATE="${NEWSROOM_STATE:-$NEWSROOM_ROOT/.local}"
# Absolute, so that nothing depends on the caller's working directory.
NEWSROOM_CACHE="$(realpath -m -- "$NEWSROOM_CACHE")"
NEWSROOM_STATE="$(realpath -m -- "$NEWSROOM_STATE")"
NEWSROOM_LOGS="$NEWSROOM_STATE/logs"
export NEWSROOM_LOCAL_DIR NEWSROOM_ROOT NEWSROOM_CACHE NEWSROOM_STATE NEWSROOM_LOGS

# A state dir remembers the ports it was started on: `up` writes them to its infra.env,
# and a later call with the same NEWSROOM_STATE but no NEWSROOM_*_PORT in its environment
# reuses them (a second stack on other ports must not fall back to the defaults, which
# another stack holds). A port set in the environment always wins.
remembered_ports() {
  local file="$NEWSROOM_STATE/infra.env" line name
  [[ -f "$file" ]] || return 0
  while IFS= read -r line; do
    [[ "$line" =~ ^(NEWSROOM_[A-Z0-9_]*_PORT)=([0-9]+)$ ]] || continue
    name="${BASH_REMATCH[1]}"
    [[ -n "${!name:-}" ]] || export "$name=${BASH_REMATCH[2]}"
  done <"$file"
}
remembered_ports

# The system interpreter: the health checks run before any project venv exists, and a
# pyenv shim costs a noticeable fraction of a second per call.
if [[ -x /usr/bin/python3 ]]; then
  NEWSROOM_PY=/usr/bin/python3
else
  NEWSROOM_PY="$(command -v python3)"
fi
export NEWSROOM_PY

# ---------------------------------------------------------------------------- logging

log() { printf '%s [infra] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '%s [infra] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '%s [infra] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# Print the last lines of a log file to stderr, indented (used when a start fails).
show_log_tail() {
  local file="$1" lines="${2:-30}"
  [[ -f "$file" ]] || return 0
  printf '%s [infra] last %s lines of %s:\n' "$(date +%H:%M:%S)" "$lines" "$file" >&2
  tail -n "$lines" "$file" | sed 's/^/    /' >&2
}

# ------------------------------------------------------------------------------ paths

component_dir() { printf '%s/infra/%s' "$NEWSROOM_STATE" "$1"; }
component_log() { printf '%s/%s.log' "$NEWSROOM_LOGS" "$1"; }
pid_file() { printf '%s/infra/%s/%s.pid' "$NEWSROOM_STATE" "$1" "$1"; }

ensure_state_dirs() {
  mkdir -p "$NEWSROOM_LOGS" "$(component_dir "$1")"
}

# ------------------------------------------------------------------------------ ports

# True when something listens on TCP PORT (any local address).
port_in_use() {
  local port="$1"
  [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]
}

# "pid 123 (java)" for the listener on PORT, or "" when ss cannot tell.
port_holder() {
  local port="$1" line
  line="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1)"
  if [[ "$line" =~ \"([^\"]+)\",pid=([0-9]+) ]]; then
    printf 'pid %s (%s)' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}"
  fi
}

# Fail with a clear message when PORT is taken by something we did not start. A process
# that was just killed keeps its listening socket until the kernel has torn it down (a
# JVM with hundreds of threads takes a moment): wait up to 10 s for the port first.
require_port_free() {
  local port="$1" env_var="$2" component="$3" holder waited=0
  while port_in_use "$port"; do
    if ((waited >= 100)); then
      holder="$(port_holder "$port")"
      die "$component: port $port on 127.0.0.1 is already in use${holder:+ by $holder}." \
        "Stop that process, or choose another port with $env_var=<port>."
    fi
    ((waited > 0)) || log "$component: port $port still taken; waiting for it to be released"
    sleep 0.1
    waited=$((waited + 1))
  done
}

# ------------------------------------------------------------------------- pid files

read_pid() {
  local file
  file="$(pid_file "$1")"
  [[ -s "$file" ]] || return 1
  local pid
  pid="$(head -n 1 "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s' "$pid"
}

# True when PID is a running process. A zombie (killed, not yet reaped by its new parent:
# after a crash the parent is PID 1, which may take seconds) counts as dead, although
# `kill -0` still succeeds on it.
pid_alive() {
  local pid="${1:-}" stat
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }" # the state follows the command name, which may hold spaces
  [[ "${stat%% *}" != Z && "${stat%% *}" != X ]]
}

# One line: why PID (from a pid file) is not a live process of ours.
pid_state() {
  local pid="$1"
  if ! kill -0 "$pid" 2>/dev/null; then
    printf 'gone'
  elif ! pid_alive "$pid"; then
    printf 'a zombie'
  else
    printf 'alive but not ours (%s)' "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-60)"
  fi
}

# Prints the live pid of COMPONENT's process; fails when there is none. With MARKER, the
# process's command line must also contain it (a stale pid file after a reboot may name
# an unrelated process).
running_pid() {
  local pid marker="${2:-}"
  pid="$(read_pid "$1")" || return 1
  pid_alive "$pid" || return 1
  if [[ -n "$marker" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
    return 1
  fi
  printf '%s' "$pid"
}

write_pid() { printf '%s\n' "$2" >"$(pid_file "$1")"; }
clear_pid() { rm -f "$(pid_file "$1")"; }

# Pids of live processes (not zombies, not this shell or its ancestors) whose command
# line contains MARKER: what is left of a component after a crash, e.g. Keycloak's java
# after its kc.sh wrapper was killed, or a process whose pid file was lost.
pids_matching() {
  local marker="$1" file pid
  # one grep over every command line (NUL-separated, hence -a)
  for file in $(grep -lsaF -- "$marker" /proc/[0-9]*/cmdline); do
    pid="${file#/proc/}"
    pid="${pid%/cmdline}"
    is_ancestor "$pid" && continue
    pid_alive "$pid" && printf '%s\n' "$pid"
  done
  return 0
}

# Pids of live processes whose working directory is DIR (PostgreSQL's processes all
# chdir into the data directory, and their titles do not name it).
pids_in_dir() {
  local dir link pid
  dir="$(realpath -m -- "$1")"
  for link in $(find /proc -mindepth 2 -maxdepth 2 -name cwd -lname "$dir" 2>/dev/null); do
    pid="${link#/proc/}"
    pid="${pid%/cwd}"
    is_ancestor "$pid" && continue
    pid_alive "$pid" && printf '%s\n' "$pid"
  done
  return 0
}

# True when PID is this shell or one of its ancestors (never kill those).
is_ancestor() {
  local pid="$1" p="$BASHPID" stat
  while [[ -n "$p" && "$p" != 0 && "$p" != 1 ]]; do
    [[ "$p" == "$pid" ]] && return 0
    stat="$(cat "/proc/$p/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    p="$(printf '%s' "$stat" | cut -d' ' -f2)"
  done
  return 1
}

# SIGKILL PIDS (left over from a crashed COMPONENT) and wait until they are gone.
kill_leftovers() {
  local component="$1" what="$2" pid waited=0
  shift 2
  (($# > 0)) || return 0
  log "$component: killing $# leftover process(es) of a crashed $what: $*"
  for pid in "$@"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while pid_alive "$pid"; do
      ((waited < 100)) || die "$component: leftover pid $pid does not die (state $(pid_state "$pid"))"
      sleep 0.1
      waited=$((waited + 1))
    done
  done
}

# Keep a log below ~50 MB: move a big one aside (one generation) before a start.
rotate_log() {
  local file="$1" size
  [[ -f "$file" && ! -L "$file" ]] || return 0
  size="$(stat -c %s "$file")"
  if ((size > 50 * 1024 * 1024)); then mv -f "$file" "$file.1"; fi
}

# Start a long-running command detached from this shell (own session, no stdin), its
# output appended to LOG; prints its pid.
spawn() {
  local log_file="$1"
  shift
  rotate_log "$log_file"
  # fd 9 is infra.sh's lock: a daemon must not keep holding it.
  setsid "$@" >>"$log_file" 2>&1 </dev/null 9>&- &
  local pid="$!" waited=0 cmdline
  # Return once the child runs the command: until setsid has exec'd it, its command line
  # is still this shell's, and a pid check right after start-up would call it foreign.
  while ((waited < 50)); do
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || break
    [[ "$cmdline" == *"$1"* && "$cmdline" != setsid* ]] && break
    sleep 0.1
    waited=$((waited + 1))
  done
  printf '%s' "$pid"
}

# Send TERM to PID, wait up to TIMEOUT seconds, then KILL. A process started by spawn
# leads its own process group: the whole group gets the signals (kc.sh -> java).
stop_pid() {
  local pid="$1" name="$2" timeout="${3:-30}" waited=0 target
  pid_alive "$pid" || return 0
  target="$pid"
  if [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]]; then
    target="-$pid"
  fi
  kill -TERM -- "$target" 2>/dev/null || true
  while pid_alive "$pid"; do
    if ((waited >= timeout * 10)); then
      warn "$name (pid $pid) did not stop within ${timeout}s; killing it"
      kill -KILL -- "$target" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# --------------------------------------------------------------------------- waiting

# wait_healthy NAME TIMEOUT_S PID LOG CMD...: run CMD until it succeeds. Prints progress
# dots to stderr; fails early (with the log tail) if PID dies, or after TIMEOUT_S.
wait_healthy() {
  local name="$1" timeout="$2" pid="$3" log_file="$4"
  shift 4
  local start now dots=0
  start="$(date +%s)"
  while true; do
    if "$@" >/dev/null 2>&1; then
      ((dots == 0)) || printf '\n' >&2
      log "$name healthy after $(($(date +%s) - start))s"
      return 0
    fi
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      ((dots == 0)) || printf '\n' >&2
      show_log_tail "$log_file" 40
      die "$name exited during start-up (see $log_file)"
    fi
    now="$(date +%s)"
    if ((now - start >= timeout)); then
      ((dots == 0)) || printf '\n' >&2
      show_log_tail "$log_file" 40
      die "$name not healthy after ${timeout}s (see $log_file)"
    fi
    if ((dots == 0)); then
      printf '%s [infra] waiting for %s ' "$(date +%H:%M:%S)" "$name" >&2
    fi
    printf '.' >&2
    dots=$((dots + 1))
    sleep 1
  done
}

# ------------------------------------------------------------------------------ checks

http_ok() {
  "$NEWSROOM_PY" - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=3) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

# ------------------------------------------------------------------------------- apt

NEWSROOM_APT_UPDATED=0

# apt_install PKG...: install the Debian packages that are not installed yet. Waits for
# another apt/dpkg run to release its lock instead of failing.
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  if [[ "$(id -u)" != 0 ]]; then
    die "missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
  fi
  local apt_opts=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
  if ((NEWSROOM_APT_UPDATED == 0)); then
    log "apt-get update (missing: ${missing[*]})"
    local try
    for try in 1 2 3 4 5 6 7 8 9 10; do
      # apt-get update takes the lists lock, which DPkg::Lock::Timeout does not cover.
      if DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -qq >&2; then
        break
      fi
      ((try < 10)) || die "apt-get update failed"
      log "apt-get update failed (another apt run holds the lock?); retrying in 15s"
      sleep 15
    done
    NEWSROOM_APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq \
    --no-install-recommends "${missing[@]}" >&2 ||
    die "apt-get install ${missing[*]} failed"
}

# Fail with a hint when a command is missing.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed: $2"
}
