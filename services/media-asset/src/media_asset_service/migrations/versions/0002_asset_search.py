"""The library's search: accent-insensitive matching ("ha noi" finds "Hà Nội").

``newsroom_unaccent`` is the content service's function of the same name (an IMMUTABLE
wrapper, so it may be used in expressions and indexes); each service owns its database,
so this one creates its own. ``unaccent`` is a trusted extension: the database's owner
may create it without superuser rights.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public")
    op.execute(
        """
        CREATE OR REPLACE FUNCTION newsroom_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS newsroom_unaccent(text)")
