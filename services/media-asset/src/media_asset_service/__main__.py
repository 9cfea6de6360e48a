"""``python -m media_asset_service``: settings -> logging -> assembled process -> serve."""

from __future__ import annotations

from media_asset_service.settings import MediaAssetSettings
from media_asset_service.wiring import assemble
from newsroom_core.runtime import run_service

if __name__ == "__main__":
    run_service(MediaAssetSettings, assemble)
