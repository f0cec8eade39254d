"""Members' duty records (委员履职档案): what the platform knows, what the member declares, and the year's
counts the assessment reads.

The platform fills what it has seen itself (proposals, reports, attendance, legislative comments): those
counts are verified (source ``conference_platform``). Attendance counts under what its activity's form says
(``activity_forms``: 会议出席, 协商视察调研活动, 为民服务, a score item of the form's own, or nothing), and a speech
at an activity counts once staff selected it. Speeches, member-studio activities and services to the
public are declared by the member with evidence and count once the office confirms them (source
``conference_office``); a declared entry waiting for confirmation is shown but not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.conference import activity_forms, roles, terms
from policyreach.conference.assessment import (
    COUNTS,
    PLATFORM_COUNTS,
    Assessment,
    AssessmentRules,
    assess,
    load_rules,
    member_record,
)
from policyreach.conference.models import ConferenceMember, Cosigner, Proposal
from policyreach.conference.records_models import (
    Activity,
    ActivityForm,
    ActivitySpeech,
    DutyEntry,
    LegislativeComment,
    LegislativeDraft,
    OpinionReport,
    Participant,
    ReportInstruction,
)
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.engine.explain import format_number
from policyreach.push import jobs
from policyreach.push.clock import Clock
from policyreach.push.clock import today as city_today
from policyreach.push.notify import notify
from policyreach.redemption import audit
from policyreach.store.models import Account

DECLARED_KINDS = {
    "speeches": "大会发言、协商发言",
    "studio_activities": "委员工作室活动",
    "public_services": "为民服务活动",
}
CONFIRMERS = (roles.INFO_OFFICE, roles.COMMITTEE, roles.LEADER, roles.ADMIN)  # staff of the conference's office
FILED = ("filed", "assigned", "answered", "closed")  # proposal states after 立案
NOT_SUBMITTED = ("draft", "cosigning")


class EntryState(StrEnum):
    DECLARED = "declared"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


ENTRY_ZH = {EntryState.DECLARED: "待审核", EntryState.CONFIRMED: "已确认", EntryState.REJECTED: "未确认"}
TRANSITIONS = {(EntryState.DECLARED, EntryState.CONFIRMED), (EntryState.DECLARED, EntryState.REJECTED)}


def declare(
    session: Session, account: Account, *, kind: str, title: str, happened_on: dt.date, evidence: str
) -> DutyEntry:
    """The member records a duty the platform cannot see, with its evidence."""
    roles.require(account, (roles.MEMBER,), "填报履职事项")
    member = roles.member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联委员")
    if kind not in DECLARED_KINDS:
        raise ValueError(f"可填报的事项为：{'、'.join(DECLARED_KINDS.values())}")
    if not title.strip() or not evidence.strip():
        raise ValueError("须填写事项名称和佐证材料")
    entry = DutyEntry(
        member_pk=member.id,
        year=happened_on.year,
        kind=kind,
        title=title.strip(),
        happened_on=happened_on,
        evidence=evidence.strip(),
        state=EntryState.DECLARED,
    )
    session.add(entry)
    session.flush()
    audit.record(session, account.username, "duty.declared", f"duty:{entry.id}", {"kind": kind, "title": title})
    return entry


def decide(session: Session, account: Account, entry: DutyEntry, confirm: bool, reason: str = "") -> None:
    """The office confirms or rejects a declared entry (rejection needs a reason)."""
    to = EntryState.CONFIRMED if confirm else EntryState.REJECTED
    if (EntryState(entry.state), to) not in TRANSITIONS:
        raise IllegalTransition(f"该事项已{ENTRY_ZH[EntryState(entry.state)]}，不能再变为{ENTRY_ZH[to]}")
    roles.require(account, CONFIRMERS, "审核履职事项")
    if not confirm and not reason.strip():
        raise ValueError("不予确认须说明理由")
    before = entry.state
    entry.state = to
    entry.decided_by = account.username
    entry.reason = reason or None
    audit.record(
        session,
        account.username,
        f"duty.{to.value}",
        f"duty:{entry.id}",
        {"from": before, "to": to.value, "reason": reason or None},
    )


@dataclass
class DutyRecord:
    member: ConferenceMember
    year: int
    counts: dict[str, int]
    verified: list[str]
    entries: list[DutyEntry] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    reports: list[OpinionReport] = field(default_factory=list)
    attendance: list[tuple[Activity, Participant]] = field(default_factory=list)


def platform_counts(session: Session, member_pk: int, year: int) -> dict[str, int]:
    """What the platform itself recorded for the member in ``year``."""
    counts = year_counts(session, year, [member_pk])[member_pk]
    return {key: counts[key] for key in PLATFORM_COUNTS}


def year_counts(session: Session, year: int, members: Sequence[int] | None = None) -> dict[int, dict[str, int]]:
    """Every member's counts for ``year`` (or only ``members``'), in a dozen grouped queries: the reform page
    assesses everyone at once, and a member's record reads the same queries for one member."""
    pks = list(members) if members is not None else sorted(terms.members_of_year(session, year))
    forms = {f.name: f for f in activity_forms.listed(session)}
    own = [activity_forms.count_key(f) for f in forms.values() if f.counts_as == "own" and f.points is not None]
    out = {m: dict.fromkeys((*COUNTS, *own), 0) for m in pks}

    def add(key: str, query: Any) -> None:
        if members is not None:  # each query's first column is the member it counts for
            query = query.where(query.selected_columns[0].in_(pks))
        for member_pk, n in session.execute(query):
            if member_pk in out:
                out[member_pk][key] = int(n)

    n = func.count()
    mine = select(Proposal.proposer_pk, n).where(Proposal.year == year).group_by(Proposal.proposer_pk)
    add("proposals_submitted", mine.where(Proposal.state.not_in(NOT_SUBMITTED)))
    add("proposals_lead", mine.where(Proposal.state.in_(FILED)))
    add("key_proposals", mine.where(Proposal.state.in_(FILED), Proposal.is_key.is_(True)))
    add(
        "proposals_cosigned",
        select(Cosigner.member_pk, n)
        .join(Proposal, Proposal.id == Cosigner.proposal_pk)
        .where(Cosigner.state == "confirmed", Proposal.year == year, Proposal.state.in_(FILED))
        .group_by(Cosigner.member_pk),
    )
    reps = (
        select(OpinionReport.author_pk, n)
        .where(OpinionReport.year == year, OpinionReport.state != "draft")
        .group_by(OpinionReport.author_pk)
    )
    add("reports_submitted", reps)
    add("reports_adopted", reps.where(OpinionReport.bulletin_pk.is_not(None)))
    add("reports_higher", reps.where(OpinionReport.higher_adopted.is_(True)))
    add(
        "reports_instructed",
        select(OpinionReport.author_pk, func.count(func.distinct(ReportInstruction.report_pk)))
        .join(ReportInstruction, ReportInstruction.report_pk == OpinionReport.id)
        .where(OpinionReport.year == year)
        .group_by(OpinionReport.author_pk),
    )
    seen = (
        select(Participant.member_pk, n)
        .join(Activity, Activity.id == Participant.activity_pk)
        # only attendance staff have closed counts: until then a sign-in may still come from the paper list
        .where(Activity.year == year, Activity.attendance_closed_at.is_not(None))
        .group_by(Participant.member_pk)
    )
    add("unexcused_absences", seen.where(Participant.absence == "unexcused"))
    comments = (
        select(LegislativeComment.member_pk, n)
        .join(LegislativeDraft)
        .where(LegislativeDraft.year == year)
        .group_by(LegislativeComment.member_pk)
    )
    add("legislative_comments", comments)
    add("legislative_adopted", comments.where(LegislativeComment.state.in_(("adopted", "partly"))))
    for kind in DECLARED_KINDS:
        add(
            kind,
            select(DutyEntry.member_pk, n)
            .where(DutyEntry.year == year, DutyEntry.kind == kind, DutyEntry.state == EntryState.CONFIRMED)
            .group_by(DutyEntry.member_pk),
        )
    # attendances, each under what its form counts as (a form the list does not know counts as an activity, as
    # every non-meeting form always did); added after the declared counts, which they join for 为民服务
    attended = (
        select(Participant.member_pk, Activity.form, n)
        .join(Activity, Activity.id == Participant.activity_pk)
        .where(
            Activity.year == year,
            Activity.attendance_closed_at.is_not(None),
            Participant.signed_in_at.is_not(None),
            Activity.state.in_(("held", "concluded")),
        )
        .group_by(Participant.member_pk, Activity.form)
    )
    if members is not None:
        attended = attended.where(Participant.member_pk.in_(pks))
    for member_pk, form_name, count in session.execute(attended):
        form = forms.get(form_name)
        key = _count_of(form)
        if member_pk in out and key is not None:
            out[member_pk][key] += int(count)
    # speeches staff selected (a speech submitted and not selected earns nothing), beside the confirmed declared ones
    chosen = (
        select(ActivitySpeech.member_pk, n)
        .join(Activity, Activity.id == ActivitySpeech.activity_pk)
        .where(Activity.year == year, ActivitySpeech.state == "selected")
        .group_by(ActivitySpeech.member_pk)
    )
    if members is not None:
        chosen = chosen.where(ActivitySpeech.member_pk.in_(pks))
    for member_pk, count in session.execute(chosen):
        if member_pk in out:
            out[member_pk]["speeches"] += int(count)
    return out


