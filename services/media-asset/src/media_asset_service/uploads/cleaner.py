"""The service's background cleaner of abandoned uploads (``UploadUseCases.sweep``)."""

from __future__ import annotations

import logging
import threading

from media_asset_service.uploads.service import UploadUseCases

log = logging.getLogger(__name__)


class UploadCleaner:
    """A ``newsroom_core.runtime.Worker``; replicas may run side by side (rows are
    claimed with SKIP LOCKED, aborting an aborted upload is a no-op)."""

    def __init__(self, uploads: UploadUseCases, interval_s: float) -> None:
        self._uploads = uploads
        self._interval_s = interval_s
        self._stop = threading.Event()

    def run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self._uploads.sweep()
            except Exception:
                log.exception("cleaning abandoned uploads failed; retrying")

    def stop(self) -> None:
        self._stop.set()
