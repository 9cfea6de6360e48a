"""Where the local stack is: ``.local/infra.env`` written by ``make infra-up``, env overrides.

Used by tests, benchmarks and the ``newsroom`` CLI to find PostgreSQL, Kafka, S3 and Keycloak.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

DEFAULTS = {
    "NEWSROOM_PG_DSN": "postgresql+psycopg://postgres@127.0.0.1:55432/postgres",
    "NEWSROOM_KAFKA_BOOTSTRAP": "127.0.0.1:59092",
    "NEWSROOM_S3_ENDPOINT": "127.0.0.1:59000",
    "NEWSROOM_S3_ACCESS_KEY": "newsroom",
    "NEWSROOM_S3_SECRET_KEY": "newsroom-dev-secret",
    "NEWSROOM_KEYCLOAK_URL": "http://127.0.0.1:58080",
    "NEWSROOM_KEYCLOAK_REALM": "newsroom",
    "NEWSROOM_KEYCLOAK_GATEWAY_CLIENT": "newsroom-gateway",
    "NEWSROOM_KEYCLOAK_GATEWAY_SECRET": "newsroom-gateway-dev-secret",
    "NEWSROOM_KEYCLOAK_WEB_CLIENT": "newsroom-web",
    # password grant, in dev/test realms only (deploy/local/keycloak/dev/)
    "NEWSROOM_KEYCLOAK_TEST_CLIENT": "newsroom-test",
    "NEWSROOM_FFMPEG": "/usr/bin/ffmpeg",
}


def repo_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").exists() and (candidate / "Makefile").exists():
            return candidate
    return here


def state_dir() -> Path:
    return Path(os.environ.get("NEWSROOM_STATE", repo_root() / ".local"))


@dataclass(frozen=True)
class Infra:
    values: dict[str, str]

    @classmethod
    def load(cls) -> Infra:
        values = dict(DEFAULTS)
        env_file = state_dir() / "infra.env"
        if env_file.exists():
            for line in env_file.read_text().splitlines():
                line = line.strip().removeprefix("export ")
                if line and not line.startswith("#") and "=" in line:
                    key, value = line.split("=", 1)
                    values[key.strip()] = value.strip().strip('"').strip("'")
        values.update({k: v for k, v in os.environ.items() if k.startswith("NEWSROOM_")})
        return cls(values)

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    @property
    def pg_url(self) -> str:
        return self.values["NEWSROOM_PG_DSN"]

    @property
    def kafka_bootstrap(self) -> str:
        return self.values["NEWSROOM_KAFKA_BOOTSTRAP"]


def reachable(hostport: str, timeout: float = 1.0) -> bool:
    host, _, port = hostport.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout):
            return True
    except OSError:
        return False
