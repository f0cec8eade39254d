"""conference records: fair attendance (paper sign-in by staff, leave approved, attendance closed by staff)

Revision ID: c005
Revises: c003

Plain ADD COLUMNs (no batch copy, see c003). Activities held before this revision keep their recorded absences:
their attendance counts as closed when they were held.

"""

import sqlalchemy as sa
from alembic import op

revision = "c005"
down_revision = "c003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("conference_activities", sa.Column("attendance_closed_at", sa.DateTime(), nullable=True))
    op.add_column("activity_participants", sa.Column("signed_in_by", sa.String(64), nullable=True))
    op.add_column("activity_participants", sa.Column("leave_reason", sa.String(500), nullable=True))
    op.add_column("activity_participants", sa.Column("leave_state", sa.String(10), nullable=True))
    op.execute("UPDATE conference_activities SET attendance_closed_at = held_on WHERE state IN ('held', 'concluded')")
    op.execute("UPDATE activity_participants SET leave_state = 'approved' WHERE absence = 'excused'")


def downgrade() -> None:
    with op.batch_alter_table("activity_participants", schema=None) as batch_op:
        batch_op.drop_column("leave_state")
        batch_op.drop_column("leave_reason")
        batch_op.drop_column("signed_in_by")
    with op.batch_alter_table("conference_activities", schema=None) as batch_op:
        batch_op.drop_column("attendance_closed_at")
