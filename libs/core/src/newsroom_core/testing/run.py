"""The id of one test run, and the names of the resources it makes on the shared stack.

Many people's test runs share one PostgreSQL, Kafka, S3 server and Keycloak, so a run
finds (and deletes) what it made by its id, never by a blanket pattern like ``test.*``.
Every topic, consumer group, database and bucket a test makes carries ``RUN_ID``, also
the ones the code under test derives from a test's settings (a consumer's ``<group>.dlq``,
a bucket the CLI creates).

``make test`` sets ``NEWSROOM_TEST_RUN`` and checks after pytest that the stack holds
nothing with that id (``python -m newsroom_core.testing.leftovers``). Without it, the
first process to import this module picks an id and puts it in the environment, which
pytest-xdist workers and the subprocesses tests start inherit.
"""

from __future__ import annotations

import itertools
import os
import re
import uuid

ENV = "NEWSROOM_TEST_RUN"
RUN_ID_PATTERN = re.compile(r"^[a-z0-9]{8,16}$")


def _run_id() -> str:
    value = os.environ.get(ENV) or "r" + uuid.uuid4().hex[:11]
    if not RUN_ID_PATTERN.match(value):
        raise ValueError(f"{ENV}={value!r}: 8-16 lower-case letters and digits")
    os.environ[ENV] = value
    return value


RUN_ID = _run_id()
_counter = itertools.count()


def worker() -> str:
    """The pytest-xdist worker (``gw0``), or ``gw`` without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "gw")


def topic_name(label: str) -> str:
    """A Kafka topic (or consumer group) name of this run: ``test.<run>.<worker>.<label>.<n>``."""
    return f"test.{RUN_ID}.{worker()}.{label}.{next(_counter)}"


def database_name(label: str) -> str:
    """A PostgreSQL database name of this run: ``t_<run>_<worker>_<label>_<n>``."""
    name = f"t_{RUN_ID}_{worker()}_{label}_{next(_counter)}"
    return name.lower().replace("-", "_").replace(".", "_")


def bucket_name(label: str) -> str:
    """An S3 bucket name of this run (3-63 characters, lower-case, digits, hyphens)."""
    name = f"test-{RUN_ID}-{worker()}-{label}-{next(_counter)}".lower().replace("_", "-")
    if len(name) > 63:
        raise ValueError(f"bucket name too long: {name}")
    return name


def token() -> str:
    """A short name part unique in this run, that still carries the run id."""
    return f"{RUN_ID}{worker()}{next(_counter)}"
