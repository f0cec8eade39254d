"""Funds in the console (资金管理): the finance bureau sets and raises each fund's budget per period with a reason;
everyone who handles the money sees budget, committed, paid and remaining, from the ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from policyreach.app.funds import shares_of
from policyreach.redemption import funds
from policyreach.redemption.states import ClaimRefused
from policyreach.rules.library import CompiledBenefit
from policyreach.store.models import Account, AuditEntry, Fund, LedgerEntry
from policyreach.web.console import DbSession, Plat
from policyreach.web.deps import account, csrf
from policyreach.web.templating import templates

router = APIRouter(prefix="/console/funds")
MONEY_ROLES = ("finance", "officer", "admin")


def money_viewer(user: Annotated[Account, Depends(account)]) -> Account:
    if user.role not in MONEY_ROLES:
        raise HTTPException(403, "此页面仅供财政局和政府部门工作人员使用")
    return user


def finance(user: Annotated[Account, Depends(account)]) -> Account:
    if user.role != "finance":
        raise HTTPException(403, "只有财政局（资金管理）账号可以安排或调整预算")
    return user


Viewer = Annotated[Account, Depends(money_viewer)]
Finance = Annotated[Account, Depends(finance)]


def _drawing(plat: Plat) -> dict[str, list[CompiledBenefit]]:
    out: dict[str, list[CompiledBenefit]] = {}
    for benefit in plat.compiled.benefits:
        for fund_id, _share in shares_of(benefit.spec):  # every fund of a 市区分担, not only the lead one
            out.setdefault(fund_id, []).append(benefit)
    return out


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def funding_note(benefit: CompiledBenefit, fund_id: str, names: dict[str, str]) -> str:
    """How a benefit draws on this fund, in the finance officer's words: its share, the other funds', instalments."""
    shares = shares_of(benefit.spec)
    notes = []
    if len(shares) > 1:
        mine = next(share for f, share in shares if f == fund_id)
        others = "、".join(f"{names.get(f, f)} {_percent(s)}" for f, s in shares if f != fund_id)
        lead = "；分不尽的尾差（分）由本资金承担" if shares[0][0] == fund_id else ""
        notes.append(f"本资金分担 {_percent(mine)}（另由 {others}）{lead}")
    schedule = benefit.spec.schedule
    if len(schedule) > 1:
        years = "、".join(
            f"{'核准当年' if i == 0 else ('次年' if i == 1 else f'第 {i + 1} 年')} {_percent(s)}"
            for i, s in enumerate(schedule)
        )
        notes.append(f"分 {len(schedule)} 年拨付：{years}，各计入当年度预算")
    return "；".join(notes)


def _visible_funds(plat: Plat, user: Account, session: DbSession) -> list[Fund]:
    """Finance and administrators see every fund; an officer those the department's benefits draw on."""
    rows = list(session.scalars(select(Fund).order_by(Fund.id)))
    if user.role != "officer":
        return rows
    drawing = _drawing(plat)
    return [f for f in rows if any(b.spec.department == user.department for b in drawing.get(f.id, []))]


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def funds_page(request: Request, user: Viewer, plat: Plat, session: DbSession) -> HTMLResponse:
    period = funds.budget_period(plat.as_of)
    rows = [(f, funds.figures_for(session, f.id, period)) for f in _visible_funds(plat, user, session)]
    return templates.TemplateResponse(
        request,
        "console_funds.html",
        {"user": user, "rows": rows, "period": period, "drawing": _drawing(plat), "quote": quote},
    )


@router.get("/{fund_id}", response_class=HTMLResponse, include_in_schema=False)
def fund_page(
    request: Request, fund_id: str, user: Viewer, plat: Plat, session: DbSession, error: str = "", saved: str = ""
) -> HTMLResponse:
    fund = session.get(Fund, fund_id)
    if fund is None or fund not in _visible_funds(plat, user, session):
        raise HTTPException(404, "没有这个资金，或它与您所在部门无关")
    period = funds.budget_period(plat.as_of)
    periods = funds.figures(session, fund_id)
    if not any(f.period == period for f in periods):
        periods.append(funds.figures_for(session, fund_id, period))
    periods.sort(key=lambda f: f.period, reverse=True)
    history = list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.subject == f"fund:{fund_id}").order_by(AuditEntry.id.desc())
        )
    )
    ledger = list(
        session.scalars(
            select(LedgerEntry).where(LedgerEntry.fund_id == fund_id).order_by(LedgerEntry.id.desc()).limit(50)
        )
    )
    benefits = _drawing(plat).get(fund_id, [])
    names = {f.id: f.name for f in session.scalars(select(Fund))}
    return templates.TemplateResponse(
        request,
        "console_fund.html",
        {
            "user": user,
            "fund": fund,
            "periods": periods,
            "period": period,
            "benefits": [(b, funding_note(b, fund_id, names)) for b in benefits],
            "departments": sorted({b.spec.department for b in benefits}),
            "history": history,
            "ledger": ledger,
            "KIND_ZH": funds.KIND_ZH,
            "error": error,
            "saved": saved,
        },
        status_code=422 if error else 200,
    )


@router.post("/{fund_id}/budget", include_in_schema=False, dependencies=[Depends(csrf)])
def set_budget(
    request: Request,
    fund_id: str,
    user: Finance,
    plat: Plat,
    session: DbSession,
    period: Annotated[str, Form()],
    amount: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Set or raise the budget of one period; refused, with the figures, below what is already committed and paid."""
    if session.get(Fund, fund_id) is None:
        raise HTTPException(404, "没有这个资金")
    try:
        figures = funds.set_budget(session, fund_id, period.strip(), funds.parse_money(amount), reason, user.username)
    except ClaimRefused as exc:
        session.rollback()
        return fund_page(request, fund_id, user, plat, session, error=str(exc))
    session.commit()
    saved = f"{figures.period} 年度预算已设为 {funds.yuan(figures.budget or funds.ZERO)}"
    return RedirectResponse(f"/console/funds/{quote(fund_id, safe='')}?saved={quote(saved)}", status_code=303)
