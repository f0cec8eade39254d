"""Retention (push/retention.py) on a real SQLite file: entries older than the retention period leave the database
only after an export with its anchor, verification goes on from the anchor, the export verifies on its own, and
deleting entries without the export (a forged prune row) is found."""

from __future__ import annotations

import datetime as dt
import json
import types

import pytest
from sqlalchemy import select, text

from policyreach import settings
from policyreach.push import audit_check, jobs, retention, worker
from policyreach.push.models import Job
from policyreach.redemption import audit
from policyreach.store.audit_keys import KeyRing
from policyreach.store.crypto import sm3_hex
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import AuditEntry, AuditPrune

RING = KeyRing("retention-test-secret")
START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


class _Clock(dt.datetime):
    at = START

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return cls.at


@pytest.fixture
def chain(tmp_path, monkeypatch):
    """Twelve entries, one every 30 days from 1 January 2026 (the audit module's clock pinned for each)."""
    monkeypatch.setenv("POLICYREACH_AUDIT_ANCHOR", str(tmp_path / "audit.anchor"))
    monkeypatch.setenv("POLICYREACH_RETENTION_EXPORT_DIR", str(tmp_path / "retention"))
    monkeypatch.setattr(audit, "dt", types.SimpleNamespace(datetime=_Clock, UTC=dt.UTC))
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        for i in range(12):
            _Clock.at = START + dt.timedelta(days=30 * i)
            audit.record(session, "officer1", "application.approve", f"application:{i}", {"i": i}, ring=RING)
    return factory, tmp_path


def test_retention_is_at_least_180_days(monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_RETENTION_DAYS", "30")
    assert settings.retention_days() == 180
    monkeypatch.setenv("POLICYREACH_RETENTION_DAYS", "400")
    assert settings.retention_days() == 400


def test_prune_exports_with_an_anchor_then_verifies_from_it(chain, monkeypatch) -> None:
    factory, tmp = chain
    monkeypatch.setenv("POLICYREACH_RETENTION_DAYS", "180")
    now = START + dt.timedelta(days=330)  # entries of days 0..120 are older than 180 days: five of them
    _Clock.at = now
    with factory() as session:
        hashes = [e.hash for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        done = retention.prune_expired(session, now, ring=RING)
    assert done is not None and (done.entries, done.first, done.last) == (5, 1, 5)
    document = json.loads(done.export.read_text(encoding="utf-8"))
    assert [row["hash"] for row in document["entries"]] == hashes[:5]
    assert document["anchor"] == {"entries": 5, "hash": hashes[4]}
    assert done.export.stat().st_mode & 0o777 == 0o600
    assert retention.verify_export(done.export, RING) == []
    with factory() as session:
        prune = session.scalars(select(AuditPrune)).one()
        assert (prune.entries, prune.hash) == (5, hashes[4])
        assert prune.export_digest == sm3_hex(done.export.read_bytes())
        remaining = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.hash for e in remaining][:7] == hashes[5:] and remaining[-1].action == "audit.pruned"
        assert audit.verify(session, RING) == []  # from the anchor, not from the genesis
        assert audit.verify_and_anchor(session, tmp / "audit.anchor", RING) == []
        # nothing more is old enough: a second run prunes nothing
        assert retention.prune_expired(session, now, ring=RING) is None

    # an altered export is found by its own check
    document["entries"][2]["actor"] = "someone"
    done.export.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert [p.entry_id for p in retention.verify_export(done.export, RING)] == [document["entries"][2]["id"]]


def test_deleting_without_the_export_is_found(chain, monkeypatch) -> None:
    """An intruder deletes the oldest entries and writes a prune row of their own: the database is consistent,
    the anchor file outside it is not."""
    factory, tmp = chain
    _Clock.at = START + dt.timedelta(days=400)
    with factory() as session:
        assert audit.verify_and_anchor(session, tmp / "audit.anchor", RING) == []  # the worker's daily check
        third = session.scalars(select(AuditEntry).order_by(AuditEntry.id).offset(2).limit(1)).one()
    with factory() as session, session.begin():
        session.execute(text("DELETE FROM audit_log WHERE id <= :i"), {"i": third.id})
        session.add(AuditPrune(entries=3, hash=third.hash, export_file="none", export_digest="0" * 64))
    with factory() as session:
        assert audit.verify(session, RING) == []  # inside the database it looks like a prune
        problems = audit.verify_and_anchor(session, tmp / "audit.anchor", RING)
    assert [str(p) for p in problems] and "锚定文件记下的归档起点" in str(problems[0])


def test_a_broken_chain_is_never_pruned(chain, monkeypatch) -> None:
    factory, tmp = chain
    with factory() as session, session.begin():
        session.execute(text("UPDATE audit_log SET actor = 'someone' WHERE id = 2"))
    now = START + dt.timedelta(days=330)
    with factory() as session:
        with pytest.raises(retention.PruneRefused):
            retention.prune_expired(session, now, ring=RING)
        assert session.scalar(select(AuditPrune.id)) is None
        assert len(session.scalars(select(AuditEntry.id)).all()) == 12
    assert not (tmp / "retention").exists()


def test_the_daily_check_prunes_after_verifying(chain, monkeypatch, clock) -> None:
    """The scheduler's job: check, then export and prune (the worker's own queue, the real job handler)."""
    factory, tmp = chain
    monkeypatch.setenv("POLICYREACH_AUDIT_KEY", RING.current)
    monkeypatch.setenv("POLICYREACH_RETENTION_DAYS", "180")
    clock.set(START + dt.timedelta(days=330))
    _Clock.at = START + dt.timedelta(days=330)
    worker.load_handlers()
    with factory() as session, session.begin():
        audit_check.enqueue_daily(session, clock)
    clock.advance(dt.timedelta(days=1))
    assert jobs.run_pending(factory, clock, kinds=["audit.verify"]) == 1
    with factory() as session:
        job = session.scalars(select(Job).where(Job.kind == "audit.verify")).one()
        assert job.result == {"problems": 0, "alerted": False, "pruned": 6}
        assert audit.verify_and_anchor(session, tmp / "audit.anchor", RING) == []
    assert len(list((tmp / "retention").glob("audit-*.json"))) == 1


def test_a_long_backlog_is_pruned_in_batches_each_anchored(chain, monkeypatch) -> None:
    factory, tmp = chain
    monkeypatch.setenv("POLICYREACH_RETENTION_DAYS", "180")
    now = START + dt.timedelta(days=330)
    _Clock.at = now
    with factory() as session:
        first = retention.prune_expired(session, now, ring=RING, batch=3)
        second = retention.prune_expired(session, now, ring=RING, batch=3)
        assert retention.prune_expired(session, now, ring=RING, batch=3) is None
        assert audit.verify_and_anchor(session, tmp / "audit.anchor", RING) == []
        assert [p.entries for p in session.scalars(select(AuditPrune).order_by(AuditPrune.id))] == [3, 5]
    assert first is not None and second is not None
    assert (first.first, first.last, second.first, second.last) == (1, 3, 4, 5)
    exported = [json.loads(p.export.read_text(encoding="utf-8")) for p in (first, second)]
    assert exported[1]["prev_hash"] == exported[0]["anchor"]["hash"]  # the exports chain to each other
    assert all(retention.verify_export(p.export, RING) == [] for p in (first, second))
