"""The proposal lifecycle (提案): drafting, joint signing, review, assignment, handling, evaluation, 催办.

Every move checks the role table of ``conference.states``, then ownership (the proposer, a co-signer, the unit
of an assignment), and writes the hash-chained audit log in the caller's transaction. Dates come from the
caller (``today``), so the clock is injectable and tests move time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Select, exists, false, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from policyreach import settings
from policyreach.conference.announce import day_text
from policyreach.conference.models import (
    Assignment,
    Attachment,
    ConferenceMember,
    Cosigner,
    Evaluation,
    HandlingUnit,
    Proposal,
    Supervision,
)
from policyreach.conference.roles import (
    ADMIN,
    COMMITTEE,
    INFO_OFFICE,
    LEADER,
    MEMBER,
    UNIT,
    Forbidden,
    member_of,
    require,
    sees_everything,
    unit_of,
)
from policyreach.conference.states import AState, PState, check_assignment, check_proposal
from policyreach.conference.workdays import add_months, add_workdays
from policyreach.push import jobs
from policyreach.push.clock import Clock, today
from policyreach.push.notify import notify
from policyreach.redemption import audit, materials
from policyreach.redemption.claims import ClaimRefused
from policyreach.store.models import Account

CATEGORIES = ("经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设", "其他")
RATINGS = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
CLASSES = {"A": "A类（已解决或采纳）", "B": "B类（正在解决或列入计划）", "C": "C类（因条件限制留作参考）"}
ROLE_IN_HANDLING = {"lead": "主办", "co": "会办", "separate": "分办"}
DISPOSALS = {"report": "转为社情民意信息", "reference": "转有关单位参考"}
LINK_KINDS = {"benefit": "兑现事项", "policy": "政策", "reform": "改革方案"}
FILED_STATES = (PState.FILED, PState.ASSIGNED, PState.ANSWERED, PState.CLOSED)
ANSWERING = ("lead", "separate")  # the roles whose answer the proposer evaluates


def adjust_workdays() -> int:
    return settings.conference_adjust_workdays()


def answer_months() -> int:
    return settings.conference_answer_months()


MAX_MONTHS = 6


class Refused(ValueError):
    """A move the state machine allows but the facts do not (missing reason, past the window, …); Chinese."""


def _actor(account: Account) -> str:
    return f"{account.role}:{account.username}"


def _move(session: Session, account: Account, proposal: Proposal, to: PState, data: dict | None = None) -> None:
    check_proposal(proposal.state, to, account.role)
    before = proposal.state
    proposal.state = to
    audit.record(
        session,
        _actor(account),
        f"proposal.{to.value}",
        f"proposal:{proposal.id}",
        {"from": before, "to": to.value, "round": proposal.round, **(data or {})},
    )


def _move_assignment(
    session: Session, account: Account, assignment: Assignment, to: AState, data: dict | None = None
) -> None:
    check_assignment(assignment.state, to, account.role)
    before = assignment.state
    assignment.state = to
    audit.record(
        session,
        _actor(account),
        f"assignment.{to.value}",
        f"proposal:{assignment.proposal_pk}",
        {"assignment": assignment.id, "unit": assignment.unit_pk, "from": before, "to": to.value, **(data or {})},
    )


# -- who sees what -------------------------------------------------------------------------------------------


def visible_query(session: Session, account: Account) -> Select[Proposal]:
    """Proposals the account may read: the one filter every list and every page by id goes through."""
    query = select(Proposal)
    if sees_everything(account):
        return query.where(Proposal.state != PState.DRAFT)
    if account.role == COMMITTEE:
        return query.where(Proposal.state.not_in([PState.DRAFT, PState.COSIGNING]))
    if account.role == UNIT:
        unit = unit_of(session, account)
        if unit is None:
            return query.where(false())
        # a unit reads only what is assigned to it now (a withdrawn assignment is no longer its business)
        mine = select(Assignment.proposal_pk).where(Assignment.unit_pk == unit.id, Assignment.state != AState.WITHDRAWN)
        return query.where(Proposal.id.in_(mine))
    if account.role == MEMBER:
        member = member_of(session, account)
        if member is None:
            return query.where(false())
        cosigned = select(Cosigner.proposal_pk).where(Cosigner.member_pk == member.id)
        return query.where(
            or_(Proposal.proposer_pk == member.id, Proposal.id.in_(cosigned), Proposal.state.in_(FILED_STATES))
        )
    if account.role == INFO_OFFICE:
        return query.where(or_(Proposal.state.in_(FILED_STATES), Proposal.state == PState.NOT_FILED))
    return query.where(false())


def get_visible(session: Session, account: Account, proposal_id: int) -> Proposal:
    """The proposal if the account may read it; otherwise ``Forbidden`` (same answer whether it exists or not)."""
    found = session.scalar(visible_query(session, account).where(Proposal.id == proposal_id))
    if found is None:
        raise Forbidden("没有找到该提案，或您无权查看")
    return found


def assignment_of_unit(session: Session, account: Account, assignment_id: int) -> Assignment:
    """An assignment the unit account holds; any other unit's assignment is refused."""
    unit = unit_of(session, account)
    found = session.get(Assignment, assignment_id)
    if unit is None or found is None or found.unit_pk != unit.id:
        raise Forbidden("没有找到该承办任务，或它不属于本单位")
    return found


