"""``python -m content_service``: settings -> logging -> assembled process -> serve."""

from __future__ import annotations

from content_service.settings import ContentSettings
from content_service.wiring import assemble
from newsroom_core.runtime import run_service

if __name__ == "__main__":
    run_service(ContentSettings, assemble)
