from sqlmodel import SQLModel

import content_service.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from newsroom_core.alembic_env import run

run(SQLModel.metadata)