def _proposer(session: Session, account: Account, proposal: Proposal) -> ConferenceMember:
    member = member_of(session, account)
    if member is None or proposal.proposer_pk != member.id:
        raise Forbidden("只有提案人本人可以进行此操作")
    return member


# -- drafting and joint signing ------------------------------------------------------------------------------


def draft(
    session: Session,
    account: Account,
    *,
    title: str,
    category: str,
    case_text: str,
    analysis: str,
    suggestions: str,
    year: int,
    suggested_units: Sequence[str] = (),
    cosigner_pks: Iterable[int] = (),
    during: str = "plenary",
    public_consent: bool = False,
    sample: bool = False,
    group: str = "",
) -> Proposal:
    """A member's new draft; co-signers are named now and asked to confirm on submission.

    With ``group`` the member submits in the name of a party group, people's organisation, sector group or
    special committee (党派团体、界别、专委会提案); the member stays the contact who answers for it.
    """
    require(account, [MEMBER], "起草提案")
    member = member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联政协委员")
    if not title.strip():
        raise Refused("请填写提案标题")
    if category not in CATEGORIES:
        raise Refused(f"提案类别应为：{'、'.join(CATEGORIES)}")
    cosigners = sorted({pk for pk in cosigner_pks if pk != member.id})
    proposal = Proposal(
        year=year,
        title=title.strip(),
        category=category,
        case_text=case_text,
        analysis=analysis,
        suggestions=suggestions,
        suggested_units=list(suggested_units),
        proposer_pk=member.id,
        origin="group" if group.strip() else ("joint" if cosigners else "member"),
        proposer_group=group.strip() or None,
        during=during,
        state=PState.DRAFT,
        public_consent=public_consent,
        sample=sample,
    )
    session.add(proposal)
    session.flush()
    for pk in cosigners:
        if session.get(ConferenceMember, pk) is None:
            raise Refused("联名委员不存在")
        session.add(Cosigner(proposal_pk=proposal.id, member_pk=pk))
    audit.record(
        session,
        _actor(account),
        "proposal.draft",
        f"proposal:{proposal.id}",
        {"title": proposal.title, "cosigners": cosigners},
    )
    session.flush()
    return proposal


def edit_draft(session: Session, account: Account, proposal: Proposal, **fields: object) -> None:
    """The proposer edits the text of a draft; nothing else may change a proposal's text."""
    require(account, [MEMBER], "修改提案")
    _proposer(session, account, proposal)
    if proposal.state != PState.DRAFT:
        raise Refused("只有草稿可以修改")
    allowed = {"title", "category", "case_text", "analysis", "suggestions", "suggested_units", "public_consent"}
    for key, value in fields.items():
        if key not in allowed:
            raise Refused(f"不能修改 {key}")
        if key == "title" and not str(value).strip():
            raise Refused("请填写提案标题")
        setattr(proposal, key, value)
    audit.record(session, _actor(account), "proposal.edit", f"proposal:{proposal.id}", {"fields": sorted(fields)})


def submit(session: Session, account: Account, proposal: Proposal, today: dt.date) -> None:
    """Alone: straight to the committee. Jointly: to the co-signers first (each must confirm)."""
    _proposer(session, account, proposal)
    if proposal.cosigners:
        check_proposal(proposal.state, PState.COSIGNING, account.role)
        for cosigner in proposal.cosigners:
            cosigner.state, cosigner.at = "pending", None
        _move(session, account, proposal, PState.COSIGNING)
    else:
        _move(session, account, proposal, PState.SUBMITTED)
        proposal.submitted_on = today


