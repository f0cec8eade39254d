"""The daily audit chain check on the scheduler: queued once a day, and a broken chain alerts the administrators'
inbox, the error log and the metric (a real SQLite database, the job run by the queue as the worker runs it)."""

from __future__ import annotations

import datetime as dt
import logging

from prometheus_client import CollectorRegistry, generate_latest
from sqlalchemy import select, text

from policyreach.push import audit_check, jobs, worker
from policyreach.push.models import Job, Notification
from policyreach.redemption import audit
from policyreach.store.models import Account


class Caught(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _run_check(db, clock) -> Job:
    with db() as session, session.begin():
        audit_check.enqueue_daily(session, clock)
        audit_check.enqueue_daily(session, clock)  # the scheduler ticks every few seconds: still one job a day
    with db() as session:
        assert session.scalar(select(Job.id).where(Job.kind == "audit.verify", Job.state == "pending")) is not None
    assert jobs.run_pending(db, clock, kinds=["audit.verify"]) == 1
    with db() as session:
        latest = select(Job).where(Job.kind == "audit.verify").order_by(Job.id.desc()).limit(1)
        return session.scalars(latest).one()


def _gauge(db) -> str:
    registry = CollectorRegistry()
    registry.register(audit_check.AuditCollector(lambda: db))
    return generate_latest(registry).decode()


def test_the_daily_check_alerts_inbox_log_and_metric_when_the_chain_is_broken(db, clock, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYREACH_AUDIT_ANCHOR", str(tmp_path / "audit.anchor"))
    worker.load_handlers()
    assert "audit.verify" in jobs.HANDLERS
    with db() as session, session.begin():
        session.add(Account(username="admin1", password_hash="x", role="admin", display_name="管理员"))
        for i in range(4):
            audit.record(session, "officer1", "application.approve", f"application:{i}")
    caught = Caught()
    logging.getLogger("policyreach.audit").addHandler(caught)
    try:
        done = _run_check(db, clock)
        assert done.state == "done" and done.result == {"problems": 0, "alerted": False, "pruned": 0}
        assert "policyreach_audit_chain_problems 0.0" in _gauge(db)
        assert caught.records == []

        # an intruder cuts the last entry and moves the head back: consistent inside the database
        with db() as session, session.begin():
            last = session.scalar(text("SELECT max(id) FROM audit_log"))
            previous = session.scalar(text("SELECT hash FROM audit_log WHERE id = :i"), {"i": last - 1})
            session.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": last})
            session.execute(text("UPDATE audit_head SET entries = 3, hash = :h"), {"h": previous})
        clock.advance(dt.timedelta(days=1))
        done = _run_check(db, clock)
    finally:
        logging.getLogger("policyreach.audit").removeHandler(caught)
    assert done.result == {"problems": 1, "alerted": True, "pruned": 0}
    with db() as session:
        admin = session.scalar(select(Account.id).where(Account.username == "admin1"))
        [alert] = session.scalars(select(Notification).where(Notification.kind == "audit.broken")).all()
    assert alert.recipient == f"a:{admin}" and "审计日志核验失败" in alert.subject
    assert "上次核验时日志有 4 条，现在只有 3 条" in alert.body
    [record] = caught.records
    assert record.levelno == logging.ERROR and "audit chain verification failed" in record.getMessage()
    assert "policyreach_audit_chain_problems 1.0" in _gauge(db)
