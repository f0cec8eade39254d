"""The second factor's pages: the code asked after the password, enrolment (QR code, secret, recovery codes shown
once) and the administrator's resets (second factor, password). The rules are in app/second_factor.py and
app/passwords.py; what a sign-in without them may do is the policy's (app/authority.gate).

A password accepted for an account with a second factor opens no session: the browser gets a short-lived signed
cookie naming the account (the half-signed-in state), which grants nothing but the right to send a code; the session
is opened only when the code is accepted. Codes are counted by the login limiter like passwords, on a key of their
own, so that signing in again with the password does not clear the failed codes.
"""

from __future__ import annotations

import hashlib
import time
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from policyreach.app import accounts, authority, second_factor
from policyreach.app.accounts import mark_second_factor, open_session
from policyreach.redemption import audit
from policyreach.store.models import Account
from policyreach.web import console
from policyreach.web.deps import account, allow, csrf, db, session_data
from policyreach.web.security import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    Sessions,
    TooManyAttempts,
    client_address,
    is_https,
    same_origin,
)
from policyreach.web.templating import templates

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]

PENDING_COOKIE = "pr_second"
PENDING_MAX_AGE = 300  # seconds to type the code after the password


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.sessions.secret, salt="policyreach-second-factor")


def _fingerprint(user: Account) -> str:
    """Changes with the password and the factor: a half sign-in made before either changed opens nothing."""
    return hashlib.sha256(f"{user.password_hash}|{user.totp_secret}".encode()).hexdigest()[:24]


def _target(user: Account, next: str) -> str:
    if user.must_change_password:
        return "/account/password"
    return next if next.startswith("/") and not next.startswith("//") else "/"


def begin(request: Request, user: Account, next: str) -> Response:
    """After a correct password for an account with a second factor: no session yet, only the question."""
    token = _serializer(request).dumps({"a": user.id, "f": _fingerprint(user), "n": next})
    response = RedirectResponse("/login/second-factor", status_code=303)
    response.set_cookie(
        PENDING_COOKIE,
        token,
        max_age=PENDING_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        path="/login",
    )
    return response


def _pending(request: Request, session: Session) -> tuple[Account, str] | None:
    cookie = request.cookies.get(PENDING_COOKIE)
    if not cookie:
        return None
    try:
        data = _serializer(request).loads(cookie, max_age=PENDING_MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return None
    user = session.get(Account, data["a"])
    if user is None or user.totp_secret is None or data.get("f") != _fingerprint(user):
        return None
    return user, str(data.get("n") or "/")


def check_code(request: Request, session: Session, user: Account, code: str) -> bool:
    """One code (TOTP or recovery) under the login limiter; raises TooManyAttempts before checking when refused."""
    limiter = request.app.state.login_limiter
    key, address, now = f"2fa:{user.id}", client_address(request), time.time()
    verdict = limiter.attempt(session, key, address, now)
    if verdict.attempt is None:
        raise TooManyAttempts(verdict.retry_after, verdict.message)
    if second_factor.verify(session, user, code, now):
        limiter.succeeded(session, verdict, key, address)  # commits the accepted step with it
        return True
    session.rollback()
    limiter.failed(session, verdict, now)
    return False


def _code_page(
    request: Request,
    error: str | None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    *,
    expired: bool = False,
) -> Response:
    sessions: Sessions = request.app.state.sessions
    nonce = request.cookies.get(LOGIN_COOKIE) or ""
    return templates.TemplateResponse(
        request,
        "second_factor_login.html",
        {"error": error, "login_token": sessions.login_token(nonce), "expired": expired},
        status_code=status_code,
        headers=headers,
    )


@router.get(
    "/login/second-factor",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(allow("public.read"))],
)
def code_page(request: Request, session: DbSession) -> Response:
    if _pending(request, session) is None:  # no password given, or more than five minutes ago
        return _code_page(request, None, expired=True)
    return _code_page(request, None)


