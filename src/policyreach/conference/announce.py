"""Every conference workflow step announced through the platform's one notifier (inbox, e-mail/SMS per preferences).

The conference writes each step of a proposal, a public-opinion report and an activity to the audit chain in the
step's own transaction. Once per scheduler round (the plug-in's ``each_round`` hook, in the worker's tick) this
module reads the entries written since its watermark and turns each step someone must know of into messages: the
member, each handling unit's staff, the proposal committee, the information office, the invited members. Every
message is keyed on its audit entry and recipient, so two workers or a replayed round write it once; a step that
rolled back was never audited and is never told. The same design as ``push/steps.py`` for a firm's applications.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from policyreach.clock import Clock
from policyreach.conference import roles
from policyreach.conference.kinds import KINDS
from policyreach.conference.models import ConferenceMember, HandlingUnit, Proposal
from policyreach.conference.records_models import Activity, OpinionReport, Participant
from policyreach.push.notify import Message
from policyreach.push.steps import audited_round
from policyreach.store.models import Account, AuditEntry

WATERMARK = "conference.announced_to"  # the last audit entry id the conference's announcer has read
SUBJECTS = ("proposal:", "report:", "activity:")
ROLE_IN_HANDLING = {"lead": "主办", "co": "会办", "separate": "分办"}
RATINGS = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
CLASSES = {"A": "A 类（已解决或采纳）", "B": "B 类（正在解决或列入计划）", "C": "C 类（因条件限制留作参考）"}
DISPOSALS = {"report": "转为社情民意信息", "reference": "转有关单位参考"}
FORWARD_ZH = {"province": "省政协", "national": "全国政协"}
LEVEL_ZH = {"city": "市级", "province": "省级", "national": "全国"}


def day_text(value: object) -> str:
    """A date as people write it (2026年6月1日), from a date or the ISO text the audit log keeps."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "—"


@dataclass
class _People:
    """Who is who, read once per round: members' accounts, each unit's staff, the committee, the office."""

    session: Session
    units: dict[str, list[int]] = field(default_factory=dict)
    unit_names: dict[int, str] = field(default_factory=dict)
    by_role: dict[str, list[int]] = field(default_factory=dict)

    def member(self, member_pk: int | None) -> list[str]:
        if member_pk is None:
            return []
        member = self.session.get(ConferenceMember, member_pk)
        return [f"a:{member.account_pk}"] if member is not None and member.account_pk is not None else []

    def unit_name(self, unit: int | str) -> str:
        if isinstance(unit, str):
            return unit
        if unit not in self.unit_names:
            found = self.session.get(HandlingUnit, unit)
            self.unit_names[unit] = found.name if found is not None else ""
        return self.unit_names[unit]

    def staff(self, unit: int | str) -> list[str]:
        name = self.unit_name(unit)
        if name not in self.units:
            self.units[name] = list(
                self.session.scalars(
                    select(Account.id)
                    .where(Account.role == roles.UNIT, Account.department == name)
                    .order_by(Account.id)
                )
            )
        return [f"a:{pk}" for pk in self.units[name]]

    def role(self, role: str) -> list[str]:
        if role not in self.by_role:
            self.by_role[role] = list(
                self.session.scalars(select(Account.id).where(Account.role == role).order_by(Account.id))
            )
        return [f"a:{pk}" for pk in self.by_role[role]]


@dataclass(frozen=True)
class Note:
    """One message of a step: to whom, what it says, where it leads."""

    recipients: list[str]
    subject: str
    body: str
    link: str


def _reason(data: dict[str, Any], fallback: str = "未说明") -> str:
    return str(data.get("reason") or data.get("comment") or "").strip() or fallback


