"""The public notice (公示): approved applications open to objection, and the form to raise one.

The form is anonymous, so its CSRF token cannot live in a session: the page sets a random cookie (SameSite=Strict,
so another site's form never carries it) and each form carries that value signed by the server with a time limit
(a double-submit token). A hidden field people never see and scripts fill in (a honeypot) drops the submission
without telling; the text has a size limit; the rate limits are kept in the database (``redemption.objections``).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from policyreach.redemption.objections import NotOnNotice, TooMany, raise_objection
from policyreach.redemption.states import ClaimRefused, State
from policyreach.store.models import Application, Entity
from policyreach.web.console import DbSession, Plat
from policyreach.web.deps import allow
from policyreach.web.templating import templates

router = APIRouter()

NOTICE_COOKIE = "pr_notice"
TOKEN_MAX_AGE = 4 * 3600
HONEYPOT = "website"  # looks like a field a bot fills; hidden from people and from assistive technology


def _signer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.sessions.secret, salt="policyreach-notice-objection")


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def _page(request: Request, plat: Plat, session: DbSession, message: str = "", status: int = 200) -> HTMLResponse:
    rows = session.execute(
        select(Application, Entity)
        .join(Entity, Entity.id == Application.entity_pk)
        .where(Application.state == State.NOTICE)
        .order_by(Application.notice_until)
    )
    titles = {b.id: b.spec.title for b in plat.compiled.benefits}
    nonce = request.cookies.get(NOTICE_COOKIE) or secrets.token_urlsafe(18)
    response = templates.TemplateResponse(
        request,
        "notice.html",
        {
            "user": None,
            "rows": list(rows),
            "titles": titles,
            "message": message,
            "token": _signer(request).dumps(nonce),
            "honeypot": HONEYPOT,
        },
        status_code=status,
    )
    response.set_cookie(NOTICE_COOKIE, nonce, max_age=TOKEN_MAX_AGE, httponly=True, samesite="strict")
    return response


@router.get(
    "/notice", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(allow("public.read"))]
)
def notice(request: Request, plat: Plat, session: DbSession) -> HTMLResponse:
    return _page(request, plat, session)


def _check_token(request: Request, token: str | None) -> None:
    nonce = request.cookies.get(NOTICE_COOKIE)
    try:
        signed = _signer(request).loads(token or "", max_age=TOKEN_MAX_AGE) if nonce else None
    except BadSignature:
        signed = None
    if not nonce or not isinstance(signed, str) or not secrets.compare_digest(signed, nonce):
        raise HTTPException(403, "表单已过期或来源不明：请打开公示页面后重新提交异议")


@router.post(
    "/notice/{application_id}/objection",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(allow("public.submit"))],
)
def objection(
    request: Request,
    application_id: int,
    plat: Plat,
    session: DbSession,
    text: Annotated[str, Form()] = "",
    contact: Annotated[str, Form()] = "",
    csrf_token: Annotated[str | None, Form()] = None,
    website: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Anyone may object while the notice runs; the first objection pauses the claim until an officer decides."""
    _check_token(request, csrf_token)
    if website:  # only a script fills the hidden field: answer as if received, keep nothing
        return _page(request, plat, session, "异议已收到，主管部门将核实处理。")
    try:
        received = raise_objection(session, application_id, text, contact=contact, address=client_address(request))
    except NotOnNotice as exc:
        session.rollback()
        raise HTTPException(404, str(exc)) from exc
    except TooMany as exc:
        session.rollback()
        raise HTTPException(429, str(exc)) from exc
    except ClaimRefused as exc:
        session.rollback()
        raise HTTPException(400, str(exc)) from exc
    session.commit()
    return _page(request, plat, session, received.message, 409 if received.status == "late" else 200)
