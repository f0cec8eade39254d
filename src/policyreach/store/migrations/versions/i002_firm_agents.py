"""a firm's agents (经办人): who the legal representative authorised, for which tasks, until when

Revision ID: i002
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "i002"
down_revision = "i001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "firm_agents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False, unique=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(200), nullable=True),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("granted_by", sa.String(64), nullable=False),
        sa.Column("granted_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_firm_agents_entity_pk", "firm_agents", ["entity_pk"])
    op.create_index("ix_firm_agents_subject", "firm_agents", ["subject"])
    op.create_index("ix_audit_log_actor", "audit_log", ["actor"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_actor", "audit_log")
    op.drop_table("firm_agents")
