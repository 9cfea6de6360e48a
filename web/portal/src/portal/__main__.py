"""``python -m portal``: settings -> logging -> ops endpoint -> uvicorn on PORTAL_WEB__HOST:PORT."""

from __future__ import annotations

import logging

import uvicorn

from newsroom_core.http import OpsHttpServer
from newsroom_core.logging import configure_logging
from portal.app import create_app
from portal.settings import PortalSettings


def main() -> None:
    settings = PortalSettings()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per gateway call is noise
    app = create_app(settings)
    ops = OpsHttpServer(
        settings.http.host, settings.http.port, {"page-cache": lambda: app.cache.active}
    ).start()
    try:
        uvicorn.run(
            app,
            host=settings.web.host,
            port=settings.web.port,
            log_config=None,
            access_log=False,
            proxy_headers=False,
            server_header=False,
        )
    finally:
        ops.stop()


if __name__ == "__main__":
    main()