COUNTED_AS = {"meeting": "meetings_attended", "activity": "activities_attended", "service": "public_services"}


def _count_of(form: ActivityForm | None) -> str | None:
    if form is None:
        return "activities_attended"
    if form.counts_as == "own":
        return activity_forms.count_key(form) if form.points is not None else None
    return COUNTED_AS.get(form.counts_as)  # "none": taking part is not scored


def record_of(session: Session, member: ConferenceMember, year: int) -> DutyRecord:
    """The member's duty record for ``year``: counts (platform + confirmed declarations) and their details."""
    counts = year_counts(session, year, [member.id])[member.id]
    entries = list(
        session.scalars(
            select(DutyEntry)
            .where(DutyEntry.member_pk == member.id, DutyEntry.year == year)
            .order_by(DutyEntry.happened_on, DutyEntry.id)
        )
    )
    proposals = list(
        session.scalars(
            select(Proposal).where(Proposal.proposer_pk == member.id, Proposal.year == year).order_by(Proposal.id)
        )
    )
    reports = list(
        session.scalars(
            select(OpinionReport)
            .where(OpinionReport.author_pk == member.id, OpinionReport.year == year)
            .order_by(OpinionReport.id)
        )
    )
    attendance = [
        (a, p)
        for a, p in session.execute(
            select(Activity, Participant)
            .join(Participant, Participant.activity_pk == Activity.id)
            .where(Participant.member_pk == member.id, Activity.year == year)
            .order_by(Activity.held_on)
        )
    ]
    # every count either came from the platform or from a confirmation by the office: all are verified
    return DutyRecord(member, year, counts, list(counts), entries, proposals, reports, attendance)


