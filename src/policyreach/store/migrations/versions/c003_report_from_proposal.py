"""conference records: a public-opinion report may come from a proposal that was not filed (不立案 → 社情民意)

Revision ID: c003
Revises: c002
"""

import sqlalchemy as sa
from alembic import op

revision = "c003"
down_revision = "c002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("opinion_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposal_pk", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_opinion_reports_proposal_pk"), ["proposal_pk"], unique=True)
        batch_op.create_foreign_key("fk_opinion_reports_proposal_pk", "proposals", ["proposal_pk"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("opinion_reports", schema=None) as batch_op:
        batch_op.drop_constraint("fk_opinion_reports_proposal_pk", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_opinion_reports_proposal_pk"))
        batch_op.drop_column("proposal_pk")
