"""The legal representative's page of the firm's agents (经办人): authorise, list with what each did, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from policyreach import clock, settings
from policyreach.app import agents
from policyreach.app.authority import AGENT_SCOPES, Scope
from policyreach.app.platform import Platform
from policyreach.redemption import audit
from policyreach.redemption.facts import facts_of
from policyreach.store.models import Account, Application, FirmAgent
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.security import client_address
from policyreach.web.templating import templates

router = APIRouter()

DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]


def agent_scope(agent_id: int, session: DbSession) -> Scope | None:
    """An authorisation belongs to its firm: another firm's id answers "not found"."""
    found = session.get(FirmAgent, agent_id)
    return None if found is None else Scope(entity_pk=found.entity_pk)


Representative = Annotated[Account, Depends(allow("agents.manage"))]


def _page(
    request: Request,
    session: Session,
    plat: Platform,
    user: Account,
    *,
    granted: agents.Granted | None = None,
    errors: list[str] | None = None,
    typed: dict[str, object] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    assert user.entity_pk is not None
    today = clock.today()
    rows = agents.agents_of(session, user.entity_pk)
    done = agents.actions_of(session, rows)
    titles: dict[str, str] = {}  # "application:12" → the benefit's title, as the firm reads it
    for entries in done.values():
        for entry in entries:
            kind, _, key = entry.subject.partition(":")
            if kind == "application" and key.isdigit() and entry.subject not in titles:
                application = session.get(Application, int(key))
                if application is not None and application.entity_pk == user.entity_pk:
                    titles[entry.subject] = facts_of(plat, application).shown_title
    return templates.TemplateResponse(
        request,
        "agents.html",
        {
            "user": user,
            "rows": rows,
            "done": done,
            "titles": titles,
            "status": {row.id: agents.status(row, today) for row in rows},
            "STATUS_ZH": agents.STATUS_ZH,
            "ACTION_ZH": agents.ACTION_ZH,
            "SCOPES": AGENT_SCOPES,
            "granted": granted,
            "errors": errors or [],
            "typed": typed or {"scopes": ["view"]},
            "today": today,
            "max_days": settings.agent_max_days(),
        },
        status_code=status_code,
    )


@router.get("/me/agents", response_class=HTMLResponse, include_in_schema=False)
def agents_page(request: Request, session: DbSession, plat: Plat, user: Representative) -> HTMLResponse:
    return _page(request, session, plat, user)


@router.post("/me/agents", include_in_schema=False, dependencies=[Depends(csrf)])
def grant_agent(
    request: Request,
    session: DbSession,
    plat: Plat,
    user: Representative,
    name: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    subject: Annotated[str, Form()] = "",
    expires_on: Annotated[str, Form()] = "",
    scopes: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Authorise an agent; the page answers with its user name and one-time password, shown this once."""
    typed: dict[str, object] = {
        "name": name,
        "phone": phone,
        "subject": subject,
        "expires_on": expires_on,
        "scopes": scopes or [],
    }
    try:
        granted = agents.grant(
            session, user, name=name, phone=phone, scopes=scopes or [], expires_on=expires_on, subject=subject
        )
    except agents.AgentError as exc:
        session.rollback()
        return _page(request, session, plat, user, errors=exc.problems, typed=typed, status_code=400)
    audit.record(
        session,
        user.username,
        "agent.granted",
        f"agent:{granted.agent.id}",
        {
            "agent": granted.username,
            "scopes": granted.agent.scopes,
            "expires_on": granted.agent.expires_on.isoformat(),
            "ip": client_address(request),
        },
    )
    session.commit()
    # answered here, not by a redirect: the password must not travel in a URL or be shown a second time
    return _page(request, session, plat, user, granted=granted)


@router.post("/me/agents/{agent_id}/revoke", include_in_schema=False, dependencies=[Depends(csrf)])
def revoke_agent(
    request: Request,
    agent_id: int,
    session: DbSession,
    user: Annotated[Account, Depends(allow("agents.manage", agent_scope))],
) -> RedirectResponse:
    try:
        agent = agents.revoke(session, user, agent_id)
    except agents.AgentError as exc:
        session.rollback()
        raise HTTPException(409, str(exc)) from exc
    audit.record(
        session,
        user.username,
        "agent.revoked",
        f"agent:{agent.id}",
        {"agent": agent.account.username, "ip": client_address(request)},
    )
    session.commit()
    return RedirectResponse(f"/me/agents#g{agent_id}", status_code=303)
