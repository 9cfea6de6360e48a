from sqlmodel import SQLModel

# Importing each aggregate's models registers its tables on SQLModel.metadata.
import content_service.media.models  # noqa: F401
import content_service.publishing.models  # noqa: F401
import content_service.stories.models  # noqa: F401
import content_service.tenants.models  # noqa: F401
from newsroom_core.alembic_env import run

run(SQLModel.metadata)
