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

# Build every image as localhost/newsroom/<name>:TAG and import it into containerd.
k8s_images() {
  local tag="${1:-local}" dir="$K8S_DIR/images" tar
  "$NEWSROOM_ROOT/deploy/images/build.sh" --tag "$tag" --export "$dir"
  for tar in "$dir"/*.tar; do
    k8s_ctr images import "$tar" >/dev/null
    log "k8s: imported $(basename "$tar" .tar):$tag into containerd"
  done
}

# The Secrets the local profile names (existingSecret): the gateway's Keycloak client
# secret from the stack's infra.env, and an identity key made once per state dir.
k8s_secrets() {
  local ns="$1" env_file="$NEWSROOM_STATE/infra.env" client_secret key_file="$K8S_DIR/identity.key"
  [[ -s "$env_file" ]] || die "k8s: $env_file is missing; run make infra-up first"
  client_secret="$(awk -F= '$1 == "NEWSROOM_KEYCLOAK_GATEWAY_SECRET" {print $2}' "$env_file")"
  [[ -s "$key_file" ]] || (umask 077 && openssl rand -hex 32 | tr -d "\n" >"$key_file")
  # no trailing newline: the Secret holds the file byte for byte
  k8s_kubectl create namespace "$ns" --dry-run=client -o yaml | k8s_kubectl apply -f - >/dev/null
  local applied
  applied="$(
    k8s_kubectl -n "$ns" create secret generic newsroom-keycloak \
      --from-literal=client-secret="${client_secret:-newsroom-gateway-dev-secret}" --dry-run=client -o yaml |
      k8s_kubectl apply -f -
    k8s_kubectl -n "$ns" create secret generic newsroom-identity --from-file=identity-key="$key_file" \
      --dry-run=client -o yaml | k8s_kubectl apply -f -
  )"
  # A changed Secret reaches running pods only through a restart.
  if grep -q ' configured$' <<<"$applied" && k8s_kubectl -n "$ns" get deployments -o name 2>/dev/null | grep -q .; then
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
  log "k8s: gateway at http://127.0.0.1:18000 (try /readyz); KUBECONFIG=$(k8s_kubeconfig)"
}