def _proposal_notes(entry: AuditEntry, p: Proposal, people: _People) -> list[Note]:
    data: dict[str, Any] = entry.data or {}
    link = f"/conference/proposals/{p.id}"
    name = f"《{p.title}》"
    numbered = f"提案 {p.number}" if p.number else "提案"
    proposer = people.member(p.proposer_pk)
    cosigners = [r for c in p.cosigners for r in people.member(c.member_pk)]
    answering = [a for a in p.assignments if a.state != "withdrawn"]
    match entry.action:
        case "proposal.cosigning":
            return [Note(cosigners, f"请确认联名：{name}", "提案人邀请您联名提出这件提案，请阅读后确认或谢绝。", link)]
        case "proposal.submitted":
            return [
                Note(
                    people.role(roles.COMMITTEE),
                    f"新提案待审查：{name}",
                    "委员已提交提案，请审查：立案、不立案、并案或退回修改。",
                    link,
                )
            ]
        case "proposal.draft" if data.get("declined_by"):
            return [
                Note(
                    proposer,
                    f"联名未获确认：{name}",
                    f"{data['declined_by']} 谢绝联名，提案已退回草稿，可修改联名委员后重新提交。",
                    link,
                )
            ]
        case "proposal.draft" if data.get("reason"):
            return [
                Note(
                    proposer,
                    f"提案退回修改：{name}",
                    f"提案委员会退回修改，理由：{_reason(data)}。修改后可重新提交。",
                    link,
                )
            ]
        case "proposal.filed":
            return [
                Note(
                    proposer + cosigners,
                    f"提案已立案：{name}",
                    f"您的提案已立案，编号 {data.get('number') or p.number}。"
                    "提案委员会将交办承办单位，交办后另行通知。",
                    link,
                )
            ]
        case "proposal.not_filed":
            disposal = DISPOSALS.get(str(data.get("disposal")), "另行处理")
            unit = f"（{data['unit']}）" if data.get("unit") else ""
            return [
                Note(
                    proposer + cosigners,
                    f"提案不予立案：{name}",
                    f"理由：{_reason(data)}。处理方式：{disposal}{unit}。",
                    link,
                )
            ]
        case "proposal.merged":
            into = people.session.get(Proposal, p.merged_into_pk) if p.merged_into_pk else None
            target = f"提案 {into.number}《{into.title}》" if into is not None and into.number else "另一件提案"
            return [
                Note(
                    proposer + cosigners,
                    f"提案已并案：{name}",
                    f"您的提案与{target}内容相近，并案办理；办理结果随该提案一并答复。",
                    link,
                )
            ]
        case "proposal.assigned" if data.get("from") == "filed":
            units = [(str(u), str(r)) for u, r in data.get("units") or []]
            listed = "；".join(f"{ROLE_IN_HANDLING.get(r, r)}：{u}" for u, r in units)
            deadline = day_text(data.get("deadline") or p.deadline)
            notes = [
                Note(
                    proposer + cosigners,
                    f"{numbered} 已交办：{name}",
                    f"已交承办单位办理（{listed}），答复期限 {deadline}。",
                    link,
                )
            ]
            for unit, role in units:
                mine = next((a for a in answering if people.unit_name(a.unit_pk) == unit), None)
                duty = (
                    "请在期限前向主办单位提出会办意见。"
                    if role == "co"
                    else "请先与提案人沟通联系，再在期限前书面答复。"
                )
                notes.append(
                    Note(
                        people.staff(unit),
                        f"新交办提案（{ROLE_IN_HANDLING.get(role, role)}）：{numbered}",
                        f"{name}交由贵单位{ROLE_IN_HANDLING.get(role, role)}，答复期限 {deadline}。{duty}",
                        f"{link}#a{mine.id}" if mine is not None else link,
                    )
                )
            return notes
        case "proposal.assigned":  # 不满意: another round for every unit still on it
            deadline = day_text(p.deadline)
            return [
                Note(
                    people.staff(a.unit_pk),
                    f"提案人不满意，请再次办理：{numbered}",
                    f"提案人对{name}的办理结果不满意：{_reason(data)}。请重新沟通办理，答复期限 {deadline}。",
                    f"{link}#a{a.id}",
                )
                for a in answering
            ]
        case "proposal.answered":
            return [
                Note(
                    proposer,
                    f"请评价办理结果：{name}",
                    "承办单位已全部答复。请阅读答复后评价：满意、基本满意或不满意（不满意将再次办理）。",
                    link,
                )
            ]
        case "proposal.closed":
            rating = RATINGS.get(str(data.get("rating")), "已评价")
            return [
                Note(
                    [r for a in answering if a.role != "co" for r in people.staff(a.unit_pk)],
                    f"提案人评价：{rating}（{numbered}）",
                    f"提案人对{name}的办理结果评价为“{rating}”，提案已办结。",
                    link,
                )
            ]
        case "proposal.extend":
            deadline = day_text(data.get("deadline") or p.deadline)
            return [
                Note(
                    proposer + [r for a in answering for r in people.staff(a.unit_pk)],
                    f"办理期限延长：{numbered}",
                    f"{name}的答复期限延长至 {deadline}。理由：{_reason(data)}。",
                    link,
                )
            ]
        case "assignment.adjusting":
            unit = people.unit_name(data.get("unit") or 0)
            return [
                Note(
                    people.role(roles.COMMITTEE),
                    f"承办单位申请调整：{numbered}",
                    f"{unit}申请调整{name}的交办，理由：{_reason(data)}。请决定同意调整或维持交办。",
                    link,
                )
            ]
        case "assignment.withdrawn" | "assignment.assigned" if data.get("from") == "adjusting":
            granted = entry.action == "assignment.withdrawn"
            return [
                Note(
                    people.staff(data.get("unit") or 0),
                    f"调整申请{'已同意' if granted else '未同意'}：{numbered}",
                    f"提案委员会决定：{data.get('decision') or ('同意调整' if granted else '维持原交办')}。"
                    + ("本单位不再承办该提案。" if granted else "请继续办理。"),
                    link,
                )
            ]
        case "assignment.assigned" if data.get("replaces"):
            return [
                Note(
                    people.staff(str(data.get("unit") or "")),
                    f"新交办提案：{numbered}",
                    f"{name}调整后交由贵单位办理，答复期限 {day_text(p.deadline)}。",
                    link,
                )
            ]
        case "assignment.opinion_sent":
            unit = people.unit_name(data.get("unit") or 0)
            return [
                Note(
                    [r for a in answering if a.role == "lead" for r in people.staff(a.unit_pk)],
                    f"收到会办意见：{numbered}",
                    f"会办单位{unit}已提出会办意见，请在答复中统筹考虑。",
                    link,
                )
            ]
        case "assignment.answered":
            unit = people.unit_name(data.get("unit") or 0)
            klass = CLASSES.get(str(data.get("class")), "")
            return [
                Note(
                    proposer,
                    f"承办单位已答复：{name}",
                    f"{unit}已书面答复，答复类别 {klass}。全部承办单位答复后请您评价。",
                    link,
                )
            ]
        case "assignment.chase":
            unit = str(data.get("unit") or "")
            return [
                Note(
                    proposer,
                    f"已催办：{numbered}",
                    f"{name}已超过答复期限 {data.get('days_late', '')} 天，已向{unit}催办。",
                    link,
                )
            ]
        case _:
            return []


