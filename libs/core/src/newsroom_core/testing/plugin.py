"""Pytest fixtures for the real stack: unique database, topics and bucket per test run.

Nothing here fakes infrastructure: when a component is not running the fixture fails
with the command to start it, so a missing service can never turn into a skipped test.

Every resource a run makes carries its run id (``newsroom_core.testing.run``); the
factories delete what they made, and at the very end of the run (after every xdist
worker) the plugin sweeps whatever else carries the id: the DLQ topics, consumer groups
and buckets the code under test made from a test's names. ``NEWSROOM_TEST_KEEP=1``
keeps them for a post-mortem.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.engine import make_url

from newsroom_core.localstack import Infra, reachable
from newsroom_core.settings import KafkaSettings
from newsroom_core.testing import leftovers
from newsroom_core.testing.run import RUN_ID, bucket_name, database_name, topic_name


def _require(name: str, hostport: str) -> None:
    if not reachable(hostport):
        pytest.fail(
            f"{name} is not reachable at {hostport}: start the local stack with `make infra-up`",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def infra() -> Infra:
    return Infra.load()


@pytest.fixture(scope="session")
def pg_server_url(infra: Infra) -> str:
    url = make_url(infra.pg_url)
    _require("PostgreSQL", f"{url.host}:{url.port}")
    return infra.pg_url


@pytest.fixture(scope="session")
def database_factory(pg_server_url: str) -> Iterator[Callable[[str], str]]:
    """Creates uniquely named databases on the real server; drops them at session end."""
    from newsroom_core.db import drop_database, ensure_database

    created: list[str] = []

    def create(label: str) -> str:
        name = database_name(label)
        url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
        ensure_database(url)
        created.append(url)
        return url

    yield create
    for url in created:
        drop_database(url)


@pytest.fixture(scope="session")
def kafka_settings(infra: Infra) -> KafkaSettings:
    _require("Kafka", infra.kafka_bootstrap)
    return KafkaSettings(
        bootstrap=infra.kafka_bootstrap,
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
        linger_ms=2,
    )


@pytest.fixture(scope="session")
def topic_factory(kafka_settings: KafkaSettings) -> Iterator[Callable[..., str]]:
    """Creates uniquely named topics; deletes them at session end."""
    from kafka import KafkaAdminClient

    from newsroom_core.events.kafka import ensure_topics

    created: list[str] = []

    def create(label: str, partitions: int = 3) -> str:
        name = topic_name(label)
        ensure_topics(kafka_settings, [name], partitions=partitions)
        created.append(name)
        return name

    yield create
    if created:
        admin = KafkaAdminClient(bootstrap_servers=kafka_settings.bootstrap)
        try:
            existing = set(admin.list_topics())
            doomed = [t for t in existing if any(t.startswith(c) for c in created)]
            if doomed:
                admin.delete_topics(doomed)
        finally:
            admin.close()


@pytest.fixture(scope="session")
def s3_endpoint(infra: Infra) -> str:
    endpoint = infra["NEWSROOM_S3_ENDPOINT"]
    _require("S3 server", endpoint)
    return endpoint


@pytest.fixture(scope="session")
def bucket_factory(infra: Infra, s3_endpoint: str) -> Iterator[Callable[[str], str]]:
    """Names (and creates) buckets of this run; empties and removes them at session end."""
    from newsroom_core.storage import StorageSettings, ensure_bucket, make_client

    client = make_client(
        StorageSettings(
            endpoint=s3_endpoint,
            access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
            secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        )
    )
    created: list[str] = []

    def create(label: str) -> str:
        name = bucket_name(label)
        ensure_bucket(client, name)
        created.append(name)
        return name

    yield create
    for name in created:
        if client.bucket_exists(name):
            for obj in client.list_objects(name, recursive=True):
                client.remove_object(name, obj.object_name or "")
            client.remove_bucket(name)


@pytest.fixture(scope="session")
def run_id() -> str:
    """This run's id: every resource a test makes on the shared stack carries it."""
    return RUN_ID


@pytest.fixture(scope="session")
def keycloak_url(infra: Infra) -> str:
    url = infra["NEWSROOM_KEYCLOAK_URL"]
    _require("Keycloak", url.split("://", 1)[-1].rstrip("/"))
    return url


def pytest_report_header() -> list[str]:
    infra = Infra.load()
    return [
        f"newsroom stack: pg={infra.pg_url.rsplit('@', 1)[-1]} kafka={infra.kafka_bootstrap} "
        f"s3={infra['NEWSROOM_S3_ENDPOINT']} keycloak={infra['NEWSROOM_KEYCLOAK_URL']} run={RUN_ID}"
    ]


# ---- proof that the real stack was exercised --------------------------------------------
_STACK_FIXTURES = {
    "PostgreSQL": ("pg_server_url", "database_factory"),
    "Kafka": ("kafka_settings", "topic_factory"),
    "S3": ("s3_endpoint",),
    "Keycloak": ("keycloak_url",),
}
_passed_on_stack: dict[str, int] = dict.fromkeys(_STACK_FIXTURES, 0)
_swept: list[leftovers.Leftovers] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Modules marked heavy first (stable: each keeps its order): xdist hands out files in
    # collection order, and a run whose last file is a ten-minute one ends on one core.
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        components = [name for name, fixtures in _STACK_FIXTURES.items() if used & set(fixtures)]
        if components:  # user_properties travel with the report, also from xdist workers
            item.user_properties.append(("newsroom_stack", ",".join(components)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call" or not report.passed:
        return
    for key, value in report.user_properties:
        if key == "newsroom_stack":
            for component in str(value).split(","):
                _passed_on_stack[component] += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller (or the only process) sweeps what this run left, once at the end."""
    if hasattr(session.config, "workerinput") or os.environ.get("NEWSROOM_TEST_KEEP"):
        return
    _swept.append(leftovers.sweep(RUN_ID))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    counts = ", ".join(f"{name} {count}" for name, count in _passed_on_stack.items())
    terminalreporter.write_line(f"tests passed against the real stack: {counts}")
    for swept in _swept:
        if swept:
            terminalreporter.write_line(
                f"run {RUN_ID}: swept what the fixtures did not delete: {swept.summary()}"
            )
