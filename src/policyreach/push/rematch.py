"""The nightly full re-match (issue 25, item 3): every entity matched on the streaming engine, its kept pairs and
the console's aggregates stored afresh. During the day they follow each change by delta (app/aggregates.py); the
night's rebuild makes them whole again whatever a day's deltas missed (a library published, a list imported)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, cast

from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app import aggregates
from policyreach.app.platform import Platform
from policyreach.clock import Clock, local
from policyreach.push import jobs

KIND = "matches.rebuild"


def enqueue_nightly(session: Session, clock: Clock) -> None:
    """Tonight's re-match, once however often the scheduler ticks (POLICYREACH_REMATCH_HOUR, 长春 time)."""
    day = local(clock).date()
    at = dt.datetime.combine(day, dt.time(settings.rematch_hour()), tzinfo=local(clock).tzinfo)
    jobs.enqueue(session, KIND, {"date": day.isoformat()}, key=f"{KIND}:{day}", run_at=at, clock=clock)
    if not aggregates.built(session):  # never built since the population was loaded: at once, not tonight
        jobs.enqueue(session, KIND, {"date": day.isoformat()}, key=f"{KIND}:first:{day}", clock=clock)


@jobs.handler(KIND)
def rebuild(ctx: jobs.JobContext) -> dict[str, Any]:
    started = time.perf_counter()
    with ctx.transaction() as session:
        pairs = aggregates.rebuild(cast(Platform, ctx.platform), session)
    on = settings.rematch_spark()
    return {"pairs": pairs, "seconds": round(time.perf_counter() - started, 3), "on": f"Spark {on}" if on else "本进程"}
