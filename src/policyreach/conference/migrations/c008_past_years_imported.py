"""conference: proposals, reports and activities of past years imported from XLSX are marked, so that a re-import
updates them (idempotent) and never overwrites a record made on the platform; a member's unified identity (the
provider's subject), so that the member signs in through it

Revision ID: c008
Revises: c006

Plain ADD COLUMNs with a server default (no batch copy, see c003).

"""

import sqlalchemy as sa
from alembic import op

revision = "c008"
down_revision = "c007"
branch_labels = None
depends_on = None

TABLES = ("proposals", "opinion_reports", "conference_activities")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("conference_members", sa.Column("identity_subject", sa.String(255), nullable=True))
    op.create_index("ix_conference_members_identity_subject", "conference_members", ["identity_subject"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_conference_members_identity_subject", "conference_members")
    with op.batch_alter_table("conference_members", schema=None) as batch_op:
        batch_op.drop_column("identity_subject")
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("imported")
