"""The editorial-approval service's use cases as one object: grpc_api, consumers, the
scheduler, wiring and the tests all call ``EditorialService``.

Each aggregate's ``service.py`` defines a use-case mixin (workflow/, policy/, freezes/,
audit/); they share the state set here. Every use case owns its transaction and writes,
in it, the change, its audit records and its outbox events. Callers pass the verified
``Identity``; every tenant-scoped use case re-checks that the caller belongs to the
tenant before reading or changing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.content_client import StoryDirectory
from editorial_approval_service.events import EventSink
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.workflow.service import WorkflowUseCases
from newsroom_core.db import SessionFactory


class EditorialService(WorkflowUseCases, PolicyUseCases, FreezeUseCases, AuditUseCases):
    def __init__(
        self,
        sessions: SessionFactory,
        stories: StoryDirectory,
        *,
        events: EventSink,
        group_tenant: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = sessions
        self._stories = stories
        self._events = events
        self._group_tenant = group_tenant
        self._clock = clock
