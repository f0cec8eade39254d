"""The nightly full re-match on Spark (issue 25, item 3: "or on Spark when configured"): with
POLICYREACH_REMATCH_SPARK set, the worker's rebuild job matches the stored population as Spark SQL and stores the
same kept pairs, pair for pair, and the same aggregates as the in-process kernel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import SparkSession
from sqlalchemy import delete, select

from policyreach.app import aggregates
from policyreach.app.platform import Platform
from policyreach.push import jobs, rematch
from policyreach.push.clock import ManualClock
from policyreach.store.models import EntityMatch, MatchAggregate
from tests.integration.cities import plain_city

AS_OF = dt.date(2026, 6, 1)


def _stored(platform: Platform) -> tuple[list[tuple[Any, ...]], dict[aggregates.Key, tuple[int, int]]]:
    """Every stored pair with its dimensions, and every aggregate row."""
    with platform.sessions() as session:
        pairs = session.execute(
            select(
                EntityMatch.entity_pk,
                EntityMatch.benefit_id,
                EntityMatch.status,
                EntityMatch.cents,
                EntityMatch.district,
                EntityMatch.section,
                EntityMatch.size_class,
            )
        )
        return sorted(tuple(p) for p in pairs), aggregates.snapshot(session)


def _run_the_job(platform: Platform) -> dict[str, Any]:
    clock = ManualClock(dt.datetime(2026, 6, 1, 17, 0, tzinfo=dt.UTC))  # 01:00 in 长春, the job's hour
    ctx = jobs.JobContext(
        0,
        rematch.KIND,
        {},
        1,
        platform.sessions,
        clock,
        "nightly-test",
        dt.timedelta(minutes=5),
        {"platform": platform},
    )
    return rematch.rebuild(ctx)


def test_the_nightly_rematch_on_spark_stores_what_the_kernel_stores(
    spark: SparkSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    platform = plain_city(tmp_path, f"sqlite:///{tmp_path / 'city.db'}", 400, 61, AS_OF)
    monkeypatch.delenv("POLICYREACH_REMATCH_SPARK", raising=False)
    in_process = _run_the_job(platform)
    assert in_process["on"] == "本进程"
    pairs, figures = _stored(platform)
    assert in_process["pairs"] == len(pairs) > 100 and any(p[3] for p in pairs)  # amounts too, not only statuses

    with platform.sessions() as session, session.begin():  # nothing left for the second run to find
        session.execute(delete(EntityMatch))
        session.execute(delete(MatchAggregate))
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("POLICYREACH_REMATCH_SPARK", "local[2]")
    monkeypatch.setenv("POLICYREACH_REMATCH_SPARK_DIR", str(shared))
    jobs_before = len(spark.sparkContext.statusTracker().getJobIdsForGroup())
    on_spark = _run_the_job(platform)
    assert on_spark["on"] == "Spark local[2]"
    assert len(spark.sparkContext.statusTracker().getJobIdsForGroup()) > jobs_before  # Spark did the matching
    assert on_spark["pairs"] == in_process["pairs"]
    assert _stored(platform) == (pairs, figures)
    assert list(shared.iterdir()) == []  # the population and the pairs left the shared directory
