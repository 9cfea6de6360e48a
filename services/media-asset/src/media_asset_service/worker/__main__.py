"""``python -m media_asset_service.worker``: settings -> logging -> assembled worker ->
run until SIGTERM (running jobs go back to the queue)."""

from __future__ import annotations

from media_asset_service.settings import MediaWorkerSettings
from media_asset_service.worker.wiring import assemble
from newsroom_core.runtime import run_service

if __name__ == "__main__":
    run_service(MediaWorkerSettings, assemble)
