"""``policyreach keys rotate`` on a real SQLite file: a new audit key and field key, every sealed value re-sealed
under the new field key, old audit entries still verifying with the retired key, new ones signed with the new key,
the chain re-anchored."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text

from policyreach.app import personal_data
from policyreach.redemption import audit
from policyreach.redemption.bank import BankAccount, kept_account
from policyreach.redemption.key_rotation import rotate
from policyreach.store import crypto
from policyreach.store.audit_keys import SM3, KeyRing, algorithm_of, keyring
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Application, AuditEntry, Entity, SensitiveValue

ID = "11010519491231002X"  # the example number of GB 11643-1999 (check character X)


@pytest.fixture
def keys(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYREACH_AUDIT_KEY", raising=False)
    monkeypatch.delenv("POLICYREACH_AUDIT_KEYS_RETIRED", raising=False)
    monkeypatch.setenv("POLICYREACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("POLICYREACH_FIELD_KEYS", str(tmp_path / "field.keys"))
    monkeypatch.setenv("POLICYREACH_AUDIT_ANCHOR", str(tmp_path / "audit.anchor"))
    return tmp_path


def _platform_db(path):
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        for i in range(3):
            talent = Entity(entity_id=f"T{i}", kind="talent", name=f"人才{i}", values={}, provenance={})
            session.add(talent)
            session.flush()
            personal_data.give(session, talent.id, "identity", f"t{i}")
            personal_data.set_id_number(session, talent.id, ID)
            session.add(
                Application(
                    entity_pk=talent.id,
                    benefit_id="b",
                    period="2026",
                    state="approved",
                    redemption="offer",
                    snapshot={"bank": BankAccount(f"人才{i}", f"622202020011223{i}").as_snapshot()},
                )
            )
            audit.record(session, f"t{i}", "application.submit", f"application:{i}")
    return factory


def test_rotation_reseals_everything_and_reanchors_the_chain(keys) -> None:
    factory = _platform_db(keys / "a.db")
    before = keyring()
    old_field = crypto.field_ring().current.id
    with factory() as session:
        old_entries = session.scalars(select(AuditEntry.id)).all()
        assert {e.key_id for e in session.scalars(select(AuditEntry))} == {before.current_id}
        assert algorithm_of(before.current_id) == SM3  # the default: HMAC-SM3
        time.sleep(0.01)  # the ring file's new size marks the change anyway
        done = rotate(session)
    assert done.problems == [] and done.resealed == 6 and done.field_key[0] == old_field
    after = keyring()
    assert after.current != before.current and after.retired == (before.current,)
    with factory() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.key_id for e in entries if e.id in old_entries] == [before.current_id] * 3  # left as signed
        assert entries[-1].action == "keys.rotated" and entries[-1].key_id == after.current_id
        assert audit.verify(session) == []  # old entries with the retired key, the new one with the new key
        # without the retired key the old entries fail: they really are signed with it
        assert {p.entry_id for p in audit.verify(session, KeyRing(after.current))} == set(old_entries)
        # every ciphertext names the new field key and opens with it alone
        only_new = crypto.FieldRing((crypto.field_ring().current,))
        values = session.scalars(select(SensitiveValue)).all()
        assert {v.key_id for v in values} == {done.field_key[1]} == {crypto.key_id_of(v.sealed) for v in values}
        assert {crypto.open_sealed(v.sealed, only_new) for v in values} == {ID}
        for application in session.scalars(select(Application)):
            number = application.snapshot["bank"]["number"]
            assert crypto.key_id_of(number) == done.field_key[1]
            assert crypto.open_sealed(number, only_new).startswith("622202020011223")
            assert kept_account(application.snapshot) is not None
    # the anchor moved to the head, with the rotation entry
    with factory() as session:
        anchor = audit.read_anchor(keys / "audit.anchor", session)
        head = session.execute(text("SELECT entries, hash FROM audit_head")).one()
    assert anchor is not None and (anchor.entries, anchor.hash) == (head.entries, head.hash)


def test_cli_keys_rotate(keys) -> None:
    from typer.testing import CliRunner

    from policyreach.cli import app

    _platform_db(keys / "policyreach.db")
    result = CliRunner().invoke(app, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "审计密钥已轮换" in result.output and "重新加密 6 项" in result.output and "锚点已更新" in result.output


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_seals_bank_numbers_kept_in_clear(keys, backend, request) -> None:
    """A database from before i004: the numbers in applications' snapshots are sealed by the migration (the JSON
    column written back on both back ends)."""
    from alembic import command

    from policyreach.store.db import alembic_config

    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{keys / 'old.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_database")("gmcrypto_i004"))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0009")
        connection.execute(
            text(
                'INSERT INTO entities (entity_id, kind, name, "values", provenance) '
                "VALUES ('E1', 'enterprise', '某公司', '{}', '{}')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO applications (entity_pk, benefit_id, period, state, version, redemption, snapshot) "
                "VALUES (1, 'b', '2026', 'approved', 0, 'offer', :s)"
            ),
            {"s": '{"bank": {"name": "某公司", "number": "6222020200112233"}, "other": 1}'},
        )
    migrate(engine)
    with sessions(engine)() as session:
        snapshot = session.scalars(select(Application.snapshot)).one()
    assert crypto.is_sealed(snapshot["bank"]["number"]) and snapshot["bank"]["tail"] == "2233"
    assert kept_account(snapshot) == BankAccount("某公司", "6222020200112233") and snapshot["other"] == 1
    engine.dispose()


def test_intl_signs_with_sha256_and_sm3_entries_keep_verifying(keys, monkeypatch) -> None:
    factory = _platform_db(keys / "a.db")  # signed with HMAC-SM3, the default
    monkeypatch.setenv("POLICYREACH_CRYPTO", "intl")
    ring = keyring()
    assert algorithm_of(ring.current_id) == "sha256"
    with factory() as session, session.begin():
        audit.record(session, "officer1", "application.approve", "application:9")
    with factory() as session:
        kinds = [algorithm_of(e.key_id) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        assert kinds == [SM3, SM3, SM3, "sha256"] and audit.verify(session) == []


def test_rotation_reseals_a_saved_bank_account(keys) -> None:
    from policyreach.redemption import bank
    from policyreach.store.models import SavedBankAccount

    factory = _platform_db(keys / "saved.db")
    with factory() as session, session.begin():
        talent = session.scalar(select(Entity).where(Entity.entity_id == "T0"))
        bank.save(session, talent, "人才0", "中国银行长春分行", "6222 0202 0011 9999", "6222020200119999", "t0")
    with factory() as session:
        done = rotate(session)
    assert done.problems == [] and done.resealed == 7
    only_new = crypto.FieldRing((crypto.field_ring().current,))
    with factory() as session:
        saved = session.scalar(select(SavedBankAccount))
        assert saved.key_id == done.field_key[1] == crypto.key_id_of(saved.sealed)
        assert crypto.open_sealed(saved.sealed, only_new) == "6222020200119999"
