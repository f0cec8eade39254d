"""Funds in the console (资金管理): the finance bureau sets and raises each fund's budget per period with a reason;
everyone who handles the money sees budget, committed, paid and remaining, from the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.app import authority
from policyreach.app.authority import Scope
from policyreach.app.funds import shares_of
from policyreach.redemption import funds
from policyreach.redemption.states import ClaimRefused
from policyreach.rules.library import CompiledBenefit
from policyreach.rules.numbers import wan_text
from policyreach.store.models import Account, Application, AuditEntry, Entity, Fund, LedgerEntry
from policyreach.web import scopes
from policyreach.web.console import DbSession, Plat
from policyreach.web.deps import ENTITY_ROLES, allow, csrf
from policyreach.web.templating import templates

router = APIRouter(prefix="/console/funds")
LEDGER_PAGE = 50  # rows of the ledger page
LEDGER_LATEST = 10  # the latest rows the fund page shows, with a link to the whole ledger


Viewer = Annotated[Account, Depends(allow("fund.read"))]
FundViewer = Annotated[Account, Depends(allow("fund.read", scopes.fund))]
Finance = Annotated[Account, Depends(allow("fund.budget", scopes.fund))]


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
    ledger = _ledger(session, fund_id, 0, LEDGER_LATEST)
    who = session.scalars(select(Account).where(Account.username.in_({e.actor for e in history})))
    actors = {a.username: _by(a, a.username) for a in who}
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
            "actors": actors,
            "ledger": ledger,
            "rows": ledger,
            "ledger_total": _ledger_count(session, fund_id),
            "KIND_ZH": funds.KIND_ZH,
            "error": error,
            "saved": saved,
        },
        status_code=422 if error else 200,
    )


@dataclass(frozen=True)
class LedgerRow:
    entry: LedgerEntry
    firm: str  # the name of the firm whose application the row moves money for
    by: str  # who moved it, as a person reads it: the office, or the firm itself, not an account name


def _by(account: Account | None, username: str) -> str:
    if account is None:
        return username  # a system actor (the scheduler, a command) keeps the name it signs with
    if account.role in ENTITY_ROLES:
        return "企业自助申领"
    label = {"finance": "财政局", "officer": "经办人员", "admin": "系统管理员"}.get(account.role, "")
    name = account.display_name or account.department or ""
    if name and label and label not in name:
        return f"{name}（{label}）"
    return name or label or username


def _ledger(session: Session, fund_id: str, offset: int, limit: int) -> list[LedgerRow]:
    """The fund's ledger rows, newest first, with the firm and the person behind each."""
    query = (
        select(LedgerEntry, Entity.name, Account)
        .join(Application, Application.id == LedgerEntry.application_id, isouter=True)
        .join(Entity, Entity.id == Application.entity_pk, isouter=True)
        .join(Account, Account.username == LedgerEntry.by, isouter=True)
        .where(LedgerEntry.fund_id == fund_id)
        .order_by(LedgerEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [LedgerRow(entry, name or "", _by(who, entry.by)) for entry, name, who in session.execute(query)]


def _ledger_count(session: Session, fund_id: str) -> int:
    return session.scalar(select(func.count()).select_from(LedgerEntry).where(LedgerEntry.fund_id == fund_id)) or 0


@router.get("/{fund_id}/ledger", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(
    request: Request, fund_id: str, user: FundViewer, plat: Plat, session: DbSession, page: str = "1"
) -> HTMLResponse:
    """资金台账: every commitment, release, payment and clawback of the fund, newest first, a page at a time."""
    fund = session.get(Fund, fund_id)
    if fund is None or fund not in _visible_funds(plat, user, session):
        raise HTTPException(404, "没有这个资金，或它与您所在部门无关")
    if not (page.isdigit() and 0 < int(page) <= 1_000_000):
        raise HTTPException(400, f"页码“{page[:20]}”应为正整数")
    total = _ledger_count(session, fund_id)
    pages = max(1, -(-total // LEDGER_PAGE))
    number = min(int(page), pages)
    return templates.TemplateResponse(
        request,
        "console_fund_ledger.html",
        {
            "user": user,
            "fund": fund,
            "rows": _ledger(session, fund_id, (number - 1) * LEDGER_PAGE, LEDGER_PAGE),
            "page": number,
            "pages": pages,
            "total": total,
            "KIND_ZH": funds.KIND_ZH,
            "quote": quote,
        },
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
    budget = figures.budget or funds.ZERO
    saved = f"{figures.period} 年度预算已设为 {funds.yuan(budget)}（{wan_text(budget)}）"
    return RedirectResponse(f"/console/funds/{quote(fund_id, safe='')}?saved={quote(saved)}", status_code=303)
