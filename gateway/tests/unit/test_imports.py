"""The gateway has no database: importing it must not load the database stack
(SQLAlchemy, psycopg, alembic, SQLModel: ~35 MB of every gateway pod's idle memory)."""

from __future__ import annotations

import subprocess
import sys

DATABASE_STACK = ("sqlalchemy", "sqlmodel", "psycopg", "alembic")


def test_the_gateway_does_not_import_the_database_stack() -> None:
    code = (
        "import sys, gateway.main\n"
        f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & {set(DATABASE_STACK)!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "", f"the gateway imports {result.stdout.strip()}"
