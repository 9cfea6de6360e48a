"""``python -m content_service``: settings -> logging -> assembled process -> serve."""

from __future__ import annotations

from content_service.settings import ContentSettings
from content_service.wiring import assemble
from newsroom_core.logging import configure_logging


def main() -> None:
    settings = ContentSettings()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    assemble(settings).runtime.serve_forever()


if __name__ == "__main__":
    main()
