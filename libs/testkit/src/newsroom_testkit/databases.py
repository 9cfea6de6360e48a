"""A service's test database as session fixtures: one migrated database per test run on
the real PostgreSQL (``database_factory`` of the ``newsroom_core.testing`` plugin names and
drops it), its write engine, a read engine and the session factory.

A service's conftest assigns them by the names its tests ask for::

    media_db, engine, read_engine, sessions = database_fixtures(
        "media", MIGRATIONS_DIR, url_fixture="media_db"
    )
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine

from newsroom_core.db import SessionFactory, make_read_engine, migrate, session_factory
from newsroom_core.settings import DbSettings


def database_fixtures(
    label: str, migrations_dir: Path, *, url_fixture: str, pool_size: int = 20
) -> tuple[Any, Any, Any, Any]:
    """Fixtures ``<url_fixture>`` (the database's URL, migrated), ``engine``,
    ``read_engine`` and ``sessions``, all of session scope."""

    @pytest.fixture(scope="session", name=url_fixture)
    def database_url(database_factory: Callable[[str], str]) -> str:
        url = database_factory(label)
        migrate(url, migrations_dir)
        return url

    @pytest.fixture(scope="session", name="engine")
    def write_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
        engine = create_engine(request.getfixturevalue(url_fixture), pool_size=pool_size)
        yield engine
        engine.dispose()

    @pytest.fixture(scope="session", name="read_engine")
    def read_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
        engine = make_read_engine(DbSettings(url=request.getfixturevalue(url_fixture)))
        yield engine
        engine.dispose()

    @pytest.fixture(scope="session", name="sessions")
    def sessions(engine: Engine) -> SessionFactory:
        return session_factory(engine)

    return database_url, write_engine, read_engine, sessions