def cosign(session: Session, account: Account, proposal: Proposal, agree: bool, today: dt.date) -> None:
    """A co-signer confirms (the last confirmation submits it) or declines (it goes back to the proposer)."""
    require(account, [MEMBER], "联名确认")
    member = member_of(session, account)
    mine = next((c for c in proposal.cosigners if member is not None and c.member_pk == member.id), None)
    if mine is None:
        raise Forbidden("您不是该提案的联名委员")
    if proposal.state != PState.COSIGNING or mine.state != "pending":
        raise Refused("该提案当前不需要您的联名确认")
    mine.state = "confirmed" if agree else "declined"
    mine.at = dt.datetime.combine(today, dt.time(12))
    audit.record(session, _actor(account), "proposal.cosign", f"proposal:{proposal.id}", {"agree": agree})
    if not agree:
        _move(session, account, proposal, PState.DRAFT, {"declined_by": member.name if member else ""})
    elif all(c.state == "confirmed" for c in proposal.cosigners):
        _move(session, account, proposal, PState.SUBMITTED)
        proposal.submitted_on = today


def attach_file(
    session: Session, account: Account, proposal: Proposal, directory: Path, name: str, data: bytes, today: dt.date
) -> Attachment:
    """附件: the proposer adds a file to a draft; type checked by content, stored under a random name."""
    _proposer(session, account, proposal)
    if proposal.state != PState.DRAFT:
        raise Refused("只能在提交前为草稿添加附件")
    try:
        suffix = materials.check(name, data)
    except ClaimRefused as exc:
        raise Refused(str(exc)) from exc
    stored_as = materials.save(directory, data)
    attachment = Attachment(
        proposal_pk=proposal.id,
        name=Path(name).name[:200],
        stored_as=stored_as,
        content_type=materials.CONTENT_TYPES[suffix],
        size=len(data),
        uploaded_on=today,
    )
    session.add(attachment)
    session.flush()
    audit.record(
        session,
        _actor(account),
        "proposal.attachment",
        f"proposal:{proposal.id}",
        {"attachment": attachment.id, "name": attachment.name, "size": attachment.size},
    )
    return attachment


# -- review by the proposal committee ------------------------------------------------------------------------


def file_proposal(session: Session, account: Account, proposal: Proposal, today: dt.date) -> str:
    """立案: the next number of the year (unique in the table, so two reviewers cannot take the same one)."""
    check_proposal(proposal.state, PState.FILED, account.role)
    for _attempt in range(20):
        count = session.scalar(
            select(func.count())
            .select_from(Proposal)
            .where(Proposal.year == proposal.year, Proposal.number.is_not(None))
        )
        try:
            with session.begin_nested():  # another reviewer may take the same number at the same moment: retry
                proposal.number = f"{proposal.year}-{(count or 0) + 1:04d}"
                session.flush()
            break
        except IntegrityError:
            proposal.number = None
    else:  # pragma: no cover - twenty collisions in a row
        raise Refused("立案编号冲突，请重试")
    proposal.filed_on = today
    _move(session, account, proposal, PState.FILED, {"number": proposal.number})
    return proposal.number


def not_file(
    session: Session, account: Account, proposal: Proposal, reason: str, disposal: str, disposal_unit: str | None = None
) -> None:
    """不立案 with a reason, and a disposal: a public-opinion report, or forwarded to a unit for reference."""
    check_proposal(proposal.state, PState.NOT_FILED, account.role)
    if not reason.strip():
        raise Refused("不立案须说明理由")
    if disposal not in DISPOSALS:
        raise Refused("请选择处理方式：转为社情民意信息，或转有关单位参考")
    if disposal == "reference" and not (disposal_unit or "").strip():
        raise Refused("转有关单位参考时须写明单位")
    proposal.reason, proposal.disposal, proposal.disposal_unit = reason.strip(), disposal, disposal_unit
    _move(
        session,
        account,
        proposal,
        PState.NOT_FILED,
        {"reason": proposal.reason, "disposal": disposal, "unit": disposal_unit},
    )


