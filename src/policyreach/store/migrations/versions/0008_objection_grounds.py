"""objections kept one by one, their shared rate limit, and decisions on applications of withdrawn benefits

Revision ID: 0008
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("contact", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decision", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_objections_application_id", "objections", ["application_id"])
    op.create_index("ix_objections_status", "objections", ["status"])
    op.create_table(
        "objection_quota",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("until", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_objection_quota_until", "objection_quota", ["until"])
    op.create_table(
        "withdrawal_decisions",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.PrimaryKeyConstraint("application_id"),
    )


def downgrade() -> None:
    op.drop_table("withdrawal_decisions")
    op.drop_index("ix_objection_quota_until", table_name="objection_quota")
    op.drop_table("objection_quota")
    op.drop_index("ix_objections_status", table_name="objections")
    op.drop_index("ix_objections_application_id", table_name="objections")
    op.drop_table("objections")
