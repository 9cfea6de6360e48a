"""What one test run left on the shared stack, found by its run id; and the sweep.

``python -m newsroom_core.testing.leftovers [RUN_ID]`` (the last step of ``make test``)
lists the Kafka topics and consumer groups, PostgreSQL databases and S3 buckets whose
name contains the run id, and exits 1 if there is any. Topic deletion in Kafka is
asynchronous, so it waits a bounded time for deletions already under way to finish.

The pytest plugin calls ``sweep`` once at the very end of a run (after every xdist worker
has finished): the factories delete what they made, the sweep catches what the code under
test made from a test's names (``<group>.dlq`` topics, buckets the CLI creates).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import make_url

from newsroom_core.localstack import Infra, reachable

log = logging.getLogger(__name__)


@dataclass
class Leftovers:
    topics: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    databases: list[str] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.topics or self.groups or self.databases or self.buckets)

    def summary(self) -> str:
        kinds = ("topics", "groups", "databases", "buckets")
        return ", ".join(f"{kind} {len(getattr(self, kind))}" for kind in kinds)


def _kafka_admin(infra: Infra) -> Any:
    from kafka import KafkaAdminClient

    return KafkaAdminClient(
        bootstrap_servers=infra.kafka_bootstrap, client_id="newsroom-test-sweep"
    )


def _pg_admin_dsn(infra: Infra) -> str:
    from newsroom_core.db import libpq_dsn

    url = make_url(infra.pg_url).set(database="postgres")
    return libpq_dsn(url.render_as_string(hide_password=False))


def _s3_client(infra: Infra) -> Any:
    from minio import Minio

    return Minio(
        infra["NEWSROOM_S3_ENDPOINT"],
        access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
        secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        secure=infra.values.get("NEWSROOM_S3_SECURE", "false") == "true",
        region=infra.values.get("NEWSROOM_S3_REGION", "us-east-1"),
    )


def find(run_id: str, infra: Infra | None = None) -> Leftovers:
    """Every resource on the stack whose name contains ``run_id``."""
    if not run_id:
        raise ValueError("a run id is required")
    infra = infra or Infra.load()
    found = Leftovers()
    if reachable(infra.kafka_bootstrap):
        admin = _kafka_admin(infra)
        try:
            found.topics = sorted(t for t in admin.list_topics() if run_id in t)
            found.groups = sorted(
                g["group_id"] for g in admin.list_groups() if run_id in g["group_id"]
            )
        finally:
            admin.close()
    else:
        found.unreachable.append("Kafka")
    pg = make_url(infra.pg_url)
    if reachable(f"{pg.host}:{pg.port}"):
        import psycopg

        with psycopg.connect(_pg_admin_dsn(infra), autocommit=True) as conn:
            rows = conn.execute(
                "SELECT datname FROM pg_database WHERE strpos(datname, %s) > 0", (run_id,)
            )
            found.databases = sorted(str(r[0]) for r in rows)
    else:
        found.unreachable.append("PostgreSQL")
    if reachable(infra["NEWSROOM_S3_ENDPOINT"]):
        found.buckets = sorted(b.name for b in _s3_client(infra).list_buckets() if run_id in b.name)
    else:
        found.unreachable.append("S3")
    return found


def _retry(action: Callable[[], list[str]], timeout_s: float) -> list[str]:
    """Runs ``action`` (which returns what is still left) until nothing is, or time is up."""
    deadline = time.monotonic() + timeout_s
    left = action()
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = action()
    return left


def sweep(run_id: str, infra: Infra | None = None) -> Leftovers:
    """Deletes every resource whose name contains ``run_id``; returns what was found."""
    infra = infra or Infra.load()
    found = find(run_id, infra)
    if found.groups or found.topics:
        admin = _kafka_admin(infra)
        try:
            groups = list(found.groups)

            def delete_groups() -> list[str]:
                # a stopped consumer's group is deletable once the broker drops its member
                results = admin.delete_groups(groups)
                gone = ("OK", "GroupIdNotFoundError")
                groups[:] = [group for group, result in results.items() if result not in gone]
                return groups

            if groups:
                _retry(delete_groups, 20)
            if found.topics:
                admin.delete_topics(found.topics, raise_errors=False)
        finally:
            admin.close()
    if found.databases:
        import psycopg

        with psycopg.connect(_pg_admin_dsn(infra), autocommit=True) as conn:
            for name in found.databases:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if found.buckets:
        client = _s3_client(infra)
        for bucket in found.buckets:
            for obj in client.list_objects(bucket, recursive=True):
                client.remove_object(bucket, obj.object_name or "")
            client.remove_bucket(bucket)
    return found


def check(run_id: str, infra: Infra | None = None, *, wait_s: float = 30) -> Leftovers:
    """What is left of the run, after waiting up to ``wait_s`` for deletions under way."""
    infra = infra or Infra.load()
    left = find(run_id, infra)
    deadline = time.monotonic() + wait_s
    while left and time.monotonic() < deadline:
        time.sleep(1)
        left = find(run_id, infra)
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsroom_core.testing.leftovers",
        description="Fail if the shared stack still holds resources of a test run.",
    )
    parser.add_argument("run_id", nargs="?", default=os.environ.get("NEWSROOM_TEST_RUN", ""))
    parser.add_argument("--wait", type=float, default=30, help="seconds to wait for deletions")
    args = parser.parse_args(argv)
    if not args.run_id:
        parser.error("give the run id (or set NEWSROOM_TEST_RUN)")
    left = check(args.run_id, wait_s=args.wait)
    if left.unreachable:
        print(f"leftovers: cannot reach {', '.join(left.unreachable)}", file=sys.stderr)
        return 2
    if left:
        print(f"leftovers of test run {args.run_id}: {left.summary()}", file=sys.stderr)
        for kind in ("topics", "groups", "databases", "buckets"):
            for name in getattr(left, kind):
                print(f"  {kind[:-1]}: {name}", file=sys.stderr)
        return 1
    print(
        f"test run {args.run_id} left nothing on the stack "
        "(Kafka topics and consumer groups, PostgreSQL databases, S3 buckets)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