def _report_notes(entry: AuditEntry, r: OpinionReport, people: _People) -> list[Note]:
    data: dict[str, Any] = entry.data or {}
    link = f"/conference/reports/{r.id}"
    name = f"《{r.title}》"
    author = people.member(r.author_pk)
    match entry.action:
        case "report.submitted" | "report.from_proposal":
            return [
                Note(
                    people.role(roles.INFO_OFFICE),
                    f"收到社情民意信息：{name}",
                    "委员报送了社情民意信息，请接收编辑、退回修改或存档。",
                    link,
                )
            ]
        case "report.editing":
            return [Note(author, f"信息已接收：{name}", "信息办已接收您报送的信息，正在编辑。", link)]
        case "report.returned":
            return [Note(author, f"信息退回修改：{name}", f"理由：{_reason(data)}。修改后可重新报送。", link)]
        case "report.adopted":
            return [Note(author, f"信息已采用：{name}", "您报送的信息已被采用，编入《社情民意》刊发。", link)]
        case "report.forwarded":
            to = FORWARD_ZH.get(str(data.get("to")), "上级政协")
            return [Note(author, f"信息已上报：{name}", f"您报送的信息已上报{to}。", link)]
        case "report.archived":
            return [Note(author, f"信息已存档：{name}", f"信息办决定存档，不予采用。{_reason(data, '')}", link)]
        case "report.instruction":
            level = LEVEL_ZH.get(str(data.get("level")), "")
            return [
                Note(
                    author,
                    f"信息获领导批示：{name}",
                    f"您报送的信息获{level}领导批示（{data.get('leader', '')}）。",
                    link,
                )
            ]
        case "report.higher_adopted":
            to = FORWARD_ZH.get(str(data.get("to")), "上级政协")
            return [Note(author, f"信息被{to}采用：{name}", f"您报送的信息已被{to}采用。", link)]
        case _:
            return []


