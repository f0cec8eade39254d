"""Passwords (argon2), signed session cookies and CSRF tokens."""

from __future__ import annotations

import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

_hasher = PasswordHasher()
SESSION_COOKIE = "pr_session"
SESSION_MAX_AGE = 8 * 3600


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


class Sessions:
    """Session state in a signed, time-limited cookie: the account id and a CSRF token."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self._serializer = URLSafeTimedSerializer(secret, salt="policyreach-session")

    def issue(self, account_id: int) -> str:
        return self._serializer.dumps({"a": account_id, "c": secrets.token_urlsafe(24)})

    def read(self, cookie: str | None) -> dict | None:
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
    """At most ``attempts`` failed logins per user name and address within ``window`` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[tuple[str, str], list[float]] = {}

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        self._failures[key] = recent
        return recent

    def blocked(self, username: str, address: str, now: float) -> bool:
        return len(self._recent((username, address), now)) >= self.attempts

    def failed(self, username: str, address: str, now: float) -> None:
        self._recent((username, address), now).append(now)

    def succeeded(self, username: str, address: str) -> None:
        self._failures.pop((username, address), None)
