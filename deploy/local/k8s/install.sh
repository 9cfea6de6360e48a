# shellcheck shell=bash
# Installs what the local Kubernetes cluster, the chart checks and the image builds need,
# into $NEWSROOM_CACHE (kept across clones) and from package registries only:
#   Go module proxy: kube-apiserver, -controller-manager, -scheduler, kubelet, kubectl
#                    (one wrapper module), containerd 2 + runc shim + ctr, helm;
#                    kwok only for the fleet checks (k8s_install_kwok: `make test-fleet`
#                    and bench/rollout.py, not `make test`)
#   Debian:          etcd-server (unpacked, no system daemon), runc, buildah, mmdebstrap
# Sourced by deploy/local/k8s.sh. Builds run in parallel, niced, each with its own log
# and a lock (two clones installing at once share one build); a ticker prints progress.

NEWSROOM_KUBE_VERSION="${NEWSROOM_KUBE_VERSION:-v1.37.2}"
NEWSROOM_CONTAINERD_VERSION="${NEWSROOM_CONTAINERD_VERSION:-v2.4.2}"
NEWSROOM_HELM_VERSION="${NEWSROOM_HELM_VERSION:-v3.22.0}"
NEWSROOM_KWOK_VERSION="${NEWSROOM_KWOK_VERSION:-v0.8.0}"

KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl)
K8S_APT_PACKAGES=(runc buildah mmdebstrap catatonit tini containernetworking-plugins openssl)

kube_bin_dir() { printf '%s/kube-%s/bin' "$NEWSROOM_CACHE" "$NEWSROOM_KUBE_VERSION"; }
containerd_bin_dir() { printf '%s/containerd-%s/bin' "$NEWSROOM_CACHE" "$NEWSROOM_CONTAINERD_VERSION"; }
helm_bin() { printf '%s/helm-%s/bin/helm' "$NEWSROOM_CACHE" "$NEWSROOM_HELM_VERSION"; }
kwok_bin() { printf '%s/kwok-%s/bin/kwok' "$NEWSROOM_CACHE" "$NEWSROOM_KWOK_VERSION"; }
kwok_stage_dir() { printf '%s/kwok-%s/stage' "$NEWSROOM_CACHE" "$NEWSROOM_KWOK_VERSION"; }
etcd_bin() { printf '%s/etcd/usr/bin/etcd' "$NEWSROOM_CACHE"; }

k8s_go() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then printf '/usr/local/go/bin/go'
  else die "k8s: the cluster is built with Go (1.26+) and no 'go' is on PATH"; fi
}

# Run "$@" under a lock named NAME unless DONE_TEST passes; output to the build log.
_locked_build() {
  local name="$1" done_test="$2"
  shift 2
  local lock="$NEWSROOM_CACHE/.$name.lock" build_log="$NEWSROOM_CACHE/$name-build.log"
  eval "$done_test" && return 0
  mkdir -p "$NEWSROOM_CACHE"
  (
    flock 7
    eval "$done_test" && exit 0
    log "k8s: building $name (log: $build_log)"
    local start=$SECONDS
    if ! "$@" >"$build_log" 2>&1; then
      show_log_tail "$build_log" 30
      die "k8s: building $name failed"
    fi
    log "k8s: built $name in $((SECONDS - start))s"
  ) 7>"$lock"
}

_build_kube() {
  local go src out flags="" v="$NEWSROOM_KUBE_VERSION"
  go="$(k8s_go)"
  src="$NEWSROOM_CACHE/kube-$v/src"
  out="$(kube_bin_dir)"
  mkdir -p "$src" "$out"
  # k8s.io/kubernetes refuses `go install` (its go.mod replaces the staging modules with
  # local folders); a wrapper module requires it and points each staging module at its
  # published v0.x twin instead.
  "$go" mod download -json "k8s.io/kubernetes@$v" >"$src/kubernetes.json"
  local gomod staging_v="v0.${v#v1.}"
  gomod="$("$NEWSROOM_PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["GoMod"])' "$src/kubernetes.json")"
  {
    printf 'module newsroom.local/kubebuild\n\ngo 1.26\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n' "$v"
    grep -oE '^\s+k8s\.io/[a-z0-9-]+ => \./staging' "$gomod" | awk -v sv="$staging_v" '{print "\t" $1 " => " $1 " " sv}'
    printf ')\n'
  } >"$src/go.mod"
  flags="-s -w -X k8s.io/component-base/version.gitVersion=$v"
  flags+=" -X k8s.io/component-base/version.gitMajor=1"
  flags+=" -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$v")"
  flags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  flags+=" -X k8s.io/client-go/pkg/version.gitVersion=$v"
  local pkgs=()
  for b in "${KUBE_BINARIES[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  (cd "$src" && GOFLAGS=-mod=mod nice -n 10 "$go" build -trimpath -ldflags "$flags" -o "$out/" "${pkgs[@]}")
}

_build_containerd() {
  GOBIN="$(containerd_bin_dir)" nice -n 10 "$(k8s_go)" install -tags no_btrfs,no_devmapper,no_zfs \
    "github.com/containerd/containerd/v2/cmd/containerd@$NEWSROOM_CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@$NEWSROOM_CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/ctr@$NEWSROOM_CONTAINERD_VERSION"
}

