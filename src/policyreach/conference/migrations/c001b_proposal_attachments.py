"""conference proposals: attachments

Revision ID: c001b
Revises: c001
"""

import sqlalchemy as sa
from alembic import op

revision = "c001b"
down_revision = "c001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposal_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("stored_as", sa.String(length=80), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_pk"], ["proposals.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("proposal_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_attachments_proposal_pk"), ["proposal_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proposal_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_attachments_proposal_pk"))
    op.drop_table("proposal_attachments")
