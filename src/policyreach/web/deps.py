"""Request dependencies: the database session, the logged-in account, role checks and CSRF."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request
from sqlalchemy.orm import Session

from policyreach.app.accounts import session_account
from policyreach.app.platform import Platform
from policyreach.store.models import Account, Entity
from policyreach.web.security import SESSION_COOKIE, SessionData, Sessions, same_token

ENTITY_ROLES = ("enterprise", "institute", "talent")


class LoginRequired(Exception):
    """Raised for a page that needs a login: the app answers with a redirect to /login."""


def platform(request: Request) -> Platform:
    return request.app.state.platform


def db(request: Request) -> Iterator[Session]:
    platform: Platform = request.app.state.platform
    with platform.sessions() as session:
        platform.refresh(session)  # another process may have published a new library version
        yield session


def session_data(request: Request) -> SessionData | None:
    sessions: Sessions = request.app.state.sessions
    return sessions.read(request.cookies.get(SESSION_COOKIE))


def current_account(request: Request, session: Session) -> Account | None:
    """The signed-in account, if the cookie's server-side session is still open (not logged out, not ended by a
    password change, not expired): a copy of the cookie replayed after that opens nothing."""
    data = session_data(request)
    found = session_account(session, data["s"], data["a"]) if data else None
    if data is not None and found is not None:
        request.state.csrf = data["c"]
        request.state.user = found  # for an error page's navigation, without a second pool connection
    return found


def account(request: Request, session: Annotated[Session, Depends(db)]) -> Account:
    found = current_account(request, session)
    if found is None:
        raise LoginRequired
    return found


def entity_account(user: Annotated[Account, Depends(account)]) -> Account:
    if user.role not in ENTITY_ROLES or user.entity is None:
        raise HTTPException(403, "此页面仅供企业、单位和人才用户使用")
    return user


def own_entity(user: Annotated[Account, Depends(entity_account)]) -> Entity:
    assert user.entity is not None
    return user.entity


def officer(user: Annotated[Account, Depends(account)]) -> Account:
    if user.role not in ("officer", "admin"):
        raise HTTPException(403, "此页面仅供政府部门工作人员使用")
    return user


def csrf(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> None:
    data = session_data(request)
    if data is None or not same_token(data["c"], csrf_token):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试")
