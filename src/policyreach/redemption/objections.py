"""Objections on the public notice (公示), as a public form that cannot be abused (issue 19, point 4).

- **Once.** The first objection freezes the payout (NOTICE → OBJECTED). After an officer dismissed it, a new one is
  recorded and shown to the officer, and freezes the payout again only when an officer accepts that it brings new
  grounds (:func:`decide_grounds`); one anonymous POST can no longer freeze a payout over and over.
- **Late.** An objection that arrives when the application is already in a disbursement batch (it lost its race with
  the batch, or came after it) freezes nothing and is recorded as late, with a clear message: the application's row
  lock and the compare-and-set in ``workflow.move`` make the batch and the objection agree on who came first.
- **Limited.** Objections per address per hour, per address and application per day, and per application per day,
  counted in the database by one conditional UPDATE per key (:func:`take`), so the count holds across server
  processes; expired windows are reused or pruned, so the table stays bounded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app.ports import PlatformServices
from policyreach.redemption import audit, funds
from policyreach.redemption.states import ClaimRefused, StaleState, State
from policyreach.redemption.workflow import (
    DISMISSED,
    FREEZING,
    LATE,
    NO_NEW_GROUNDS,
    PENDING,
    _may_decide,
    move,
    object_to,
)
from policyreach.store.models import Account, Application, Objection, ObjectionQuota

HOUR, DAY = 3600.0, 86400.0
MAX_CHARS = 2000  # the column's size: the setting may lower it, never raise it
MIN_CHARS = 10


STATUS_ZH = {
    FREEZING: "已暂停拨付，待核实",
    PENDING: "已记录，待认定是否有新理由",
    LATE: "逾期（已进入拨付），已记录",
    "upheld": "异议成立",
    DISMISSED: "异议不成立",
    NO_NEW_GROUNDS: "无新理由，未暂停拨付",
}


class TooMany(ClaimRefused):
    """A rate limit of the objection form is reached (the web answers 429)."""


class NotOnNotice(ClaimRefused):
    """The application is not (and never was) on the public notice: nothing to object to (404)."""


def take(session: Session, key: str, limit: int, seconds: float, now: float) -> bool:
    """Count one use of ``key`` in its current window, or say False when the window already holds ``limit``.

    Each branch is a single statement whose WHERE is the check, so two processes never both take the last place:
    the row's lock makes the second wait and then see the first one's count.
    """
    key = key[:120]
    if funds.updated(
        session,
        update(ObjectionQuota)
        .where(ObjectionQuota.key == key, ObjectionQuota.until > now, ObjectionQuota.count < limit)
        .values(count=ObjectionQuota.count + 1),
    ):
        return True
    if funds.updated(  # a window that ended starts again
        session,
        update(ObjectionQuota)
        .where(ObjectionQuota.key == key, ObjectionQuota.until <= now)
        .values(until=now + seconds, count=1),
    ):
        return True
    if session.scalar(select(ObjectionQuota.key).where(ObjectionQuota.key == key)) is not None:
        return False  # the window is full
    if limit < 1:
        return False
    try:
        with session.begin_nested():
            session.add(ObjectionQuota(key=key, until=now + seconds, count=1))
            session.flush()
        return True
    except IntegrityError:  # another process made the row just now: count on it
        return take(session, key, limit, seconds, now)


def check_text(text: str) -> str:
    text = text.strip()
    longest = min(settings.objection_max_chars(), MAX_CHARS)
    if len(text) < MIN_CHARS:
        raise ClaimRefused(f"异议内容：请写明异议的具体事实和理由（至少 {MIN_CHARS} 个字）")
    if len(text) > longest:
        raise ClaimRefused(f"异议内容：不能超过 {longest} 个字（现为 {len(text)} 个字），请精简后提交")
    return text


@dataclass(frozen=True)
class Received:
    status: str  # FREEZING | PENDING | LATE
    message: str


def raise_objection(
    session: Session,
    application_id: int,
    text: str,
    *,
    contact: str = "",
    address: str = "",
    now: float | None = None,
) -> Received:
    """A public objection: checked, counted against the limits, then freezing, recorded or late (see the module)."""
    text = check_text(text)
    contact = contact.strip()[:100]
    now = time.time() if now is None else now
    # only objections to an application on the notice count against the limits (nothing else is stored)
    if session.scalar(select(Application.state).where(Application.id == application_id)) not in _OBJECTABLE:
        raise NotOnNotice("该申请不在公示期内")
    received = _receive(session, application_id, text, contact, address, now)
    _prune(session, now)
    return received


def _prune(session: Session, now: float) -> None:
    """Windows ended a day ago go, last in the transaction and skipping rows another one holds: a prune never waits
    while holding a row someone else may want (which could deadlock two objections)."""
    stale = (
        select(ObjectionQuota.key)
        .where(ObjectionQuota.until < now - DAY)
        .limit(PRUNE)
        .with_for_update(skip_locked=True)
    )
    keys = list(session.scalars(stale))
    if keys:
        session.execute(delete(ObjectionQuota).where(ObjectionQuota.key.in_(keys), ObjectionQuota.until < now - DAY))


PRUNE = 500  # an objection adds at most 3 rows: pruning up to 500 with each keeps the table bounded


def _receive(session: Session, application_id: int, text: str, contact: str, address: str, now: float) -> Received:
    per_address, per_pair, per_application = settings.objection_limits()
    if not take(session, f"ip:{address}", per_address, HOUR, now):
        raise TooMany(f"提交过于频繁：同一网络地址每小时最多提交 {per_address} 条异议，请稍后再试")
    if not take(session, f"ip-app:{address}:{application_id}", per_pair, DAY, now):
        raise TooMany(f"您今天已对该申请提交 {per_pair} 条异议，主管部门会一并核实；如有新的事实，请明天再提交")
    if not take(session, f"app:{application_id}", per_application, DAY, now):
        raise TooMany("该申请今天收到的异议已达上限，主管部门正在核实；如有新的事实，请明天再提交或联系主管部门")
    # the row lock orders this objection and a disbursement batch of the same application: one waits for the other
    application = session.scalar(
        select(Application)
        .where(Application.id == application_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert application is not None  # it was there a moment ago and applications are never deleted
    actor = f"public:{contact[:40] or '匿名'}"
    if application.state == State.NOTICE and not _dismissed_before(session, application_id):
        try:
            with session.begin_nested():
                object_to(session, application, text, actor, contact=contact, address=address)
            return Received(FREEZING, "异议已收到，主管部门核实后处理，公示期间暂停拨付。")
        except StaleState:
            session.refresh(application)  # batched (or objected) by someone else in between: record it as such
    if application.state in (State.DISBURSING, State.PAID):
        _record(session, application, text, contact, address, LATE, actor)
        return Received(
            LATE,
            f"该申请公示期已满，已进入拨付（批次 {application.disbursement_id}），异议未能暂停拨付；"
            "您的异议已记录并转交主管部门核查。",
        )
    if application.state in (State.NOTICE, State.OBJECTED):
        _record(session, application, text, contact, address, PENDING, actor)
        if application.state == State.OBJECTED:
            return Received(PENDING, "异议已收到并记录：该申请已因异议暂停拨付，主管部门将一并核实。")
        return Received(
            PENDING,
            "异议已收到并记录：该申请此前的异议已由主管部门核实处理，您的异议将由主管部门审查是否提出了新的事实和理由，"
            "如有，将再次暂停拨付。",
        )
    raise NotOnNotice("该申请不在公示期内")


_OBJECTABLE = {State.NOTICE, State.OBJECTED, State.DISBURSING, State.PAID}


def _dismissed_before(session: Session, application_id: int) -> bool:
    return (
        session.scalar(
            select(Objection.id).where(
                Objection.application_id == application_id, Objection.status.in_((DISMISSED, NO_NEW_GROUNDS))
            )
        )
        is not None
    )


def _record(
    session: Session, application: Application, text: str, contact: str, address: str, status: str, actor: str
) -> Objection:
    objection = Objection(application_id=application.id, text=text, contact=contact, address=address, status=status)
    session.add(objection)
    session.flush()
    audit.record(
        session,
        actor,
        f"objection.{status}",
        f"application:{application.id}",
        {"objection": objection.id, "state": application.state},
    )
    return objection


def open_objections(session: Session, application_id: int) -> list[Objection]:
    return list(
        session.scalars(select(Objection).where(Objection.application_id == application_id).order_by(Objection.id))
    )


def decide_grounds(
    session: Session,
    platform: PlatformServices,
    officer: Account,
    objection_id: int,
    new_grounds: bool,
    reason: str,
) -> None:
    """An officer reads an objection recorded after a decision: new grounds freeze the payout again, else it is
    closed as bringing none. One compare-and-set on the objection; a second officer is told 已被他人处理."""
    objection = session.get(Objection, objection_id)
    application = session.get(Application, objection.application_id) if objection else None
    if objection is None or application is None:
        raise ClaimRefused("没有这条异议")
    _may_decide(platform, officer, application)
    if not reason.strip():
        raise ClaimRefused("处理意见：请写明是否提出了新的事实和理由")
    if new_grounds and application.state not in (State.NOTICE, State.OBJECTED):
        raise ClaimRefused("该申请已不在公示期（已进入拨付或已办结），无法暂停拨付；如需追回请按追回程序办理")
    done = funds.updated(
        session,
        update(Objection)
        .where(Objection.id == objection_id, Objection.status == PENDING)
        .values(
            status=FREEZING if new_grounds else NO_NEW_GROUNDS,
            decided_by=officer.username,
            decision=reason.strip()[:500],
        ),
    )
    if done != 1:
        raise StaleState(application.id, application.state)
    if new_grounds and application.state == State.NOTICE:
        move(
            session, application, State.OBJECTED, officer.username, f"异议 {objection_id} 提出新的理由：{reason[:200]}"
        )
    audit.record(
        session,
        officer.username,
        "objection.new_grounds" if new_grounds else "objection.no_new_grounds",
        f"application:{application.id}",
        {"objection": objection_id, "reason": reason.strip()[:500]},
    )