def merge(session: Session, account: Account, proposal: Proposal, into: Proposal) -> None:
    """并案: this proposal is handled together with ``into`` (which must be submitted or filed itself)."""
    check_proposal(proposal.state, PState.MERGED, account.role)
    if into.id == proposal.id or into.state not in (PState.SUBMITTED, PState.FILED, PState.ASSIGNED):
        raise Refused("只能并入另一件待审查、已立案或办理中的提案")
    proposal.merged_into_pk = into.id
    _move(session, account, proposal, PState.MERGED, {"into": into.id})


def return_to_proposer(session: Session, account: Account, proposal: Proposal, reason: str) -> None:
    """Back to the proposer for revision (e.g. several matters in one proposal, 不符合一事一案)."""
    check_proposal(proposal.state, PState.DRAFT, account.role)
    if not reason.strip():
        raise Refused("退回修改须说明理由")
    proposal.reason = reason.strip()
    _move(session, account, proposal, PState.DRAFT, {"reason": proposal.reason})


def _unit(session: Session, name_or_id: str | int) -> HandlingUnit:
    unit = (
        session.get(HandlingUnit, name_or_id)
        if isinstance(name_or_id, int)
        else session.scalar(select(HandlingUnit).where(HandlingUnit.name == name_or_id))
    )
    if unit is None:
        raise Refused(f"承办单位不存在：{name_or_id}")
    return unit


def assign(
    session: Session,
    account: Account,
    proposal: Proposal,
    today: dt.date,
    *,
    lead: str | int | None = None,
    co: Sequence[str | int] = (),
    separate: Sequence[str | int] = (),
) -> list[Assignment]:
    """交办: one lead unit (主办) with co-handling units (会办), or several units answering separately (分办)."""
    check_proposal(proposal.state, PState.ASSIGNED, account.role)
    if (lead is None) == (not separate):
        raise Refused("请指定一个主办单位（可加会办单位），或指定分办单位，二者选一")
    if lead is not None:
        units = [(_unit(session, lead), "lead"), *((_unit(session, c), "co") for c in co)]
        proposal.mode = "lead"
    else:
        units = [(_unit(session, s), "separate") for s in separate]
        proposal.mode = "separate"
    if len({u.id for u, _ in units}) != len(units):
        raise Refused("同一单位不能重复交办")
    made = [
        Assignment(proposal_pk=proposal.id, unit_pk=unit.id, role=role, round=proposal.round) for unit, role in units
    ]
    session.add_all(made)
    proposal.assigned_on = today
    proposal.deadline = add_months(today, answer_months())
    session.flush()
    _move(
        session,
        account,
        proposal,
        PState.ASSIGNED,
        {"mode": proposal.mode, "deadline": proposal.deadline, "units": [[u.name, r] for u, r in units]},
    )
    return made


def extend(session: Session, account: Account, proposal: Proposal, months: int, reason: str) -> dt.date:
    """A longer deadline with a reason, never beyond six months from 交办."""
    require(account, [COMMITTEE], "延期")
    if proposal.state != PState.ASSIGNED or proposal.assigned_on is None:
        raise Refused("只有办理中的提案可以延期")
    if not reason.strip():
        raise Refused("延期须说明理由")
    if months > MAX_MONTHS or months <= answer_months():
        raise Refused(f"延期后的办理期限应超过 {answer_months()} 个月、不超过 {MAX_MONTHS} 个月")
    proposal.deadline = add_months(proposal.assigned_on, months)
    proposal.extension_reason = reason.strip()
    audit.record(
        session,
        _actor(account),
        "proposal.extend",
        f"proposal:{proposal.id}",
        {"deadline": proposal.deadline, "reason": proposal.extension_reason},
    )
    return proposal.deadline


# -- handling by the units -----------------------------------------------------------------------------------


def adjustment_window_end(assignment: Assignment) -> dt.date:
    assert assignment.proposal.assigned_on is not None
    return add_workdays(assignment.proposal.assigned_on, adjust_workdays())


def request_adjustment(session: Session, account: Account, assignment: Assignment, reason: str, today: dt.date) -> None:
    """申请调整: the unit says the matter is not its business, within the working-day window after 交办."""
    assignment_of_unit(session, account, assignment.id)
    check_assignment(assignment.state, AState.ADJUSTING, account.role)
    if not reason.strip():
        raise Refused("申请调整须说明理由")
    if today > adjustment_window_end(assignment):
        raise Refused(
            f"已超过申请调整期限（交办后 {adjust_workdays()} 个工作日内，"
            f"截至 {adjustment_window_end(assignment):%Y-%m-%d}）"
        )
    assignment.adjust_reason = reason.strip()
    _move_assignment(session, account, assignment, AState.ADJUSTING, {"reason": assignment.adjust_reason})


