"""Request dependencies: the database session, the logged-in account, the authorization policy's check and CSRF."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request
from sqlalchemy.orm import Session

from policyreach.app import authority, memory
from policyreach.app.accounts import live_account
from policyreach.app.authority import Assurance, Decision, Scope
from policyreach.app.platform import Platform
from policyreach.store.models import Account, Entity
from policyreach.web.security import SESSION_COOKIE, SessionData, Sessions, same_token

ENTITY_ROLES = ("enterprise", "institute", "talent")


class LoginRequired(Exception):
    """Raised for a page that needs a login: the app answers with a redirect to /login."""


class SignInIncomplete(Exception):
    """Raised for a page a sign-in may not see yet: the app sends the browser where it completes the sign-in."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


# where a browser completes a sign-in the policy holds back, and what an API client is told instead
COMPLETE_AT = {Decision.CHANGE_PASSWORD: "/account/password", Decision.ENROL: "/account/second-factor"}
COMPLETE_API = {
    Decision.CHANGE_PASSWORD: "管理员为此账号设置的密码须先修改：请在网页上登录并修改密码",
    Decision.ENROL: "此账号须先绑定二次验证（动态验证码）：请在网页上登录并完成绑定",
}
STEP_UP = "资金操作须在二次验证后进行：请退出，再用密码和动态验证码重新登录"


# The dependencies below that only read what is already loaded are ``async def``: FastAPI runs a plain ``def``
# dependency in the thread pool, and each hop to a thread and back cost more than such a dependency's own work (the
# policy list's profile, issue 25). Those that query the database stay plain functions, off the event loop.


async def platform(request: Request) -> Platform:
    return request.app.state.platform


def db(request: Request) -> Iterator[Session]:
    platform: Platform = request.app.state.platform
    with platform.sessions() as session:
        platform.refresh(session)  # another process may have published a new library version
        # the sign-in read in the same trip to the thread pool (a page asks it next, and a hop to a thread and back
        # cost about as much as the query: the policy list's profile, issue 25); no query without the cookie
        request.state.signed_in = current_account(request, session)
        yield session
    memory.served()  # a server process freezes what its first requests cached (app/memory.py)


def session_data(request: Request) -> SessionData | None:
    sessions: Sessions = request.app.state.sessions
    return sessions.read(request.cookies.get(SESSION_COOKIE))


def current_account(request: Request, session: Session) -> Account | None:
    """The signed-in account, if the cookie's server-side session is still open (not logged out, not ended by a
    password change, not expired): a copy of the cookie replayed after that opens nothing."""
    data = session_data(request)
    live = live_account(session, data["s"], data["a"]) if data else None
    if data is None or live is None:
        return None
    row, found = live  # live_account joined its agent, which an error page reads after the session closed
    request.state.csrf = data["c"]
    request.state.user = found  # for an error page's navigation, without a second pool connection
    request.state.second_factor = row.second_factor  # what the policy's gate reads of this sign-in
    return found


def assurance(request: Request, user: Account) -> Assurance:
    """The sign-in's assurance for the policy's gate (a session not read here counts as without second factor)."""
    return Assurance(
        second_factor=bool(getattr(request.state, "second_factor", False)),
        enrolled=user.totp_secret is not None,
        must_change_password=user.must_change_password,
        required=bool(getattr(request.app.state, "totp_required", True)),
    )


async def account(request: Request, session: Annotated[Session, Depends(db)]) -> Account:
    found: Account | None = request.state.signed_in  # read by ``db``
    if found is None:
        raise LoginRequired
    return found


async def maybe_account(request: Request, session: Annotated[Session, Depends(db)]) -> Account | None:
    """The signed-in account, or None for an anonymous visitor (the policy decides what that visitor may do); a
    session ended on the server (logout, password change) is anonymous. Read by ``db`` as the request began."""
    found: Account | None = request.state.signed_in
    return found


