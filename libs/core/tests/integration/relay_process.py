"""Runs an OutboxRelay until killed; used by the relay-crash test."""

import sys

from sqlalchemy import create_engine

from newsroom_core.db import session_factory
from newsroom_core.events.kafka import make_producer
from newsroom_core.events.outbox import OutboxRelay
from newsroom_core.settings import KafkaSettings, OutboxSettings

url, bootstrap, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
relay = OutboxRelay(
    sessions=session_factory(create_engine(url)),
    db_url=url,
    producer=make_producer(KafkaSettings(bootstrap=bootstrap), client_id="relay-under-test"),
    settings=OutboxSettings(batch_size=batch, poll_interval_s=0.2),
    service="test",
)
print("relay started", flush=True)
relay.run()
