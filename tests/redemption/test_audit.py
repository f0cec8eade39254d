"""The keyed, anchored audit chain: what someone who can write the database but not read the audit secret
can and cannot hide (real SQLite files, the tampering done in SQL as an intruder would)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from policyreach.redemption import audit
from policyreach.store.audit_keys import GENESIS, KeyRing, key_id, keyring, legacy_digest, rotate_key_file
from policyreach.store.db import make_engine, migrate, sessions

RING = KeyRing("the-current-audit-secret")


def _db(path: Path, entries: int = 5, ring: KeyRing = RING) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        for i in range(entries):
            audit.record(session, "officer1", "application.approve", f"application:{i}", {"amount": i}, ring=ring)
    return factory


def _rows(factory: sessionmaker[Session]) -> list:
    with factory() as session:
        return session.execute(text("SELECT * FROM audit_log ORDER BY id")).mappings().all()


def _sql(factory: sessionmaker[Session], statement: str, **params: object) -> None:
    with factory() as session, session.begin():
        session.execute(text(statement), params)


def test_an_intact_chain_verifies_and_names_its_key(tmp_path) -> None:
    factory = _db(tmp_path / "a.db")
    assert {r["key_id"] for r in _rows(factory)} == {RING.current_id}
    with factory() as session:
        assert audit.verify(session, RING) == []
        assert audit.verify(session, KeyRing("another-secret")) != []  # the hash is keyed: another key fails it


def test_a_row_rewritten_with_recomputed_unkeyed_hashes_is_detected(tmp_path) -> None:
    """The old chain's weakness: rewrite an entry and recompute every hash after it, and the head, with plain
    SHA-256 — consistent links, consistent head, and still found, because the intruder has no key."""
    factory = _db(tmp_path / "a.db")
    rows = _rows(factory)
    prev = rows[1]["hash"]
    for row in rows[2:]:
        actor = "someone" if row["id"] == rows[2]["id"] else row["actor"]
        data = {"amount": 999} if row["id"] == rows[2]["id"] else {"amount": int(row["data"][-2])}
        forged = legacy_digest(prev, row["at"], actor, row["action"], row["subject"], data)
        _sql(
            factory,
            "UPDATE audit_log SET actor = :a, data = :d, prev_hash = :p, hash = :h WHERE id = :i",
            a=actor,
            d=f'{{"amount": {data["amount"]}}}',
            p=prev,
            h=forged,
            i=row["id"],
        )
        prev = forged
    _sql(factory, "UPDATE audit_head SET hash = :h", h=prev)
    with factory() as session:
        problems = [str(p) for p in audit.verify(session, RING)]
    # every rewritten entry fails its keyed hash; the links and the head agree, so nothing else is reported
    assert problems == [f"第 {row['id']} 条：内容与其哈希不符（记录被改动）" for row in rows[2:]]


def test_a_row_relabelled_with_another_key_id_is_detected(tmp_path) -> None:
    factory = _db(tmp_path / "a.db")
    _sql(factory, "UPDATE audit_log SET key_id = 'ffffffffffff' WHERE id = 2")
    with factory() as session:
        [problem] = audit.verify(session, RING)
    assert problem.entry_id == 2 and "不在本机的审计密钥中" in problem.reason


def test_deleting_the_head_row_is_an_error(tmp_path) -> None:
    factory = _db(tmp_path / "a.db")
    _sql(factory, "DELETE FROM audit_head")
    with factory() as session:
        assert [str(p) for p in audit.verify(session, RING)] == ["日志头记录缺失，而日志有 5 条（头记录被删除）"]


def test_deleting_the_last_rows_is_detected_by_the_head_and_by_the_anchor(tmp_path) -> None:
    factory = _db(tmp_path / "a.db")
    anchor = tmp_path / "audit.anchor"
    with factory() as session:
        assert audit.verify_and_anchor(session, anchor, RING) == []  # the daily check anchors the head: 5 entries
    rows = _rows(factory)
    _sql(factory, "DELETE FROM audit_log WHERE id > :i", i=rows[2]["id"])  # cut the last two
    with factory() as session:
        assert any("最新的记录被删除" in str(p) for p in audit.verify(session, RING))
    # the intruder also moves the head back to the new last entry: the database alone is consistent again …
    _sql(factory, "UPDATE audit_head SET entries = 3, hash = :h", h=rows[2]["hash"])
    with factory() as session:
        assert audit.verify(session, RING) == []
        # … but the anchor kept outside the database remembers five entries
        problems = [str(p) for p in audit.verify_and_anchor(session, anchor, RING)]
    assert problems == ["上次核验时日志有 5 条，现在只有 3 条（末尾的记录被删除）"]
    assert audit.read_anchor(anchor, factory()) == audit.Anchor(5, rows[4]["hash"])  # a failed check keeps it


def test_the_anchor_moves_with_the_chain_and_catches_a_rewritten_prefix(tmp_path) -> None:
    factory = _db(tmp_path / "a.db", entries=3)
    anchor = tmp_path / "audit.anchor"
    with factory() as session:
        assert audit.verify_and_anchor(session, anchor, RING) == []
    with factory() as session, session.begin():
        audit.record(session, "admin", "login", "account:1", ring=RING)
    with factory() as session:
        assert audit.verify_and_anchor(session, anchor, RING) == []
        assert audit.read_anchor(anchor, session) == audit.Anchor(4, _rows(factory)[3]["hash"])
    # another database anchored in the same file is its own chain
    other = _db(tmp_path / "b.db", entries=1)
    with other() as session:
        assert audit.verify_and_anchor(session, anchor, RING) == []
    with factory() as session:
        assert audit.read_anchor(anchor, session).entries == 4


def test_rotation_new_entries_use_the_new_key_old_ones_verify_with_the_retired_key(tmp_path) -> None:
    old = RING
    factory = _db(tmp_path / "a.db", entries=3, ring=old)
    new = KeyRing("the-new-audit-secret", retired=(old.current,))
    with factory() as session, session.begin():
        audit.record(session, "admin", "login", "account:1", ring=new)
    assert [r["key_id"] for r in _rows(factory)] == [old.current_id] * 3 + [new.current_id]
    with factory() as session:
        assert audit.verify(session, new) == []
        forgotten = [p.entry_id for p in audit.verify(session, KeyRing(new.current))]
    assert forgotten == [r["id"] for r in _rows(factory)[:3]]  # without the retired key the old entries fail


def test_the_key_file_is_created_private_and_rotated(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("POLICYREACH_AUDIT_KEY", raising=False)
    monkeypatch.delenv("POLICYREACH_AUDIT_KEYS_RETIRED", raising=False)
    monkeypatch.setenv("POLICYREACH_DATA_DIR", str(tmp_path))
    first = keyring()
    assert (tmp_path / "audit.key").stat().st_mode & 0o777 == 0o600
    assert keyring() == first and first.retired == ()
    factory = _db(tmp_path / "a.db", entries=2, ring=first)
    old_id, new_id = rotate_key_file()
    ring = keyring()
    assert (old_id, new_id) == (first.current_id, ring.current_id) and ring.retired == (first.current,)
    assert (tmp_path / "audit-retired.keys").stat().st_mode & 0o777 == 0o600
    with factory() as session, session.begin():
        audit.record(session, "admin", "login", "account:1")  # from the settings: the new key
    with factory() as session:
        assert audit.verify(session) == []
    assert _rows(factory)[-1]["key_id"] == new_id


def test_the_environment_key_and_its_retired_keys(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_AUDIT_KEY", "env-new")
    monkeypatch.setenv("POLICYREACH_AUDIT_KEYS_RETIRED", "env-old-1, env-old-2")
    assert keyring() == KeyRing("env-new", ("env-old-1", "env-old-2"))


def test_migration_resigns_an_intact_unkeyed_chain(tmp_path) -> None:
    """A database from before 0012: its unkeyed chain is checked, then re-signed with the audit secret."""
    from alembic import command

    from policyreach.store.db import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        prev = GENESIS
        for i in range(3):
            at = f"2026-01-0{i + 1}T00:00:00.000000+00:00"
            digest = legacy_digest(prev, at, "officer", "x", f"s:{i}", {"i": i})
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, subject, data, prev_hash, hash) "
                    "VALUES (:at, 'officer', 'x', :s, :d, :p, :h)"
                ),
                {"at": at, "s": f"s:{i}", "d": f'{{"i": {i}}}', "p": prev, "h": digest},
            )
            prev = digest
        connection.execute(text("UPDATE audit_head SET entries = 3, hash = :h WHERE id = 1"), {"h": prev})
    migrate(engine)
    factory = sessions(engine)
    with factory() as session:
        assert audit.verify(session) == []
    # 0012 re-signed them with HMAC-SHA256, as it always did: they keep verifying after SM3 became the default
    assert {r["key_id"] for r in _rows(factory)} == {key_id(keyring().current)}


@pytest.mark.parametrize("secret", ["", "   "])
def test_an_empty_environment_key_falls_back_to_the_file(tmp_path, monkeypatch, secret) -> None:
    monkeypatch.setenv("POLICYREACH_AUDIT_KEY", secret)
    monkeypatch.setenv("POLICYREACH_DATA_DIR", str(tmp_path))
    assert keyring().current == (tmp_path / "audit.key").read_text().strip()


def test_cli_rotate_key_rotates_the_file_and_refuses_an_environment_key(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from policyreach.cli import app

    monkeypatch.setenv("POLICYREACH_AUDIT_KEY", "from-the-environment")
    result = CliRunner().invoke(app, ["audit", "rotate-key"])
    assert result.exit_code == 1 and "POLICYREACH_AUDIT_KEYS_RETIRED" in result.output
    monkeypatch.delenv("POLICYREACH_AUDIT_KEY")
    monkeypatch.delenv("POLICYREACH_AUDIT_KEYS_RETIRED", raising=False)
    monkeypatch.setenv("POLICYREACH_DATA_DIR", str(tmp_path))
    before = keyring()
    result = CliRunner().invoke(app, ["audit", "rotate-key"])
    assert result.exit_code == 0 and before.current_id in result.output
    assert keyring().retired == (before.current,) and keyring().current_id in result.output
