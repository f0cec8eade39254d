"""`make run` runs the conference's 催办 on the platform's one scheduler: the worker loop that `policyreach run`
starts beside the web server (push/worker.start_background), over a real SQLite file with the demo year seeded.
Every overdue assignment is chased once, recorded on it and in the audit log, told to the unit's staff and to the
proposer; a later round inside the interval chases nothing, a round after it chases again."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import func, select

from policyreach.conference import announce
from policyreach.conference import proposals as wf
from policyreach.conference.models import Assignment, ConferenceMember
from policyreach.push import worker
from policyreach.push.clock import CITY_TZ, ManualClock
from policyreach.push.models import Notification
from policyreach.store.models import Account, AuditEntry, PlatformState
from tests.conftest import PLATFORM_AS_OF
from tests.platforms import demo_platform


def _chases(session) -> int:
    return session.scalar(select(func.count()).where(AuditEntry.action == "assignment.chase")) or 0


def _announced(session) -> bool:
    """The announcer's watermark passed the last 催办 entry (its round after the job ran)."""
    last = session.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.action == "assignment.chase"))
    mark = session.scalar(select(PlatformState.value).where(PlatformState.key == announce.WATERMARK))
    return last is not None and mark is not None and int(mark) >= last


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory):
    # a small city: the conference's demo year does not depend on its size
    return demo_platform(tmp_path_factory.mktemp("chase-worker"), None, 60, 23, PLATFORM_AS_OF)


def test_make_run_worker_chases_the_demo_overdue_proposals(city, monkeypatch):
    monkeypatch.setenv("POLICYREACH_LIKELIHOOD_NIGHTLY", "0")  # the nightly training is not what this test waits for
    clock = ManualClock(dt.datetime.combine(PLATFORM_AS_OF, dt.time(10), tzinfo=CITY_TZ))
    with city.sessions() as session:
        late = wf.late_items(session, PLATFORM_AS_OF)
        assert len(late) >= 10 and max(item.days_late for item in late) > 180
        assert all(item.assignment.last_chased_on is None for item in late)  # 最近催办 “—” before the worker ran
        assert _chases(session) == 0

    stop = worker.start_background(city, clock)  # what `policyreach run` starts beside the server
    try:
        deadline = time.monotonic() + 60
        while True:
            with city.sessions() as session:
                # the round after the job also tells each proposer of the 催办 (the announcer reads the audit log)
                if _chases(session) == len(late) and _announced(session):
                    break
            assert time.monotonic() < deadline, "the worker did not chase the overdue proposals within a minute"
            time.sleep(0.5)
    finally:
        stop.set()
    time.sleep(1.5)  # let the thread finish its round
    with city.sessions() as session:
        chased = session.scalars(select(Assignment).where(Assignment.last_chased_on.is_not(None))).all()
        assert {a.id for a in chased} == {item.assignment.id for item in late}
        assert all(a.last_chased_on == PLATFORM_AS_OF for a in chased)
        notes = session.scalars(select(Notification).where(Notification.kind == "conference.chase")).all()
        staffed = set(session.scalars(select(Account.department).where(Account.role == "unit")))
        assert {n.link for n in notes} == {
            f"/conference/unit/assignments/{item.assignment.id}" for item in late if item.unit.name in staffed
        }
        assert all("已超期" in n.subject and "年" in n.body for n in notes)
        # the proposer is told too, where the member has an account (the demo's generated members mostly have none)
        with_account = {
            m.account_pk
            for item in late
            if (m := session.get(ConferenceMember, item.proposal.proposer_pk)) is not None and m.account_pk
        }
        told = session.scalars(select(Notification).where(Notification.kind == "assignment.chase")).all()
        assert {n.account_pk for n in told} == with_account
        assert all(n.subject.startswith("已催办：提案 ") and "已超过答复期限" in n.body for n in told)

    # three days later: inside the interval (POLICYREACH_CHASE_DAYS, 7), the day's job chases nothing
    clock.advance(dt.timedelta(days=3))
    worker.run_once(city, clock)
    with city.sessions() as session:
        assert _chases(session) == len(late)
    # a week after the first 催办: each still-late assignment is chased again, once
    clock.advance(dt.timedelta(days=4))
    worker.run_once(city, clock)
    worker.run_once(city, clock)
    week = PLATFORM_AS_OF + dt.timedelta(days=7)
    with city.sessions() as session:
        again = session.scalars(select(Assignment).where(Assignment.id.in_([i.assignment.id for i in late]))).all()
        assert {a.last_chased_on for a in again} == {week}
        assert _chases(session) == 2 * len(late) + len(wf.late_items(session, week)) - len(late)
