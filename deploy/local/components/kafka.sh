# shellcheck shell=bash
# Apache Kafka (KRaft, one node that is both broker and controller). The broker jars come
# from Maven Central (deploy/local/kafka/pom.xml) into $NEWSROOM_CACHE/kafka-<v>/libs;
# the log dirs live in .local/infra/kafka/data and survive restarts.

NEWSROOM_KAFKA_VERSION="${NEWSROOM_KAFKA_VERSION:-4.4.0}"
NEWSROOM_KAFKA_PORT="${NEWSROOM_KAFKA_PORT:-59092}"
NEWSROOM_KAFKA_CONTROLLER_PORT="${NEWSROOM_KAFKA_CONTROLLER_PORT:-59093}"
NEWSROOM_KAFKA_HEAP="${NEWSROOM_KAFKA_HEAP:-512m}"

kafka_port() { printf '%s' "$NEWSROOM_KAFKA_PORT"; }
kafka_home() { printf '%s/kafka-%s' "$NEWSROOM_CACHE" "$NEWSROOM_KAFKA_VERSION"; }

kafka_java() {
  if [[ -n "${NEWSROOM_KAFKA_JAVA:-}" ]]; then
    printf '%s' "$NEWSROOM_KAFKA_JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    printf '%s' "$JAVA_HOME/bin/java"
  else
    command -v java
  fi
}

kafka_install() {
  local home tmp
  home="$(kafka_home)"
  if [[ -f "$home/.complete" ]]; then
    log "kafka: Apache Kafka $NEWSROOM_KAFKA_VERSION jars cached in $home/libs"
    return 0
  fi
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt_install openjdk-17-jre-headless maven
  fi
  log "kafka: fetching Apache Kafka $NEWSROOM_KAFKA_VERSION jars from Maven Central (~1 min when ~/.m2 is cold)"
  mkdir -p "$NEWSROOM_CACHE"
  tmp="$(mktemp -d "$NEWSROOM_CACHE/kafka-download.XXXXXX")"
  if ! mvn -q -B -f "$NEWSROOM_LOCAL_DIR/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -Dkafka.version="$NEWSROOM_KAFKA_VERSION" \
    -DoutputDirectory="$tmp/libs" >"$tmp/mvn.log" 2>&1; then
    show_log_tail "$tmp/mvn.log" 40
    die "kafka: mvn dependency:copy-dependencies failed for kafka_2.13:$NEWSROOM_KAFKA_VERSION" \
      "(try another version with NEWSROOM_KAFKA_VERSION=4.3.1)"
  fi
  rm -rf "$home"
  mkdir -p "$home"
  mv "$tmp/libs" "$home/libs"
  rm -rf "$tmp"
  touch "$home/.complete"
  log "kafka: $(find "$home/libs" -name '*.jar' | wc -l) jars in $home/libs"
}

# A new KRaft cluster id (base64url of 16 random bytes, as kafka-storage random-uuid).
kafka_cluster_id() {
  "$NEWSROOM_PY" -c 'import base64, uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))'
}

kafka_pid() { running_pid kafka "$(component_dir kafka)/server.properties"; }

kafka_healthy() {
  "$NEWSROOM_PY" "$NEWSROOM_LOCAL_DIR/kafka_ready.py" -q --timeout 2 \
    --bootstrap "127.0.0.1:$NEWSROOM_KAFKA_PORT"
}

kafka_write_config() {
  local dir="$1"
  cat >"$dir/server.properties" <<EOF
# Written by deploy/local/components/kafka.sh on every start; edit that file instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$NEWSROOM_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$NEWSROOM_KAFKA_PORT,CONTROLLER://127.0.0.1:$NEWSROOM_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$NEWSROOM_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# One node is broker and controller. After a crash the restarted broker cannot register
# until the controller expires its previous incarnation's session (DUPLICATE_BROKER_
# REGISTRATION); the default 9 s session is most of a restart. Loopback, one node: 3 s.
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=500
log.retention.hours=168
log.segment.bytes=104857600
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
# Written by deploy/local/components/kafka.sh. stdout goes to .local/logs/kafka.log.
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
}

