"""A worker killed with SIGKILL in the middle of a batch: restarted, it finishes, and every notification is
written exactly once (real processes, a real signal, the job queue in the database)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
from sqlalchemy import func, select

from policyreach import settings
from policyreach.engine.batch import match_population
from policyreach.push import jobs
from policyreach.push.clock import SystemClock
from policyreach.push.models import Job, Notification
from policyreach.rules.library import compile_library
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.entities import population_frame, replace_population


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "policyreach.cli", "worker", "--jobs-only"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _wait(factory, job_id: int, until, timeout: float = 90) -> Job:
    deadline = time.monotonic() + timeout
    while True:
        with factory() as session:
            job = session.get(Job, job_id)
        if until(job):
            return job
        assert time.monotonic() < deadline, f"job {job_id} stuck at {job.state} {job.progress}/{job.total}"
        time.sleep(0.1)


def test_sigkill_mid_batch_then_restart_writes_every_notification_once(push_platform, tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kill.db'}")
    migrate(engine)
    factory = sessions(engine)
    library = tmp_path / "library"
    shutil.copytree(settings.ROOT / "library", library)
    with factory() as session, session.begin():
        replace_population(
            session, pl.read_parquet(push_platform.population_file), push_platform.schema, "kill", push_platform.as_of
        )
    with factory() as session:
        frame = population_frame(session, push_platform.schema, push_platform.as_of.year)
    # the benefit most firms can claim, as if just published: everyone eligible or likely is told
    compiled = compile_library(push_platform.library, push_platform.as_of)
    claimable = match_population(compiled, frame).frame().filter(pl.col("status").is_in(["eligible", "likely"]))
    benefit_id, expected = claimable.group_by("benefit_id").len().sort("len", descending=True).row(0)
    assert expected >= 150
    with factory() as session, session.begin():
        job_id = jobs.enqueue(
            session,
            "push.rematch_benefit",
            {"benefit_id": benefit_id, "version": "v1", "event": "published", "department": None},
            key=f"rematch:{benefit_id}:v1:published",
            clock=SystemClock(),
        ).id

    env = {
        **os.environ,
        "POLICYREACH_DATABASE_URL": f"sqlite:///{tmp_path / 'kill.db'}",
        "POLICYREACH_LIBRARY": str(library),
        "POLICYREACH_AS_OF": push_platform.as_of.isoformat(),
        "POLICYREACH_DATA_DIR": str(tmp_path),
        "POLICYREACH_PUSH_CHUNK": "25",
        "POLICYREACH_PUSH_PAUSE": "0.1",
        "POLICYREACH_WORKER_LEASE": "3",
        "POLICYREACH_WORKER_POLL": "0.2",
        "POLICYREACH_LOG_LEVEL": "WARNING",
    }
    first = _worker(env, tmp_path / "worker.log")
    try:
        running = _wait(factory, job_id, lambda j: j.state == "running" and j.progress >= 50)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    with factory() as session:
        at_kill = session.scalar(select(func.count()).select_from(Notification))
    assert 50 <= at_kill < expected, "killed in the middle of the batch"
    assert running.state == "running"

    second = _worker(env, tmp_path / "worker.log")
    try:
        done = _wait(factory, job_id, lambda j: j.state == "done")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    assert done.attempts == 2 and done.progress == done.total == expected
    assert done.result["written"] == expected - at_kill  # the second run skipped what the first had written
    with factory() as session:
        total = session.scalar(select(func.count()).select_from(Notification))
        per_recipient = session.execute(
            select(Notification.recipient, func.count()).group_by(Notification.recipient).having(func.count() > 1)
        ).all()
        recipients = session.scalar(select(func.count(func.distinct(Notification.recipient))))
    assert total == expected == recipients and per_recipient == []
