"""The nightly likelihood training on the scheduler: queued once a day at its hour, run by the worker's handler."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from policyreach.clock import local
from policyreach.push import jobs, learning, worker
from policyreach.push.models import Job


def test_the_training_is_queued_once_a_night_at_its_hour(db, clock, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_LIKELIHOOD_NIGHTLY", "1")
    monkeypatch.setenv("POLICYREACH_LIKELIHOOD_HOUR", "3")
    worker.load_handlers()
    assert learning.KIND in jobs.HANDLERS
    with db() as session, session.begin():
        learning.enqueue_nightly(session, clock)
        learning.enqueue_nightly(session, clock)  # the scheduler ticks every few seconds: still one job a night
    with db() as session:
        queued = list(session.scalars(select(Job).where(Job.kind == learning.KIND)))
    assert len(queued) == 1
    due = queued[0].run_at.replace(tzinfo=dt.UTC) if queued[0].run_at.tzinfo is None else queued[0].run_at
    assert local(due).hour == 3 and local(due).date() == local(clock).date()


def test_the_nightly_training_can_be_turned_off(db, clock, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_LIKELIHOOD_NIGHTLY", "0")
    with db() as session, session.begin():
        learning.enqueue_nightly(session, clock)
    with db() as session:
        assert session.scalar(select(Job.id).where(Job.kind == learning.KIND)) is None
