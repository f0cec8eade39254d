"""The public notice (公示): approved applications open to objection, and the form to raise one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from policyreach.redemption.states import State
from policyreach.redemption.workflow import object_to
from policyreach.store.models import Application, Entity
from policyreach.web.console import DbSession, Plat
from policyreach.web.templating import templates

router = APIRouter()


@router.get("/notice", response_class=HTMLResponse, include_in_schema=False)
def notice(request: Request, plat: Plat, session: DbSession, done: int = 0) -> HTMLResponse:
    rows = session.execute(
        select(Application, Entity)
        .join(Entity, Entity.id == Application.entity_pk)
        .where(Application.state == State.NOTICE)
        .order_by(Application.notice_until)
    )
    titles = {b.id: b.spec.title for b in plat.compiled.benefits}
    return templates.TemplateResponse(
        request, "notice.html", {"user": None, "rows": list(rows), "titles": titles, "done": done}
    )


@router.post("/notice/{application_id}/objection", response_class=HTMLResponse, include_in_schema=False)
def objection(
    request: Request,
    application_id: int,
    session: DbSession,
    text: Annotated[str, Form()],
    contact: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Anyone may object while the notice runs; the objection pauses the claim until an officer decides."""
    application = session.get(Application, application_id)
    if application is None or application.state != State.NOTICE:
        raise HTTPException(404, "该申请不在公示期内")
    if len(text.strip()) < 10:
        raise HTTPException(422, "请写明异议的具体事实和理由（至少10个字）")
    object_to(session, application, text.strip()[:500], f"public:{contact.strip()[:40] or '匿名'}")
    session.commit()
    return notice(request, request.app.state.platform, session, done=1)
