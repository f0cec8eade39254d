"""The daily audit chain check on the scheduler (job ``audit.verify``) and its alert.

The worker's tick queues one check a day (``POLICYREACH_AUDIT_VERIFY_HOUR``, 长春 time), under a key of the date,
so several workers check once. A broken chain raises the alert three ways: an inbox message to every
administrator, an error line in the log, and the ``policyreach_audit_chain_problems`` metric, which every web
process reads from ``platform_state`` (the check runs in the worker, the metrics are scraped from the servers).
An intact chain's entries older than the retention period are then exported and pruned (``push.retention``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from policyreach import settings
from policyreach.push import jobs, retention
from policyreach.push.clock import Clock, local
from policyreach.push.notify import Message, notify_many
from policyreach.redemption import audit
from policyreach.store.models import Account, PlatformState

log = logging.getLogger("policyreach.audit")
KIND = "audit.verify"
STATE_KEY = "audit.check"


def enqueue_daily(session: Session, clock: Clock) -> None:
    """Today's check, once however often the scheduler ticks."""
    day = local(clock).date()
    at = dt.datetime.combine(day, dt.time(settings.audit_verify_hour()), tzinfo=local(clock).tzinfo)
    jobs.enqueue(session, KIND, {"date": day.isoformat()}, key=f"{KIND}:{day}", run_at=at, clock=clock)


@jobs.handler(KIND)
def verify_job(ctx: jobs.JobContext) -> dict[str, Any]:
    """Check the chain against the anchor; on any problem alert the administrators, the log and the metric."""
    with ctx.factory() as session:
        problems = audit.verify_and_anchor(session, settings.audit_anchor_path())
    pruned = None
    if not problems:  # only an intact chain is exported and pruned (push/retention.py)
        with ctx.factory() as session:
            pruned = retention.prune_expired(session, ctx.clock.now(), verified=True)
    now = ctx.clock.now()
    day = ctx.payload.get("date") or local(ctx.clock).date().isoformat()
    with ctx.transaction() as session:
        state = {"at": now.isoformat(timespec="seconds"), "problems": len(problems)}
        session.merge(PlatformState(key=STATE_KEY, value=json.dumps(state)))
        if problems:
            shown = "\n".join(f"· {p}" for p in problems[:20])
            more = f"\n……另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
            log.error(
                "audit chain verification failed: %d problem(s)",
                len(problems),
                extra={"fields": {"event": "audit.broken", "problems": [str(p) for p in problems[:20]]}},
            )
            admins = session.scalars(select(Account.id).where(Account.role == "admin")).all()
            notify_many(
                session,
                [
                    Message(
                        recipient=f"a:{pk}",
                        kind="audit.broken",
                        subject=f"审计日志核验失败：发现 {len(problems)} 处问题",
                        body=(
                            f"{day} 的每日审计链核验发现审计日志被改动或删除：\n{shown}{more}\n\n"
                            "请立即保全数据库备份，并在服务器上运行 policyreach audit verify 查看详情。"
                        ),
                        link=None,
                        dedupe_key=f"audit.broken:{day}:a:{pk}",
                        legal=True,  # an alert is never held for a digest or quiet hours
                    )
                    for pk in admins
                ],
                clock=ctx.clock,
            )
    return {"problems": len(problems), "alerted": bool(problems), "pruned": pruned.entries if pruned else 0}


class AuditCollector(Collector):
    """The last check's outcome as gauges, read from the database at each scrape."""

    def __init__(self, sessions: Callable[[], sessionmaker[Session]]) -> None:
        self.sessions = sessions

    def collect(self) -> Iterator[Metric]:
        problems = GaugeMetricFamily(
            "policyreach_audit_chain_problems", "Problems found by the last audit chain check (0: intact)"
        )
        checked = GaugeMetricFamily(
            "policyreach_audit_chain_checked_timestamp_seconds", "When the audit chain was last checked"
        )
        try:
            with self.sessions()() as session:
                value = session.scalar(select(PlatformState.value).where(PlatformState.key == STATE_KEY))
        except Exception:  # a scrape never fails because the database is away
            value = None
        if value is not None:
            state = json.loads(value)
            problems.add_metric([], float(state["problems"]))
            checked.add_metric([], dt.datetime.fromisoformat(state["at"]).timestamp())
        yield problems
        yield checked
