"""the deployment's schema extension: attributes proposed by draft policies and accepted by an officer

Revision ID: r001
Revises: f001
"""

import sqlalchemy as sa
from alembic import op

revision = "r001"
down_revision = "f001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schema_extensions",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(20), nullable=True),
        sa.Column("yearly", sa.Boolean(), nullable=False),
        sa.Column("department", sa.String(120), nullable=True),
        sa.Column("description", sa.String(500), nullable=True),
        sa.Column("policy_id", sa.String(120), nullable=True),
        sa.Column("accepted_by", sa.String(64), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("schema_extensions")