def _answer(request: Request, user: Account | None, action: str, scope: Scope | None, exists: bool) -> Account:
    decision = authority.decide(user, action, scope, exists=exists)
    if decision is Decision.ALLOW and user is not None:
        decision = authority.gate(user.role, action, assurance(request, user)) or decision
    if decision in COMPLETE_AT:
        if request.url.path.startswith("/api/"):
            raise HTTPException(403, COMPLETE_API[decision])
        raise SignInIncomplete(COMPLETE_AT[decision])
    if decision is Decision.STEP_UP:
        raise HTTPException(403, STEP_UP)
    if decision is Decision.ALLOW:
        assert user is not None or authority.may(authority.ANONYMOUS, action)
        return user  # type: ignore[return-value]  # None only for a public action, whose routes take no account
    if decision is Decision.LOGIN:
        if request.url.path.startswith("/api/"):
            raise HTTPException(401, "需要 Bearer 令牌")
        raise LoginRequired
    if decision is Decision.NOT_FOUND:
        raise HTTPException(404, "没有这个对象，或它不属于您（您所在部门）")
    assert user is not None
    if authority.may(user.role, action) and not authority.agent_may(user, action):
        # the firm's own account could do this: its agent is outside its authorisation, and is told what it lacks
        needed = authority.AGENT_NEEDS.get(action)
        if needed is None:
            raise HTTPException(403, "此操作只能由本单位法定代表人的账号进行，经办人不能办理")
        raise HTTPException(
            403, f"您的经办授权不含“{authority.AGENT_SCOPES[needed]}”，不能进行此操作；如需办理，请联系本单位法定代表人"
        )
    raise HTTPException(403, f"{authority.ROLE_ZH.get(user.role, user.role)}账号不能进行此操作")


def demand(request: Request, user: Account, action: str, scope: Scope | None) -> None:
    """Ask the policy again inside a route, for an action its form chooses (an approval among a review's
    decisions): the same answers as ``allow``."""
    _answer(request, user, action, scope, True)


async def entity_account(request: Request, user: Annotated[Account | None, Depends(maybe_account)]) -> Account:
    # async (no thread hop): the account, its agent and its entity were loaded together by ``maybe_account``
    found = _answer(request, user, "portal.use", None, True)
    if found.entity is None:
        raise HTTPException(403, "此页面仅供企业、单位和人才用户使用")
    return found


def firm_account(action: str) -> Callable[..., Account]:
    """A firm's page or form that needs ``action`` (``firm.apply``, ``firm.bank`` …): the account, once the policy
    (and, for an agent, its scopes) allows it and the account has an entity."""

    def check(request: Request, user: Annotated[Account | None, Depends(maybe_account)]) -> Account:
        found = _answer(request, user, action, None, True)
        if found.entity is None:
            raise HTTPException(403, "此页面仅供企业、单位和人才用户使用")
        return found

    check.__name__ = f"allow_{action.replace('.', '_')}"  # it asks the policy, like ``allow``
    return check


def own_entity(user: Annotated[Account, Depends(entity_account)]) -> Entity:
    assert user.entity is not None
    return user.entity


def officer(request: Request, user: Annotated[Account | None, Depends(maybe_account)]) -> Account:
    return _answer(request, user, "console.read", None, True)


def csrf(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> None:
    data = session_data(request)
    if data is None or not same_token(data["c"], csrf_token):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试")


def allow(
    action: str,
    scope: Callable[..., Scope | None] | None = None,
    *,
    who: Callable[..., Account | None] | Callable[..., Awaitable[Account | None]] = maybe_account,
) -> Callable[..., Account]:
    """A route's dependency asking the one policy (``app.authority``): the account, once allowed.

    ``scope`` is a dependency resolving the route's object (from its path) into its owners, None when the id names
    nothing; ``who`` reads the account (the session cookie, or the API's bearer token). Anonymous visitors are sent
    to sign in (401 on the API), a role without the action gets 403, someone else's object 404.
    """
    # built with real annotation objects: this module's string annotations cannot name ``who`` and ``scope``
    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
        inspect.Parameter(
            "user", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Annotated[Account | None, Depends(who)]
        ),
    ]
    if scope is not None:
        parameters.append(
            inspect.Parameter(
                "found", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Annotated[Scope | None, Depends(scope)]
            )
        )

    def check(request: Request, user: Account | None, found: Scope | None = None) -> Account:
        return _answer(request, user, action, found, scope is None or found is not None)

    check.__signature__ = inspect.Signature(parameters, return_annotation=Account)  # type: ignore[attr-defined]
    check.__name__ = f"allow_{action.replace('.', '_')}"
    return check
