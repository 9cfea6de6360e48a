"""content_service: tenants' sites and sections, stories and their revisions, and the
portal's published read model."""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
