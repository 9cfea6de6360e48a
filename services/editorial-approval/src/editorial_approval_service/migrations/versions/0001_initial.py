"""Workflow, decisions, comments, policies, freezes, nominations, takedowns, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.operations import Operations
from sqlalchemy.dialects import postgresql

from newsroom_core.events.tables import create_platform_tables, drop_platform_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
JSONB = postgresql.JSONB(astext_type=sa.Text())


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    create_platform_tables(Operations(op.get_context()))

    op.create_table(
        "workflow",
        sa.Column("story_id", sa.String, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("story_type", sa.String, nullable=False, server_default="unspecified"),
        sa.Column("author_id", sa.String, nullable=False),
        sa.Column("author_username", sa.String, nullable=False, server_default=""),
        sa.Column("headline", sa.String, nullable=False, server_default=""),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("published_revision", sa.Integer, nullable=False, server_default="0"),
        sa.Column("stages", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("current_stage", sa.Integer, nullable=False, server_default="0"),
        sa.Column("awaiting_role", sa.String, nullable=True),
        sa.Column("round", sa.Integer, nullable=False, server_default="0"),
        sa.Column("scheduled_at", TZ, nullable=True),
        sa.Column("embargo", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("fast_track", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("frozen_hold", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("submitted_at", TZ, nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
        sa.CheckConstraint(
            "state IN ('draft','submitted','in_review','changes_requested','approved',"
            "'scheduled','published','corrected','retracted')",
            name="workflow_state_known",
        ),
    )
    op.create_index("ix_workflow_tenant", "workflow", ["tenant"])
    # The review queue: oldest submission first per tenant and awaited role.
    op.create_index(
        "ix_workflow_queue",
        "workflow",
        ["tenant", "awaiting_role", "submitted_at", "story_id"],
        postgresql_where=sa.text("state IN ('submitted','in_review')"),
    )
    # The scheduler's scan of due publications.
    op.create_index(
        "ix_workflow_due",
        "workflow",
        ["scheduled_at"],
        postgresql_where=sa.text("state = 'scheduled'"),
    )

    op.create_table(
        "stage_decision",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "story_id",
            sa.String,
            sa.ForeignKey("workflow.story_id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("stage", sa.Integer, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("decided_by_id", sa.String, nullable=False),
        sa.Column("decided_by_username", sa.String, nullable=False, server_default=""),
        sa.Column("decided_by_name", sa.String, nullable=False, server_default=""),
        sa.Column("decision", sa.String, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("decided_at", TZ, nullable=False, server_default=_now()),
    )
    op.create_index("ix_stage_decision_story_id", "stage_decision", ["story_id", "round"])

    op.create_table(
        "comment",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("story_id", sa.String, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("author_id", sa.String, nullable=False),
        sa.Column("author_username", sa.String, nullable=False, server_default=""),
        sa.Column("author_name", sa.String, nullable=False, server_default=""),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("anchor", JSONB, nullable=True),
        sa.Column("created_at", TZ, nullable=False, server_default=_now()),
        sa.Column("resolved", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("resolved_by_id", sa.String, nullable=True),
        sa.Column("resolved_by_username", sa.String, nullable=True),
        sa.Column("resolved_by_name", sa.String, nullable=True),
        sa.Column("resolved_at", TZ, nullable=True),
    )
    op.create_index("ix_comment_story_id", "comment", ["story_id", "created_at", "id"])

    op.create_table(
        "policy",
        sa.Column("tenant", sa.String, primary_key=True),
        sa.Column("stages", JSONB, nullable=False),
        sa.Column("official_statement_role", sa.String, nullable=False),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
        sa.Column("updated_by_id", sa.String, nullable=False, server_default=""),
        sa.Column("updated_by_username", sa.String, nullable=False, server_default=""),
        sa.Column("updated_by_name", sa.String, nullable=False, server_default=""),
    )

    op.create_table(
        "freeze",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("scope", sa.String, nullable=False),
        sa.Column("tenant", sa.String, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("set_by_id", sa.String, nullable=False),
        sa.Column("set_by_username", sa.String, nullable=False, server_default=""),
        sa.Column("set_by_name", sa.String, nullable=False, server_default=""),
        sa.Column("set_at", TZ, nullable=False, server_default=_now()),
        sa.Column("lifted_by_id", sa.String, nullable=True),
        sa.Column("lifted_by_username", sa.String, nullable=True),
        sa.Column("lifted_by_name", sa.String, nullable=True),
        sa.Column("lifted_at", TZ, nullable=True),
        sa.Column("lift_reason", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint("scope IN ('tenant','group')", name="freeze_scope_known"),
    )
    # At most one active freeze per scope (and tenant): SetFreeze is idempotent.
    op.create_index(
        "ux_freeze_active",
        "freeze",
        ["scope", "tenant"],
        unique=True,
        postgresql_where=sa.text("active"),
    )
    op.create_index("ix_freeze_tenant_set_at", "freeze", ["tenant", "set_at"])

    op.create_table(
        "nomination",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("story_id", sa.String, nullable=False),
        sa.Column("source_revision", sa.Integer, nullable=False),
        sa.Column("target_tenant", sa.String, nullable=False),
        sa.Column("nominated_by_id", sa.String, nullable=False),
        sa.Column("nominated_by_username", sa.String, nullable=False, server_default=""),
        sa.Column("nominated_by_name", sa.String, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("nominated_at", TZ, nullable=False, server_default=_now()),
        sa.Column("group_story_id", sa.String, nullable=False, server_default=""),
        sa.UniqueConstraint("story_id", "target_tenant", name="uq_nomination_story_target"),
    )

    op.create_table(
        "takedown",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("story_id", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("fast_track", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("requested_by_id", sa.String, nullable=False),
        sa.Column("requested_by_username", sa.String, nullable=False, server_default=""),
        sa.Column("requested_by_name", sa.String, nullable=False, server_default=""),
        sa.Column("requested_at", TZ, nullable=False, server_default=_now()),
        sa.Column("targets", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("social_listed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("complete", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", TZ, nullable=False, server_default=_now()),
    )
    op.create_index("ix_takedown_story_id", "takedown", ["story_id", "requested_at"])

    op.create_table(
        "audit_record",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("tenant", sa.String, nullable=False),
        sa.Column("story_id", sa.String, nullable=False, server_default=""),
        sa.Column("actor_id", sa.String, nullable=False),
        sa.Column("actor_username", sa.String, nullable=False, server_default=""),
        sa.Column("actor_name", sa.String, nullable=False, server_default=""),
        sa.Column("actor_roles", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("from_state", sa.String, nullable=True),
        sa.Column("to_state", sa.String, nullable=True),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
        sa.Column("fast_track", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("at", TZ, nullable=False, server_default=_now()),
        sa.Column("request_id", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_audit_record_tenant_id", "audit_record", ["tenant", "id"])
    op.create_index("ix_audit_record_story_id_id", "audit_record", ["story_id", "id"])
    # Append-only: the database itself refuses to change or remove an audit record.
    op.execute(
        """
        CREATE FUNCTION audit_record_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_record_no_update_delete BEFORE UPDATE OR DELETE ON audit_record"
        " FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record"
        " FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_record_no_truncate ON audit_record")
    op.execute("DROP TRIGGER IF EXISTS audit_record_no_update_delete ON audit_record")
    op.execute("DROP FUNCTION IF EXISTS audit_record_append_only()")
    for table in (
        "audit_record",
        "takedown",
        "nomination",
        "freeze",
        "policy",
        "comment",
        "stage_decision",
        "workflow",
    ):
        op.drop_table(table)
    drop_platform_tables(Operations(op.get_context()))