def decide_adjustment(
    session: Session,
    account: Account,
    assignment: Assignment,
    grant: bool,
    decision: str,
    today: dt.date,
    *,
    new_unit: str | int | None = None,
) -> Assignment | None:
    """The committee grants (the unit is released; another may take its place) or refuses the adjustment."""
    to = AState.WITHDRAWN if grant else AState.ASSIGNED
    check_assignment(assignment.state, to, account.role)
    assignment.adjust_decision = decision.strip() or ("同意调整" if grant else "维持原交办")
    _move_assignment(session, account, assignment, to, {"decision": assignment.adjust_decision})
    if not grant or new_unit is None:
        return None
    unit = _unit(session, new_unit)
    replacement = Assignment(
        proposal_pk=assignment.proposal_pk, unit_pk=unit.id, role=assignment.role, round=assignment.round
    )
    session.add(replacement)
    session.flush()
    audit.record(
        session,
        _actor(account),
        "assignment.assigned",
        f"proposal:{assignment.proposal_pk}",
        {"assignment": replacement.id, "unit": unit.name, "replaces": assignment.id, "on": today},
    )
    return replacement


def send_opinion(session: Session, account: Account, assignment: Assignment, opinion: str) -> None:
    """A co-handling unit's opinion, sent to the lead unit (which reads it before answering)."""
    assignment_of_unit(session, account, assignment.id)
    if assignment.role != "co":
        raise Refused("只有会办单位向主办单位提出会办意见")
    check_assignment(assignment.state, AState.OPINION_SENT, account.role)
    if not opinion.strip():
        raise Refused("请填写会办意见")
    assignment.opinion = opinion.strip()
    _move_assignment(session, account, assignment, AState.OPINION_SENT)


def record_contact(session: Session, account: Account, assignment: Assignment, on: dt.date, note: str) -> None:
    """The answering unit contacted the proposer (办前联系); required before the written answer."""
    assignment_of_unit(session, account, assignment.id)
    if assignment.role not in ANSWERING or assignment.state != AState.ASSIGNED:
        raise Refused("只有主办或分办单位在办理中记录与提案人的沟通")
    if not note.strip():
        raise Refused("请填写与提案人沟通的情况")  # the answer's precondition is the record, not the click
    assignment.contacted_on, assignment.contact_note = on, note.strip()
    audit.record(
        session,
        _actor(account),
        "assignment.contact",
        f"proposal:{assignment.proposal_pk}",
        {"assignment": assignment.id, "on": on},
    )


def answer(
    session: Session,
    account: Account,
    assignment: Assignment,
    text: str,
    answer_class: str,
    today: dt.date,
    *,
    link_kind: str | None = None,
    link_id: str | None = None,
) -> None:
    """The written answer, class A/B/C (C needs its reason in the text); may name the benefit that implements it."""
    assignment_of_unit(session, account, assignment.id)
    if assignment.role not in ANSWERING:
        raise Refused("会办单位不单独答复，请向主办单位提出会办意见")
    check_assignment(assignment.state, AState.ANSWERED, account.role)
    if answer_class not in CLASSES:
        raise Refused("答复类别应为 A、B 或 C")
    if len(text.strip()) < 10:
        raise Refused("请填写答复内容" + ("，C 类须说明不能解决的原因" if answer_class == "C" else ""))
    if assignment.contacted_on is None:
        raise Refused("答复前须先与提案人沟通联系，并记录沟通情况")
    if (link_kind is None) != (not link_id):
        raise Refused("关联的政策须同时给出类别和编号")
    if link_kind is not None and link_kind not in LINK_KINDS:
        raise Refused("关联类别应为兑现事项、政策或改革方案")
    before = assignment.state
    # one conditional UPDATE: the lead's answer closes the round for every co-handling unit, so it goes through only
    # while none of them is still without its opinion (a check before it could be overtaken by a replacement unit)
    guard = [Assignment.id == assignment.id, Assignment.state == before]
    if assignment.role == "lead":
        co = aliased(Assignment)
        guard.append(
            ~exists().where(
                co.proposal_pk == assignment.proposal_pk,
                co.role == "co",
                co.state.in_([AState.ASSIGNED, AState.ADJUSTING]),
            )
        )
    result = session.execute(
        update(Assignment)
        .where(*guard)
        .values(
            state=AState.ANSWERED,
            answer=text.strip(),
            answer_class=answer_class,
            answered_on=today,
            link_kind=link_kind,
            link_id=link_id or None,
        )
        .execution_options(synchronize_session="fetch")
    )
    if getattr(result, "rowcount", 0) != 1:
        session.refresh(assignment)
        waiting = pending_co_units(session, assignment.proposal_pk)
        if waiting:
            raise Refused(f"会办单位尚未提出会办意见：{'、'.join(waiting)}；收到全部会办意见后，主办单位才能答复")
        raise Refused("该承办任务已答复或状态已变化，请刷新后重试")
    session.refresh(assignment)
    audit.record(
        session,
        _actor(account),
        "assignment.answered",
        f"proposal:{assignment.proposal_pk}",
        {
            "assignment": assignment.id,
            "unit": assignment.unit_pk,
            "from": before,
            "to": AState.ANSWERED.value,
            "class": answer_class,
            "link": [link_kind, link_id] if link_kind else None,
            "late": bool(assignment.proposal.deadline and today > assignment.proposal.deadline),
        },
    )
    proposal = assignment.proposal
    answering = [a for a in proposal.assignments if a.role in ANSWERING and a.state != AState.WITHDRAWN]
    if all(a.state == AState.ANSWERED for a in answering):
        _move(session, account, proposal, PState.ANSWERED)


