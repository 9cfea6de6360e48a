"""``python -m newsroom_core.migrate <package>``: upgrade one service's database and exit.

What the chart's migration hook Job runs before a release rolls out. The service's
settings class is the ``ServiceSettings`` subclass in ``<package>.settings`` (read from the
same environment variables the service reads); its migrations are ``<package>/migrations``.
Services still migrate when they start (a no-op once the hook has run), so a deployment
without the hook stays correct.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from pathlib import Path

from newsroom_core.db import migrate
from newsroom_core.logging import configure_logging
from newsroom_core.settings import ServiceSettings

log = logging.getLogger(__name__)


def settings_class(package: str) -> type[ServiceSettings]:
    module = importlib.import_module(f"{package}.settings")
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, ServiceSettings)
        and value is not ServiceSettings
        and value.__module__ == module.__name__
    ]
    if len(found) > 1:
        # A package with more than one process (media-asset and its worker): the service's
        # own settings, named by the package (media_asset_service -> MEDIA_ASSET_), migrate.
        prefix = package.removesuffix("_service").upper() + "_"
        found = [c for c in found if c.model_config.get("env_prefix") == prefix]
    if len(found) != 1:
        raise SystemExit(
            f"{package}.settings defines {len(found)} ServiceSettings classes for its own "
            "prefix, not 1"
        )
    return found[0]


def migrations_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"no package named {package}")
    path = Path(spec.origin).parent / "migrations"
    if not path.is_dir():
        raise SystemExit(f"{package} has no migrations folder")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m newsroom_core.migrate <service package>", file=sys.stderr)
        return 2
    package = argv[1]
    settings = settings_class(package)()
    configure_logging(f"{settings.service_name}-migrate", settings.log.level)
    migrate(settings.db.url, migrations_dir(package))
    log.info("database at head", extra={"package": package})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
