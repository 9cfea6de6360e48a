# shellcheck shell=bash
# Starts and stops the local cluster. Everything listens on 127.0.0.1 (or on unix
# sockets in the state dir); nothing is routed: there is no pod network and no
# kube-proxy, so the local chart profile runs pods with hostNetwork on loopback ports.
#   etcd 12379/12380, kube-apiserver 16443, controller-manager 16257, scheduler 16259,
#   kubelet 16250 (healthz 16248), kwok 16280; containerd on a unix socket.
# The node is named "localhost" (so the apiserver reaches the kubelet on 127.0.0.1).
# Sourced by deploy/local/k8s.sh after install.sh.

# The cluster's state stays in this clone even when NEWSROOM_STATE points at a stack
# another clone started (the shared stack): pods, etcd and logs are this clone's own.
K8S_DIR="$(realpath -m -- "${NEWSROOM_K8S_STATE:-$NEWSROOM_ROOT/.local/k8s}")"
K8S_ETCD_PORT="${NEWSROOM_K8S_ETCD_PORT:-12379}"
K8S_ETCD_PEER_PORT="${NEWSROOM_K8S_ETCD_PEER_PORT:-12380}"
K8S_API_PORT="${NEWSROOM_K8S_API_PORT:-16443}"
K8S_CM_PORT="${NEWSROOM_K8S_CM_PORT:-16257}"
K8S_SCHED_PORT="${NEWSROOM_K8S_SCHED_PORT:-16259}"
K8S_KUBELET_PORT="${NEWSROOM_K8S_KUBELET_PORT:-16250}"
K8S_KUBELET_HEALTHZ_PORT="${NEWSROOM_K8S_KUBELET_HEALTHZ_PORT:-16248}"
K8S_KWOK_PORT="${NEWSROOM_K8S_KWOK_PORT:-16280}"
K8S_PAUSE_IMAGE="localhost/newsroom/pause:catatonit"
# The processes, in start order; `down` stops them in reverse.
K8S_PROCS=(etcd apiserver controller-manager scheduler containerd kubelet kwok)

k8s_kubeconfig() { printf '%s/kubeconfig' "$K8S_DIR"; }
k8s_kubectl() { "$(kube_bin_dir)/kubectl" --kubeconfig "$(k8s_kubeconfig)" "$@"; }
k8s_ctr() { "$(containerd_bin_dir)/ctr" --address "$K8S_DIR/containerd/containerd.sock" --namespace k8s.io "$@"; }
_k8s_pidfile() { printf '%s/%s.pid' "$K8S_DIR/run" "$1"; }
_k8s_log() { printf '%s/logs/%s.log' "$K8S_DIR" "$1"; }

# The pid of PROC when it runs from this state dir.
_k8s_pid() {
  local file pid
  file="$(_k8s_pidfile "$1")"
  [[ -s "$file" ]] || return 1
  pid="$(head -n1 "$file")"
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$K8S_DIR" || return 1
  printf '%s' "$pid"
}

_k8s_spawn() {
  local name="$1"
  shift
  if _k8s_pid "$name" >/dev/null; then return 0; fi
  printf '\n===== %s start =====\n' "$(date -Is)" >>"$(_k8s_log "$name")"
  setsid "$@" >>"$(_k8s_log "$name")" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$(_k8s_pidfile "$name")"
}

_k8s_wait() {
  local what="$1" timeout="$2" name="$3"
  shift 3
  local waited=0
  until "$@" >/dev/null 2>&1; do
    if ! _k8s_pid "$name" >/dev/null; then
      show_log_tail "$(_k8s_log "$name")" 40
      die "k8s: $name exited while waiting for $what"
    fi
    ((waited < timeout * 2)) || { show_log_tail "$(_k8s_log "$name")" 40; die "k8s: $what not ready after ${timeout}s"; }
    sleep 0.5
    waited=$((waited + 1))
  done
}