_build_helm() {
  GOBIN="$(dirname "$(helm_bin)")" nice -n 10 "$(k8s_go)" install \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$NEWSROOM_HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$NEWSROOM_HELM_VERSION"
}

_build_kwok() {
  local go mod
  go="$(k8s_go)"
  GOBIN="$(dirname "$(kwok_bin)")" nice -n 10 "$go" install "sigs.k8s.io/kwok/cmd/kwok@$NEWSROOM_KWOK_VERSION"
  # The stage files (how a simulated node and pod move through their states) ship in the
  # module's kustomize folder.
  mod="$("$go" env GOMODCACHE)/sigs.k8s.io/kwok@$NEWSROOM_KWOK_VERSION"
  mkdir -p "$(kwok_stage_dir)"
  cp "$mod"/kustomize/stage/node/fast/*.yaml "$mod"/kustomize/stage/pod/fast/*.yaml "$(kwok_stage_dir)/"
  chmod -R u+w "$(kwok_stage_dir)"
}

_kube_done() { local b; for b in "${KUBE_BINARIES[@]}"; do [[ -x "$(kube_bin_dir)/$b" ]] || return 1; done; }
_containerd_done() { [[ -x "$(containerd_bin_dir)/containerd" && -x "$(containerd_bin_dir)/ctr" && -x "$(containerd_bin_dir)/containerd-shim-runc-v2" ]]; }

# etcd from Debian, unpacked into the cache: installing the package would start a system
# etcd on the default ports.
_install_etcd() {
  [[ -x "$(etcd_bin)" ]] && return 0
  local tmp
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && apt-get download etcd-server >/dev/null 2>&1); then
    log "k8s: apt-get update (for etcd-server)"
    apt-get -o DPkg::Lock::Timeout=900 update -qq >&2 || true
    (cd "$tmp" && apt-get download etcd-server >/dev/null) || die "k8s: apt-get download etcd-server failed"
  fi
  mkdir -p "$NEWSROOM_CACHE/etcd"
  dpkg-deb -x "$tmp"/etcd-server_*.deb "$NEWSROOM_CACHE/etcd"
  rm -rf "$tmp"
  log "k8s: etcd $("$(etcd_bin)" --version | head -n1 | awk '{print $3}') unpacked into $NEWSROOM_CACHE/etcd"
}

_install_apt() {
  local missing=() p
  for p in "${K8S_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  log "k8s: apt-get install ${missing[*]}"
  apt_install "${missing[@]}"
}

# Everything, in parallel; prints a line every 30 s while builds run.
k8s_install() {
  local pids=() names=() i rc=0 start=$SECONDS
  mkdir -p "$NEWSROOM_CACHE"
  if _kube_done && _containerd_done && [[ -x "$(helm_bin)" && -x "$(etcd_bin)" ]]; then
    _install_apt
    return 0
  fi
  # Each job writes its exit status to a file: bash forgets the status of a background job
  # that ended long ago once it has run enough other children (the ticker's sleeps), and
  # `wait` then fails with "not a child of this shell" (seen after a 56-minute kube build).
  local status_dir
  status_dir="$(mktemp -d)"
  _k8s_job() {
    local name="$1"
    shift
    set +e
    (set -e; "$@")
    echo $? >"$status_dir/$name"
  }
  _k8s_job kube _locked_build kube _kube_done _build_kube & pids+=($!); names+=(kube)
  _k8s_job containerd _locked_build containerd _containerd_done _build_containerd & pids+=($!); names+=(containerd)
  _k8s_job helm _locked_build helm '[[ -x "$(helm_bin)" ]]' _build_helm & pids+=($!); names+=(helm)
  _k8s_job debian eval '_install_apt && _install_etcd' & pids+=($!); names+=(debian)
  local running=1 last=$SECONDS
  while ((running)); do
    running=0
    for i in "${!pids[@]}"; do kill -0 "${pids[$i]}" 2>/dev/null && running=1; done
    if ((running && SECONDS - last >= 30)); then
      local busy=()
      for i in "${!pids[@]}"; do kill -0 "${pids[$i]}" 2>/dev/null && busy+=("${names[$i]}"); done
      log "k8s: still installing: ${busy[*]} ($((SECONDS - start))s)"
      last=$SECONDS
    fi
    ((running)) && sleep 2
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" 2>/dev/null || true
    [[ "$(cat "$status_dir/${names[$i]}" 2>/dev/null)" == 0 ]] || { warn "k8s: ${names[$i]} install failed"; rc=1; }
  done
  rm -rf "$status_dir"
  ((rc == 0)) || die "k8s: install failed"
  log "k8s: everything installed in $((SECONDS - start))s"
}

# kwok (simulated nodes) for the fleet checks only: `make test-fleet`, bench/rollout.py.
k8s_install_kwok() {
  _locked_build kwok '[[ -x "$(kwok_bin)" && -d "$(kwok_stage_dir)" ]]' _build_kwok
}
