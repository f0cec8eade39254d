"""The annual consultation plan and its activities: notice, sign-up, sign-in (签到), absences and outcome.

    planned ──notify──▶ noticed ──hold──▶ held ──conclude──▶ concluded
       └───────────────────┴──cancel──▶ cancelled

Committee staff and the office run activities (roles ``committee`` and ``info_office`` act for the general
office here; leaders may too); members sign up while the notice is open and sign in on the day. When an
activity is held, every invited member who did not sign in is absent: excused if they asked for leave
(请假) beforehand, unexcused otherwise. Every move is audited.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.models import ConferenceMember
from policyreach.conference.records_models import Activity, Participant
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit
from policyreach.store.models import Account

FORMS = ("全体会议", "常委会议", "专题议政性常委会", "专题协商会", "协商座谈会", "视察", "调研", "立法协商")
MEETING_FORMS = ("全体会议", "常委会议", "专题议政性常委会")  # counted as meetings in the assessment
ORGANISERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)


class ActivityState(StrEnum):
    PLANNED = "planned"
    NOTICED = "noticed"
    HELD = "held"
    CONCLUDED = "concluded"
    CANCELLED = "cancelled"


STATE_ZH = {
    ActivityState.PLANNED: "已列入计划",
    ActivityState.NOTICED: "已发通知",
    ActivityState.HELD: "已举行",
    ActivityState.CONCLUDED: "成果已报送",
    ActivityState.CANCELLED: "已取消",
}
TRANSITIONS: dict[tuple[ActivityState, ActivityState], tuple[str, ...]] = {
    (ActivityState.PLANNED, ActivityState.NOTICED): ORGANISERS,
    (ActivityState.PLANNED, ActivityState.CANCELLED): ORGANISERS,
    (ActivityState.NOTICED, ActivityState.HELD): ORGANISERS,
    (ActivityState.NOTICED, ActivityState.CANCELLED): ORGANISERS,
    (ActivityState.HELD, ActivityState.CONCLUDED): ORGANISERS,
}


def move(session: Session, activity: Activity, to: ActivityState, account: Account, data: dict | None = None) -> None:
    who = TRANSITIONS.get((ActivityState(activity.state), to))
    if who is None:
        raise IllegalTransition(f"活动当前状态为“{STATE_ZH[ActivityState(activity.state)]}”，不能变为“{STATE_ZH[to]}”")
    if account.role not in who:
        raise Forbidden("活动只能由政协机关工作人员或领导安排")
    before = activity.state
    activity.state = to
    audit.record(
        session,
        account.username,
        f"activity.{to.value}",
        f"activity:{activity.id}",
        {"from": before, "to": to.value, **(data or {})},
    )


def plan(
    session: Session,
    account: Account,
    *,
    title: str,
    form: str,
    held_on: dt.date,
    topic: str = "",
    lead_committee: str = "",
    place: str = "",
    sample: bool = False,
) -> Activity:
    """An activity of the annual consultation plan (年度协商计划)."""
    roles.require(account, ORGANISERS, "制定协商计划")
    if form not in FORMS:
        raise ValueError(f"活动形式应为：{'、'.join(FORMS)}")
    activity = Activity(
        year=held_on.year,
        title=title,
        topic=topic,
        form=form,
        lead_committee=lead_committee,
        held_on=held_on,
        place=place,
        state=ActivityState.PLANNED,
        sample=sample,
    )
    session.add(activity)
    session.flush()
    audit.record(
        session,
        account.username,
        "activity.planned",
        f"activity:{activity.id}",
        {"title": title, "form": form, "held_on": held_on},
    )
    return activity


def notify(
    session: Session, account: Account, activity: Activity, notice: str, invited: list[ConferenceMember]
) -> None:
    """The notice goes out; invited members are expected to attend."""
    move(session, activity, ActivityState.NOTICED, account, {"invited": len(invited)})
    activity.notice = notice
    for member in invited:
        _participant(session, activity, member).invited = True


def _participant(session: Session, activity: Activity, member: ConferenceMember) -> Participant:
    row = session.scalar(
        select(Participant).where(Participant.activity_pk == activity.id, Participant.member_pk == member.id)
    )
    if row is None:
        row = Participant(activity_pk=activity.id, member_pk=member.id, invited=False)
        session.add(row)
        session.flush()
    return row


def _own_member(session: Session, account: Account) -> ConferenceMember:
    roles.require(account, (roles.MEMBER,), "报名、签到")
    member = roles.member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联委员")
    return member


def sign_up(session: Session, account: Account, activity: Activity, now: dt.datetime) -> Participant:
    """A member signs up while the notice is open."""
    member = _own_member(session, account)
    if activity.state != ActivityState.NOTICED:
        raise IllegalTransition("只有已发通知、尚未举行的活动可以报名")
    row = _participant(session, activity, member)
    row.signed_up_at = row.signed_up_at or now
    audit.record(session, account.username, "activity.sign_up", f"activity:{activity.id}", {"member": member.id})
    return row


def ask_leave(session: Session, account: Account, activity: Activity, reason: str) -> Participant:
    """请假 before the activity: an absence that is excused."""
    member = _own_member(session, account)
    if activity.state != ActivityState.NOTICED:
        raise IllegalTransition("只能在活动举行前请假")
    if not reason.strip():
        raise ValueError("请假须说明事由")
    row = _participant(session, activity, member)
    row.absence = "excused"
    audit.record(
        session, account.username, "activity.leave", f"activity:{activity.id}", {"member": member.id, "reason": reason}
    )
    return row


def sign_in(session: Session, account: Account, activity: Activity, now: dt.datetime) -> Participant:
    """签到 on the day of the activity, by the member in person."""
    member = _own_member(session, account)
    if activity.state != ActivityState.NOTICED or now.date() != activity.held_on:
        raise IllegalTransition("只能在活动当天签到")
    row = _participant(session, activity, member)
    row.signed_in_at = now
    row.absence = None
    audit.record(session, account.username, "activity.sign_in", f"activity:{activity.id}", {"member": member.id})
    return row


def hold(session: Session, account: Account, activity: Activity) -> dict[str, int]:
    """The activity took place: invited members who neither signed in nor asked for leave are unexcused."""
    counts = {"present": 0, "excused": 0, "unexcused": 0}
    for row in activity.participants:
        if row.signed_in_at is not None:
            counts["present"] += 1
        elif row.invited:
            row.absence = row.absence or "unexcused"
            counts[row.absence] += 1
    move(session, activity, ActivityState.HELD, account, counts)
    return counts


def conclude(session: Session, account: Account, activity: Activity, outcome: str, adopted: bool | None) -> None:
    """The outcome (协商成果) and whether the government adopted it."""
    if not outcome.strip():
        raise ValueError("须填写协商成果")
    move(session, activity, ActivityState.CONCLUDED, account, {"adopted": adopted})
    activity.outcome = outcome
    activity.outcome_adopted = adopted


def cancel(session: Session, account: Account, activity: Activity, reason: str) -> None:
    if not reason.strip():
        raise ValueError("取消活动须说明原因")
    move(session, activity, ActivityState.CANCELLED, account, {"reason": reason.strip()})


def change(
    session: Session, account: Account, activity: Activity, *, held_on: dt.date, place: str, reason: str
) -> None:
    """A new date or place before the activity is held; the invited members are told (the announcer reads it)."""
    roles.require(account, ORGANISERS, "调整活动")
    if activity.state not in (ActivityState.PLANNED, ActivityState.NOTICED):
        raise IllegalTransition("只有尚未举行的活动可以调整时间或地点")
    if not reason.strip():
        raise ValueError("调整活动须说明原因")
    if held_on == activity.held_on and place.strip() == activity.place:
        raise ValueError("新的时间和地点与原安排相同")
    before = {"held_on": activity.held_on, "place": activity.place}
    activity.held_on, activity.place, activity.year = held_on, place.strip(), held_on.year
    audit.record(
        session,
        account.username,
        "activity.changed",
        f"activity:{activity.id}",
        {"before": before, "held_on": held_on, "place": activity.place, "reason": reason.strip()},
    )


def plan_of(session: Session, year: int) -> list[Activity]:
    """The year's consultation plan, in date order (visible to every conference account)."""
    return list(session.scalars(select(Activity).where(Activity.year == year).order_by(Activity.held_on, Activity.id)))