kafka_launch() {
  local dir home java log_file pid cluster_id
  dir="$(component_dir kafka)"
  home="$(kafka_home)"
  log_file="$(component_log kafka)"
  if pid="$(kafka_pid)"; then
    log "kafka: already running (pid $pid, port $NEWSROOM_KAFKA_PORT)"
    return 0
  fi
  # A broker of this state dir that the pid file does not name (pid file lost or
  # overwritten): two brokers on one log dir must never run.
  # shellcheck disable=SC2046 # one pid per word
  kill_leftovers kafka "broker" $(pids_matching "$dir/server.properties")
  require_port_free "$NEWSROOM_KAFKA_PORT" NEWSROOM_KAFKA_PORT kafka
  require_port_free "$NEWSROOM_KAFKA_CONTROLLER_PORT" NEWSROOM_KAFKA_CONTROLLER_PORT kafka
  [[ -f "$home/.complete" ]] || die "kafka: not installed; run deploy/local/infra.sh install"
  ensure_state_dirs kafka
  mkdir -p "$dir/data"
  kafka_write_config "$dir"
  java="$(kafka_java)"
  # A restart is what the recovery bench times, on two cores shared with the whole
  # pipeline catching up: the serial collector, C1 only and a class archive of Kafka's own
  # classes start the broker in half the CPU (4.8 s -> 2.2 s idle; docs/adr/0007). A
  # development broker never needs C2's peak throughput.
  local java_opts=(
    "-Xms128m" "-Xmx$NEWSROOM_KAFKA_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
    -Djava.awt.headless=true "-Dlog4j2.configurationFile=$dir/log4j2.properties"
    -cp "$home/libs/*"
  )
  kafka_class_archive "$java" "$dir" "${java_opts[@]}"
  [[ -f "$home/kafka-classes.jsa" ]] && java_opts=("-XX:SharedArchiveFile=$home/kafka-classes.jsa" -Xshare:auto "${java_opts[@]}")
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    cluster_id="$(kafka_cluster_id)"
    log "kafka: formatting KRaft storage in $dir/data (cluster id $cluster_id)"
    if ! "$java" "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$dir/server.properties" >"$dir/format.log" 2>&1; then
      show_log_tail "$dir/format.log"
      die "kafka: storage format failed"
    fi
  fi
  log "kafka: starting Apache Kafka $NEWSROOM_KAFKA_VERSION on 127.0.0.1:$NEWSROOM_KAFKA_PORT (controller $NEWSROOM_KAFKA_CONTROLLER_PORT)"
  printf '\n===== %s start =====\n' "$(date -Is)" >>"$log_file"
  pid="$(spawn "$log_file" "$java" "${java_opts[@]}" kafka.Kafka "$dir/server.properties")"
  write_pid kafka "$pid"
}

# Once per cached Kafka and java: start a throwaway broker on this component's ports with
# a scratch log dir and write the classes it loaded to an archive when it stops (AppCDS,
# JDK 13+). Best effort: without an archive the broker starts, only slower.
kafka_class_archive() {
  local java="$1" dir="$2" home stamp have scratch pid waited=0
  shift 2
  home="$(kafka_home)"
  stamp="$(readlink -f "$java") $NEWSROOM_KAFKA_VERSION"
  have="$(cat "$home/kafka-classes.stamp" 2>/dev/null || true)"
  [[ "$have" == "$stamp" && -f "$home/kafka-classes.jsa" ]] && return 0
  [[ "$have" == "$stamp (failed)" ]] && return 0 # tried once with this java: never again
  log "kafka: writing a class archive for faster restarts (once; ~10 s)"
  scratch="$(mktemp -d "$NEWSROOM_CACHE/kafka-archive.XXXXXX")"
  sed "s#^log.dirs=.*#log.dirs=$scratch/data#" "$dir/server.properties" >"$scratch/server.properties"
  if "$java" "$@" kafka.tools.StorageTool format -c "$scratch/server.properties" \
    -t "$(kafka_cluster_id)" \
    >"$scratch/format.log" 2>&1; then
    "$java" "-XX:ArchiveClassesAtExit=$scratch/kafka-classes.jsa" "$@" kafka.Kafka \
      "$scratch/server.properties" >"$scratch/broker.log" 2>&1 9>&- &
    pid=$!
    while ((waited < 600)) && kill -0 "$pid" 2>/dev/null && ! grep -q "Kafka Server started" "$scratch/broker.log"; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -TERM "$pid" 2>/dev/null || true
    waited=0 # the archive is written as the JVM exits: give it 30 s, then give up on it
    while ((waited < 300)) && kill -0 "$pid" 2>/dev/null; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [[ -s "$scratch/kafka-classes.jsa" ]]; then
    mv -f "$scratch/kafka-classes.jsa" "$home/kafka-classes.jsa"
    printf '%s' "$stamp" >"$home/kafka-classes.stamp"
  else
    warn "kafka: no class archive written (see $scratch/broker.log); starting without one"
    printf '%s (failed)' "$stamp" >"$home/kafka-classes.stamp"
    return 0
  fi
  rm -rf "$scratch"
}

kafka_wait() {
  local pid
  pid="$(kafka_pid)" || die "kafka: not running"
  wait_healthy kafka "${NEWSROOM_KAFKA_WAIT_S:-90}" "$pid" "$(component_log kafka)" kafka_healthy
}

kafka_detail() {
  printf 'Apache Kafka %s (KRaft), controller port %s' "$NEWSROOM_KAFKA_VERSION" \
    "$NEWSROOM_KAFKA_CONTROLLER_PORT"
}

kafka_stop() {
  local pid
  if pid="$(kafka_pid)"; then
    log "kafka: stopping (pid $pid)"
    stop_pid "$pid" kafka 45
  fi
  clear_pid kafka
}

kafka_reset() {
  kafka_stop
  log "kafka: wiping $(component_dir kafka)"
  rm -rf "$(component_dir kafka)"
}

kafka_env() {
  printf 'NEWSROOM_KAFKA_PORT=%s\n' "$NEWSROOM_KAFKA_PORT"
  printf 'NEWSROOM_KAFKA_CONTROLLER_PORT=%s\n' "$NEWSROOM_KAFKA_CONTROLLER_PORT"
  printf 'NEWSROOM_KAFKA_BOOTSTRAP=127.0.0.1:%s\n' "$NEWSROOM_KAFKA_PORT"
}
