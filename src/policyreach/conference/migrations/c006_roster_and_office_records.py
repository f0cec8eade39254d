"""conference: the roster (party, position, sealed phone), the office's own records (draft deadlines and closing,
the consultation plan's 审定, leaders' 批示 followed through)

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
    op.add_column("conference_activities", sa.Column("adopted_by", sa.String(200), nullable=True))
    op.add_column("conference_activities", sa.Column("adopted_on", sa.Date(), nullable=True))
    op.add_column("legislative_drafts", sa.Column("comments_due", sa.Date(), nullable=True))
    op.add_column("legislative_drafts", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column("legislative_drafts", sa.Column("adoption_note", sa.Text(), nullable=True))
    op.create_table(
        "consultation_plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False, unique=True),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("approved_by", sa.String(100), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_table(
        "instruction_tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("proposal_pk", sa.Integer(), sa.ForeignKey("proposals.id"), nullable=True, index=True),
        sa.Column("report_pk", sa.Integer(), sa.ForeignKey("opinion_reports.id"), nullable=True, index=True),
        sa.Column("leader", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("instructed_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("unit_pk", sa.Integer(), sa.ForeignKey("handling_units.id"), nullable=True, index=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("last_reminded_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("instruction_tasks")
    with op.batch_alter_table("conference_activities", schema=None) as batch_op:
        batch_op.drop_column("adopted_on")
        batch_op.drop_column("adopted_by")
    op.drop_table("consultation_plans")
    with op.batch_alter_table("legislative_drafts", schema=None) as batch_op:
        batch_op.drop_column("adoption_note")
        batch_op.drop_column("closed_on")
        batch_op.drop_column("comments_due")
    with op.batch_alter_table("conference_members", schema=None) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("position")
        batch_op.drop_column("party")
