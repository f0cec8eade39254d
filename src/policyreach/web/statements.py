"""The firm's money pages: the year's statement (HTML, PDF, XLSX) and a receipt per paid application."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from policyreach.redemption.facts import facts_of
from policyreach.redemption.statements import NON_TAXABLE_HINT, payments, statement, statement_xlsx
from policyreach.redemption.states import STATE_ZH, State
from policyreach.reports.pdf import PdfUnavailable, html_to_pdf
from policyreach.store.models import Account, Application, Entity
from policyreach.web import scopes
from policyreach.web.console import DbSession, Plat
from policyreach.web.deps import allow, entity_account
from policyreach.web.downloads import attachment
from policyreach.web.templating import templates

router = APIRouter()
Firm = Annotated[Account, Depends(entity_account)]
FIRST_YEAR = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(plat: Plat, year: int | None) -> int:
    this = plat.as_of.year
    if year is None:
        return this
    if not FIRST_YEAR <= year <= this:
        raise HTTPException(400, f"年度应在 {FIRST_YEAR} 至 {this} 之间")
    return year


def _statement_html(request: Request, session: DbSession, plat: Plat, user: Account, year: int, printing: bool) -> str:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    found = statement(session, plat, entity.id, entity.name, entity.uscc, year)
    return templates.get_template("statement.html").render(
        request=request,
        s=found,
        years=list(range(plat.as_of.year, max(FIRST_YEAR, plat.as_of.year - 5) - 1, -1)),
        printing=printing,
        hint=NON_TAXABLE_HINT,
        today=plat.as_of,
    )


@router.get("/me/statement", response_class=HTMLResponse, include_in_schema=False)
def my_statement(request: Request, session: DbSession, plat: Plat, user: Firm, year: int | None = None) -> HTMLResponse:
    """Everything the firm received through the platform in a year, for its books and its income-tax return."""
    return HTMLResponse(_statement_html(request, session, plat, user, _year(plat, year), printing=False))


@router.get("/me/statement.xlsx", include_in_schema=False)
def my_statement_xlsx(session: DbSession, plat: Plat, user: Firm, year: int | None = None) -> Response:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    data = statement_xlsx(statement(session, plat, entity.id, entity.name, entity.uscc, _year(plat, year)))
    return _download(
        data, f"{year}年度政策资金对账单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@router.get("/me/statement.pdf", include_in_schema=False)
def my_statement_pdf(request: Request, session: DbSession, plat: Plat, user: Firm, year: int | None = None) -> Response:
    shown = _year(plat, year)
    try:
        data = html_to_pdf(_statement_html(request, session, plat, user, shown, printing=True))
    except PdfUnavailable as exc:
        raise HTTPException(503, str(exc)) from exc
    return _download(data, f"{shown}年度政策资金对账单.pdf", "application/pdf")


@router.get("/me/applications/{application_id}/receipt", response_class=HTMLResponse, include_in_schema=False)
def receipt(
    request: Request,
    application_id: int,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(allow("portal.use", scopes.application))],
) -> HTMLResponse:
    """A receipt (拨付回单) for the money paid on one of the firm's applications, to print or keep."""
    application = session.get(Application, application_id)
    if application is None or application.entity_pk != user.entity_pk:
        raise HTTPException(404, "没有这个申请")
    paid = [p for p in payments(session, plat, application.entity_pk) if p.application_id == application_id]
    if not paid:
        raise HTTPException(404, "该申请尚未拨付，暂无回单")
    entity = session.get(Entity, application.entity_pk)
    bank = (application.snapshot or {}).get("bank") or {}
    number = str(bank.get("number") or "")
    # the number itself is sealed (store/crypto.py): the snapshot keeps its last four digits in clear for pages
    tail = str(bank.get("tail") or (number[-4:] if number.isdigit() else ""))
    return templates.TemplateResponse(
        request,
        "receipt.html",
        {
            "a": application,
            "entity": entity,
            "title": facts_of(plat, application).shown_title,
            "paid": paid,
            "state": STATE_ZH[State(application.state)],
            "account": f"{bank.get('name', '')} 尾号 {tail}" if tail else "",
            "today": plat.as_of,
        },
    )


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": attachment(filename)})


__all__ = ["router"]
