"""Money is exact in every database, budgets are refused below what is used, and ``audit funds`` names differences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Numeric, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from policyreach.redemption import funds
from policyreach.redemption.states import ClaimRefused
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.store.models import Application, Base, Entity, Fund, FundBudget, LedgerEntry, Money


def _money_columns() -> list[tuple[str, str]]:
    return [
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Money)
    ]


def _ledgered(engine) -> int:
    """A fund with a budget, an application and its commitment, written through the models; the application id."""
    with transaction(sessions(engine)) as session:
        entity = Entity(entity_id="E1", kind="enterprise", name="某公司", values={}, provenance={})
        session.add_all([entity, Fund(id="f", name="测试资金", mode="fcfs")])
        session.flush()
        application = Application(
            entity_pk=entity.id,
            benefit_id="b",
            period="2026",
            state="approved",
            redemption="instant",
            amount=Decimal("1234.29"),
            fund_id="f",
            snapshot={},
        )
        session.add(application)
        session.flush()
        funds.set_budget(session, "f", "2026", Decimal("2000.10"), "预算批复", "finance")
        funds.commit(session, application, "f", "2026", application.amount, "firm")
        return application.id


def test_no_money_column_is_stored_as_real_on_sqlite(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'money.db'}")
    migrate(engine)
    _ledgered(engine)
    assert {("applications", "amount"), ("fund_budgets", "budget"), ("fund_ledger", "amount")} <= set(_money_columns())
    # no column of the platform's own is a plain NUMERIC any more (that is REAL on SQLite)
    plain = [
        (t.name, c.name)
        for t in Base.metadata.sorted_tables
        for c in t.columns
        if isinstance(c.type, Numeric) and not isinstance(c.type, Money)
    ]
    assert plain == []
    with engine.connect() as connection:
        for table, column in _money_columns():
            declared = {c["name"]: str(c["type"]) for c in inspect(connection).get_columns(table)}[column]
            assert not any(word in declared.upper() for word in ("REAL", "FLOA", "DOUB")), (table, column, declared)
            stored = connection.execute(text(f"SELECT DISTINCT typeof({column}) FROM {table}")).scalars().all()
            assert set(stored) <= {"integer", "null"}, (table, column, stored)
    with sessions(engine)() as session:
        assert session.get(Application, 1).amount == Decimal("1234.29")
        assert funds.figures_for(session, "f", "2026").remaining == Decimal("765.81")


def test_no_money_column_is_stored_as_real_on_postgresql(postgres_database) -> None:
    engine = make_engine(postgres_database("policyreach_money_types"))
    migrate(engine)
    _ledgered(engine)
    with engine.connect() as connection:
        for table, column in _money_columns():
            kind, scale = connection.execute(
                text(
                    "SELECT data_type, numeric_scale FROM information_schema.columns "
                    "WHERE table_name = :t AND column_name = :c"
                ),
                {"t": table, "c": column},
            ).one()
            assert (kind, scale) == ("numeric", 2), (table, column)
    engine.dispose()


def test_a_float_is_never_taken_for_money(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'float.db'}")
    migrate(engine)
    with pytest.raises(StatementError, match="never a float"), transaction(sessions(engine)) as session:
        session.add(Fund(id="f", name="x"))
        session.flush()
        session.add(FundBudget(fund_id="f", period="2026", budget=0.1, set_by="x"))
        session.flush()


def test_budgets_are_refused_below_what_is_used_and_without_a_reason(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'budget.db'}")
    migrate(engine)
    _ledgered(engine)
    with sessions(engine)() as session:
        with pytest.raises(ClaimRefused, match=r"已承诺 1,234.29 元.*不能低于此数"):
            funds.set_budget(session, "f", "2026", Decimal("1000"), "压减", "finance")
        with pytest.raises(ClaimRefused, match="理由"):
            funds.set_budget(session, "f", "2026", Decimal("5000"), " ", "finance")
        with pytest.raises(ClaimRefused, match="年份"):
            funds.set_budget(session, "f", "20x6", Decimal("5000"), "批复", "finance")
        for bad in ("abc", "-5", "1.234", "0"):
            with pytest.raises(ClaimRefused):
                funds.parse_money(bad)
        assert funds.parse_money("1,000,000.5元") == Decimal("1000000.50")
        application = session.get(Application, 1)
        with pytest.raises(funds.OverBudget, match="额度已用完"):
            funds.commit(session, application, "f", "2026", Decimal("765.82"), "x")
        with pytest.raises(funds.NotFunded, match="本期资金尚未安排"):
            funds.commit(session, application, "f", "2027", Decimal("1"), "x")


def test_an_application_is_paid_at_most_once_by_constraint(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'once.db'}")
    migrate(engine)
    application_id = _ledgered(engine)
    with sessions(engine)() as session:
        application = session.get(Application, application_id)
        assert funds.pay(session, application, "bank") == Decimal("1234.29")
        assert funds.pay(session, application, "bank") == 0  # nothing is open any more
        # a second payment of the same fund and period written by a concurrent transaction: the constraint refuses it
        with pytest.raises(IntegrityError):
            session.add(
                LedgerEntry(
                    fund_id="f", period="2026", application_id=application_id, amount=Decimal(1), kind="pay", by="x"
                )
            )
            session.flush()


def test_audit_funds_names_every_difference(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from policyreach.cli import app

    monkeypatch.setenv("POLICYREACH_DATABASE_URL", f"sqlite:///{tmp_path / 'audit.db'}")
    engine = make_engine()
    migrate(engine)
    application_id = _ledgered(engine)
    ok = CliRunner().invoke(app, ["audit", "funds"])
    assert ok.exit_code == 0, ok.output
    with transaction(sessions(engine)) as session:  # paid in the books, but no payment in the ledger
        session.execute(text("UPDATE applications SET state = 'paid' WHERE id = :i"), {"i": application_id})
        session.add(
            LedgerEntry(
                fund_id="f", period="2025", application_id=application_id, amount=Decimal(5), kind="release", by="x"
            )
        )
    result = CliRunner().invoke(app, ["audit", "funds"])
    assert result.exit_code == 1
    assert f"申请 {application_id}" in result.output and "2025 年度没有预算" in result.output
    assert dt.date.today()  # the command reads nothing but the database


def test_the_migration_turns_existing_amounts_into_exact_cents_and_ledger_rows(tmp_path) -> None:
    from alembic import command

    from policyreach.store.db import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    with engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO entities (id, entity_id, kind, name, "values", provenance) '
                "VALUES (1, 'E1', 'enterprise', '某公司', '{}', '{}')"
            )
        )
        connection.execute(
            text("INSERT INTO funds (id, name, budget, committed, mode) VALUES ('f', '资金', 1000.1, 0.29, 'fcfs')")
        )
        connection.execute(
            text(
                "INSERT INTO applications (id, entity_pk, benefit_id, period, state, redemption, amount, fund_id, "
                "snapshot) VALUES (1, 1, 'b', '2026', 'notice', 'instant', 0.29, 'f', '{}')"
            )
        )
    migrate(engine)
    with sessions(engine)() as session:
        assert session.get(Application, 1).amount == Decimal("0.29")
        (budget,) = funds.figures(session, "f")
        assert budget.budget == Decimal("1000.10") and budget.committed == Decimal("0.29")
        assert funds.reconcile(session) == []


def test_0007_gives_old_payments_their_batch_and_its_downgrade_restores_the_constraint(tmp_path) -> None:
    """A batch paid before 0007 still adds up after it: its payment rows get the batch from their application."""
    from alembic import command

    from policyreach.store.db import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'paid.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        for statement in (
            'INSERT INTO entities (id, entity_id, kind, name, "values", provenance) '
            "VALUES (1, 'E1', 'enterprise', '某公司', '{}', '{}')",
            "INSERT INTO funds (id, name, mode) VALUES ('f', '资金', 'fcfs')",
            "INSERT INTO fund_budgets (fund_id, period, budget, version, set_by) VALUES ('f', '2026', 100000, 0, 'x')",
            "INSERT INTO disbursements (id, total, state) VALUES ('D1', 1234, 'sent')",
            "INSERT INTO applications (id, entity_pk, benefit_id, period, state, redemption, amount, fund_id, "
            "snapshot, disbursement_id) VALUES (1, 1, 'b', '2026', 'paid', 'instant', 1234, 'f', '{}', 'D1')",
            "INSERT INTO fund_ledger (fund_id, period, application_id, amount, kind, by) "
            "VALUES ('f', '2026', 1, 1234, 'commit', 'x'), ('f', '2026', 1, 1234, 'pay', 'x')",
        ):
            connection.execute(text(statement))
    migrate(engine)
    with sessions(engine)() as session:
        assert session.scalar(select(LedgerEntry.disbursement_id).where(LedgerEntry.kind == "pay")) == "D1"
        assert funds.reconcile(session) == []
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    with engine.begin() as connection, pytest.raises(IntegrityError):  # once per application, fund and kind again
        connection.execute(
            text(
                "INSERT INTO fund_ledger (fund_id, period, application_id, amount, kind, by) "
                "VALUES ('f', '2027', 1, 1, 'pay', 'x')"
            )
        )
