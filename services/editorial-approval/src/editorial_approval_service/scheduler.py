"""The worker that publishes due scheduled stories (exactly once, see
``workflow.repository.lock_due_scheduled``)."""

from __future__ import annotations

import logging
import threading

from editorial_approval_service.metrics import SCHEDULER_ERRORS
from editorial_approval_service.settings import SchedulerSettings
from editorial_approval_service.workflow.publication import PublicationUseCases

log = logging.getLogger(__name__)


class Scheduler:
    """Polls every ``interval_s``; any number of instances may run side by side."""

    def __init__(self, publication: PublicationUseCases, settings: SchedulerSettings) -> None:
        self._publication = publication
        self._settings = settings
        self._stop = threading.Event()

    def tick(self) -> int:
        """One pass; the number of stories published."""
        published = self._publication.publish_due(self._settings.batch_size)
        if published:
            log.info("scheduled stories published", extra={"count": published})
        return published

    def run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.tick() >= self._settings.batch_size:
                    continue  # more may be due: no pause
            except Exception:
                SCHEDULER_ERRORS.inc()
                log.exception("scheduler pass failed; retrying")
            self._stop.wait(self._settings.interval_s)

    def stop(self) -> None:
        self._stop.set()
