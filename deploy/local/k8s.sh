#!/usr/bin/env bash
# The local Kubernetes cluster: a real etcd, kube-apiserver, controller-manager,
# scheduler, containerd and kubelet, all on 127.0.0.1, built and cached by these scripts.
#   deploy/local/k8s.sh install    build/fetch what is missing (cached in $NEWSROOM_CACHE)
#   deploy/local/k8s.sh up|down    start / stop the control plane and the node
#   deploy/local/k8s.sh kwok       install (cached) and start kwok's simulated nodes (fleet checks)
#   deploy/local/k8s.sh status     what runs, and whether the node is Ready
#   deploy/local/k8s.sh deploy     build and import the images, helm install the local profile
#   deploy/local/k8s.sh env        KUBECONFIG=... and the tool paths, for `eval`
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=k8s/install.sh
source "$NEWSROOM_LOCAL_DIR/k8s/install.sh"
# shellcheck source=k8s/cluster.sh
source "$NEWSROOM_LOCAL_DIR/k8s/cluster.sh"
# shellcheck source=k8s/deploy.sh
source "$NEWSROOM_LOCAL_DIR/k8s/deploy.sh"

cmd="${1:-}"
shift || true
case "$cmd" in
  install) k8s_install ;;
  up) k8s_install && k8s_up "$@" ;;
  deploy) k8s_deploy ;;
  images) k8s_images "${1:-local}" ;;
  images-tag) k8s_ctr images tag --force "$1" "$2" >/dev/null ;;
  images-rm) k8s_ctr images rm "$@" >/dev/null 2>&1 || true ;;
  cli-env) k8s_cli_env ;;
  kwok) k8s_kwok_up ;;
  down) k8s_down ;;
  status) k8s_status ;;
  env) k8s_env ;;
  *) echo "usage: $0 install|up [--control-plane]|kwok|down|status|deploy|images [TAG]|env|cli-env" >&2; exit 2 ;;
esac
