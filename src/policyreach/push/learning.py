"""The nightly job that trains the learned likelihood on the platform's own population (issue 21, item 3)."""

from __future__ import annotations

from typing import Any

from policyreach.push import jobs


@jobs.handler("likelihood.train")
def train_likelihood(ctx: jobs.JobContext) -> dict[str, Any]:
    """Train, store and announce the model; every server loads it on its next request."""
    with ctx.transaction() as session:
        info = ctx.platform.train_likelihood(session).info
    return {"version": info.version, "rows": info.rows, "models": info.conditions, "seconds": info.seconds}
