"""media_asset_service: uploads straight to object storage, verification, metadata,
galleries and versions of media assets, their renditions (made by the media worker) and
their delivery."""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
