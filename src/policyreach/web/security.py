"""Signed session cookies, CSRF tokens, security headers and the login limiter (passwords: app.accounts)."""

from __future__ import annotations

import hmac
import secrets
from typing import TypedDict

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from policyreach.store.models import LoginFailure

SESSION_COOKIE = "pr_session"
SESSION_MAX_AGE = 8 * 3600


class SessionData(TypedDict):
    """What a session cookie carries; only a cookie this platform signed is read, so both keys are there."""

    a: int  # the account id
    c: str  # the CSRF token of forms


class Sessions:
    """Session state in a signed, time-limited cookie: the account id and a CSRF token."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self._serializer = URLSafeTimedSerializer(secret, salt="policyreach-session")

    def issue(self, account_id: int) -> str:
        return self._serializer.dumps({"a": account_id, "c": secrets.token_urlsafe(24)})

    def read(self, cookie: str | None) -> SessionData | None:
        if not cookie:
            return None
        try:
            return self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None


def same_token(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected, given)


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Plotly's figures are inline scripts; nothing is loaded from another origin
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
}


class LoginLimiter:
    """At most ``attempts`` failed logins per user name and address within ``window`` seconds.

    The failures live in the database (``login_failures``), so every server process of the platform counts the same
    ones; old rows are pruned as new failures come, which bounds the table by the attempts of one window.
    """

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window

    def blocked(self, session: Session, username: str, address: str, now: float) -> bool:
        recent = session.scalar(
            select(func.count())
            .select_from(LoginFailure)
            .where(
                LoginFailure.username == username[:64],
                LoginFailure.address == address[:64],
                LoginFailure.at > now - self.window,
            )
        )
        return (recent or 0) >= self.attempts

    def failed(self, session: Session, username: str, address: str, now: float) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.window))
        session.add(LoginFailure(username=username[:64], address=address[:64], at=now))
        session.commit()

    def succeeded(self, session: Session, username: str, address: str) -> None:
        session.execute(
            delete(LoginFailure).where(LoginFailure.username == username[:64], LoginFailure.address == address[:64])
        )
