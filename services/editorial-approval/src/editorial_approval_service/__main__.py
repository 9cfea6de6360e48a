"""python -m editorial_approval_service: settings -> logging -> assembled process -> serve."""

from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.wiring import assemble
from newsroom_core.logging import configure_logging


def main() -> None:
    settings = EditorialApprovalSettings()
    configure_logging(
        settings.service_name, settings.log.level, json_format=settings.log.json_format
    )
    assemble(settings).runtime.serve_forever()


if __name__ == "__main__":
    main()
