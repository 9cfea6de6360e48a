"""``ContentService``: the content service's use cases as one object.

gRPC, the editorial consumer, wiring and tests use this class. Each aggregate keeps its
own use cases (``tenants``, ``stories``, ``publishing``) as a class sharing the state set
up here: the write sessions, the autocommit read pool and the events topic.
gRPC use cases own their transaction (``session_scope``) and write their outbox events
in it. Editorial event handlers (``apply_*``) run inside the idempotent consumer's
transaction and get its session.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from content_service.publishing.editorial import EditorialOrders
from content_service.publishing.service import PublishingUseCases
from content_service.stories.service import StoryUseCases
from content_service.tenants.service import TenantUseCases
from newsroom_core.db import SessionFactory, read_session_factory


class ContentService(TenantUseCases, StoryUseCases, PublishingUseCases, EditorialOrders):
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        events_topic: str,
        read_engine: Engine | Connection,
    ) -> None:
        self._sessions = sessions
        # read-only use cases: the autocommit pool (no BEGIN/COMMIT round trips)
        self._read_engine = read_engine
        self._reads = read_session_factory(read_engine)
        self._topic = events_topic
