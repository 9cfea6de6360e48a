"""The leftovers check fails on what a run left and passes once the sweep removed it.

The probe's resources carry a sub-id of this run (this run's id plus a suffix), so the
check and sweep here see only them, and the session's own sweep would still catch them if
this test failed half-way.
"""

from __future__ import annotations

import pytest
from kafka import KafkaConsumer
from sqlalchemy.engine import make_url

from newsroom_core.db import ensure_database
from newsroom_core.events.consumer import dlq_topic
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.localstack import Infra
from newsroom_core.settings import KafkaSettings
from newsroom_core.storage import StorageSettings, ensure_bucket, make_client
from newsroom_core.testing import leftovers
from newsroom_core.testing.run import token

pytestmark = [pytest.mark.postgres, pytest.mark.kafka, pytest.mark.s3]


def test_check_finds_each_kind_of_leftover_and_the_sweep_removes_them(
    infra: Infra,
    pg_server_url: str,
    kafka_settings: KafkaSettings,
    s3_endpoint: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    probe = token() + "probe"
    group = f"test.{probe}.group"
    ensure_topics(kafka_settings, [f"test.{probe}.topic", dlq_topic(group)], partitions=1)
    consumer = KafkaConsumer(
        f"test.{probe}.topic",
        bootstrap_servers=kafka_settings.bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    consumer.poll(timeout_ms=3000)
    consumer.commit()
    consumer.close()
    database = f"t_{probe}_db"
    ensure_database(
        make_url(pg_server_url).set(database=database).render_as_string(hide_password=False)
    )
    storage = make_client(
        StorageSettings(
            endpoint=s3_endpoint,
            access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
            secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
        )
    )
    bucket = f"test-{probe}"
    ensure_bucket(storage, bucket)

    found = leftovers.check(probe, infra, wait_s=0)
    assert found.topics == sorted([f"test.{probe}.topic", f"test.{probe}.group.dlq"])
    assert found.groups == [group]
    assert found.databases == [database]
    assert found.buckets == [bucket]
    assert leftovers.main([probe, "--wait", "0"]) == 1
    report = capsys.readouterr().err
    assert f"topic: test.{probe}.topic" in report and f"bucket: {bucket}" in report

    leftovers.sweep(probe, infra)

    assert not leftovers.check(probe, infra, wait_s=60)
    assert leftovers.main([probe, "--wait", "0"]) == 0
    assert "left nothing" in capsys.readouterr().out
