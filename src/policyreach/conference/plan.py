"""The year's consultation plan (年度协商计划) as a document with its own approval.

    draft ──submit──▶ submitted ──审定──▶ approved ──publish──▶ published
                          └──return──▶ draft

The office drafts the plan (its activities are planned on the activities page) and submits it; a leader records
its 审定 — by which body (市委常委会, 政协党组 …) and on which day — or returns it with a reason; the office then
publishes it. Each move is one conditional update on the plan's state, so two people acting at once cannot both
move it, and every move is audited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.records_models import ConsultationPlan
from policyreach.conference.roles import IllegalTransition
from policyreach.redemption import audit
from policyreach.store.models import Account

STATE_ZH = {"draft": "草案", "submitted": "已报审", "approved": "已审定", "published": "已印发"}
OFFICE = (roles.COMMITTEE, roles.INFO_OFFICE, roles.ADMIN)
APPROVERS = (roles.LEADER, roles.ADMIN)  # a leader records the approving body's decision
MOVES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "submit": ("draft", "submitted", OFFICE),
    "approve": ("submitted", "approved", APPROVERS),
    "return": ("submitted", "draft", APPROVERS),
    "publish": ("approved", "published", OFFICE),
}
ACTION_ZH = {"submit": "报审", "approve": "审定", "return": "退回修改", "publish": "印发"}


def of_year(session: Session, year: int) -> ConsultationPlan | None:
    return session.scalar(select(ConsultationPlan).where(ConsultationPlan.year == year))


def start(session: Session, account: Account, year: int) -> ConsultationPlan:
    """The year's plan as a draft (the existing one when there is one)."""
    roles.require(account, OFFICE, "起草年度协商计划")
    plan = of_year(session, year)
    if plan is None:
        plan = ConsultationPlan(year=year, state="draft")
        session.add(plan)
        session.flush()
        audit.record(session, account.username, "plan.draft", f"plan:{year}", {})
    return plan


def move(
    session: Session,
    account: Account,
    plan: ConsultationPlan,
    action: str,
    *,
    today: dt.date,
    approved_by: str = "",
    approved_on: dt.date | None = None,
    note: str = "",
) -> None:
    if action not in MOVES:
        raise ValueError("未知操作")
    before, after, who = MOVES[action]
    roles.require(account, who, f"年度协商计划{ACTION_ZH[action]}")
    values: dict[str, object] = {"state": after}
    if action == "approve":
        if not approved_by.strip():
            raise ValueError("“审定机关”不能为空（如：市委常委会会议）")
        if approved_on is None or approved_on > today:
            raise ValueError("“审定日期”应为今天或之前的日期")
        values |= {"approved_by": approved_by.strip(), "approved_on": approved_on}
    if action == "return":
        if not note.strip():
            raise ValueError("退回须说明理由")
        values["note"] = note.strip()
    if action == "publish":
        values["published_on"] = today
    moved = session.execute(
        update(ConsultationPlan)
        .where(ConsultationPlan.id == plan.id, ConsultationPlan.state == before)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(plan)
        raise IllegalTransition(f"年度协商计划当前为“{STATE_ZH[plan.state]}”，不能{ACTION_ZH[action]}")
    session.refresh(plan)
    audit.record(
        session,
        account.username,
        f"plan.{after}",
        f"plan:{plan.year}",
        {"from": before, "to": after, **{k: v for k, v in values.items() if k != "state"}},
    )
