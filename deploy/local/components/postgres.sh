# shellcheck shell=bash
# PostgreSQL 15 from Debian (apt: postgresql postgresql-contrib), a private cluster in
# .local/infra/postgres/data on 127.0.0.1:$NEWSROOM_PG_PORT, trust auth, fsync off.

NEWSROOM_PG_PORT="${NEWSROOM_PG_PORT:-55432}"
PG_BIN="${NEWSROOM_PG_BIN:-/usr/lib/postgresql/15/bin}"

postgres_port() { printf '%s' "$NEWSROOM_PG_PORT"; }
postgres_data_dir() { printf '%s/data' "$(component_dir postgres)"; }

# initdb and postgres refuse to run as root: as root, run them as the postgres user.
postgres_as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_install() {
  if [[ ! -x "$PG_BIN/pg_ctl" || ! -f /usr/share/postgresql/15/extension/unaccent.control ]]; then
    apt_install postgresql postgresql-contrib
  fi
  [[ -x "$PG_BIN/pg_ctl" ]] || die "postgres: $PG_BIN/pg_ctl missing after apt-get install"
  log "postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready ($PG_BIN)"
}

postgres_pid() {
  local pid_line
  [[ -r "$(postgres_data_dir)/postmaster.pid" ]] || return 1
  pid_line="$(head -n 1 "$(postgres_data_dir)/postmaster.pid")"
  pid_alive "$pid_line" || return 1
  # A stale postmaster.pid (after a crash or reboot) may name an unrelated process.
  tr '\0' ' ' <"/proc/$pid_line/cmdline" 2>/dev/null | grep -qF -- "$(postgres_data_dir)" || return 1
  printf '%s' "$pid_line"
}

postgres_healthy() {
  pg_isready -q -h 127.0.0.1 -p "$NEWSROOM_PG_PORT" -U postgres -d postgres -t 2
}

# After a crash of the postmaster (SIGKILL, OOM): its children (backends, checkpointer,
# walwriter...) notice the death only at their next wait and may live on for a moment,
# still attached to the old shared memory; postmaster.pid stays behind, naming a pid that
# may still exist as a zombie until PID 1 reaps it. PostgreSQL then refuses to start
# ('lock file "postmaster.pid" already exists', 'pre-existing shared memory block is
# still in use'). With no live postmaster of this data dir: kill what is left of the old
# cluster, then remove the stale lock file. Never called while a postmaster runs.
postgres_clear_crash() {
  local data lock pid
  data="$(postgres_data_dir)"
  local leftovers=()
  for pid in $(pids_in_dir "$data"); do
    # only PostgreSQL's own processes (a shell may sit in that folder too)
    [[ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" == "$(readlink -f "$PG_BIN/postgres")" ]] &&
      leftovers+=("$pid")
  done
  kill_leftovers postgres "postmaster" "${leftovers[@]}"
  # postmaster.pid, and the Unix socket's lock file (same check, same zombie problem)
  for lock in "$data/postmaster.pid" "$data"/.s.PGSQL.*.lock; do
    [[ -f "$lock" ]] || continue
    pid="$(head -n 1 "$lock")"
    log "postgres: removing stale $(basename "$lock") (pid $pid is $(pid_state "$pid"))"
    rm -f "$lock" "${lock%.lock}"
  done
}

# A postmaster that runs but does not answer may be replaying WAL after a crash or
# shutting down: give it time before deciding it is wedged and restarting it.
postgres_settle() {
  local pid="$1" waited=0
  log "postgres: pid $pid runs but does not accept connections yet; waiting up to 30s"
  while ((waited < 300)); do
    postgres_healthy && return 0
    pid_alive "$pid" || return 1
    sleep 0.1
    waited=$((waited + 1))
  done
  warn "postgres: pid $pid still not accepting connections; restarting it"
  postgres_as_owner "$PG_BIN/pg_ctl" -D "$(postgres_data_dir)" -m immediate -w -t 10 stop \
    >/dev/null 2>&1 || stop_pid "$pid" postgres 5
  return 1
}

# The cluster lives inside the clone, often below /root or a 0700 folder: the postgres
# user needs search (x) permission on every parent folder.
postgres_make_reachable() {
  local dir="$1" d
  [[ "$(id -u)" == 0 ]] || return 0
  runuser -u postgres -- test -x "$dir" 2>/dev/null && return 0
  d="$dir"
  while [[ "$d" != / ]]; do
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      log "postgres: chmod o+x $d (the postgres user must reach its data dir)"
      chmod o+x "$d"
    fi
    d="$(dirname "$d")"
  done
}

postgres_launch() {
  local dir data log_file pid socket_dir
  dir="$(component_dir postgres)"
  data="$(postgres_data_dir)"
  log_file="$(component_log postgres)"
  if pid="$(postgres_pid)"; then
    if postgres_healthy || postgres_settle "$pid"; then
      log "postgres: already running (pid $pid, port $NEWSROOM_PG_PORT)"
      write_pid postgres "$pid"
      return 0
    fi
  fi
  postgres_clear_crash
  require_port_free "$NEWSROOM_PG_PORT" NEWSROOM_PG_PORT postgres
  ensure_state_dirs postgres
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres:postgres "$dir"
    postgres_make_reachable "$dir"
  fi
  if [[ ! -s "$data/PG_VERSION" ]]; then
    log "postgres: initdb $data"
    rm -rf "$data"
    postgres_as_owner "$PG_BIN/initdb" -D "$data" --auth=trust -U postgres -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      {
        show_log_tail "$dir/initdb.log"
        die "postgres: initdb failed"
      }
  fi
  # The server log must be writable by postgres, so it lives in the data dir; the usual
  # logs/ path points at it.
  ln -sfn "$data/server.log" "$log_file"
  # Unix socket paths are limited to 107 bytes; a deep clone gets TCP only.
  socket_dir="$data"
  if ((${#data} > 80)); then socket_dir=""; fi
  log "postgres: starting on 127.0.0.1:$NEWSROOM_PG_PORT"
  if ! postgres_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $NEWSROOM_PG_PORT -k '$socket_dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
    start >"$dir/pg_ctl.log" 2>&1 9>&-; then
    show_log_tail "$dir/pg_ctl.log"
    show_log_tail "$data/server.log"
    die "postgres: pg_ctl start failed"
  fi
  pid="$(postgres_pid)" || die "postgres: started but no postmaster.pid"
  write_pid postgres "$pid"
}

postgres_wait() {
  local pid
  pid="$(postgres_pid)" || die "postgres: not running"
  wait_healthy postgres "${NEWSROOM_PG_WAIT_S:-30}" "$pid" "$(component_log postgres)" postgres_healthy
}

postgres_detail() {
  printf 'PostgreSQL %s, data %s' "$("$PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}')" \
    "$(postgres_data_dir)"
}

postgres_stop() {
  local data pid
  data="$(postgres_data_dir)"
  if pid="$(postgres_pid)"; then
    log "postgres: stopping (pid $pid)"
    postgres_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      stop_pid "$pid" postgres 10
  fi
  clear_pid postgres
}

postgres_reset() {
  postgres_stop
  log "postgres: wiping $(component_dir postgres)"
  rm -rf "$(component_dir postgres)"
}

postgres_env() {
  printf 'NEWSROOM_PG_PORT=%s\n' "$NEWSROOM_PG_PORT"
  printf 'NEWSROOM_PG_DSN=postgresql+psycopg://postgres@127.0.0.1:%s/postgres\n' "$NEWSROOM_PG_PORT"
}
