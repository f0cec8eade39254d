"""The job queue: idempotent enqueue, single claim, lease expiry, retries with back-off, a visible failure."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select

from policyreach.push import jobs
from policyreach.push.clock import UTC, ManualClock, SystemClock, current_clock, set_clock
from policyreach.push.models import Job

RAN: list[int] = []


@jobs.handler("test.count")
def _count(ctx: jobs.JobContext) -> dict:
    RAN.append(ctx.payload["n"])
    return {"n": ctx.payload["n"]}


@jobs.handler("test.fail")
def _fail(ctx: jobs.JobContext) -> None:
    raise RuntimeError("gateway down")


def test_clock_is_injectable_and_aware(clock, monkeypatch) -> None:
    assert clock.now().tzinfo is not None
    before = clock.now()
    assert clock.advance(dt.timedelta(days=7)) - before == dt.timedelta(days=7)
    clock.set(dt.datetime(2027, 1, 1))  # naive taken as UTC
    assert clock.now() == dt.datetime(2027, 1, 1, tzinfo=UTC)
    assert isinstance(current_clock(), SystemClock)
    monkeypatch.setenv("POLICYREACH_NOW", "2026-03-04T05:06:07")
    assert current_clock().now() == dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    set_clock(clock)
    try:
        assert current_clock() is clock
    finally:
        set_clock(None)


def test_enqueue_with_key_is_idempotent(db, clock) -> None:
    with db() as session, session.begin():
        first = jobs.enqueue(session, "test.count", {"n": 1}, key="once", clock=clock)
        second = jobs.enqueue(session, "test.count", {"n": 2}, key="once", clock=clock)
        assert first.id == second.id
        assert second.payload == {"n": 1}
        jobs.enqueue(session, "test.count", {"n": 3}, clock=clock)
    with db() as session:
        assert len(session.scalars(select(Job)).all()) == 2


def test_run_at_in_the_future_waits_for_the_clock(db, clock) -> None:
    RAN.clear()
    with db() as session, session.begin():
        jobs.enqueue(session, "test.count", {"n": 7}, run_at=clock.now() + dt.timedelta(hours=1), clock=clock)
    assert jobs.run_pending(db, clock) == 0
    clock.advance(dt.timedelta(hours=1))
    assert jobs.run_pending(db, clock) == 1
    assert RAN == [7]
    with db() as session:
        job = session.scalars(select(Job)).one()
        assert job.state == "done" and job.result == {"n": 7} and job.finished_at == clock.now()


def test_concurrent_workers_claim_each_job_once(db, clock) -> None:
    RAN.clear()
    with db() as session, session.begin():
        for n in range(40):
            jobs.enqueue(session, "test.count", {"n": n}, clock=clock)
    workers = [
        threading.Thread(target=jobs.run_pending, args=(db, clock), kwargs={"worker_id": f"w{i}"}) for i in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(RAN) == list(range(40))


def test_expired_lease_is_taken_again(db, clock) -> None:
    RAN.clear()
    lease = dt.timedelta(seconds=60)
    with db() as session, session.begin():
        jobs.enqueue(session, "test.count", {"n": 1}, clock=clock)
    claimed = jobs.claim(db, clock, "dead-worker", lease)  # claimed, then the worker "dies"
    assert claimed is not None
    assert jobs.claim(db, clock, "other", lease) is None  # still leased
    clock.advance(dt.timedelta(seconds=61))
    assert jobs.run_pending(db, clock, worker_id="other") == 1
    assert RAN == [1]
    with db() as session:
        job = session.get(Job, claimed.id)
        assert job.state == "done" and job.attempts == 2


def test_failures_back_off_then_end_failed(db, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_JOB_BACKOFF", "10")
    clock = ManualClock(dt.datetime(2026, 6, 1, tzinfo=UTC))
    with db() as session, session.begin():
        job_id = jobs.enqueue(session, "test.fail", {}, max_attempts=3, clock=clock).id
    waits = []
    for _ in range(3):
        assert jobs.run_pending(db, clock) == 1
        with db() as session:
            job = session.get(Job, job_id)
            waits.append(job.run_at - clock.now())
        assert jobs.run_pending(db, clock) == 0  # not before its back-off
        clock.advance(dt.timedelta(hours=1))
    with db() as session:
        job = session.get(Job, job_id)
        assert job.state == "failed" and job.attempts == 3 and "gateway down" in job.last_error
        assert jobs.job_status(session, job_id)["state_zh"] == "失败"
    assert waits[:2] == [dt.timedelta(seconds=10), dt.timedelta(seconds=20)]


def test_a_worker_leaves_kinds_it_cannot_run_for_another(db, clock) -> None:
    with db() as session, session.begin():
        job_id = jobs.enqueue(session, "elsewhere.only", {}, clock=clock).id
    assert jobs.run_pending(db, clock) == 0
    with db() as session:
        job = session.get(Job, job_id)
        assert job.state == "pending" and job.attempts == 0
    jobs.HANDLERS["elsewhere.only"] = lambda ctx: {"ran": True}
    try:
        assert jobs.run_pending(db, clock) == 1
    finally:
        del jobs.HANDLERS["elsewhere.only"]
