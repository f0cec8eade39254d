"""Funds in the console (资金管理): the finance bureau sets and raises each fund's budget per period with a reason;
everyone who handles the money sees budget, committed, paid and remaining, from the ledger."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from policyreach.app import authority
from policyreach.app.authority import Scope
from policyreach.app.funds import fund_of
from policyreach.redemption import funds
from policyreach.redemption.states import ClaimRefused
from policyreach.rules.library import CompiledBenefit
from policyreach.store.models import Account, AuditEntry, Fund, LedgerEntry
from policyreach.web import scopes
from policyreach.web.console import DbSession, Plat
from policyreach.web.deps import allow, csrf
from policyreach.web.templating import templates

router = APIRouter(prefix="/console/funds")


Viewer = Annotated[Account, Depends(allow("fund.read"))]
FundViewer = Annotated[Account, Depends(allow("fund.read", scopes.fund))]
Finance = Annotated[Account, Depends(allow("fund.budget", scopes.fund))]


def _drawing(plat: Plat) -> dict[str, list[CompiledBenefit]]:
    out: dict[str, list[CompiledBenefit]] = {}
    for benefit in plat.compiled.benefits:
        if (fund_id := fund_of(benefit)) is not None:
            out.setdefault(fund_id, []).append(benefit)
    return out


def _visible_funds(plat: Plat, user: Account, session: DbSession) -> list[Fund]:
    """Finance and administrators see every fund; an officer those the department's benefits draw on."""
    rows = list(session.scalars(select(Fund).order_by(Fund.id)))
    drawing = _drawing(plat)
    return [
        f
        for f in rows
        if authority.allowed(
            user, "fund.read", Scope(departments=frozenset(b.spec.department for b in drawing.get(f.id, [])))
        )
    ]


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
    request: Request, fund_id: str, user: FundViewer, plat: Plat, session: DbSession, error: str = "", saved: str = ""
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
    return templates.TemplateResponse(
        request,
        "console_fund.html",
        {
            "user": user,
            "fund": fund,
            "periods": periods,
            "period": period,
            "benefits": benefits,
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
