"""conference: the roster's party, position and (sealed) contact number of each member

Revision ID: c006
Revises: c005

"""

import sqlalchemy as sa
from alembic import op

revision = "c006"
down_revision = "c005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("conference_members", sa.Column("party", sa.String(32), nullable=True))
    op.add_column("conference_members", sa.Column("position", sa.String(8), nullable=True))
    op.add_column("conference_members", sa.Column("phone", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conference_members", schema=None) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("position")
        batch_op.drop_column("party")
