"""What each conference role has to do now: the landing page's counts and the filtered lists they link to.

A member: co-signatures to confirm, answers to evaluate, drafts returned for revision, proposals being handled,
reports returned, activities to sign up or sign in to. The proposal committee: proposals to review and to assign,
adjustment requests, overdue answers, answers waiting for the proposer. A handling unit: answers to write, co-handling
opinions to send, overdue items. Every list is the proposals list filtered by ``todo`` (always inside the account's
visible proposals), so a count and the list it opens agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.models import Assignment, Cosigner, Proposal
from policyreach.conference.proposals import ANSWERING, visible_query
from policyreach.conference.records_models import Activity, OpinionReport, Participant
from policyreach.conference.states import AState, PState
from policyreach.store.models import Account

TODO_ZH = {
    "cosign": "待我确认联名",
    "evaluate": "待我评价的答复",
    "returned": "退回修改的草稿",
    "handling": "我的提案办理中",
    "review": "待审查的提案",
    "assign": "已立案待交办",
    "adjusting": "承办单位申请调整",
    "overdue": "超期未答复",
    "awaiting": "已答复待委员评价",
    "answer": "待本单位答复",
    "opinion": "待本单位提出会办意见",
}
BY_ROLE = {
    roles.MEMBER: ("cosign", "evaluate", "returned", "handling"),
    roles.COMMITTEE: ("review", "assign", "adjusting", "overdue", "awaiting"),
    roles.UNIT: ("answer", "opinion", "overdue"),
}
OPEN = (AState.ASSIGNED, AState.ADJUSTING)


@dataclass(frozen=True)
class Item:
    """One line of the landing page: what, how many, where the list is."""

    key: str
    label: str
    count: int
    href: str
    urgent: bool = False


def _member_pk(session: Session, account: Account) -> int:
    member = roles.member_of(session, account)
    return member.id if member is not None else -1


def _unit_pk(session: Session, account: Account) -> int:
    unit = roles.unit_of(session, account)
    return unit.id if unit is not None else -1


def _late(today: dt.date) -> Select[int]:
    return (
        select(Assignment.proposal_pk)
        .join(Proposal, Proposal.id == Assignment.proposal_pk)
        .where(
            Proposal.state == PState.ASSIGNED,
            Proposal.deadline < today,
            Assignment.role.in_(ANSWERING),
            Assignment.state.in_(OPEN),
        )
    )


def query(session: Session, account: Account, todo: str, today: dt.date) -> Select[Proposal]:
    """The account's visible proposals narrowed to one kind of pending item (unknown: none)."""
    base = visible_query(session, account)
    me = _member_pk(session, account)
    unit = _unit_pk(session, account)
    mine = Proposal.proposer_pk == me
    match todo:
        case "cosign":
            pending = select(Cosigner.proposal_pk).where(Cosigner.member_pk == me, Cosigner.state == "pending")
            return base.where(Proposal.state == PState.COSIGNING, Proposal.id.in_(pending))
        case "evaluate":
            return base.where(mine, Proposal.state == PState.ANSWERED)
        case "returned":
            return base.where(mine, Proposal.state == PState.DRAFT, Proposal.reason.is_not(None))
        case "handling":
            return base.where(mine, Proposal.state.in_([PState.FILED, PState.ASSIGNED]))
        case "review":
            return base.where(Proposal.state == PState.SUBMITTED)
        case "assign":
            return base.where(Proposal.state == PState.FILED)
        case "adjusting":
            return base.where(
                Proposal.id.in_(select(Assignment.proposal_pk).where(Assignment.state == AState.ADJUSTING))
            )
        case "awaiting":
            return base.where(Proposal.state == PState.ANSWERED)
        case "overdue":
            late = _late(today)
            if account.role == roles.UNIT:
                late = late.where(Assignment.unit_pk == unit)
            return base.where(Proposal.id.in_(late))
        case "answer" | "opinion":
            wanted = ANSWERING if todo == "answer" else ("co",)
            tasks = select(Assignment.proposal_pk).where(
                Assignment.unit_pk == unit, Assignment.role.in_(wanted), Assignment.state == AState.ASSIGNED
            )
            return base.where(Proposal.state == PState.ASSIGNED, Proposal.id.in_(tasks))
        case _:
            return base.where(false())


def _count(session: Session, statement: Select[Proposal]) -> int:
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def proposal_items(session: Session, account: Account, today: dt.date) -> list[Item]:
    return [
        Item(
            key,
            TODO_ZH[key],
            _count(session, query(session, account, key, today)),
            f"/conference/proposals?todo={key}",
            key in ("overdue", "evaluate", "answer"),
        )
        for key in BY_ROLE.get(account.role, ())
    ]


def report_items(session: Session, account: Account) -> list[Item]:
    """A member's reports sent back for revision; the office's reports waiting to be taken in."""
    if account.role == roles.MEMBER:
        returned = select(func.count()).where(
            OpinionReport.author_pk == _member_pk(session, account), OpinionReport.state == "returned"
        )
        return [
            Item(
                "reports", "退回修改的社情民意信息", session.scalar(returned) or 0, "/conference/reports?state=returned"
            )
        ]
    if account.role == roles.INFO_OFFICE:
        waiting = select(func.count()).where(OpinionReport.state == "submitted")
        return [
            Item("reports", "待接收的社情民意信息", session.scalar(waiting) or 0, "/conference/reports?state=submitted")
        ]
    return []


def activities_to_attend(session: Session, account: Account, today: dt.date) -> list[tuple[Activity, bool]]:
    """A member's noticed activities still ahead (or today), each with whether it can be signed in to now."""
    me = _member_pk(session, account)
    mine = select(Participant.activity_pk).where(
        Participant.member_pk == me,
        or_(Participant.invited, Participant.signed_up_at.is_not(None)),
        Participant.signed_in_at.is_(None),
        or_(Participant.absence.is_(None), Participant.absence != "excused"),
    )
    rows = session.scalars(
        select(Activity)
        .where(Activity.state == "noticed", Activity.held_on >= today, Activity.id.in_(mine))
        .order_by(Activity.held_on, Activity.id)
    )
    return [(a, a.held_on == today) for a in rows]


__all__ = ["BY_ROLE", "TODO_ZH", "Item", "activities_to_attend", "proposal_items", "query", "report_items"]
