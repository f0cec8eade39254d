"""Whether the policies work: the take-up page and its workbook, for the departments and the leaders."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from policyreach.app.takeup import REACH_DIMENSIONS, percent, take_up, takeup_xlsx
from policyreach.web.console import DbSession, Officer, Plat, _visible
from policyreach.web.downloads import attachment
from policyreach.web.templating import templates

router = APIRouter(prefix="/console")


@router.get("/takeup", response_class=HTMLResponse, include_in_schema=False)
def takeup_page(request: Request, user: Officer, plat: Plat, session: DbSession) -> HTMLResponse:
    """兑现率 per benefit (lowest first), per department, and whom the money reaches."""
    found = take_up(session, plat, plat.simulation(session), _visible(plat, user))
    return templates.TemplateResponse(
        request,
        "console_takeup.html",
        {"user": user, "t": found, "percent": percent, "DIMENSIONS": REACH_DIMENSIONS},
    )


@router.get("/takeup.xlsx", include_in_schema=False)
def takeup_export(user: Officer, plat: Plat, session: DbSession) -> Response:
    data = takeup_xlsx(take_up(session, plat, plat.simulation(session), _visible(plat, user)))
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": attachment("政策兑现情况.xlsx")},
    )
