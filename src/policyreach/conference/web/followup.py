"""Pages of follow-through: leaders' 批示 (record, 转办, 反馈) and the leaders' 包保 ledgers seen by the office."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.conference import instructions, roles
from policyreach.conference.models import ConferenceMember, HandlingUnit, Proposal
from policyreach.conference.records_models import LiaisonTarget, LiaisonVisit, OpinionReport
from policyreach.conference.web.answers import back, guard
from policyreach.push.clock import today
from policyreach.store.models import Account
from policyreach.web.deps import allow, csrf, db
from policyreach.web.templating import templates

router = APIRouter(prefix="/conference")
DbSession = Annotated[Session, Depends(db)]
User = Annotated[Account, Depends(allow("conference.use"))]
LEDGER_READERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)


def _back(note: str) -> RedirectResponse:
    return back("/conference/instructions", note)


@router.get("/instructions", response_class=HTMLResponse, include_in_schema=False)
def instructions_page(request: Request, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    tasks = guard(instructions.visible, session, user)
    return templates.TemplateResponse(
        request,
        "conference_instructions.html",
        {
            "user": user,
            "note": note,
            "rows": [(t, *instructions.subject(session, t)) for t in tasks],
            "units": session.scalars(select(HandlingUnit).order_by(HandlingUnit.name)).all()
            if user.role in instructions.RECORDERS
            else [],
            "recorder": user.role in instructions.RECORDERS,
            "today": today(),
            "STATE_ZH": instructions.STATE_ZH,
        },
    )


@router.post("/instructions", include_in_schema=False, dependencies=[Depends(csrf)])
def instruction_record(
    user: User,
    session: DbSession,
    subject: Annotated[str, Form()],
    reference: Annotated[str, Form()],
    leader: Annotated[str, Form()],
    text: Annotated[str, Form()],
    on: Annotated[dt.date, Form()],
) -> RedirectResponse:
    """The office records a 批示 on a proposal (by its 立案号) or a report (by its number on the page)."""
    reference = reference.strip()
    proposal = report = None
    if subject == "proposal":
        proposal = session.scalar(select(Proposal).where(Proposal.number == reference))
        if proposal is None:
            raise HTTPException(400, f"“提案立案号”{reference[:20]} 不存在（形如 2025-0012）")
    elif subject == "report":
        report = session.get(OpinionReport, int(reference)) if reference.isdigit() else None
        if report is None:
            raise HTTPException(400, f"“信息编号”{reference[:20]} 不存在")
    else:
        raise HTTPException(400, "“批示对象”应为提案或社情民意信息")
    guard(
        instructions.record,
        session,
        user,
        proposal=proposal,
        report=report,
        leader=leader,
        text=text,
        on=on,
        today=today(),
    )
    session.commit()
    return _back("已登记批示")


@router.post("/instructions/{task_id}", include_in_schema=False, dependencies=[Depends(csrf)])
def instruction_act(
    task_id: int,
    user: User,
    session: DbSession,
    action: Annotated[str, Form()],
    unit: Annotated[int | None, Form()] = None,
    due_on: Annotated[dt.date | None, Form()] = None,
    feedback: Annotated[str, Form()] = "",
) -> RedirectResponse:
    task = guard(instructions.one, session, user, task_id)
    if task is None:
        raise HTTPException(404, "批示不存在或不属于您")
    if action == "forward":
        target = session.get(HandlingUnit, unit) if unit is not None else None
        if target is None:
            raise HTTPException(400, "请选择转办单位")
        if due_on is None:
            raise HTTPException(400, "“反馈期限”不能为空")
        guard(instructions.forward, session, user, task, target, due_on, today())
        note = "已转办"
    elif action == "answer":
        guard(instructions.answer, session, user, task, feedback, today())
        note = "已反馈"
    else:
        raise HTTPException(400, "未知操作")
    session.commit()
    return _back(note)


@router.get("/ledgers", response_class=HTMLResponse, include_in_schema=False)
def ledgers_page(request: Request, user: User, session: DbSession) -> HTMLResponse:
    """Every leader's 包保 ledger, for the office and the leaders' group: who covers what, visits and since when."""
    guard(roles.require, user, LEDGER_READERS, "查看领导包保台账")
    visits: dict[int, int] = {
        target: count
        for target, count in session.execute(
            select(LiaisonVisit.target_pk, func.count()).group_by(LiaisonVisit.target_pk)
        )
    }
    rows = session.execute(
        select(ConferenceMember, LiaisonTarget)
        .join(LiaisonTarget, LiaisonTarget.member_pk == ConferenceMember.id)
        .where(ConferenceMember.is_leader.is_(True))
        .order_by(ConferenceMember.name, LiaisonTarget.since)
    ).all()
    ledgers: dict[str, list[tuple[LiaisonTarget, int]]] = {}
    for member, target in rows:
        ledgers.setdefault(member.name, []).append((target, visits.get(target.id, 0)))
    return templates.TemplateResponse(request, "conference_ledgers.html", {"user": user, "ledgers": ledgers})
