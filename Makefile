# Newsroom: every command a developer or CI needs. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3.11
UV := $(shell tools/ensure-uv.sh)
export UV
RUN := $(UV) run --frozen
INFRA := deploy/local/infra.sh
WEB := tools/web.sh
K8S := deploy/local/k8s.sh
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: ## install Python deps (locked) and the local stack's components
	$(UV) sync --frozen
	$(INFRA) install

.PHONY: sync
sync:
	@$(UV) sync --frozen --quiet

.PHONY: web-deps
web-deps: ## npm packages of the portal (hls.js, axe-core, lighthouse) and of the newsroom app, from their lockfiles
	@tools/web-deps.sh >/dev/null
	@$(WEB) deps

.PHONY: proto
proto: sync ## regenerate Python code from proto/ (commit the result)
	tools/proto.sh gen

.PHONY: proto-check
proto-check: sync ## fail when generated code is stale or protos break buf lint
	tools/proto.sh check
	tools/proto.sh lint

.PHONY: lint
lint: sync ## ruff, ruff format --check, mypy --strict, proto drift, buf lint, the app's tsc and API drift
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy
	$(MAKE) proto-check
	$(RUN) pre-commit validate-config .pre-commit-config.yaml
	$(WEB) check

.PHONY: web-api
web-api: sync ## regenerate the newsroom app's API types from the gateway's OpenAPI (commit them)
	$(WEB) api

.PHONY: web-build
web-build: ## build the newsroom app into web/newsroom/dist (skipped when nothing changed)
	$(WEB) build

.PHONY: fmt
fmt: sync ## apply ruff fixes and formatting
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

.PHONY: infra-up
infra-up: ## start PostgreSQL, Kafka, S3, Keycloak on loopback (COMPONENTS="kafka s3": some); fails naming what is unhealthy
	$(INFRA) up $(COMPONENTS)

.PHONY: infra-down
infra-down: ## stop the local stack (or COMPONENTS="...")
	$(INFRA) down $(COMPONENTS)

.PHONY: infra-status
infra-status: ## health of each local component
	$(INFRA) status

# One id per `make test`: every topic, group, database and bucket the run makes carries it
# (newsroom_core.testing.run), and the last step fails if the shared stack still holds any.
ifndef NEWSROOM_TEST_RUN
NEWSROOM_TEST_RUN := r$(shell od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
endif

.PHONY: test
test: sync ## everything CI checks: lint, proto drift, all tests (browser ones too) on the real stack, chart and cluster tests (the full chaos run: make fault)
	@# The cluster's Go builds (the longest step on a fresh machine: start them first) and
	@# the image builds (content-hashed: seconds when nothing changed; they need the built
	@# app) overlap the web build, the stack's install and the tests.
	@mkdir -p .local/logs; $(K8S) install >.local/logs/k8s-install.log 2>&1 & k8s_install=$$!; \
	  $(MAKE) web-deps web-build || { kill $$k8s_install; exit 1; }; \
	  deploy/images/build.sh >.local/logs/images.log 2>&1 & images=$$!; \
	  echo "k8s: installing the local cluster and building the images in the background" \
	    "(logs: .local/logs/k8s-install.log, .local/logs/images.log)"; \
	  status=0; $(MAKE) infra-up && $(MAKE) lint \
	    && NEWSROOM_TEST_RUN=$(NEWSROOM_TEST_RUN) $(RUN) pytest -m "not chaos" $(PYTEST_ARGS) $(K8S_TESTS_APART) || status=$$?; \
	  wait $$k8s_install || { tail -n 30 .local/logs/k8s-install.log; exit 1; }; \
	  wait $$images || { tail -n 30 .local/logs/images.log; exit 1; }; \
	  [[ $$status == 0 ]] || exit $$status
	$(MAKE) helm-check
	NEWSROOM_TEST_RUN=$(NEWSROOM_TEST_RUN) $(MAKE) test-k8s
	$(RUN) python -m newsroom_core.testing.leftovers $(NEWSROOM_TEST_RUN)

# The chart and cluster suites run in their own targets, after the rest.
K8S_TESTS_APART := --ignore=tests/helm --ignore=tests/k8s

.PHONY: test-web
test-web: sync infra-up web-deps web-build ## the portal's and the newsroom app's tests: HTTP, and Playwright on the machine's Chromium (screenshots in .artifacts/web)
	$(RUN) pytest web/portal/tests tests/web $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: sync ## unit tests only (no stack needed)
	$(RUN) pytest -m "not postgres and not kafka and not s3 and not keycloak" $(PYTEST_ARGS) $(K8S_TESTS_APART)

.PHONY: fault
fault: sync infra-up ## fault tests and the chaos run: processes, brokers, databases killed mid-way
	$(RUN) pytest -m "fault or chaos" $(PYTEST_ARGS)

.PHONY: dev
dev: sync infra-up web-deps web-build ## start the whole stack with demo data and the newsroom app in the foreground (Ctrl-C stops it)
	$(RUN) newsroom dev

.PHONY: bench
bench: sync infra-up web-deps web-build ## run bench/$(NAME).py, e.g. make bench NAME=outbox (its options: BENCH_ARGS="--keep")
	@test -n "$(NAME)" || { echo "usage: make bench NAME=<name> (one of: $$(ls bench/*.py | xargs -n1 basename | sed 's/\.py$$//' | tr '\n' ' '))"; exit 2; }
	$(RUN) python bench/$(NAME).py $(BENCH_ARGS)

.PHONY: images
images: web-deps web-build ## build every image with buildah (base from Debian packages), print each size; SBOMs in .local/images/sbom
	deploy/images/build.sh

.PHONY: k8s-up
k8s-up: ## install (cached) and start the local Kubernetes cluster on 127.0.0.1 (etcd, apiserver, ..., kubelet)
	$(K8S) up

.PHONY: k8s-down
k8s-down: ## stop the local cluster (the cached binaries stay)
	$(K8S) down

.PHONY: k8s-deploy
k8s-deploy: sync infra-up web-deps web-build k8s-up ## build and import the images, helm install the chart's local profile, provision demo tenants
	$(K8S) deploy

.PHONY: helm-check
helm-check: sync ## helm lint, render every values file + 30 subsidiaries, validate offline and on the local apiserver, chart tests
	$(K8S) up --control-plane
	$(RUN) python tools/helm_check.py

.PHONY: test-k8s
test-k8s: sync infra-up web-deps web-build k8s-up ## install the chart on the local cluster: pods Ready from local images, e2e, drain, upgrade (hooks once), rollback, uninstall
	$(RUN) pytest tests/k8s -p no:randomly -v --durations=0 --ignore=tests/k8s/test_fleet.py $(K8S_PYTEST_ARGS)

# Not in `make test` (kwok's build, 31 releases: minutes on 2 cores); bench/rollout.py times it.
.PHONY: test-fleet
test-fleet: sync k8s-up ## the group + 30 subsidiary releases on kwok's simulated nodes all reach Available
	$(RUN) pytest tests/k8s/test_fleet.py -p no:randomly -v $(K8S_PYTEST_ARGS)
