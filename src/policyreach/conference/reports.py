"""Public-opinion reports (社情民意信息): one state machine, every move audited in the same transaction.

    draft ──submit──▶ submitted ──accept──▶ editing ──adopt──▶ adopted ──forward──▶ forwarded
      ▲                 │  │                  │  │                                   ▲
      └──── returned ◀──┘  └──archive──▶ archived ◀──┘  └──────────forward──────────────┘

Members (and groups, through a member) write and submit; the information office (信息办) accepts, edits and
rates, returns for revision, adopts into a bulletin issue (期), forwards to the provincial or national
conference, or archives. Leaders' instructions (批示) and adoption by a higher level are facts recorded on
an adopted or forwarded report, each audited too.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.models import Proposal
from policyreach.conference.records_models import BulletinIssue, OpinionReport, ReportInstruction
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit
from policyreach.store.models import Account


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    EDITING = "editing"
    ADOPTED = "adopted"
    FORWARDED = "forwarded"
    ARCHIVED = "archived"


STATE_ZH = {
    ReportState.DRAFT: "草稿",
    ReportState.SUBMITTED: "已报送",
    ReportState.RETURNED: "退回修改",
    ReportState.EDITING: "编辑中",
    ReportState.ADOPTED: "已采用编发",
    ReportState.FORWARDED: "已上报",
    ReportState.ARCHIVED: "已存档",
}
AUTHOR = "author"  # the member who wrote the report (a role that depends on the object)
OFFICE = (roles.INFO_OFFICE,)
# (from, to) → who may make the move; nothing else is allowed
TRANSITIONS: dict[tuple[ReportState, ReportState], tuple[str, ...]] = {
    (ReportState.DRAFT, ReportState.SUBMITTED): (AUTHOR,),
    (ReportState.RETURNED, ReportState.SUBMITTED): (AUTHOR,),
    (ReportState.SUBMITTED, ReportState.EDITING): OFFICE,
    (ReportState.SUBMITTED, ReportState.RETURNED): OFFICE,
    (ReportState.SUBMITTED, ReportState.ARCHIVED): OFFICE,
    (ReportState.EDITING, ReportState.ADOPTED): OFFICE,
    (ReportState.EDITING, ReportState.FORWARDED): OFFICE,
    (ReportState.EDITING, ReportState.RETURNED): OFFICE,
    (ReportState.EDITING, ReportState.ARCHIVED): OFFICE,
    (ReportState.ADOPTED, ReportState.FORWARDED): OFFICE,
}
LEVEL_ZH = {"city": "市级", "province": "省级", "national": "全国"}
FORWARD_ZH = {"province": "省政协", "national": "全国政协"}
RATINGS = ("A", "B", "C")


def allowed(current: str, wanted: str) -> tuple[str, ...] | None:
    return TRANSITIONS.get((ReportState(current), ReportState(wanted)))


def _is_author(session: Session, account: Account, report: OpinionReport) -> bool:
    member = roles.member_of(session, account)
    return member is not None and report.author_pk == member.id


def move(
    session: Session,
    report: OpinionReport,
    to: ReportState,
    account: Account,
    *,
    reason: str | None = None,
    data: dict | None = None,
    today: dt.date | None = None,
) -> None:
    """One transition, checked against the table (state and role) and written to the audit log."""
    who = allowed(report.state, to)
    if who is None:
        raise IllegalTransition(f"信息当前状态为“{STATE_ZH[ReportState(report.state)]}”，不能变为“{STATE_ZH[to]}”")
    permitted = (AUTHOR in who and _is_author(session, account, report)) or account.role in who
    if not permitted:
        raise Forbidden(f"无权将信息变为“{STATE_ZH[to]}”")
    before = report.state
    report.state = to
    when = today or dt.date.today()
    if to == ReportState.SUBMITTED:
        report.submitted_on = when
    if to in (ReportState.ADOPTED, ReportState.FORWARDED, ReportState.ARCHIVED, ReportState.RETURNED):
        report.decided_on = when
    if reason:
        report.reason = reason
    audit.record(
        session,
        account.username,
        f"report.{to.value}",
        f"report:{report.id}",
        {"from": before, "to": to.value, "reason": reason, **(data or {})},
    )


# -- the author's side ---------------------------------------------------------------------------


def create(
    session: Session,
    account: Account,
    *,
    title: str,
    situation: str,
    analysis: str,
    suggestion: str,
    category: str = "其他",
    group: str | None = None,
    year: int | None = None,
) -> OpinionReport:
    """A member's draft (alone, or on behalf of a party group, sector group or committee)."""
    roles.require(account, (roles.MEMBER,), "撰写社情民意信息")
    member = roles.member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联委员")
    if not title.strip() or not (situation.strip() and suggestion.strip()):
        raise ValueError("标题、基本情况和意见建议不能为空")
    report = OpinionReport(
        year=year or dt.date.today().year,
        title=title.strip(),
        situation=situation.strip(),
        analysis=analysis.strip(),
        suggestion=suggestion.strip(),
        category=category,
        author_pk=member.id,
        author_group=group or None,
        state=ReportState.DRAFT,
    )
    session.add(report)
    session.flush()
    audit.record(session, account.username, "report.draft", f"report:{report.id}", {"title": report.title})
    return report


