"""The annual consultation plan and its activities: notice, sign-up, sign-in (签到), leave, attendance and outcome.

    planned ──notify──▶ noticed ──hold──▶ held ──conclude──▶ concluded
       └───────────────────┴──cancel──▶ cancelled

Committee staff and the office run activities (roles ``committee`` and ``info_office`` act for the general
office here; leaders may too). Members sign up while the notice is open and sign in in the app on the day; staff
mark those who signed the paper list. A member asks for leave (请假) before or after the activity and staff approve
or decline it. Nobody is absent until staff *close the attendance*: then, and only then, every invited member who
neither signed in (either way) nor has an approved leave is unexcused (无故缺席); a leave still waiting for a decision
blocks the closing, so nobody is marked absent while their excuse is pending. Corrections after closing need a
reason. The assessment counts closed attendance only. Every move is audited.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.models import ConferenceMember
from policyreach.conference.records_models import Activity, ActivityForm, Participant
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.conference.roster import current_term, serving
from policyreach.redemption import audit
from policyreach.store.models import Account

# the eight forms the module began with; the office's list (activity_forms, seeded with these and more) decides
FORMS = ("全体会议", "常委会议", "专题议政性常委会", "专题协商会", "协商座谈会", "视察", "调研", "立法协商")
MEETING_FORMS = ("全体会议", "常委会议", "专题议政性常委会")  # seeded as counting under 会议出席
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
    offered = list(
        session.scalars(select(ActivityForm.name).where(ActivityForm.active.is_(True)).order_by(ActivityForm.position))
    )
    if form not in offered:
        raise ValueError(f"“活动形式”应为活动形式目录中的一项：{'、'.join(offered)}")
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
    """The notice goes out; invited members of the current 届次 are expected to attend (a member of an earlier term
    who was not re-appointed keeps their records but is no longer invited)."""
    term = current_term(session)
    invited = [m for m in invited if m.term == term]
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
    if not serving(session, member):
        raise Forbidden(f"您是{member.term}委员，未在本届名册中，不能报名新的活动")
    row = _participant(session, activity, member)
    row.signed_up_at = row.signed_up_at or now
    audit.record(session, account.username, "activity.sign_up", f"activity:{activity.id}", {"member": member.id})
    return row


def ask_leave(session: Session, account: Account, activity: Activity, reason: str) -> Participant:
    """请假, before the activity or after it (until staff close the attendance); staff decide it."""
    member = _own_member(session, account)
    if activity.state not in (ActivityState.NOTICED, ActivityState.HELD) or activity.attendance_closed_at:
        raise IllegalTransition("只能在活动举行前或考勤确认前请假")
    if not reason.strip():
        raise ValueError("请假须说明事由")
    row = _participant(session, activity, member)
    row.leave_reason, row.leave_state = reason.strip()[:500], "requested"
    audit.record(
        session, account.username, "activity.leave", f"activity:{activity.id}", {"member": member.id, "reason": reason}
    )
    return row


def decide_leave(session: Session, account: Account, activity: Activity, member_pk: int, approve: bool) -> Participant:
    """Staff approve or decline a leave request (an approved leave is an excused absence when attendance closes)."""
    roles.require(account, ORGANISERS, "审批请假")
    row = _row_of(activity, member_pk)
    if row.leave_state is None:
        raise IllegalTransition("该委员没有请假申请")
    if activity.attendance_closed_at is not None:
        raise IllegalTransition("考勤已确认，如需更正请使用考勤更正")
    row.leave_state = "approved" if approve else "declined"
    audit.record(
        session,
        account.username,
        "activity.leave_decided",
        f"activity:{activity.id}",
        {"member": member_pk, "approved": approve},
    )
    return row


def sign_in(session: Session, account: Account, activity: Activity, now: dt.datetime) -> Participant:
    """签到 on the day of the activity, by the member in the app (at the venue, from its QR code)."""
    member = _own_member(session, account)
    if activity.state not in (ActivityState.NOTICED, ActivityState.HELD) or now.date() != activity.held_on:
        raise IllegalTransition("只能在活动当天签到")
    if activity.attendance_closed_at is not None:
        raise IllegalTransition("考勤已确认，不能再签到")
    row = _participant(session, activity, member)
    row.signed_in_at, row.signed_in_by = row.signed_in_at or now, None
    audit.record(session, account.username, "activity.sign_in", f"activity:{activity.id}", {"member": member.id})
    return row


def mark_paper(session: Session, account: Account, activity: Activity, member_pks: list[int], now: dt.datetime) -> int:
    """Staff mark who signed the paper sign-in list on the day; returns how many were newly marked present."""
    roles.require(account, ORGANISERS, "录入纸质签到")
    if activity.state not in (ActivityState.NOTICED, ActivityState.HELD) or now.date() < activity.held_on:
        raise IllegalTransition("活动举行后才能录入纸质签到")
    if activity.attendance_closed_at is not None:
        raise IllegalTransition("考勤已确认，如需更正请使用考勤更正")
    marked = 0
    for member_pk in dict.fromkeys(member_pks):
        member = session.get(ConferenceMember, member_pk)
        if member is None:
            raise LookupError(f"委员不存在（编号 {member_pk}）")
        row = _participant(session, activity, member)
        if row.signed_in_at is None:
            row.signed_in_at = dt.datetime.combine(activity.held_on, dt.time(0, 0))
            row.signed_in_by = account.username
            marked += 1
    audit.record(
        session,
        account.username,
        "activity.paper_sign_in",
        f"activity:{activity.id}",
        {"members": sorted(set(member_pks)), "marked": marked},
    )
    return marked


def hold(session: Session, account: Account, activity: Activity) -> dict[str, int]:
    """The activity took place. Nobody is marked absent yet: sign-ins from the paper list and leave requests may
    still come; staff close the attendance when they have them."""
    counts = reconcile(activity)
    move(session, activity, ActivityState.HELD, account, counts)
    return counts


def reconcile(activity: Activity) -> dict[str, int]:
    """What closing the attendance would record now: present (in the app / on paper), excused, leave awaiting a
    decision, and unexcused (invited, not signed in, no approved leave)."""
    counts = {"present": 0, "present_paper": 0, "excused": 0, "pending_leave": 0, "unexcused": 0}
    for row in activity.participants:
        if row.signed_in_at is not None:
            counts["present"] += 1
            counts["present_paper"] += row.signed_in_by is not None
        elif row.leave_state == "approved":
            counts["excused"] += 1
        elif row.leave_state == "requested":
            counts["pending_leave"] += 1
        elif row.invited:
            counts["unexcused"] += 1
    return counts


def close_attendance(session: Session, account: Account, activity: Activity, now: dt.datetime) -> dict[str, int]:
    """Decide the absences, once: refused while a leave request waits for a decision."""
    roles.require(account, ORGANISERS, "确认考勤")
    if activity.state not in (ActivityState.HELD, ActivityState.CONCLUDED):
        raise IllegalTransition("活动举行后才能确认考勤")
    if activity.attendance_closed_at is not None:
        raise IllegalTransition("考勤已确认")
    counts = reconcile(activity)
    if counts["pending_leave"]:
        raise IllegalTransition(f"尚有 {counts['pending_leave']} 条请假申请待审批，审批后才能确认考勤")
    for row in activity.participants:
        if row.signed_in_at is not None:
            row.absence = None
        elif row.leave_state == "approved":
            row.absence = "excused"
        elif row.invited:
            row.absence = "unexcused"
    activity.attendance_closed_at = now
    audit.record(session, account.username, "activity.attendance_closed", f"activity:{activity.id}", counts)
    return counts


CORRECTIONS = {"present": "出席", "excused": "请假", "unexcused": "无故缺席"}


def correct(
    session: Session, account: Account, activity: Activity, member_pk: int, to: str, reason: str
) -> Participant:
    """A correction of closed attendance (a lost paper list found, a leave approved late), with its reason."""
    roles.require(account, ORGANISERS, "更正考勤")
    if activity.attendance_closed_at is None:
        raise IllegalTransition("考勤确认后才能更正；确认前请直接录入签到或审批请假")
    if to not in CORRECTIONS:
        raise ValueError(f"更正结果应为：{'、'.join(CORRECTIONS.values())}")
    if not reason.strip():
        raise ValueError("更正考勤须说明理由")
    row = _row_of(activity, member_pk)
    before = "present" if row.signed_in_at is not None else row.absence or "none"
    if to == "present":
        row.signed_in_at = row.signed_in_at or dt.datetime.combine(activity.held_on, dt.time(0, 0))
        row.signed_in_by, row.absence = row.signed_in_by or account.username, None
    else:
        row.signed_in_at, row.signed_in_by, row.absence = None, None, to
        if to == "excused":
            row.leave_state = "approved"
    audit.record(
        session,
        account.username,
        "activity.attendance_corrected",
        f"activity:{activity.id}",
        {"member": member_pk, "from": before, "to": to, "reason": reason.strip()},
    )
    return row


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


def _row_of(activity: Activity, member_pk: int) -> Participant:
    row = next((p for p in activity.participants if p.member_pk == member_pk), None)
    if row is None:
        raise LookupError("该委员不在本次活动名单中")
    return row


def conclude(
    session: Session,
    account: Account,
    activity: Activity,
    outcome: str,
    adopted: bool | None,
    *,
    adopted_by: str = "",
    adopted_on: dt.date | None = None,
) -> None:
    """The outcome (协商成果) and whether the government adopted it — and then by what (a document, a decision)
    and when."""
    if not outcome.strip():
        raise ValueError("须填写协商成果")
    if adopted and (not adopted_by.strip() or adopted_on is None):
        raise ValueError("已采纳的成果须写明采纳它的文件或决定及日期")
    move(session, activity, ActivityState.CONCLUDED, account, {"adopted": adopted, "adopted_by": adopted_by or None})
    activity.outcome = outcome
    activity.outcome_adopted = adopted
    if adopted:
        activity.adopted_by, activity.adopted_on = adopted_by.strip(), adopted_on


def plan_of(session: Session, year: int) -> list[Activity]:
    """The year's consultation plan, in date order (visible to every conference account)."""
    return list(session.scalars(select(Activity).where(Activity.year == year).order_by(Activity.held_on, Activity.id)))
