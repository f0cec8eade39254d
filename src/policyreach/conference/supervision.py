"""Consultative supervision (协商式监督): a finding, the unit's rectification, follow-up until closed.

    open ──unit reports rectification──▶ rectified ──office accepts──▶ closed
                                            └──office sends back──▶ open

Overdue open findings are chased: ``remind_overdue`` sends one notice per finding per interval to the
unit's staff through the platform's notifier (``policyreach.push.notify``: an inbox message, deduplicated
by key) and audits it; a daily job on the push queue (``conference.supervision_remind``) runs it.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.records_models import SupervisionItem
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.push import jobs, notify
from policyreach.push.clock import Clock
from policyreach.push.clock import today as city_today
from policyreach.redemption import audit
from policyreach.store.models import Account

STATE_ZH = {"open": "待整改", "rectified": "已报整改", "closed": "已办结"}
OFFICE = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)
TRANSITIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("open", "rectified"): (roles.UNIT,),
    ("rectified", "closed"): OFFICE,
    ("rectified", "open"): OFFICE,
}
REMIND_EVERY = dt.timedelta(days=7)


class Notifier(Protocol):
    def __call__(
        self, session: Session, *, recipient: Account, kind: str, subject: str, body: str, link: str, dedupe_key: str
    ) -> None: ...


def audit_notifier(
    session: Session, *, recipient: Account, kind: str, subject: str, body: str, link: str, dedupe_key: str
) -> None:
    """The reminder recorded (and thereby visible and verifiable) in the audit log."""
    audit.record(
        session,
        "system:conference",
        kind,
        f"account:{recipient.id}",
        {"subject": subject, "body": body, "link": link, "dedupe_key": dedupe_key},
    )


def push_notifier(
    session: Session, *, recipient: Account, kind: str, subject: str, body: str, link: str, dedupe_key: str
) -> None:
    """The platform's notifier (inbox and the recipient's channels), audited too."""
    notify.notify(
        session,
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=body,
        link=link,
        dedupe_key=dedupe_key,
        department=recipient.department,
    )
    audit_notifier(
        session, recipient=recipient, kind=kind, subject=subject, body=body, link=link, dedupe_key=dedupe_key
    )


def _unit_account_ok(session: Session, account: Account, item: SupervisionItem) -> bool:
    unit = roles.unit_of(session, account)
    return unit is not None and unit.id == item.unit_pk


def record_finding(
    session: Session,
    account: Account,
    *,
    unit_pk: int,
    finding: str,
    due_on: dt.date,
    year: int,
    activity_pk: int | None = None,
    sample: bool = False,
) -> SupervisionItem:
    roles.require(account, OFFICE, "登记监督发现的问题")
    item = SupervisionItem(
        year=year, unit_pk=unit_pk, finding=finding, due_on=due_on, activity_pk=activity_pk, state="open", sample=sample
    )
    session.add(item)
    session.flush()
    audit.record(session, account.username, "supervision.open", f"supervision:{item.id}", {"unit": unit_pk})
    return item


def move(session: Session, account: Account, item: SupervisionItem, to: str, *, text: str = "", today: dt.date) -> None:
    who = TRANSITIONS.get((item.state, to))
    if who is None:
        raise IllegalTransition(f"当前为“{STATE_ZH[item.state]}”，不能变为“{STATE_ZH.get(to, to)}”")
    if account.role not in who or (account.role == roles.UNIT and not _unit_account_ok(session, account, item)):
        raise Forbidden("无权办理此监督事项")
    if to == "rectified":
        if not text.strip():
            raise ValueError("须说明整改情况")
        item.rectification = text.strip()
    before = item.state
    item.state = to
    item.closed_on = today if to == "closed" else None
    audit.record(
        session,
        account.username,
        f"supervision.{to}",
        f"supervision:{item.id}",
        {"from": before, "to": to, "note": text or None},
    )


def visible(session: Session, account: Account, year: int) -> list[SupervisionItem]:
    """A unit sees only its own findings; the office and leaders see all."""
    query = select(SupervisionItem).where(SupervisionItem.year == year).order_by(SupervisionItem.id)
    if account.role in OFFICE:
        return list(session.scalars(query))
    unit = roles.unit_of(session, account)
    if unit is None:
        raise Forbidden("协商式监督事项仅限政协机关、领导和被监督单位查看")
    return list(session.scalars(query.where(SupervisionItem.unit_pk == unit.id)))


def one(session: Session, account: Account, item_id: int) -> SupervisionItem | None:
    """The finding ``item_id`` of any year, when ``account`` may see it (None otherwise, as if it did not exist)."""
    item = session.get(SupervisionItem, item_id)
    if item is None or item not in visible(session, account, item.year):
        return None
    return item


def remind_overdue(session: Session, today: dt.date, notifier: Notifier = push_notifier) -> int:
    """Chase every open finding past its due date, at most once per ``REMIND_EVERY``; returns how many."""
    sent = 0
    items = session.scalars(
        select(SupervisionItem).where(SupervisionItem.state == "open", SupervisionItem.due_on < today)
    )
    for item in items:
        if item.last_reminded_on is not None and today - item.last_reminded_on < REMIND_EVERY:
            continue
        staff = session.scalars(select(Account).where(Account.role == roles.UNIT, Account.department == item.unit.name))
        for account in staff:
            notifier(
                session,
                recipient=account,
                kind="conference.supervision_overdue",
                subject="协商式监督整改事项已超期",
                body=f"“{item.finding[:40]}”应于{item.due_on}前整改，请尽快报送。",
                link=f"/conference/supervision#s{item.id}",
                dedupe_key=f"supervision:{item.id}:{today}",
            )
        item.last_reminded_on = today
        sent += 1
    return sent


@jobs.handler("conference.supervision_remind")
def remind_job(context: jobs.JobContext) -> dict[str, object]:
    """The daily run of supervision reminders; it queues the next day's run itself (one job per day)."""
    day = city_today(context.clock)
    with context.transaction() as session:
        sent = remind_overdue(session, day)
        schedule_reminders(session, day + dt.timedelta(days=1), clock=context.clock)
    return {"reminded": sent}


def schedule_reminders(session: Session, day: dt.date, *, clock: Clock | None = None) -> None:
    """Queue the reminder run of ``day`` at 09:30 city time (idempotent: one job per day by its key)."""
    jobs.enqueue_daily(session, "conference.supervision_remind", day, dt.time(9, 30), clock=clock)
