"""funds with a budget per period, the money ledger, versioned applications, exact money on SQLite

Revision ID: 0006
Revises: 0005

On SQLite the money values become integer 分: its NUMERIC columns keep fractions as binary floating point, but keep an
integer as an integer, so the values are rewritten in place (no table is rebuilt: rebuilding one that other rows
reference fails with foreign keys on). The old ``funds.budget`` becomes this year's budget, and what applications
already hold becomes ledger rows, so that the fund's figures (the ledger's sums) agree with the applications from the
first moment.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

MONEY_COLUMNS = {"applications": ["amount"], "disbursements": ["total"], "funds": ["budget", "committed"]}


def _to_cents(sqlite: bool) -> None:
    if not sqlite:
        return
    for table, columns in MONEY_COLUMNS.items():
        for column in columns:
            # ROUND before the cast: a cast truncates 0.29 * 100 = 28.999…
            op.execute(
                f"UPDATE {table} SET {column} = CAST(ROUND({column} * 100) AS INTEGER) WHERE {column} IS NOT NULL"
            )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    money = sa.BigInteger() if sqlite else sa.Numeric(18, 2)
    _to_cents(sqlite)
    op.create_table(
        "fund_budgets",
        sa.Column("fund_id", sa.String(64), sa.ForeignKey("funds.id"), primary_key=True),
        sa.Column("period", sa.String(16), primary_key=True),
        sa.Column("budget", money, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.Column("set_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "fund_ledger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fund_id", sa.String(64), sa.ForeignKey("funds.id"), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("application_id", sa.Integer(), sa.ForeignKey("applications.id"), nullable=False),
        sa.Column("amount", money, nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.UniqueConstraint("application_id", "fund_id", "kind", name="uq_ledger_once"),
    )
    op.create_index("ix_fund_ledger_fund_period", "fund_ledger", ["fund_id", "period"])
    op.create_index("ix_fund_ledger_application_id", "fund_ledger", ["application_id"])
    year = "strftime('%Y', 'now')" if sqlite else "to_char(now(), 'YYYY')"
    op.execute(
        f"INSERT INTO fund_budgets (fund_id, period, budget, version, set_by) "
        f"SELECT id, {year}, budget, 0, 'migration' FROM funds"
    )
    held = "('approved', 'notice', 'objected', 'disbursing', 'paid')"
    op.execute(
        f"INSERT INTO fund_ledger (fund_id, period, application_id, amount, kind, by) "
        f"SELECT fund_id, {year}, id, amount, 'commit', 'migration' FROM applications "
        f"WHERE fund_id IS NOT NULL AND amount IS NOT NULL AND state IN {held}"
    )
    op.execute(
        f"INSERT INTO fund_ledger (fund_id, period, application_id, amount, kind, by) "
        f"SELECT fund_id, {year}, id, amount, 'pay', 'migration' FROM applications "
        f"WHERE fund_id IS NOT NULL AND amount IS NOT NULL AND state = 'paid'"
    )
    if sqlite:  # natively (SQLite 3.35+): rebuilding the referenced table would trip its foreign keys
        op.execute("ALTER TABLE funds DROP COLUMN budget")
        op.execute("ALTER TABLE funds DROP COLUMN committed")
    else:
        op.drop_column("funds", "budget")
        op.drop_column("funds", "committed")
    with op.batch_alter_table("applications") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("disbursements") as batch_op:
        batch_op.add_column(sa.Column("department", sa.String(100), nullable=True))
        batch_op.add_column(sa.Column("created_by", sa.String(64), nullable=True))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("disbursements") as batch_op:
        batch_op.drop_column("created_by")
        batch_op.drop_column("department")
    with op.batch_alter_table("applications") as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("funds") as batch_op:
        batch_op.add_column(sa.Column("budget", sa.Numeric(18, 2), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("committed", sa.Numeric(18, 2), nullable=False, server_default="0"))
    op.drop_index("ix_fund_ledger_application_id", table_name="fund_ledger")
    op.drop_index("ix_fund_ledger_fund_period", table_name="fund_ledger")
    op.drop_table("fund_ledger")
    op.drop_table("fund_budgets")
    if sqlite:
        for table, columns in MONEY_COLUMNS.items():
            for column in columns:
                op.execute(f"UPDATE {table} SET {column} = {column} / 100.0 WHERE {column} IS NOT NULL")
