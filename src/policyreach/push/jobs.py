"""The platform's job queue, kept in the database so that it survives a restart.

A job is claimed by a compare-and-set UPDATE (state pending, or running with an expired lease → running,
ours, lease renewed), which is atomic on SQLite and PostgreSQL alike: two workers never both win a claim.
A worker killed mid-job leaves it ``running``; once its lease expires another worker takes it again.
Handlers must therefore be idempotent (the notifier's unique dedupe keys make re-matching so). A failing
job is retried with exponential back-off and ends ``failed``, with its last error, after ``max_attempts``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypedDict

from sqlalchemy import ColumnElement, CursorResult, Update, and_, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from policyreach import settings
from policyreach.app.ports import PlatformServices
from policyreach.push.clock import CITY_TZ, Clock, current_clock
from policyreach.push.models import Job

log = logging.getLogger("policyreach.push.jobs")

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
STATE_ZH = {PENDING: "排队中", RUNNING: "运行中", DONE: "已完成", FAILED: "失败"}


class LeaseLost(RuntimeError):
    """Another worker took this job over (our lease expired): stop without writing more."""


class JobServices(TypedDict, total=False):
    """What a worker hands every handler besides the job itself. Only handlers that read the platform need it, so
    the notifier's and the conference's jobs also run without one (their tests do)."""

    platform: PlatformServices


class Retry(Exception):
    """A handler asks to be run again later without counting it as an error (e.g. waiting for quiet hours)."""

    def __init__(self, message: str, delay: dt.timedelta | None = None) -> None:
        super().__init__(message)
        self.delay = delay


@dataclass
class JobContext:
    """What a handler gets: its job's payload, sessions, the clock and the platform (engine and library)."""

    job_id: int
    kind: str
    payload: dict[str, Any]
    attempt: int
    factory: sessionmaker[Session]
    clock: Clock
    worker_id: str
    lease: dt.timedelta
    services: JobServices = field(default_factory=JobServices)
    max_attempts: int = 5

    @property
    def last_attempt(self) -> bool:
        return self.attempt >= self.max_attempts

    @property
    def platform(self) -> PlatformServices:
        platform = self.services.get("platform")
        if platform is None:
            raise LookupError(f"job kind {self.kind!r} needs the platform, and this worker was started without one")
        return platform

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.factory() as session, session.begin():
            yield session

    def progress(self, session: Session, done: int, total: int | None = None) -> None:
        """Record progress in the caller's transaction and renew the lease; LeaseLost if it is no longer ours."""
        values: dict[str, Any] = {"progress": done, "locked_until": self.clock.now() + self.lease}
        if total is not None:
            values["total"] = total
        changed = _rows_changed(
            session,
            update(Job)
            .where(Job.id == self.job_id, Job.locked_by == self.worker_id, Job.state == RUNNING)
            .values(**values),
        )
        if changed != 1:
            raise LeaseLost(f"job {self.job_id} was taken over")