def revise(session: Session, account: Account, report: OpinionReport, **fields: str) -> None:
    """The author edits a draft or a returned report; nothing else is editable by the author."""
    if not _is_author(session, account, report):
        raise Forbidden("只能修改本人撰写的信息")
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        raise IllegalTransition(f"信息已{STATE_ZH[ReportState(report.state)]}，不能再修改")
    for name in ("title", "situation", "analysis", "suggestion", "category"):
        if name in fields and fields[name] is not None:
            setattr(report, name, fields[name].strip())
    audit.record(session, account.username, "report.revised", f"report:{report.id}", {"fields": sorted(fields)})


def submit(session: Session, account: Account, report: OpinionReport, today: dt.date | None = None) -> None:
    move(session, report, ReportState.SUBMITTED, account, today=today)


# -- the information office's side ---------------------------------------------------------------


def accept(session: Session, account: Account, report: OpinionReport) -> None:
    move(session, report, ReportState.EDITING, account)


def edit(
    session: Session, account: Account, report: OpinionReport, *, text: str | None = None, rating: str | None = None
) -> None:
    """The office's edited version and its rating (A/B/C), while the report is being edited."""
    roles.require(account, OFFICE, "编辑社情民意信息")
    if report.state != ReportState.EDITING:
        raise IllegalTransition("只有编辑中的信息可以编辑、评级")
    if rating is not None and rating not in RATINGS:
        raise ValueError("评级应为 A、B 或 C")
    if text is not None:
        report.edited_text = text
    if rating is not None:
        report.rating = rating
    audit.record(session, account.username, "report.edited", f"report:{report.id}", {"rating": rating})


def return_for_revision(session: Session, account: Account, report: OpinionReport, reason: str) -> None:
    if not reason.strip():
        raise ValueError("退回须说明理由")
    move(session, report, ReportState.RETURNED, account, reason=reason)


def archive(session: Session, account: Account, report: OpinionReport, reason: str = "") -> None:
    move(session, report, ReportState.ARCHIVED, account, reason=reason or None)


def bulletin_issue(session: Session, year: int, published_on: dt.date, title: str = "") -> BulletinIssue:
    """The next issue (期) of the year's bulletin."""
    last = session.scalar(select(func.max(BulletinIssue.number)).where(BulletinIssue.year == year)) or 0
    issue = BulletinIssue(
        year=year, number=last + 1, title=title or f"社情民意 {year}年第{last + 1}期", published_on=published_on
    )
    session.add(issue)
    session.flush()
    return issue


def adopt(
    session: Session, account: Account, report: OpinionReport, issue: BulletinIssue, today: dt.date | None = None
) -> None:
    """Adopted into a bulletin issue sent to the party committee and the government."""
    move(session, report, ReportState.ADOPTED, account, data={"bulletin": f"{issue.year}-{issue.number}"}, today=today)
    report.bulletin_pk = issue.id


def forward(session: Session, account: Account, report: OpinionReport, to: str, today: dt.date | None = None) -> None:
    if to not in FORWARD_ZH:
        raise ValueError("只能上报省政协或全国政协")
    move(session, report, ReportState.FORWARDED, account, data={"to": to}, today=today)
    report.forwarded_to = to


