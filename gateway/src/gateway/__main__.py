"""``python -m gateway``: settings -> logging -> uvicorn on GATEWAY_HTTP__HOST:PORT."""

from __future__ import annotations

import uvicorn

from gateway.main import create_app
from gateway.settings import GatewaySettings
from newsroom_core.logging import configure_logging


def main() -> None:
    settings = GatewaySettings()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    uvicorn.run(
        create_app(settings),
        host=settings.http.host,
        port=settings.http.port,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        server_header=False,
    )


if __name__ == "__main__":
    main()