def pending_co_units(session: Session, proposal_pk: int) -> list[str]:
    """The co-handling units of a proposal that have not sent their opinion yet (the lead's answer waits for them)."""
    return list(
        session.scalars(
            select(HandlingUnit.name)
            .join(Assignment, Assignment.unit_pk == HandlingUnit.id)
            .where(
                Assignment.proposal_pk == proposal_pk,
                Assignment.role == "co",
                Assignment.state.in_([AState.ASSIGNED, AState.ADJUSTING]),
            )
            .order_by(HandlingUnit.name)
        )
    )


# -- evaluation, key proposals, publication ------------------------------------------------------------------


def evaluate(session: Session, account: Account, proposal: Proposal, rating: str, comment: str, today: dt.date) -> None:
    """满意 / 基本满意 close it; 不满意 (with a comment) sends it back to the units for another round."""
    _proposer(session, account, proposal)
    if rating not in RATINGS:
        raise Refused("评价应为满意、基本满意或不满意")
    to = PState.ASSIGNED if rating == "unsatisfied" else PState.CLOSED
    check_proposal(proposal.state, to, account.role)
    if rating == "unsatisfied" and not comment.strip():
        raise Refused("不满意时请说明理由，承办单位将再次办理")
    session.add(
        Evaluation(proposal_pk=proposal.id, round=proposal.round, rating=rating, comment=comment.strip(), at=today)
    )
    if rating == "unsatisfied":
        for assignment in proposal.assignments:
            if assignment.state in (AState.ANSWERED, AState.OPINION_SENT):
                _move_assignment(session, account, assignment, AState.ASSIGNED, {"round": proposal.round + 1})
                assignment.round = proposal.round + 1
                assignment.contacted_on = None  # the new round starts with a new contact
        proposal.round += 1
        # the new round gets the standard handling time from the day it was sent back
        proposal.deadline = add_months(today, answer_months())
        _move(session, account, proposal, to, {"rating": rating, "comment": comment.strip()})
    else:
        proposal.closed_on = today
        _move(session, account, proposal, to, {"rating": rating})


def make_key(session: Session, account: Account, proposal: Proposal, supervisor: ConferenceMember) -> None:
    """重点提案: chosen by the leadership, with a supervising leader (督办)."""
    require(account, [LEADER, ADMIN], "确定重点提案")
    if proposal.state not in FILED_STATES:
        raise Refused("只有已立案的提案可以列为重点提案")
    if not supervisor.is_leader:
        raise Refused("督办领导须为政协领导")
    proposal.is_key, proposal.supervisor_pk = True, supervisor.id
    audit.record(session, _actor(account), "proposal.key", f"proposal:{proposal.id}", {"supervisor": supervisor.name})


