"""policy drafts (an upload is staged, then stored as a draft) and disclosure consents (包保 needs the firm's yes)

Revision ID: 0011
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policy_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("policy_id", sa.String(120), nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("department", sa.String(120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("published_by", sa.String(64), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_policy_drafts_department", "policy_drafts", ["department"])
    op.create_table(
        "disclosure_consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subject", sa.String(120), nullable=False, unique=True),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("requester", sa.String(200), nullable=False),
        sa.Column("purpose", sa.String(400), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_disclosure_consents_entity_pk", "disclosure_consents", ["entity_pk"])


def downgrade() -> None:
    op.drop_table("disclosure_consents")
    op.drop_table("policy_drafts")
