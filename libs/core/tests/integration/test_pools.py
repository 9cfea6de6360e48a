"""Connection pools after the server dropped their connections (what a PostgreSQL restart
does to every pooled connection): the write pool hands out a live one, the read pool
fails one read and then has fresh ones, readiness turns true at once."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from newsroom_core.db import (
    libpq_dsn,
    make_engine,
    make_read_engine,
    ping,
    session_factory,
    session_scope,
)
from newsroom_core.settings import DbSettings

pytestmark = pytest.mark.postgres


def backend(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def terminate(url: str, *pids: int) -> None:
    """The server ends those backends, as it does to all of them when it restarts."""
    with psycopg.connect(libpq_dsn(url), autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_pools_drop_dead_connections(database_factory: Callable[[str], str]) -> None:
    url = database_factory("pools")
    settings = DbSettings(url=url, pool_size=1, max_overflow=0, read_pool_size=1)
    writes, reads = make_engine(settings), make_read_engine(settings)
    try:
        dead_write, dead_read = backend(writes), backend(reads)
        terminate(url, dead_write, dead_read)

        # the write pool pings before handing out a connection: no write fails
        with session_scope(session_factory(writes)) as session:
            assert session.execute(text("SELECT 1")).scalar_one() == 1
        assert backend(writes) != dead_write

        # the read pool does not ping: one read fails, then its connections are new
        with pytest.raises(OperationalError), reads.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert backend(reads) != dead_read

        # readiness on a pool whose connection died: true on the first probe
        terminate(url, backend(reads))
        assert ping(reads) is True
    finally:
        writes.dispose()
        reads.dispose()
