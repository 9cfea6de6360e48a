# shellcheck shell=bash
# Keycloak (Quarkus distribution from Maven Central, org.keycloak:keycloak-quarkus-dist
# zip) in dev mode on 127.0.0.1:$NEWSROOM_KEYCLOAK_PORT with the realm imported at start:
# deploy/local/keycloak/newsroom-realm.json (what a deployment imports) merged with the dev
# overlays in deploy/local/keycloak/dev/ (demo tenants and users, the newsroom-test client
# for the password grant) by deploy/local/keycloak/compose_realm.py.
#
# The unzipped dist stays in $NEWSROOM_CACHE. Keycloak hard-codes its import folder and
# H2 database under <home>/data, so each clone gets its own small "home" in
# .local/infra/keycloak/home: a copy of bin/kc.sh (kc.sh derives the home from its own
# real path), symlinks to the dist's lib, conf, themes and providers, and a real data/.

NEWSROOM_KEYCLOAK_VERSION="${NEWSROOM_KEYCLOAK_VERSION:-26.7.3}"
NEWSROOM_KEYCLOAK_PORT="${NEWSROOM_KEYCLOAK_PORT:-58080}"
KEYCLOAK_REALM_DIR="$NEWSROOM_LOCAL_DIR/keycloak"

# A local Keycloak starts far more often than it runs long (every infra-up after a crash,
# the fault tests' restarts): C1 only and the serial collector halve the CPU a start
# costs (measured: 8.8 s against 15-19 s, 8 s to healthy against 9-12 s), for token
# grants about a third slower (147 ms against 100 ms). Empty: Keycloak's own defaults.
NEWSROOM_KEYCLOAK_JAVA_OPTS="${NEWSROOM_KEYCLOAK_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:-UseG1GC -XX:+UseSerialGC}"

keycloak_port() { printf '%s' "$NEWSROOM_KEYCLOAK_PORT"; }
keycloak_dist() { printf '%s/keycloak-%s' "$NEWSROOM_CACHE" "$NEWSROOM_KEYCLOAK_VERSION"; }
keycloak_home() { printf '%s/home' "$(component_dir keycloak)"; }
keycloak_url() { printf 'http://127.0.0.1:%s' "$NEWSROOM_KEYCLOAK_PORT"; }

# Keycloak 26.7 runs on Java 17; NEWSROOM_KEYCLOAK_JAVA_HOME picks another JDK (e.g.
# /usr/lib/jvm/temurin-25-jdk-amd64 for a Keycloak that needs 21+).
keycloak_java_home() {
  if [[ -n "${NEWSROOM_KEYCLOAK_JAVA_HOME:-}" ]]; then
    printf '%s' "$NEWSROOM_KEYCLOAK_JAVA_HOME"
  elif [[ -n "${JAVA_HOME:-}" ]]; then
    printf '%s' "$JAVA_HOME"
  else
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  fi
}

keycloak_install() {
  local dist tmp
  dist="$(keycloak_dist)"
  if [[ -f "$dist/.complete" ]]; then
    log "keycloak: Keycloak $NEWSROOM_KEYCLOAK_VERSION cached in $dist"
    return 0
  fi
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt_install openjdk-17-jre-headless maven
  fi
  command -v unzip >/dev/null 2>&1 || apt_install unzip
  log "keycloak: fetching org.keycloak:keycloak-quarkus-dist:$NEWSROOM_KEYCLOAK_VERSION:zip from Maven Central (~180 MB)"
  mkdir -p "$NEWSROOM_CACHE"
  tmp="$(mktemp -d "$NEWSROOM_CACHE/keycloak-download.XXXXXX")"
  # Run outside any project so Maven does not pick up a pom.xml.
  if ! (cd "$tmp" && mvn -q -B dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$NEWSROOM_KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1); then
    show_log_tail "$tmp/mvn.log" 40
    die "keycloak: mvn dependency:copy of keycloak-quarkus-dist $NEWSROOM_KEYCLOAK_VERSION failed"
  fi
  unzip -q "$tmp/keycloak-quarkus-dist-$NEWSROOM_KEYCLOAK_VERSION.zip" -d "$tmp" ||
    die "keycloak: unzip failed"
  rm -rf "$dist"
  mv "$tmp/keycloak-$NEWSROOM_KEYCLOAK_VERSION" "$dist"
  rm -rf "$tmp"
  touch "$dist/.complete"
  log "keycloak: unpacked into $dist"
}

# Matches kc.sh and, after its re-augmentation exec, java (-Dkc.home.dir=<home>/bin/..).
keycloak_pid() { running_pid keycloak "$(keycloak_home)/bin/"; }

keycloak_healthy() {
  http_ok "$(keycloak_url)/realms/newsroom/.well-known/openid-configuration"
}

