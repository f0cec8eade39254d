"""The nightly full re-match on the scheduler: queued once a night at its hour, and at once while the stored matches
have never been built since the population was loaded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from policyreach.app import aggregates
from policyreach.clock import local
from policyreach.push import jobs, rematch, worker
from policyreach.push.models import Job
from policyreach.store.models import PlatformState


def test_the_rematch_is_queued_once_a_night_and_at_once_when_never_built(db, clock, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_REMATCH_HOUR", "4")
    worker.load_handlers()
    assert rematch.KIND in jobs.HANDLERS
    with db() as session, session.begin():
        session.execute(delete(Job).where(Job.kind == rematch.KIND))
        session.execute(delete(PlatformState).where(PlatformState.key == aggregates.BUILT))
        rematch.enqueue_nightly(session, clock)
        rematch.enqueue_nightly(session, clock)  # the scheduler ticks every few seconds: still one of each
    with db() as session:
        queued = list(session.scalars(select(Job).where(Job.kind == rematch.KIND).order_by(Job.id)))
    assert len(queued) == 2
    hours = sorted(local(j.run_at.replace(tzinfo=dt.UTC) if j.run_at.tzinfo is None else j.run_at).hour for j in queued)
    assert 4 in hours  # tonight's; the other is due now
