"""Two first saves of a firm's bank account at once, on PostgreSQL: the second waits for the first (the entity's row
is the lock) and replaces it as a change, audited; without the lock it would insert a second row and fail."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from policyreach.redemption import audit, bank
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import AuditEntry, Entity, SavedBankAccount


@pytest.fixture
def keys(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYREACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("POLICYREACH_FIELD_KEYS", str(tmp_path / "field.keys"))
    monkeypatch.delenv("POLICYREACH_AUDIT_KEY", raising=False)
    return tmp_path


def test_two_first_saves_at_once_make_one_account_and_a_change(keys, postgres_database) -> None:
    engine = make_engine(postgres_database("saved_bank_accounts"))
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        session.add(Entity(entity_id="E1", kind="enterprise", name="长春某某科技有限公司", values={}, provenance={}))
    name = "长春某某科技有限公司"
    first = factory()
    entity = first.scalar(select(Entity))
    bank.save(first, entity, name, "中国银行长春分行", "6222020200110001", "6222020200110001", "a")  # not committed yet
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with factory() as session, session.begin():
                other = session.scalar(select(Entity))
                bank.save(session, other, name, "中国工商银行长春分行", "6222020200110002", "6222020200110002", "b")
        except BaseException as exc:  # reported to the test's thread
            errors.append(exc)

    racer = threading.Thread(target=second)
    racer.start()
    racer.join(timeout=1.0)
    assert racer.is_alive(), "the second save waits for the first"
    first.commit()
    first.close()
    racer.join(timeout=10)
    assert not errors, errors
    with factory() as session:
        rows = session.scalars(select(SavedBankAccount)).all()
        assert len(rows) == 1 and rows[0].tail == "0002" and rows[0].saved_by == "b"
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        assert actions == ["bank.saved", "bank.changed"]
        assert audit.verify(session) == []
    engine.dispose()