keycloak_realm_files() {
  printf '%s\n' "$KEYCLOAK_REALM_DIR/compose_realm.py" "$KEYCLOAK_REALM_DIR/newsroom-realm.json" \
    "$KEYCLOAK_REALM_DIR"/dev/*.json
}

keycloak_realm_hash() {
  keycloak_realm_files | xargs cat | sha256sum | cut -d' ' -f1
}

# (Re)build the per-clone home; wipe the H2 database when the realm files changed so the
# next start imports them again (--import-realm skips realms that already exist).
keycloak_prepare_home() {
  local dist home dir hash d
  dist="$(keycloak_dist)"
  home="$(keycloak_home)"
  dir="$(component_dir keycloak)"
  mkdir -p "$home/bin" "$home/data/import"
  cp "$dist/bin/kc.sh" "$home/bin/kc.sh"
  for d in lib conf themes providers; do ln -sfn "$dist/$d" "$home/$d"; done
  hash="$(keycloak_realm_hash)"
  if [[ "$(cat "$dir/realm.sha256" 2>/dev/null)" != "$hash" ]]; then
    if [[ -d "$home/data/h2" ]]; then
      log "keycloak: realm files changed; wiping the dev database to re-import them"
    fi
    rm -rf "$home/data/h2" "$home/data/tmp"
    rm -f "$home/data/import/"*.json
    python3 "$KEYCLOAK_REALM_DIR/compose_realm.py" "$KEYCLOAK_REALM_DIR/newsroom-realm.json" \
      "$home/data/import/newsroom-realm.json" "$KEYCLOAK_REALM_DIR"/dev/*.json ||
      die "keycloak: could not compose the realm from $KEYCLOAK_REALM_DIR"
    printf '%s\n' "$hash" >"$dir/realm.sha256"
  fi
}

# kc.sh runs java as its child. When kc.sh dies alone (SIGKILL), java lives on, serving
# the port; when java dies, kc.sh exits too. No live kc.sh here: kill what is left.
keycloak_clear_crash() {
  # shellcheck disable=SC2046 # one pid per word
  kill_leftovers keycloak "kc.sh" $(pids_matching "$(keycloak_home)/bin/")
}

# The java of a killed kc.sh that still serves this clone's realm: keep it (a restart
# costs half a minute) and let the pid file name it from now on.
keycloak_adopt_orphan() {
  local pids
  mapfile -t pids < <(pids_matching "$(keycloak_home)/bin/")
  ((${#pids[@]} == 1)) || return 1
  [[ "$(cat "$(component_dir keycloak)/realm.sha256" 2>/dev/null)" == "$(keycloak_realm_hash)" ]] ||
    return 1
  keycloak_healthy || return 1
  log "keycloak: its kc.sh wrapper is gone but java (pid ${pids[0]}) still serves; keeping it"
  write_pid keycloak "${pids[0]}"
}

keycloak_launch() {
  local home log_file pid java_home
  home="$(keycloak_home)"
  log_file="$(component_log keycloak)"
  if pid="$(keycloak_pid)"; then
    if [[ "$(cat "$(component_dir keycloak)/realm.sha256" 2>/dev/null)" == "$(keycloak_realm_hash)" ]]; then
      log "keycloak: already running (pid $pid, port $NEWSROOM_KEYCLOAK_PORT)"
      return 0
    fi
    log "keycloak: realm files changed; restarting"
    keycloak_stop
  fi
  if keycloak_adopt_orphan; then return 0; fi
  keycloak_clear_crash
  require_port_free "$NEWSROOM_KEYCLOAK_PORT" NEWSROOM_KEYCLOAK_PORT keycloak
  [[ -f "$(keycloak_dist)/.complete" ]] || die "keycloak: not installed; run deploy/local/infra.sh install"
  ensure_state_dirs keycloak
  keycloak_prepare_home
  java_home="$(keycloak_java_home)"
  log "keycloak: starting Keycloak $NEWSROOM_KEYCLOAK_VERSION on $(keycloak_url) (first start on a machine builds Keycloak and imports the realm: 1-3 min)"
  printf '\n===== %s start =====\n' "$(date -Is)" >>"$log_file"
  pid="$(
    cd "$home" && JAVA_HOME="$java_home" JAVA_OPTS_APPEND="$NEWSROOM_KEYCLOAK_JAVA_OPTS" \
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
      spawn "$log_file" "$home/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$NEWSROOM_KEYCLOAK_PORT" --import-realm
  )"
  write_pid keycloak "$pid"
}

keycloak_wait() {
  local pid
  pid="$(keycloak_pid)" || die "keycloak: not running"
  wait_healthy keycloak "${NEWSROOM_KEYCLOAK_WAIT_S:-300}" "$pid" "$(component_log keycloak)" keycloak_healthy
}

keycloak_detail() {
  printf 'Keycloak %s, realm newsroom, admin console %s/admin (admin/admin)' \
    "$NEWSROOM_KEYCLOAK_VERSION" "$(keycloak_url)"
}

keycloak_stop() {
  local pid
  if pid="$(keycloak_pid)"; then
    log "keycloak: stopping (pid $pid)"
    stop_pid "$pid" keycloak 30
  fi
  clear_pid keycloak
}

keycloak_reset() {
  keycloak_stop
  log "keycloak: wiping $(component_dir keycloak)"
  rm -rf "$(component_dir keycloak)"
}

keycloak_env() {
  printf 'NEWSROOM_KEYCLOAK_PORT=%s\n' "$NEWSROOM_KEYCLOAK_PORT"
  printf 'NEWSROOM_KEYCLOAK_URL=%s\n' "$(keycloak_url)"
  printf 'NEWSROOM_KEYCLOAK_REALM=newsroom\n'
  printf 'NEWSROOM_KEYCLOAK_ADMIN=admin\n'
  printf 'NEWSROOM_KEYCLOAK_ADMIN_PASSWORD=admin\n'
  printf 'NEWSROOM_KEYCLOAK_GATEWAY_CLIENT=newsroom-gateway\n'
  printf 'NEWSROOM_KEYCLOAK_GATEWAY_SECRET=newsroom-gateway-dev-secret\n'
  printf 'NEWSROOM_KEYCLOAK_WEB_CLIENT=newsroom-web\n'
  printf 'NEWSROOM_KEYCLOAK_TEST_CLIENT=newsroom-test\n'
}
