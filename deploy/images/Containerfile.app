# syntax=docker/dockerfile:1
# The newsroom app (web/newsroom): its built files (make web-build) behind serve.py, which
# needs nothing but Python's standard library. `make images` builds it here with buildah
# FROM the Debian-made Python base; with Docker, unchanged FROM the public python:3.11-slim:
#   make web-build && docker build -f deploy/images/Containerfile.app -t newsroom-app .
ARG BASE=docker.io/library/python:3.11-slim

# ---- pid1: tini from the base (Debian) or from apt (python:slim)
FROM ${BASE} AS pid1
RUN set -eu; \
    if ! command -v tini-static >/dev/null; then \
      apt-get update -qq && apt-get install -y -qq --no-install-recommends tini >/dev/null; \
    fi; \
    install -D -m 0755 "$(command -v tini-static)" /opt/pid1/tini

# ---- runtime-root: the base without package managers, pip or build leftovers
FROM ${BASE} AS runtime-root
COPY deploy/images/prune_rootfs.py /prune_rootfs.py
RUN ["python3", "/prune_rootfs.py"]

# ---- final: one flattened base layer + the app
FROM scratch
ARG SERVICE_TITLE="Newsroom app"
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
ARG SOURCE=https://example.invalid/newsroom
ARG LICENSES=NOASSERTION
COPY --from=runtime-root / /
COPY --from=pid1 /opt/pid1/tini /usr/local/bin/tini
COPY web/newsroom/serve.py /opt/newsroom-app/serve.py
COPY web/newsroom/dist /opt/newsroom-app/dist
# what the bundle was built from, for the SBOM (deploy/images/sbom.py)
COPY web/newsroom/package-lock.json /opt/newsroom-app/package-lock.json
ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 HOME=/tmp NEWSROOM_APP_ROOT=/opt/newsroom-app/dist
LABEL org.opencontainers.image.title="newsroom-app" \
      org.opencontainers.image.description="${SERVICE_TITLE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.vendor="Newsroom" \
      org.opencontainers.image.licenses="${LICENSES}"
USER 10001:10001
WORKDIR /tmp
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/tini", "--"]
CMD ["python3", "/opt/newsroom-app/serve.py"]
