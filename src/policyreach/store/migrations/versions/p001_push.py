"""push: jobs, notifications, deliveries, preferences, benefit and match state, cursors

Revision ID: p001
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "p001"
down_revision = "0003"
branch_labels = ("push",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "push_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(48), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("key", sa.String(200), nullable=True, unique=True),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_at", sa.DateTime(), nullable=False),
        sa.Column("locked_by", sa.String(64), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_push_jobs_due", "push_jobs", ["state", "run_at"])
    op.create_table(
        "push_notifications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recipient", sa.String(32), nullable=False),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=True),
        sa.Column("account_pk", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(300), nullable=True),
        sa.Column("dedupe_key", sa.String(200), nullable=False, unique=True),
        sa.Column("token", sa.String(32), nullable=False, unique=True),
        sa.Column("legal", sa.Boolean(), nullable=False),
        sa.Column("department", sa.String(100), nullable=True),
        sa.Column("benefit_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("clicked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_push_notifications_recipient", "push_notifications", ["recipient", "read_at"])
    op.create_index("ix_push_notifications_benefit", "push_notifications", ["benefit_id", "kind"])
    op.create_table(
        "push_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("notification_id", sa.Integer(), sa.ForeignKey("push_notifications.id"), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("notification_id", "channel"),
    )
    op.create_index("ix_push_deliveries_notification_id", "push_deliveries", ["notification_id"])
    op.create_index("ix_push_deliveries_state", "push_deliveries", ["state"])
    op.create_table(
        "push_preferences",
        sa.Column("recipient", sa.String(32), primary_key=True),
        sa.Column("inbox", sa.Boolean(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("sms", sa.Boolean(), nullable=False),
        sa.Column("email_address", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("quiet_hours", sa.String(16), nullable=True),
        sa.Column("unsubscribed", sa.JSON(), nullable=False),
    )
    op.create_table(
        "push_benefit_state",
        sa.Column("benefit_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "push_match_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("benefit_id", sa.String(64), nullable=False),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.UniqueConstraint("benefit_id", "entity_pk"),
    )
    op.create_index("ix_push_match_state_benefit_id", "push_match_state", ["benefit_id"])
    op.create_index("ix_push_match_state_entity_pk", "push_match_state", ["entity_pk"])
    op.create_table(
        "push_cursors",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "push_cursors",
        "push_match_state",
        "push_benefit_state",
        "push_preferences",
        "push_deliveries",
        "push_notifications",
        "push_jobs",
    ):
        op.drop_table(table)