def supervise(session: Session, account: Account, proposal: Proposal, kind: str, note: str, on: dt.date) -> Supervision:
    """A supervision activity of a key proposal, recorded by the supervising leader or the committee."""
    require(account, [LEADER, COMMITTEE, ADMIN], "记录督办活动")
    if not proposal.is_key or proposal.supervisor_pk is None:
        raise Refused("只有重点提案有督办记录")
    record = Supervision(
        proposal_pk=proposal.id, leader_pk=proposal.supervisor_pk, held_on=on, kind=kind, note=note.strip()
    )
    session.add(record)
    session.flush()
    audit.record(session, _actor(account), "proposal.supervise", f"proposal:{proposal.id}", {"kind": kind, "on": on})
    return record


def publish(session: Session, account: Account, proposal: Proposal, published: bool = True) -> None:
    """On the public page only with the proposer's consent, and only once filed."""
    require(account, [COMMITTEE], "公开提案")
    if published and not proposal.public_consent:
        raise Refused("提案人未同意公开")
    if published and proposal.state not in FILED_STATES:
        raise Refused("只有已立案的提案可以公开")
    proposal.published = published
    audit.record(session, _actor(account), "proposal.publish", f"proposal:{proposal.id}", {"published": published})


# -- overdue items and 催办 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Late:
    assignment: Assignment
    proposal: Proposal
    unit: HandlingUnit
    days_late: int


def late_items(session: Session, today: dt.date) -> list[Late]:
    """Answering assignments past their proposal's deadline and not answered: the dashboard and 催办 read this."""
    rows = session.execute(
        select(Assignment, Proposal, HandlingUnit)
        .join(Proposal, Assignment.proposal_pk == Proposal.id)
        .join(HandlingUnit, Assignment.unit_pk == HandlingUnit.id)
        .where(
            Proposal.state == PState.ASSIGNED,
            Proposal.deadline < today,
            Assignment.role.in_(ANSWERING),
            Assignment.state.in_([AState.ASSIGNED, AState.ADJUSTING]),
        )
        .order_by(Proposal.deadline, Proposal.id)
    ).all()
    return [Late(a, p, u, (today - p.deadline).days) for a, p, u in rows if p.deadline is not None]


Notify = Callable[..., object]


def _notify() -> Notify:

    return notify


def chase(session: Session, today: dt.date, *, notify: Notify | None = None) -> list[Late]:
    """催办: one notice per late assignment per interval (POLICYREACH_CHASE_DAYS, a week by default) to the unit's
    staff, recorded on the assignment and in the audit log (whose entry the announcer tells the proposer of)."""
    send = notify or _notify()
    interval = settings.conference_chase_days()
    chased: list[Late] = []
    for item in late_items(session, today):
        last = item.assignment.last_chased_on
        if last is not None and (today - last).days < interval:
            continue
        staff = session.scalars(select(Account).where(Account.role == UNIT, Account.department == item.unit.name))
        for person in staff:
            send(
                session,
                recipient=person.id,
                kind="conference.chase",
                subject=f"催办：提案 {item.proposal.number} 已超期 {item.days_late} 天",
                body=f"《{item.proposal.title}》答复期限为 {day_text(item.proposal.deadline)}，"
                f"已超期 {item.days_late} 天，请尽快与提案人沟通并书面答复。",
                link=f"/conference/unit/assignments/{item.assignment.id}",
                dedupe_key=f"chase:{item.assignment.id}:{today.isoformat()}",
                department=item.unit.name,
            )
        item.assignment.last_chased_on = today
        audit.record(
            session,
            "system:conference",
            "assignment.chase",
            f"proposal:{item.proposal.id}",
            {"assignment": item.assignment.id, "unit": item.unit.name, "days_late": item.days_late},
        )
        chased.append(item)
    return chased


@jobs.handler("conference.chase")
def chase_job(context: jobs.JobContext) -> dict[str, object]:
    """The daily 催办 run; it queues the next day's run itself (one job per day by its key)."""
    day = today(context.clock)
    with context.transaction() as session:
        chased = chase(session, day)
        schedule_chase(session, day + dt.timedelta(days=1), clock=context.clock)
    return {"chased": len(chased)}


def schedule_chase(session: Session, day: dt.date, *, clock: Clock | None = None) -> None:
    """Queue the 催办 run of ``day`` at 09:00 city time (idempotent: one job per day)."""
    jobs.enqueue_daily(session, "conference.chase", day, dt.time(9), clock=clock)
