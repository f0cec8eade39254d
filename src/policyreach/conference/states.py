"""The proposal's and the assignment's state machines: each allowed transition and the roles that may make it.

Everything else is refused: a transition that is not in the table (``IllegalTransition``) or one made by a
role that is not listed for it (``Forbidden``). Ownership (the proposer, the unit of an assignment) is checked
by the workflow on top of this table.
"""

from __future__ import annotations

from enum import StrEnum

from policyreach.conference.roles import COMMITTEE, MEMBER, ROLE_ZH, UNIT, Forbidden, IllegalTransition


class PState(StrEnum):
    DRAFT = "draft"  # 草稿: the proposer edits it
    COSIGNING = "cosigning"  # 联名待确认: waiting for every co-signer
    SUBMITTED = "submitted"  # 待审查: with the proposal committee
    FILED = "filed"  # 已立案: numbered, waiting for assignment
    NOT_FILED = "not_filed"  # 不立案: with a reason and a disposal
    MERGED = "merged"  # 已并案: into another proposal
    ASSIGNED = "assigned"  # 办理中: assigned (交办) to handling units
    ANSWERED = "answered"  # 已答复: every answering unit answered; waiting for the proposer's evaluation
    CLOSED = "closed"  # 已办结


class AState(StrEnum):
    ASSIGNED = "assigned"  # 已交办
    ADJUSTING = "adjusting"  # 申请调整中: the unit contests the assignment
    WITHDRAWN = "withdrawn"  # 已调整: the committee took it back from this unit
    OPINION_SENT = "opinion_sent"  # 会办意见已送主办
    ANSWERED = "answered"  # 已答复


PSTATE_ZH = {
    PState.DRAFT: "草稿",
    PState.COSIGNING: "联名待确认",
    PState.SUBMITTED: "待审查",
    PState.FILED: "已立案待交办",
    PState.NOT_FILED: "不立案",
    PState.MERGED: "已并案",
    PState.ASSIGNED: "办理中",
    PState.ANSWERED: "已答复待评价",
    PState.CLOSED: "已办结",
}
ASTATE_ZH = {
    AState.ASSIGNED: "已交办",
    AState.ADJUSTING: "申请调整中",
    AState.WITHDRAWN: "已调整撤回",
    AState.OPINION_SENT: "会办意见已送主办",
    AState.ANSWERED: "已答复",
}

# (from, to) -> the roles that may make the move
PROPOSAL_TRANSITIONS: dict[tuple[PState, PState], frozenset[str]] = {
    (PState.DRAFT, PState.SUBMITTED): frozenset({MEMBER}),  # submitted alone
    (PState.DRAFT, PState.COSIGNING): frozenset({MEMBER}),  # a joint proposal goes to its co-signers first
    (PState.COSIGNING, PState.SUBMITTED): frozenset({MEMBER}),  # the last co-signer confirmed
    (PState.COSIGNING, PState.DRAFT): frozenset({MEMBER}),  # a co-signer declined, or the proposer took it back
    (PState.SUBMITTED, PState.DRAFT): frozenset({COMMITTEE}),  # returned for revision (e.g. not 一事一案)
    (PState.SUBMITTED, PState.FILED): frozenset({COMMITTEE}),
    (PState.SUBMITTED, PState.NOT_FILED): frozenset({COMMITTEE}),
    (PState.SUBMITTED, PState.MERGED): frozenset({COMMITTEE}),
    (PState.FILED, PState.ASSIGNED): frozenset({COMMITTEE}),
    (PState.ASSIGNED, PState.ANSWERED): frozenset({UNIT}),  # the last answering unit answered
    (PState.ANSWERED, PState.CLOSED): frozenset({MEMBER}),  # 满意 / 基本满意
    (PState.ANSWERED, PState.ASSIGNED): frozenset({MEMBER}),  # 不满意: another round of handling
}

ASSIGNMENT_TRANSITIONS: dict[tuple[AState, AState], frozenset[str]] = {
    (AState.ASSIGNED, AState.ADJUSTING): frozenset({UNIT}),
    (AState.ADJUSTING, AState.ASSIGNED): frozenset({COMMITTEE}),  # adjustment refused
    (AState.ADJUSTING, AState.WITHDRAWN): frozenset({COMMITTEE}),  # adjustment granted
    (AState.ASSIGNED, AState.OPINION_SENT): frozenset({UNIT}),  # a co-handling unit's opinion
    (AState.ASSIGNED, AState.ANSWERED): frozenset({UNIT}),  # a lead or separate unit's answer
    (AState.ANSWERED, AState.ASSIGNED): frozenset({MEMBER}),  # 不满意 reopens the round
    (AState.OPINION_SENT, AState.ASSIGNED): frozenset({MEMBER}),
}


def _names(roles: frozenset[str]) -> str:
    return "、".join(ROLE_ZH.get(r, r) for r in sorted(roles))


def _check(table: dict, names: dict, what: str, key: tuple, role: str, terminal: str) -> None:
    """Refuse a move the table lacks (naming the moves it has) or a role the move is not open to."""
    roles = table.get(key)
    if roles is None:
        allowed = "、".join(names[t] for (f, t) in table if f == key[0]) or terminal
        raise IllegalTransition(f"{what}当前状态为“{names[key[0]]}”，不能变为“{names[key[1]]}”；可变为：{allowed}")
    if role not in roles:
        raise Forbidden(f"{what}由“{names[key[0]]}”变为“{names[key[1]]}”仅限{_names(roles)}")


def check_proposal(current: str, wanted: str, role: str) -> None:
    _check(PROPOSAL_TRANSITIONS, PSTATE_ZH, "提案", (PState(current), PState(wanted)), role, "无（已是终态）")


def check_assignment(current: str, wanted: str, role: str) -> None:
    _check(ASSIGNMENT_TRANSITIONS, ASTATE_ZH, "承办任务", (AState(current), AState(wanted)), role, "无")
