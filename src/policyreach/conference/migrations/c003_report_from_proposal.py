"""conference records: a public-opinion report may come from a proposal that was not filed (不立案 → 社情民意)

Revision ID: c003
Revises: c002

A plain ADD COLUMN, not a batch (copy-and-drop) alteration: on SQLite with foreign keys on, dropping
``opinion_reports`` while ``report_instructions`` refers to it would fail on a database that has data.

"""

import sqlalchemy as sa
from alembic import op

revision = "c003"
down_revision = "c002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its REFERENCES clause in place; Alembic would want a batch copy for the key
        op.execute("ALTER TABLE opinion_reports ADD COLUMN proposal_pk INTEGER REFERENCES proposals (id)")
    else:
        op.add_column("opinion_reports", sa.Column("proposal_pk", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_opinion_reports_proposal_pk", "opinion_reports", "proposals", ["proposal_pk"], ["id"])
    op.create_index(op.f("ix_opinion_reports_proposal_pk"), "opinion_reports", ["proposal_pk"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_opinion_reports_proposal_pk"), table_name="opinion_reports")
    with op.batch_alter_table("opinion_reports", schema=None) as batch_op:
        batch_op.drop_column("proposal_pk")
