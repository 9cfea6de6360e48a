from sqlmodel import SQLModel

import editorial_approval_service.models  # noqa: F401 - registers the tables
from newsroom_core.alembic_env import run

run(SQLModel.metadata)