# Certificates and tokens, made once per state dir.
_k8s_pki() {
  local pki="$K8S_DIR/pki"
  [[ -s "$pki/apiserver.crt" && -s "$pki/tokens.csv" ]] && return 0
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.crt -subj "/CN=newsroom-local-ca" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile san.ext -out apiserver.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    printf '%s,admin,admin,system:masters\n' "$(openssl rand -hex 24)" >tokens.csv
    chmod 600 ./*.key tokens.csv
  )
}

_k8s_write_kubeconfig() {
  local token
  token="$(cut -d, -f1 "$K8S_DIR/pki/tokens.csv")"
  cat >"$(k8s_kubeconfig)" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: newsroom-local
    cluster: {server: "https://127.0.0.1:$K8S_API_PORT", certificate-authority: "$K8S_DIR/pki/ca.crt"}
users:
  - name: admin
    user: {token: "$token"}
contexts:
  - name: newsroom-local
    context: {cluster: newsroom-local, user: admin}
current-context: newsroom-local
YAML
  chmod 600 "$(k8s_kubeconfig)"
}

_k8s_write_configs() {
  mkdir -p "$K8S_DIR/containerd" "$K8S_DIR/cni" "$K8S_DIR/kubelet"
  cat >"$K8S_DIR/containerd/config.toml" <<TOML
version = 3
root = "$K8S_DIR/containerd/root"
state = "$K8S_DIR/containerd/state"
[grpc]
  address = "$K8S_DIR/containerd/containerd.sock"
[ttrpc]
  address = "$K8S_DIR/containerd/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins.'io.containerd.cri.v1.images'.pinned_images]
  sandbox = "$K8S_PAUSE_IMAGE"
[plugins.'io.containerd.cri.v1.runtime']
  restrict_oom_score_adj = true
  enable_selinux = false
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = "runc"
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ["/usr/lib/cni"]
    conf_dir = "$K8S_DIR/cni"
[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
TOML
  # No pod network: pods use the host's; the loopback plugin only lets the runtime
  # report its network ready.
  printf '{"cniVersion":"1.0.0","name":"newsroom-loopback","plugins":[{"type":"loopback"}]}\n' \
    >"$K8S_DIR/cni/10-loopback.conflist"
  cat >"$K8S_DIR/kubelet/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $K8S_KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $K8S_KUBELET_HEALTHZ_PORT
authentication:
  anonymous: {enabled: true}
  webhook: {enabled: false}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
failCgroupV1: false
cgroupsPerQOS: false
enforceNodeAllocatable: []
failSwapOn: false
containerRuntimeEndpoint: unix://$K8S_DIR/containerd/containerd.sock
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
serializeImagePulls: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
maxPods: 110
podLogsDir: $K8S_DIR/pod-logs
YAML
}

_k8s_pause_image() {
  k8s_ctr images ls -q 2>/dev/null | grep -qxF "$K8S_PAUSE_IMAGE" && return 0
  # The pod sandbox's process: catatonit in pause mode, as a one-file image.
  # shellcheck source=../../images/buildah.sh
  source "$NEWSROOM_ROOT/deploy/images/buildah.sh"
  local ctr tar="$K8S_DIR/pause.tar"
  ctr="$(bah from --quiet scratch)"
  bah copy --quiet "$ctr" /usr/bin/catatonit /catatonit >/dev/null
  bah config --entrypoint '["/catatonit", "-P"]' --user 65535:65535 "$ctr"
  bah commit --quiet --rm "$ctr" "$K8S_PAUSE_IMAGE" >/dev/null
  rm -f "$tar"
  bah push --quiet "$K8S_PAUSE_IMAGE" "oci-archive:$tar:$K8S_PAUSE_IMAGE" >/dev/null
  k8s_ctr images import "$tar" >/dev/null
  log "k8s: imported the sandbox image $K8S_PAUSE_IMAGE"
}

k8s_up() {
  local only_control_plane=0
  [[ "${1:-}" == "--control-plane" ]] && only_control_plane=1
  mkdir -p "$K8S_DIR/run" "$K8S_DIR/logs" "$K8S_DIR/etcd"
  _k8s_pki
  _k8s_write_kubeconfig
  _k8s_write_configs
  local kb
  kb="$(kube_bin_dir)"
  if ! _k8s_pid etcd >/dev/null; then
    require_port_free "$K8S_ETCD_PORT" NEWSROOM_K8S_ETCD_PORT etcd
    require_port_free "$K8S_API_PORT" NEWSROOM_K8S_API_PORT kube-apiserver
  fi
  log "k8s: starting etcd (127.0.0.1:$K8S_ETCD_PORT) and kube-apiserver (127.0.0.1:$K8S_API_PORT)"
  _k8s_spawn etcd "$(etcd_bin)" --name newsroom --data-dir "$K8S_DIR/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$K8S_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$K8S_ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$K8S_ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$K8S_ETCD_PEER_PORT" \
    --initial-cluster "newsroom=http://127.0.0.1:$K8S_ETCD_PEER_PORT" --unsafe-no-fsync --quota-backend-bytes 2147483648
  local pki="$K8S_DIR/pki"
  _k8s_spawn apiserver "$kb/kube-apiserver" --etcd-servers "http://127.0.0.1:$K8S_ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$K8S_API_PORT" \
    --endpoint-reconciler-type none --service-cluster-ip-range 10.96.0.0/16 \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --token-auth-file "$pki/tokens.csv" --authorization-mode RBAC --anonymous-auth=false \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$pki/sa.pub" \
    --service-account-signing-key-file "$pki/sa.key" \
    --kubelet-preferred-address-types Hostname,InternalIP --profiling=false \
    --enable-priority-and-fairness=false --event-ttl 10m --cert-dir "$K8S_DIR/apiserver"
  _k8s_wait "kube-apiserver" 90 apiserver k8s_kubectl get --raw /readyz
  # The node controller takes a node whose Lease is not renewed within the grace period for
  # dead and evicts its pods: kwok renews its nodes' Leases (k8s_kwok_up), and 120 s of
  # grace (default 40 s) keeps a kubelet that a loaded 2-core machine starves for a while from being declared
  # dead. Client QPS above the defaults (20/50): a 31-release fleet creates ~400 pods.
  log "k8s: starting controller-manager, scheduler"
  _k8s_spawn controller-manager "$kb/kube-controller-manager" --kubeconfig "$(k8s_kubeconfig)" \
    --bind-address 127.0.0.1 --secure-port "$K8S_CM_PORT" --leader-elect=false \
    --controllers '*,-node-ipam-controller' \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials=false --cert-dir "$K8S_DIR/controller-manager" \
    --profiling=false --concurrent-deployment-syncs 10 --concurrent-replicaset-syncs 10 \
    --kube-api-qps 100 --kube-api-burst 200 --node-monitor-grace-period 120s
  _k8s_spawn scheduler "$kb/kube-scheduler" --kubeconfig "$(k8s_kubeconfig)" \
    --bind-address 127.0.0.1 --secure-port "$K8S_SCHED_PORT" --leader-elect=false \
    --cert-dir "$K8S_DIR/scheduler" --profiling=false --kube-api-qps 100 --kube-api-burst 200
  if ((only_control_plane == 0)); then
    log "k8s: starting containerd and kubelet (node 'localhost')"
    _k8s_spawn containerd "$(containerd_bin_dir)/containerd" --config "$K8S_DIR/containerd/config.toml"
    _k8s_wait containerd 30 containerd k8s_ctr version
    _k8s_pause_image
    _k8s_spawn kubelet "$kb/kubelet" --config "$K8S_DIR/kubelet/config.yaml" \
      --kubeconfig "$(k8s_kubeconfig)" --hostname-override localhost --root-dir "$K8S_DIR/kubelet/root" \
      --cert-dir "$K8S_DIR/kubelet/pki"
    _k8s_wait "node localhost Ready" 120 kubelet _k8s_node_ready
  fi
  log "k8s: cluster up; KUBECONFIG=$(k8s_kubeconfig)"
}

# kwok, for the fleet checks (not part of `make test`): installed on first use, started
# against the running control plane. Its nodes carry the annotation kwok.x-k8s.io/node=fake;
# it renews their Leases (--node-lease-duration-seconds: its "fast" stages have no
# heartbeat of their own).
k8s_kwok_up() {
  k8s_install_kwok
  _k8s_pid apiserver >/dev/null || die "k8s: the cluster is not up; run make k8s-up first"
  mkdir -p "$K8S_DIR/kwok"
  local stage config="$K8S_DIR/kwok/kwok.yaml" pid
  : >"$config.new"
  # pod-ready applies the next stage (a Job's pod completing) at once: kwok otherwise
  # waits for the apiserver's next event on the pod, ~20 s, which made every migration
  # hook Job of the fleet take that long.
  for stage in "$(kwok_stage_dir)"/{node,pod}-*.yaml; do
    if [[ "$(basename "$stage")" == pod-ready.yaml ]]; then
      sed 's/^spec:$/spec:\n  immediateNextStage: true/' "$stage" >>"$config.new"
    else
      cat "$stage" >>"$config.new"
    fi
    printf '\n---\n' >>"$config.new"
  done
  if ! cmp -s "$config.new" "$config" && pid="$(_k8s_pid kwok)"; then
    log "k8s: restarting kwok (its stages changed)"
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  mv "$config.new" "$config"
  log "k8s: starting kwok (simulated nodes, for the fleet checks)"
  _k8s_spawn kwok "$(kwok_bin)" --kubeconfig "$(k8s_kubeconfig)" --config "$K8S_DIR/kwok/kwok.yaml" \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --server-address "127.0.0.1:$K8S_KWOK_PORT" --cidr 10.250.0.0/16 \
    --node-lease-duration-seconds 40
}

_k8s_node_ready() {
  [[ "$(k8s_kubectl get node localhost -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]
}

k8s_down() {
  local i name pid
  for ((i = ${#K8S_PROCS[@]} - 1; i >= 0; i--)); do
    name="${K8S_PROCS[$i]}"
    if pid="$(_k8s_pid "$name")"; then
      if [[ "$name" == kubelet ]]; then _k8s_stop_pods; fi
      stop_pid "$pid" "$name" 30
      log "k8s: stopped $name"
    fi
    rm -f "$(_k8s_pidfile "$name")"
  done
  # containerd's shims (and the pods' processes) outlive containerd: end the ones of
  # this state dir.
  local shim
  for shim in $(pgrep -f "containerd-shim-runc-v2 .*-address $K8S_DIR/" 2>/dev/null || true); do
    stop_pid "$shim" containerd-shim 10
  done
  _k8s_unmount
}

# Stop every pod's containers before the kubelet goes, so nothing keeps a port.
_k8s_stop_pods() {
  local ids
  ids="$(k8s_ctr containers ls -q 2>/dev/null || true)"
  [[ -n "$ids" ]] || return 0
  local id
  for id in $ids; do k8s_ctr tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
  sleep 1
}

_k8s_unmount() {
  local m
  for m in $(awk -v d="$K8S_DIR/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}

k8s_status() {
  local name pid ok=0
  for name in "${K8S_PROCS[@]}"; do
    if pid="$(_k8s_pid "$name")"; then printf '  %-20s running (pid %s)\n' "$name" "$pid"
    elif [[ "$name" == kwok ]]; then printf '  %-20s stopped (started by make test-fleet only)\n' "$name"
    else printf '  %-20s stopped\n' "$name"; ok=1; fi
  done
  if _k8s_pid apiserver >/dev/null; then k8s_kubectl get nodes -o wide 2>/dev/null | sed 's/^/  /'; fi
  return "$ok"
}

k8s_env() {
  printf 'export KUBECONFIG=%q\n' "$(k8s_kubeconfig)"
  printf 'export NEWSROOM_KUBECTL=%q\n' "$(kube_bin_dir)/kubectl"
  printf 'export NEWSROOM_HELM=%q\n' "$(helm_bin)"
  printf 'export NEWSROOM_CTR=%q\n' "$(containerd_bin_dir)/ctr"
  printf 'export NEWSROOM_CONTAINERD_SOCK=%q\n' "$K8S_DIR/containerd/containerd.sock"
}
