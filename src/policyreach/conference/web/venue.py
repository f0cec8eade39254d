"""Pages of the venue's QR sign-in: staff show the rotating code of an activity; a member's phone opens its address
and confirms (a GET changes nothing; the sign-in is the POST of that page, with its CSRF token)."""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.conference import roles, venue
from policyreach.conference.records_models import Activity
from policyreach.conference.web.answers import guard
from policyreach.push.clock import current_clock, local
from policyreach.store.models import Account
from policyreach.web.deps import allow, csrf, db
from policyreach.web.templating import templates

router = APIRouter(prefix="/conference")
DbSession = Annotated[Session, Depends(db)]
User = Annotated[Account, Depends(allow("conference.use"))]


def _activity(session: Session, activity_id: int) -> Activity:
    act = session.get(Activity, activity_id)
    if act is None:
        raise HTTPException(404, "活动不存在")
    return act


def _code(request: Request, user: Account, session: Session, activity_id: int) -> tuple[Activity, venue.Code]:
    guard(roles.require, user, venue.SHOWERS, "展示签到二维码")
    act = _activity(session, activity_id)
    # the address phones reach: the configured public one, else the one this screen reached the server at
    base = settings.public_url() if os.environ.get("POLICYREACH_PUBLIC_URL") else str(request.base_url)
    return act, venue.code_for(act, base, current_clock().now())


@router.get("/activities/{activity_id}/qr.svg", include_in_schema=False)
def venue_code_svg(request: Request, activity_id: int, user: User, session: DbSession) -> Response:
    """The current code as an SVG image (the page swaps it in as it changes; never cached)."""
    _, code = _code(request, user, session, activity_id)
    return Response(code.svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@router.get("/activities/{activity_id}/qr", response_class=HTMLResponse, include_in_schema=False)
def venue_code(request: Request, activity_id: int, user: User, session: DbSession) -> HTMLResponse:
    """The code to show on a screen at the venue; the image is reloaded when the code changes (not the page)."""
    act, code = _code(request, user, session, activity_id)
    now = current_clock().now()
    try:
        venue.check_open(act, local(now).date())
        closed = ""
    except ValueError as exc:
        closed = str(exc)
    return templates.TemplateResponse(
        request, "conference_venue_qr.html", {"user": user, "act": act, "code": code, "closed": closed}
    )


def _member_page(request: Request, user: Account, session: DbSession, code: str, **data: object) -> HTMLResponse:
    guard(roles.require, user, (roles.MEMBER,), "扫码签到")
    act = _activity(session, guard(venue.activity_of, code, current_clock().now()))
    return templates.TemplateResponse(
        request, "conference_venue_sign_in.html", {"user": user, "act": act, "code": code, **data}
    )


@router.get("/venue/{code}", response_class=HTMLResponse, include_in_schema=False)
def venue_landing(request: Request, code: str, user: User, session: DbSession) -> HTMLResponse:
    """What the member's phone opens: the activity and one button to sign in."""
    return _member_page(request, user, session, code)


@router.post("/venue/{code}", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
def venue_sign_in(request: Request, code: str, user: User, session: DbSession) -> HTMLResponse:
    guard(roles.require, user, (roles.MEMBER,), "扫码签到")
    now = current_clock().now()
    act = _activity(session, guard(venue.activity_of, code, now))
    at, made = guard(venue.sign_in, session, user, act, code, now)
    session.commit()
    return _member_page(request, user, session, code, signed_at=at, made=made)
