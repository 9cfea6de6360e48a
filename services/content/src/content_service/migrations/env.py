from sqlmodel import SQLModel

# noqa: F401 below: imported to register each aggregate's tables on SQLModel.metadata
import content_service.models  # noqa: F401
import content_service.stories.models  # noqa: F401
import content_service.tenants.models  # noqa: F401
from newsroom_core.alembic_env import run

run(SQLModel.metadata)
