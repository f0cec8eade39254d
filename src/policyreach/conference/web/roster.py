"""Pages of onboarding: the roster of members, the handling units and past years' records, imported from XLSX by the
office."""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.conference import history, roles, roster, terms
from policyreach.conference.models import HandlingUnit
from policyreach.conference.web.answers import guard
from policyreach.push.clock import today
from policyreach.store.models import Account
from policyreach.web.deps import allow, csrf, db
from policyreach.web.downloads import attachment
from policyreach.web.templating import templates
from policyreach.web.uploads import display_name, read_limited
from policyreach.workbooks import UnreadableFile

router = APIRouter(prefix="/conference")
DbSession = Annotated[Session, Depends(db)]
User = Annotated[Account, Depends(allow("conference.use"))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(user: Account) -> None:
    guard(roles.require, user, roster.IMPORTERS, "导入名册")


def _page(request: Request, user: Account, session: Session, status: int = 200, **data: object) -> HTMLResponse:
    seats = terms.seat_counts(session)
    units = session.scalar(select(func.count()).select_from(HandlingUnit)) or 0
    return templates.TemplateResponse(
        request,
        "conference_roster.html",
        {"user": user, "seats": seats, "units": units, "KINDS": roster.KINDS, "HISTORY": history.KINDS, **data},
        status_code=status,
    )


@router.get("/roster", response_class=HTMLResponse, include_in_schema=False)
def roster_page(request: Request, user: User, session: DbSession) -> HTMLResponse:
    _require(user)
    return _page(request, user, session)


@router.get("/roster/template.xlsx", include_in_schema=False)
def roster_template(user: User, kind: str = "members") -> Response:
    _require(user)
    if kind not in roster.kinds():
        raise HTTPException(400, "“名册类别”应为委员名册、承办单位、机关工作人员或往年数据")
    name = f"{roster.kinds()[kind][0]}模板.xlsx"
    return Response(
        roster.template(kind),
        media_type=XLSX,
        headers={"Content-Disposition": attachment(name)},
    )


@router.post("/roster", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
async def roster_import(
    request: Request,
    user: User,
    session: DbSession,
    kind: Annotated[str, Form()] = "members",
    file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Every row checked, then all taken or none; a refusal lists each row and column and offers the marked copy."""
    _require(user)
    if kind not in roster.kinds():
        raise HTTPException(400, "“名册类别”应为委员名册、承办单位、机关工作人员或往年数据")
    if file is None or not file.filename:
        raise HTTPException(400, "请选择要导入的 XLSX 文件")
    name = display_name(file)
    raw = await read_limited(file)
    try:
        outcome = roster.import_roster(session, user, raw, kind, name, today())
    except UnreadableFile as exc:
        raise HTTPException(400, str(exc)) from exc
    if not outcome.ok:
        session.rollback()
        marked = base64.b64encode(outcome.marked or b"").decode("ascii")
        return _page(request, user, session, 400, outcome=outcome, filename=name, marked=marked)
    session.commit()
    return _page(request, user, session, outcome=outcome, filename=name)
