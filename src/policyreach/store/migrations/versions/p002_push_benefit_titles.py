"""push: keep each benefit's titles and department, so a withdrawal can still name what was withdrawn

Revision ID: p002
Revises: p001
"""

import sqlalchemy as sa
from alembic import op

revision = "p002"
down_revision = "p001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("push_benefit_state") as batch:
        batch.add_column(sa.Column("title", sa.String(200), nullable=True))
        batch.add_column(sa.Column("policy_title", sa.String(300), nullable=True))
        batch.add_column(sa.Column("department", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("push_benefit_state") as batch:
        batch.drop_column("department")
        batch.drop_column("policy_title")
        batch.drop_column("title")
