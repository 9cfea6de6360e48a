from sqlmodel import SQLModel

# Importing each aggregate's models registers its tables on SQLModel.metadata.
import media_asset_service.assets.models  # noqa: F401
import media_asset_service.jobs.models  # noqa: F401
import media_asset_service.quotas.models  # noqa: F401
import media_asset_service.uploads.models  # noqa: F401
import media_asset_service.usage.models  # noqa: F401
from newsroom_core.alembic_env import run

run(SQLModel.metadata)