def profile_of(rules: AssessmentRules, member: ConferenceMember) -> dict[str, Any]:
    """The member's schema attributes (the sector group as its code in the schema's code set)."""
    codes = {label: code for code, label in rules.schema.codesets["SECTOR_GROUPS"].labels.items()}
    return {
        "name": member.name,
        "sector_group": codes.get(member.sector_group),
        "committee": member.committee,
        "term": member.term,
        "is_standing": None,
    }


def assessment_of(session: Session, rules: AssessmentRules, member: ConferenceMember, year: int) -> Assessment:
    record = record_of(session, member, year)
    return assess(
        rules, member_record(rules, str(member.id), record.counts, record.verified, profile_of(rules, member))
    )


def member_for(session: Session, account: Account, member_pk: int | None = None) -> ConferenceMember:
    """Whose record ``account`` may open: a member only their own; the office and leaders anyone's."""
    if account.role == roles.MEMBER:
        own = roles.member_of(session, account)
        if own is None or (member_pk is not None and member_pk != own.id):
            raise Forbidden("委员只能查看本人的履职档案")
        return own
    if account.role in CONFIRMERS:
        member = session.get(ConferenceMember, member_pk) if member_pk is not None else None
        if member is None:
            raise LookupError("委员不存在")
        return member
    raise Forbidden("履职档案仅限委员本人、政协机关和领导查看")


# -- reminders (the policy's reminder line) ------------------------------------------------------


def remind_members(session: Session, rules: AssessmentRules, year: int, today: dt.date) -> list[int]:
    """Every member who logs in and whose score this year is below the reminder line (``cppcc-remind``, an
    engine result) gets one notice a month through the platform's notifier; returns their member ids."""

    reminded = []
    for member in session.scalars(
        select(ConferenceMember).where(ConferenceMember.account_pk.is_not(None)).order_by(ConferenceMember.id)
    ):
        account_pk = member.account_pk
        if account_pk is None:  # left out by the query already; a member without an account has no inbox
            continue
        result = assessment_of(session, rules, member, year)
        if not result.reminder:
            continue
        line = rules.parameter("line_reminder")
        sent = notify(
            session,
            recipient=account_pk,
            kind="conference.assessment_reminder",
            subject="履职提醒：本年度履职得分偏低",
            body=f"截至{today:%Y年%m月%d日}，您{year}年度的履职得分为{format_number(result.score)}分，"
            f"低于提醒线{format_number(line)}分。请关注会议出席、提案和社情民意信息等履职事项。",
            link=f"/conference/members/{member.id}/assessment?year={year}",
            dedupe_key=f"assessment-remind:{member.id}:{year}-{today.month:02d}",
        )
        if sent is None:  # already reminded this month
            continue
        audit.record(
            session, "system:conference", "duty.reminder", f"member:{member.id}", {"year": year, "score": result.score}
        )
        reminded.append(member.id)
    return reminded


@jobs.handler("conference.assessment_remind")
def remind_job(context: jobs.JobContext) -> dict[str, object]:
    """The monthly reminder run (from July, when half the year is known); it queues next month's itself."""

    day = city_today(context.clock)
    with context.transaction() as session:
        reminded = (
            remind_members(
                session, load_rules(dt.date(day.year, 12, 31), forms=activity_forms.rules_of(session)), day.year, day
            )
            if day.month >= 7
            else []
        )
        schedule_member_reminders(session, next_month(day), clock=context.clock)
    return {"reminded": len(reminded)}


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def schedule_member_reminders(session: Session, day: dt.date, *, clock: Clock | None = None) -> None:
    """Queue the reminder run of ``day`` at 10:00 city time (one job per day by its key)."""
    jobs.enqueue_daily(session, "conference.assessment_remind", day, dt.time(10), clock=clock)
