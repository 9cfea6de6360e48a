# shellcheck shell=bash
# `make k8s-deploy`: images built here, imported into the node's containerd, and the
# chart installed with the local profile against the local stack (make infra-up), which
# is exactly the "external" PostgreSQL, Kafka, S3 and Keycloak the chart expects.
# Then the demo tenants are provisioned through the pods, with the real `newsroom` CLI.

K8S_RELEASE="${NEWSROOM_K8S_RELEASE:-newsroom}"
K8S_NAMESPACE="${NEWSROOM_K8S_NAMESPACE:-newsroom}"
K8S_CHART="$NEWSROOM_ROOT/deploy/helm/newsroom"
K8S_LOCAL_VALUES="$K8S_CHART/ci/local-values.yaml"

k8s_helm() { KUBECONFIG="$(k8s_kubeconfig)" "$(helm_bin)" "$@"; }

# Build every image (unchanged ones are not rebuilt: deploy/images/build.sh names them by
# the hash of their inputs), import into containerd those it does not hold yet, and tag
# each localhost/newsroom/<name>:TAG there. Older content tags are removed from containerd.
k8s_images() {
  local tag="${1:-local}" dir="$K8S_DIR/images" name ctag ref start=$SECONDS
  "$NEWSROOM_ROOT/deploy/images/build.sh" >&2
  # shellcheck source=../../images/buildah.sh
  source "$NEWSROOM_ROOT/deploy/images/buildah.sh"
  mkdir -p "$dir"
  local present
  present="$(k8s_ctr images ls -q 2>/dev/null || true)"
  while read -r name ctag; do
    ref="localhost/newsroom/$name:$ctag"
    if ! grep -qxF "$ref" <<<"$present"; then
      rm -f "$dir/$name.tar"
      # uncompressed layers: gzip is most of a push's time, and the tar is read once, locally
      bah push --quiet --disable-compression "$ref" "oci-archive:$dir/$name.tar:$ref" >/dev/null
      k8s_ctr images import "$dir/$name.tar" >/dev/null
      rm -f "$dir/$name.tar"
      log "k8s: imported $ref into containerd"
      local old
      for old in $(grep -E "^localhost/newsroom/$name:c-[0-9a-f]{16}$" <<<"$present" || true); do
        k8s_ctr images rm "$old" >/dev/null 2>&1 || true
      done
    fi
    k8s_ctr images tag --force "$ref" "localhost/newsroom/$name:$tag" >/dev/null
  done <"$NEWSROOM_ROOT/.local/images/built.txt"
  log "k8s: images ready as :$tag in $((SECONDS - start))s"
}

# The Secrets the local profile names (existingSecret): tools/k8s_local.py makes them
# (Keycloak clients' secrets from the stack's infra.env, identity and portal session keys
# made once per state dir). A changed Secret reaches running pods only through a restart.
k8s_secrets() {
  local ns="$1" changed
  [[ -s "$NEWSROOM_STATE/infra.env" ]] || die "k8s: $NEWSROOM_STATE/infra.env is missing; run make infra-up first"
  changed="$("$NEWSROOM_ROOT/.venv/bin/python" "$NEWSROOM_ROOT/tools/k8s_local.py" secrets "$ns")"
  if [[ "$changed" == changed ]] && k8s_kubectl -n "$ns" get deployments -o name 2>/dev/null | grep -q .; then
    log "k8s: a Secret changed; restarting the release's pods"
    k8s_kubectl -n "$ns" rollout restart deployment >/dev/null
  fi
}

# NEWSROOM_* settings of the `newsroom` CLI pointed at the release's pods.
k8s_cli_env() {
  printf 'NEWSROOM_CONTENT_TARGET=127.0.0.1:15051\n'
  printf 'NEWSROOM_EDITORIAL_TARGET=127.0.0.1:15052\n'
  printf 'NEWSROOM_GATEWAY_URL=http://127.0.0.1:18000\n'
  printf 'NEWSROOM_IDENTITY_SECRET=%s\n' "$(cat "$K8S_DIR/identity.key")"
}

k8s_deploy() {
  local tag="${NEWSROOM_IMAGE_TAG:-local}"
  _k8s_node_ready || die "k8s: the cluster is not up; run make k8s-up"
  k8s_images "$tag"
  k8s_secrets "$K8S_NAMESPACE"
  log "k8s: helm upgrade --install $K8S_RELEASE (namespace $K8S_NAMESPACE, image tag $tag)"
  local start=$SECONDS
  k8s_helm upgrade --install "$K8S_RELEASE" "$K8S_CHART" -n "$K8S_NAMESPACE" \
    -f "$K8S_LOCAL_VALUES" --set image.tag="$tag" --wait --timeout 5m
  # helm --wait accepts a Deployment missing maxUnavailable pods: all of them here.
  k8s_kubectl -n "$K8S_NAMESPACE" rollout status deployment --timeout 300s
  log "k8s: release ready in $((SECONDS - start))s"
  log "k8s: provisioning the demo tenants through the pods"
  local slug name group
  while IFS='|' read -r slug name group; do
    env $(k8s_cli_env | tr '\n' ' ') "$NEWSROOM_ROOT/.venv/bin/newsroom" tenant create "$slug" --name "$name" $group >/dev/null ||
      die "k8s: provisioning tenant $slug failed"
  done <<'TENANTS'
tkv|Tập đoàn TKV|--group-tenant
halong|Công ty Than Hạ Long|
uongbi|Công ty Nhiệt điện Uông Bí|
TENANTS
  k8s_kubectl -n "$K8S_NAMESPACE" get pods -o wide
  log "k8s: gateway at http://127.0.0.1:18000 (try /readyz), portal at http://127.0.0.1:18080/," \
    "newsroom app at http://127.0.0.1:18081/; KUBECONFIG=$(k8s_kubeconfig)"
}
