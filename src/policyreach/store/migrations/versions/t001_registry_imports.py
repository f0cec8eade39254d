"""registry_imports: every import of a complete registry list (issue 21, item 1: known absence)

Revision ID: t001
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "t001"
down_revision = "0005"
branch_labels = ("truth",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registry_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("registry", sa.String(64), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("registry", "batch_id", name="uq_registry_imports_batch"),
    )
    op.create_index("ix_registry_imports_registry_as_of", "registry_imports", ["registry", "as_of"])


def downgrade() -> None:
    op.drop_index("ix_registry_imports_registry_as_of", table_name="registry_imports")
    op.drop_table("registry_imports")