@router.post("/login/second-factor", include_in_schema=False, dependencies=[Depends(allow("public.submit"))])
def code_submit(
    request: Request,
    session: DbSession,
    code: Annotated[str, Form(max_length=64)],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    sessions: Sessions = request.app.state.sessions
    if not same_origin(request) or not sessions.login_token_matches(csrf_token, request.cookies.get(LOGIN_COOKIE)):
        return _code_page(request, "表单已过期或来源不明，请重新登录", status_code=403)
    pending = _pending(request, session)
    if pending is None:
        return _code_page(request, None, status_code=400, expired=True)
    user, next = pending
    if not code.strip():
        return _code_page(request, "请填写动态验证码（code）", status_code=400)
    try:
        accepted = check_code(request, session, user, code)
    except TooManyAttempts as refused:
        return _code_page(request, refused.message, status_code=429, headers={"Retry-After": str(refused.retry_after)})
    if not accepted:
        return _code_page(request, "动态验证码不正确或已使用过，请输入验证器应用中的新验证码或一个恢复码", 401)
    audit.record(
        session, user.username, "login", f"account:{user.id}", {"ip": client_address(request), "second_factor": True}
    )
    cookie = sessions.issue(user.id, open_session(session, user.id, "web", SESSION_MAX_AGE, second_factor=True))
    session.commit()
    response = RedirectResponse(_target(user, next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, cookie, max_age=SESSION_MAX_AGE, httponly=True, samesite="lax", secure=is_https(request)
    )
    response.delete_cookie(PENDING_COOKIE, path="/login")
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


# -- enrolment ---------------------------------------------------------------------------------------------------


def _enrol_page(
    request: Request, session: Session, user: Account, *, start: bool = False, **extra: object
) -> HTMLResponse:
    """The enrolment page (``start``: make the secret to enrol if there is none yet) or, once enrolled, its state."""
    required = bool(request.app.state.totp_required) and user.role in authority.SECOND_FACTOR_ROLES
    context: dict[str, object] = {"user": user, "error": None, "codes": None, "required": required}
    if user.totp_secret is None and (start or user.totp_pending is not None):
        if start:
            second_factor.pending_secret(user)
            session.commit()  # the same secret on a reload, the one the app scanned
        secret = user.totp_pending or ""
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["uri"] = second_factor.provisioning_uri(secret, user.username)
    elif user.totp_secret is not None:
        context["remaining"] = second_factor.remaining_codes(session, user)
    context.update(extra)
    status = 400 if context.get("error") else 200
    return templates.TemplateResponse(request, "second_factor.html", context, status_code=status)


@router.get(
    "/account/second-factor",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(allow("account.secure"))],
)
def enrol_page(request: Request, session: DbSession, user: Annotated[Account, Depends(account)]) -> HTMLResponse:
    return _enrol_page(request, session, user, start=True)


@router.get("/account/second-factor/qr.svg", include_in_schema=False, dependencies=[Depends(allow("account.secure"))])
def enrol_qr(session: DbSession, user: Annotated[Account, Depends(account)]) -> Response:
    """The QR code of the secret being enrolled, drawn here: the secret never leaves for another site."""
    if user.totp_secret is not None or user.totp_pending is None:
        raise HTTPException(404, "没有待绑定的二次验证")
    svg = second_factor.qr_svg(second_factor.provisioning_uri(user.totp_pending, user.username))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@router.post(
    "/account/second-factor", include_in_schema=False, dependencies=[Depends(allow("account.secure")), Depends(csrf)]
)
def enrol(
    request: Request,
    session: DbSession,
    user: Annotated[Account, Depends(account)],
    code: Annotated[str, Form(max_length=64)] = "",
) -> HTMLResponse:
    """Confirm with a code from the app: the factor is the account's, this session counts as opened with it, and
    the recovery codes are shown this once."""
    try:
        codes = second_factor.confirm(session, user, code)
    except second_factor.SecondFactorError as exc:
        session.rollback()
        return _enrol_page(request, session, user, error=str(exc))
    data = session_data(request)
    assert data is not None  # the account dependency read it
    mark_second_factor(session, data["s"])
    audit.record(session, user.username, "second_factor_enrol", f"account:{user.id}", {"ip": client_address(request)})
    session.commit()
    return templates.TemplateResponse(
        request, "second_factor.html", {"user": user, "error": None, "codes": codes, "remaining": len(codes)}
    )


# -- an administrator's resets -----------------------------------------------------------------------------------

Admin = Annotated[Account, Depends(allow("accounts.manage"))]


def _target_account(session: Session, account_id: int) -> Account:
    found = session.get(Account, account_id)
    if found is None:
        raise HTTPException(404, "没有这个账号")
    return found


@router.post(
    "/console/accounts/{account_id}/second-factor/reset", include_in_schema=False, dependencies=[Depends(csrf)]
)
def reset_second_factor(request: Request, account_id: int, user: Admin, session: DbSession) -> Response:
    """Remove an account's second factor (a lost phone): it must enrol again, and every session of it ends."""
    target = _target_account(session, account_id)
    second_factor.reset(session, target)
    audit.record(
        session,
        user.username,
        "second_factor_reset",
        f"account:{target.id}",
        {"username": target.username, "ip": client_address(request)},
    )
    session.commit()
    note = f"已重置账号 {target.username} 的二次验证，其下次登录须重新绑定"
    return RedirectResponse(f"/console/accounts?note={quote(note)}", status_code=303)


@router.post("/console/accounts/{account_id}/password", include_in_schema=False, dependencies=[Depends(csrf)])
def reset_password(
    request: Request,
    account_id: int,
    user: Admin,
    session: DbSession,
    password: Annotated[str, Form(max_length=256)] = "",
) -> Response:
    """Set a temporary password (a forgotten one): the policy applies; the owner must change it at the next sign-in."""
    target = _target_account(session, account_id)
    try:
        accounts.set_by_administrator(session, target, password)
    except accounts.AccountError as exc:
        session.rollback()
        refused = console.accounts_page(request, user, session, error=f"临时密码（password）：{exc}")
        refused.status_code = 400
        return refused
    audit.record(
        session,
        user.username,
        "password_reset",
        f"account:{target.id}",
        {"username": target.username, "ip": client_address(request)},
    )
    session.commit()
    note = f"已为账号 {target.username} 设置临时密码，其下次登录须先修改密码"
    return RedirectResponse(f"/console/accounts?note={quote(note)}", status_code=303)
