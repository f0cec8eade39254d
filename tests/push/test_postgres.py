"""Exactly once on PostgreSQL: concurrent workers claim each job once, and re-match jobs run twice and at the
same time write each notification once."""

from __future__ import annotations

import threading

import polars as pl
import pytest
from sqlalchemy import create_engine, func, select, text

from policyreach.app.platform import Platform
from policyreach.engine.batch import match_population
from policyreach.push import jobs, worker
from policyreach.push.clock import SystemClock
from policyreach.push.models import Job, Notification
from policyreach.rules.library import compile_library
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.entities import replace_population

COUNTED: list[int] = []
LOCK = threading.Lock()


@jobs.handler("test.pg_count")
def _count(ctx: jobs.JobContext) -> None:
    with LOCK:
        COUNTED.append(ctx.payload["n"])


@pytest.fixture(scope="module")
def pg_platform(postgres_url, push_platform) -> Platform:
    admin = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS push_test"))
        connection.execute(text("CREATE DATABASE push_test"))
    admin.dispose()
    engine = make_engine(postgres_url.rsplit("/", 1)[0] + "/push_test")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        replace_population(
            session,
            pl.read_parquet(push_platform.population_file).head(600),
            push_platform.schema,
            "pg",
            push_platform.as_of,
        )
    return Platform(
        engine, factory, push_platform.schema, push_platform.library, push_platform.as_of, push_platform.library_dir
    )


def _threads(target, n: int, **kwargs) -> None:
    threads = [threading.Thread(target=target, kwargs={**kwargs, "worker_id": f"pg{i}"}) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_concurrent_workers_claim_each_job_once_on_postgres(pg_platform) -> None:
    COUNTED.clear()
    clock = SystemClock()
    with pg_platform.sessions() as session, session.begin():
        for n in range(60):
            jobs.enqueue(session, "test.pg_count", {"n": n}, clock=clock)
    _threads(jobs.run_pending, 4, factory=pg_platform.sessions, clock=clock)
    assert sorted(COUNTED) == list(range(60))


def test_rematch_twice_and_concurrently_writes_each_notification_once_on_postgres(pg_platform) -> None:
    worker.load_handlers()
    with pg_platform.sessions() as session:
        frame = pg_platform.frame(session)
    compiled = compile_library(pg_platform.library, pg_platform.as_of)
    claimable = match_population(compiled, frame).frame().filter(pl.col("status").is_in(["eligible", "likely"]))
    benefit_id, expected = claimable.group_by("benefit_id").len().sort("len", descending=True).row(0)
    assert expected > 50
    payload = {"benefit_id": benefit_id, "version": "v1", "event": "published", "department": "测试"}
    clock = SystemClock()
    with pg_platform.sessions() as session, session.begin():
        for _ in range(4):  # four real runs of the same work, no job key to merge them
            jobs.enqueue(session, "push.rematch_benefit", payload, clock=clock)
    _threads(
        jobs.run_pending,
        4,
        factory=pg_platform.sessions,
        clock=clock,
        services={"platform": pg_platform},
        kinds=["push.rematch_benefit"],
    )
    with pg_platform.sessions() as session, session.begin():
        jobs.enqueue(session, "push.rematch_benefit", payload, clock=clock)  # and once more, afterwards
    jobs.run_pending(pg_platform.sessions, clock, services={"platform": pg_platform}, kinds=["push.rematch_benefit"])
    with pg_platform.sessions() as session:
        states = session.scalars(select(Job.state).where(Job.kind == "push.rematch_benefit")).all()
        errors = session.scalars(select(Job.last_error).where(Job.kind == "push.rematch_benefit")).all()
        assert states == ["done"] * 5, errors
        written = sum(
            j.result["written"] for j in session.scalars(select(Job).where(Job.kind == "push.rematch_benefit"))
        )
        total = session.scalar(
            select(func.count()).select_from(Notification).where(Notification.benefit_id == benefit_id)
        )
        recipients = session.scalar(
            select(func.count(func.distinct(Notification.recipient))).where(Notification.benefit_id == benefit_id)
        )
    assert states == ["done"] * 5
    assert total == recipients == expected and written == expected
