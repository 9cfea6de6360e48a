"""``python -m editorial_approval_service``: settings -> logging -> assembled process ->
serve."""

from __future__ import annotations

from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.wiring import assemble
from newsroom_core.runtime import run_service

if __name__ == "__main__":
    run_service(EditorialApprovalSettings, assemble)