def _activity_notes(entry: AuditEntry, a: Activity, people: _People) -> list[Note]:
    data: dict[str, Any] = entry.data or {}
    link = f"/conference/activities?year={a.year}#a{a.id}"
    invited = [
        r
        for pk in people.session.scalars(
            select(Participant.member_pk).where(
                Participant.activity_pk == a.id, or_(Participant.invited, Participant.signed_up_at.is_not(None))
            )
        )
        for r in people.member(pk)
    ]
    place = f"，地点：{a.place}" if a.place else ""
    match entry.action:
        case "activity.noticed":
            return [
                Note(
                    invited,
                    f"活动通知：{a.title}",
                    f"{a.notice or '请按时参加。'}时间：{day_text(a.held_on)}{place}。不能参加的请提前请假。",
                    link,
                )
            ]
        case "activity.changed":
            return [
                Note(
                    invited,
                    f"活动调整：{a.title}",
                    f"活动调整为 {day_text(data.get('held_on'))}"
                    f"{'，地点：' + str(data['place']) if data.get('place') else ''}。原因：{_reason(data)}。",
                    link,
                )
            ]
        case "activity.cancelled":
            return [
                Note(
                    invited,
                    f"活动取消：{a.title}",
                    f"原定 {day_text(a.held_on)} 的活动取消。原因：{_reason(data)}。",
                    link,
                )
            ]
        case _:
            return []


def describe(session: Session, entries: Iterable[AuditEntry]) -> list[Message]:
    """The messages the given audit entries make (none for a step nobody needs to be told of)."""
    people = _People(session)
    messages: list[Message] = []
    for entry in entries:
        kind, _, raw = entry.subject.partition(":")
        if not raw.isdigit():
            continue
        notes: list[Note] = []
        if kind == "proposal" and (proposal := session.get(Proposal, int(raw))) is not None:
            notes = _proposal_notes(entry, proposal, people)
        elif kind == "report" and (report := session.get(OpinionReport, int(raw))) is not None:
            notes = _report_notes(entry, report, people)
        elif kind == "activity" and (activity := session.get(Activity, int(raw))) is not None:
            notes = _activity_notes(entry, activity, people)
        for note in notes:
            for recipient in dict.fromkeys(note.recipients):  # once each, in order
                messages.append(
                    Message(
                        recipient=recipient,
                        kind=entry.action[:32],
                        subject=note.subject,
                        body=note.body,
                        link=note.link,
                        dedupe_key=f"conf:{entry.id}:{recipient}",
                    )
                )
    return messages


def announce(session: Session, clock: Clock | None = None) -> int:
    """Announce the conference steps audited since the last round (push.steps.audited_round: the watermark, the
    first round at the chain's end, each message once); the number of messages written."""
    return audited_round(session, watermark=WATERMARK, subjects=SUBJECTS, messages_of=describe, clock=clock)


__all__ = ["KINDS", "announce", "day_text", "describe"]
