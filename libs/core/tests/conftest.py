from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Engine, create_engine, text

from newsroom_core.db import SessionFactory, session_factory
from newsroom_core.events.tables import create_platform_tables


@pytest.fixture
def platform_db(database_factory: Callable[[str], str]) -> Iterator[tuple[str, Engine]]:
    """A fresh database with the platform tables (as a service's first migration makes them)
    and an ``applied_event`` table the test handlers write to."""
    url = database_factory("core")
    engine = create_engine(url)
    with engine.begin() as conn:
        create_platform_tables(Operations(MigrationContext.configure(conn)))
        conn.execute(
            text("CREATE TABLE applied_event (n bigserial PRIMARY KEY, event_id text NOT NULL)")
        )
    yield url, engine
    engine.dispose()


@pytest.fixture
def sessions(platform_db: tuple[str, Engine]) -> SessionFactory:
    return session_factory(platform_db[1])
