"""several funds by share, instalments over several years, clawback

Revision ID: 0007
Revises: 0006

A ledger row is now once per application, fund, *period* and kind (an instalment commits and pays each year on that
year's budget); a payment names the batch the bank paid it in, and a batch the budget year whose instalments it
pays, so that a batch's total is reconciled after its applications move on to the next instalment. Payments made
before this revision get their batch from the application.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fund_ledger") as batch_op:
        batch_op.drop_constraint("uq_ledger_once", type_="unique")
        batch_op.create_unique_constraint("uq_ledger_once", ["application_id", "fund_id", "period", "kind"])
        batch_op.add_column(sa.Column("disbursement_id", sa.String(32), nullable=True))
    with op.batch_alter_table("disbursements") as batch_op:
        batch_op.add_column(sa.Column("period", sa.String(16), nullable=True))
    op.execute(
        "UPDATE fund_ledger SET disbursement_id = "
        "(SELECT disbursement_id FROM applications WHERE applications.id = fund_ledger.application_id) "
        "WHERE kind = 'pay'"
    )


def downgrade() -> None:
    with op.batch_alter_table("disbursements") as batch_op:
        batch_op.drop_column("period")
    with op.batch_alter_table("fund_ledger") as batch_op:
        batch_op.drop_column("disbursement_id")
        batch_op.drop_constraint("uq_ledger_once", type_="unique")
        batch_op.create_unique_constraint("uq_ledger_once", ["application_id", "fund_id", "kind"])