Handler = Callable[[JobContext], "dict[str, Any] | None"]
HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of ``kind``."""

    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


def _rows_changed(session: Session, statement: Update) -> int:
    """Run an UPDATE and count the rows it changed: the compare-and-set claims and lease renewals rest on it."""
    result = session.execute(statement)
    # the ORM answers an UPDATE without RETURNING with a CursorResult, but types Session.execute with the plain Result
    if not isinstance(result, CursorResult):
        raise TypeError(f"an UPDATE answered {type(result).__name__}, which carries no row count")
    return result.rowcount


def _insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(Job)


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    run_at: dt.datetime | None = None,
    key: str | None = None,
    max_attempts: int | None = None,
    clock: Clock | None = None,
) -> Job:
    """Add a job (in the caller's transaction). With ``key``, a second enqueue returns the first job instead."""
    now = (clock or current_clock()).now()
    values = {
        "kind": kind,
        "payload": payload,
        "key": key,
        "state": PENDING,
        "attempts": 0,
        "max_attempts": max_attempts or settings.job_max_attempts(),
        "run_at": run_at or now,
        "progress": 0,
        "created_at": now,
    }
    if key is None:
        job = Job(**values)
        session.add(job)
        session.flush()
        return job
    statement = _insert(session).values(**values).on_conflict_do_nothing(index_elements=["key"])
    session.execute(statement)
    queued = session.scalar(select(Job).where(Job.key == key))
    assert queued is not None  # inserted just now, or already there: the conflict that skipped the insert
    return queued


def enqueue_daily(session: Session, kind: str, day: dt.date, at: dt.time, *, clock: Clock | None = None) -> Job:
    """The run of ``kind`` for ``day`` at ``at`` city time: one job per kind and day, however often it is queued."""
    return enqueue(
        session,
        kind,
        {"day": day.isoformat()},
        run_at=dt.datetime.combine(day, at, tzinfo=CITY_TZ),
        key=f"{kind}:{day}",
        clock=clock,
    )


def enqueue_many(
    session: Session,
    kind: str,
    items: list[tuple[dict[str, Any], str, dt.datetime]],
    *,
    clock: Clock | None = None,
    chunk: int = 5000,
) -> None:
    """Many keyed jobs at once, (payload, key, run_at) each; a key already queued is skipped."""
    now = (clock or current_clock()).now()
    attempts = settings.job_max_attempts()
    for start in range(0, len(items), chunk):
        rows = [
            {
                "kind": kind,
                "payload": payload,
                "key": key,
                "state": PENDING,
                "attempts": 0,
                "max_attempts": attempts,
                "run_at": run_at,
                "progress": 0,
                "created_at": now,
            }
            for payload, key, run_at in items[start : start + chunk]
        ]
        session.execute(_insert(session).on_conflict_do_nothing(index_elements=["key"]), rows)


def advisory_lock(session: Session, name: str) -> None:
    """Serialise transactions on ``name`` until commit: a PostgreSQL advisory lock; SQLite already has one
    writer at a time."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})


def _due(now: dt.datetime) -> ColumnElement[bool]:
    return or_(
        and_(Job.state == PENDING, Job.run_at <= now),
        and_(Job.state == RUNNING, Job.locked_until < now, Job.attempts < Job.max_attempts),
    )


def claim(
    factory: sessionmaker[Session], clock: Clock, worker_id: str, lease: dt.timedelta, kinds: list[str] | None = None
) -> Job | None:
    """Take one due job, or None. The UPDATE's WHERE repeats the due test, so exactly one claimant wins."""
    now = clock.now()
    with factory() as session:
        _fail_abandoned(session, now)
        query = select(Job.id).where(_due(now)).order_by(Job.run_at, Job.id).limit(20)
        if kinds is not None:
            query = query.where(Job.kind.in_(kinds))
        for job_id in session.scalars(query).all():
            changed = _rows_changed(
                session,
                update(Job)
                .where(Job.id == job_id, _due(now))
                .values(state=RUNNING, locked_by=worker_id, locked_until=now + lease, attempts=Job.attempts + 1),
            )
            if changed == 1:
                session.commit()
                return session.get(Job, job_id)
            session.rollback()
        session.commit()
    return None


def _fail_abandoned(session: Session, now: dt.datetime) -> None:
    """A job whose worker died on each of its tries ends failed instead of being retried for ever."""
    session.execute(
        update(Job)
        .where(Job.state == RUNNING, Job.locked_until < now, Job.attempts >= Job.max_attempts)
        .values(state=FAILED, finished_at=now, locked_by=None, last_error="worker lost on every attempt")
    )


def backoff(attempt: int) -> dt.timedelta:
    """30 s, 60 s, 120 s … (POLICYREACH_JOB_BACKOFF), at most a day."""
    return min(dt.timedelta(seconds=settings.job_backoff_seconds() * 2 ** max(attempt - 1, 0)), dt.timedelta(days=1))


def run_job(
    factory: sessionmaker[Session],
    clock: Clock,
    job: Job,
    worker_id: str,
    lease: dt.timedelta,
    services: JobServices | None = None,
) -> str:
    """Run one claimed job and record how it ended: done, pending again (retry) or failed."""
    fn = HANDLERS.get(job.kind)
    context = JobContext(
        job.id,
        job.kind,
        dict(job.payload),
        job.attempts,
        factory,
        clock,
        worker_id,
        lease,
        services or {},
        job.max_attempts,
    )
    ours = and_(Job.id == job.id, Job.locked_by == worker_id, Job.state == RUNNING)
    try:
        if fn is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        result = fn(context)
    except LeaseLost:
        log.warning("job %s lost its lease", job.id)
        return RUNNING
    except Retry as exc:
        with factory() as session, session.begin():
            session.execute(
                update(Job)
                .where(ours)
                .values(
                    state=PENDING,
                    attempts=Job.attempts - 1,
                    locked_by=None,
                    last_error=str(exc),
                    run_at=clock.now() + (exc.delay or backoff(1)),
                )
            )
        return PENDING
    except Exception as exc:
        error = "".join(traceback.format_exception_only(exc)).strip()
        log.warning("job %s (%s) failed on attempt %s: %s", job.id, job.kind, job.attempts, error)
        final = job.attempts >= job.max_attempts
        with factory() as session, session.begin():
            session.execute(
                update(Job)
                .where(ours)
                .values(
                    state=FAILED if final else PENDING,
                    locked_by=None,
                    last_error=error,
                    run_at=clock.now() + backoff(job.attempts),
                    finished_at=clock.now() if final else None,
                )
            )
        return FAILED if final else PENDING
    with factory() as session, session.begin():
        session.execute(
            update(Job).where(ours).values(state=DONE, locked_by=None, finished_at=clock.now(), result=result)
        )
    return DONE


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 100000}"


