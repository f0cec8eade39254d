"""The nightly job that trains the learned likelihood on the platform's own population (issue 21, item 3) and fits
the habit weights on its interaction log (item 7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.clock import Clock, local
from policyreach.push import jobs

KIND = "likelihood.train"


def enqueue_nightly(session: Session, clock: Clock) -> None:
    """Tonight's training, once however often the scheduler ticks (POLICYREACH_LIKELIHOOD_NIGHTLY=0: never)."""
    if not settings.likelihood_nightly():
        return
    day = local(clock).date()
    at = dt.datetime.combine(day, dt.time(settings.likelihood_hour()), tzinfo=local(clock).tzinfo)
    jobs.enqueue(session, KIND, {"date": day.isoformat()}, key=f"{KIND}:{day}", run_at=at, clock=clock)


@jobs.handler(KIND)
def train_likelihood(ctx: jobs.JobContext) -> dict[str, Any]:
    """Train, store and announce the model; every server loads it on its next request."""
    with ctx.transaction() as session:
        info = ctx.platform.train_likelihood(session).info
    with ctx.transaction() as session:  # the habit weights from the day's interaction log (issue 21, item 7)
        weights = ctx.platform.fit_habits(session)
    habits = {"habits": weights.version, "habit_firms": weights.firms} if weights else {"habits": "hand-set"}
    return {"version": info.version, "rows": info.rows, "models": info.conditions, "seconds": info.seconds, **habits}
