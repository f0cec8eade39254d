"""drop matches: the table was never read or written (the portal matches live, push keeps push_match_state)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matches_entity_pk"))
        batch_op.drop_index(batch_op.f("ix_matches_benefit_id"))
    op.drop_table("matches")


def downgrade() -> None:
    # the table as 0001 made it, empty: nothing ever wrote rows to bring back
    op.create_table(
        "matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("benefit_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("degree", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("provable", sa.Boolean(), nullable=False),
        sa.Column("library_version", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["entity_pk"], ["entities.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_pk", "benefit_id"),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matches_benefit_id"), ["benefit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_entity_pk"), ["entity_pk"], unique=False)