def run_pending(
    factory: sessionmaker[Session],
    clock: Clock | None = None,
    *,
    limit: int = 100,
    services: JobServices | None = None,
    worker_id: str | None = None,
    lease: dt.timedelta | None = None,
    kinds: list[str] | None = None,
) -> int:
    """Run due jobs until none is left or ``limit`` have run; the number run."""
    clock = clock or current_clock()
    worker_id = worker_id or default_worker_id()
    lease = lease or dt.timedelta(seconds=settings.worker_lease_seconds())
    # only kinds this process can run: a job of a module not loaded here waits for a worker that has it
    kinds = list(HANDLERS) if kinds is None else kinds
    ran = 0
    while ran < limit:
        job = claim(factory, clock, worker_id, lease, kinds)
        if job is None:
            break
        run_job(factory, clock, job, worker_id, lease, services)
        ran += 1
    return ran


def run_forever(
    factory: sessionmaker[Session],
    clock: Clock | None = None,
    *,
    services: JobServices | None = None,
    poll: float | None = None,
    stop: threading.Event | None = None,
    tick: Callable[[], None] | None = None,
) -> None:
    """The long-running worker (``policyreach worker``): ``tick`` (the scheduler) then due jobs, until stopped."""
    stop = stop or threading.Event()
    poll = settings.worker_poll_seconds() if poll is None else poll
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    worker_id = default_worker_id()
    while not stop.is_set():
        if tick is not None:
            try:
                tick()
            except Exception:
                log.exception("scheduler tick failed")
        if run_pending(factory, clock, services=services, worker_id=worker_id, limit=50) == 0:
            stop.wait(poll)


def job_status(session: Session, job_id: int) -> dict[str, Any]:
    """For progress displays: state (Chinese), done / total, attempts and the last error."""
    job = session.get(Job, job_id)
    if job is None:
        raise KeyError(job_id)
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "state_zh": STATE_ZH[job.state],
        "progress": job.progress,
        "total": job.total,
        "attempts": job.attempts,
        "error": job.last_error,
        "result": job.result,
    }
