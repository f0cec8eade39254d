"""bank_accounts: a firm's account for public money, saved once and offered for every claim (issue 24, item 7)

Revision ID: f001
Revises: i004
"""

import sqlalchemy as sa
from alembic import op

revision = "f001"
down_revision = "i004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("sealed", sa.String(400), nullable=False),
        sa.Column("tail", sa.String(4), nullable=False),
        sa.Column("saved_by", sa.String(64), nullable=False),
        sa.Column("saved_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("entity_pk"),
    )


def downgrade() -> None:
    op.drop_table("bank_accounts")
