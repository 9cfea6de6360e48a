from sqlmodel import SQLModel

# Each aggregate's models module registers its tables.
import editorial_approval_service.audit.models  # noqa: F401
import editorial_approval_service.freezes.models  # noqa: F401
import editorial_approval_service.policy.models  # noqa: F401
import editorial_approval_service.workflow.models  # noqa: F401
from newsroom_core.alembic_env import run

run(SQLModel.metadata)