def record_instruction(
    session: Session, account: Account, report: OpinionReport, *, leader: str, level: str, text: str, on: dt.date
) -> ReportInstruction:
    """A leader's written instruction (批示), recorded by the office on an adopted or forwarded report."""
    roles.require(account, OFFICE, "登记领导批示")
    if report.state not in (ReportState.ADOPTED, ReportState.FORWARDED):
        raise IllegalTransition("只有已采用或已上报的信息可以登记批示")
    if level not in LEVEL_ZH:
        raise ValueError("批示级别应为 市级、省级 或 全国")
    instruction = ReportInstruction(report_pk=report.id, leader=leader, level=level, text=text, on=on)
    session.add(instruction)
    session.flush()
    audit.record(
        session, account.username, "report.instruction", f"report:{report.id}", {"leader": leader, "level": level}
    )
    return instruction


def record_higher_adoption(session: Session, account: Account, report: OpinionReport) -> None:
    """The provincial or national conference adopted a forwarded report."""
    roles.require(account, OFFICE, "登记上级采用")
    if report.state != ReportState.FORWARDED:
        raise IllegalTransition("只有已上报的信息可以登记上级采用")
    report.higher_adopted = True
    audit.record(session, account.username, "report.higher_adopted", f"report:{report.id}", {"to": report.forwarded_to})


# -- 不立案 → 社情民意 -----------------------------------------------------------------------------


def from_proposal(
    session: Session, account: Account, proposal: Proposal, today: dt.date | None = None
) -> OpinionReport:
    """A proposal the committee did not file with the disposal "report" enters the office's queue as a
    submitted report of its proposer (once: a second call returns the same report)."""
    roles.require(account, OFFICE, "将不立案提案转为社情民意信息")
    if proposal.state != "not_filed" or proposal.disposal != "report":
        raise IllegalTransition("只有不立案并决定转为社情民意信息的提案可以转入")
    existing = session.scalar(select(OpinionReport).where(OpinionReport.proposal_pk == proposal.id))
    if existing is not None:
        return existing
    report = OpinionReport(
        year=proposal.year,
        title=proposal.title,
        situation=proposal.case_text or proposal.title,
        analysis=proposal.analysis,
        suggestion=proposal.suggestions or "见提案原文",
        category=proposal.category,
        author_pk=proposal.proposer_pk,
        author_group=proposal.proposer_group,
        state=ReportState.SUBMITTED,
        submitted_on=today or dt.date.today(),
        proposal_pk=proposal.id,
        sample=proposal.sample,
    )
    session.add(report)
    session.flush()
    audit.record(
        session,
        account.username,
        "report.from_proposal",
        f"report:{report.id}",
        {"proposal": proposal.id, "number": proposal.number},
    )
    return report


def proposals_to_take(session: Session, account: Account, limit: int = 50) -> list[Proposal]:
    """Not-filed proposals turned into reports by the committee that the office has not taken in yet."""
    roles.require(account, OFFICE, "查看转来的提案")
    taken = select(OpinionReport.proposal_pk).where(OpinionReport.proposal_pk.is_not(None))
    return list(
        session.scalars(
            select(Proposal)
            .where(Proposal.state == "not_filed", Proposal.disposal == "report", Proposal.id.not_in(taken))
            .order_by(Proposal.id)
            .limit(limit)
        )
    )


# -- who sees what -------------------------------------------------------------------------------


def visible(session: Session, account: Account, *, year: int | None = None) -> list[OpinionReport]:
    """A member sees their own reports; the information office and leaders see all; others none."""
    query = select(OpinionReport).order_by(OpinionReport.id.desc())
    if year is not None:
        query = query.where(OpinionReport.year == year)
    if account.role in (roles.INFO_OFFICE, roles.LEADER, roles.ADMIN):
        return list(session.scalars(query))
    if account.role == roles.MEMBER:
        member = roles.member_of(session, account)
        if member is None:
            return []
        return list(session.scalars(query.where(OpinionReport.author_pk == member.id)))
    raise Forbidden("社情民意信息仅限委员本人、信息办和政协领导查看")


def get(session: Session, account: Account, report_id: int) -> OpinionReport:
    report = session.get(OpinionReport, report_id)
    if report is None:
        raise LookupError("信息不存在")
    if account.role in (roles.INFO_OFFICE, roles.LEADER, roles.ADMIN) or _is_author(session, account, report):
        return report
    raise Forbidden("只能查看本人撰写的信息")
