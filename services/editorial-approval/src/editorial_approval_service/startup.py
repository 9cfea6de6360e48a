"""Start-up steps that must be safe when several replicas start at the same moment."""

from __future__ import annotations

from pathlib import Path

import psycopg
from alembic import command

from newsroom_core.db import alembic_config, ensure_database, libpq_dsn

# Any constant shared by every replica of this service; "eamigr" in ASCII.
MIGRATION_LOCK_ID = 0x65616D69677200


def migrate_exclusively(url: str, migrations_dir: Path) -> None:
    """``newsroom_core.db.migrate`` serialised by an advisory lock: replicas starting
    together would otherwise race to create the same tables and one would crash."""
    try:
        ensure_database(url)
    except psycopg.errors.DuplicateDatabase:
        pass  # another replica created it a moment ago
    with psycopg.connect(libpq_dsn(url), autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_ID,))
        try:
            command.upgrade(alembic_config(url, migrations_dir), "head")
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_ID,))
