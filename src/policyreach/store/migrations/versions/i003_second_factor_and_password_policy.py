"""second factor (TOTP secret, last step, recovery codes), sessions opened with it, password history and the
forced change of a password an administrator set (issue 20, items 3 and 4)

Revision ID: i003
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "i003"
down_revision = "i002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("totp_secret", sa.String(64), nullable=True))
        batch.add_column(sa.Column("totp_pending", sa.String(64), nullable=True))
        batch.add_column(sa.Column("totp_last_step", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false()))
    with op.batch_alter_table("auth_sessions") as batch:
        batch.add_column(sa.Column("second_factor", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("used_at", sa.Float, nullable=True),
    )
    op.create_index("ix_recovery_codes_account_id", "recovery_codes", ["account_id"])
    op.create_table(
        "password_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_password_history_account_id", "password_history", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_password_history_account_id", table_name="password_history")
    op.drop_table("password_history")
    op.drop_index("ix_recovery_codes_account_id", table_name="recovery_codes")
    op.drop_table("recovery_codes")
    with op.batch_alter_table("auth_sessions") as batch:
        batch.drop_column("second_factor")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("must_change_password")
        batch.drop_column("totp_last_step")
        batch.drop_column("totp_pending")
        batch.drop_column("totp_secret")
